package dev.flecto.planner;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.jsonPath;
import static dev.flecto.query.Exprs.jsonText;
import static dev.flecto.query.Exprs.selectedAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.LoadException;
import dev.flecto.query.Query;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A selected JSON path is read as the JSON text and decoded once per value with the map fields' mapper. */
class JsonSelectionTest {
  @Schema("docs")
  public record Doc(@Id Long id, Map<String, Object> data) {}

  /** Selected values. */
  public record Pair(Integer size, List<Object> tags) {}

  @Test
  void aJsonPathIsReadAsTextAndDecodedToAPlainValue() {
    PlannedQuery<Object> p = Planner.plan(Query.from(Doc.class).select(jsonPath(field("data"), "a"), Object.class));
    SelectedColumn c = p.columns().get(0);
    assertThat(c.readType()).isEqualTo(String.class);
    assertThat(c.convert().apply("{\"b\":[1,\"x\"]}")).isEqualTo(Map.of("b", List.of(1, "x")));
    assertThat(c.convert().apply("null")).isNull();
    assertThat(Planner.plan(Query.from(Doc.class).select(jsonText(field("data"), "a"), String.class)).columns().get(0).readType())
        .as("#>> is text already").isEqualTo(Object.class);
  }

  @Test
  void theDecodedValueIsCastToTheAskedTypeAlsoInRecordsAndUnderANameRecords() {
    SelectedColumn asLong = Planner.plan(Query.from(Doc.class).select(jsonPath(field("data"), "n"), Long.class)).columns().get(0);
    assertThat(asLong.convert().apply("12")).isEqualTo(12L);
    PlannedQuery<Pair> p = Planner.plan(Query.from(Doc.class).select(Pair.class, jsonPath(field("data"), "size"),
        jsonPath(field("data"), "tags")));
    assertThat(p.assemble().apply(new Object[] {
        p.columns().get(0).convert().apply("3"), p.columns().get(1).convert().apply("[\"a\"]")}))
        .isEqualTo(new Pair(3, List.of("a")));
    SelectedColumn named = Planner.plan(Query.from(Doc.class).select(selectedAs(jsonPath(field("data"), "t"), "t"), Object.class))
        .columns().get(0);
    assertThat(named.convert().apply("true")).isEqualTo(Boolean.TRUE);
  }

  @Test
  void jsonTheReaderRefusesFailsAsALoadExceptionNamingTheQuery() {
    SelectedColumn c = Planner.plan(Query.from(Doc.class).select(jsonPath(field("data"), "n"), Object.class)).columns().get(0);
    assertThatThrownBy(() -> c.convert().apply("1" + "0".repeat(1000))).isInstanceOf(LoadException.class)
        .hasMessageContaining("selected JSON path").hasMessageContaining("Number value length (1001)")
        .hasMessageContaining("in query from Doc select data#>[...]");
  }
}
