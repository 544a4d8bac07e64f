package dev.flecto.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.DumpException;
import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Id;
import dev.flecto.schema.JsonText;
import dev.flecto.schema.Schema;
import dev.flecto.schema.SchemaMeta;
import dev.flecto.schema.Schemas;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Map fields are encoded once when a write is planned: the adapter binds the text, the record keeps the map. */
class JsonValuesTest {
  @Schema("docs")
  public record Doc(@Id Long id, String name, Map<String, Object> data) {}

  private final SchemaMeta<Doc> meta = Schemas.of(Doc.class);

  @Test
  void anInsertBindsTheJsonTextAndKeepsTheMap() {
    Map<String, Object> data = Map.of("on", LocalDate.parse("2024-05-01"));
    WritePlan plan = WritePlan.insert(meta, new Doc(null, "a", data), Map.of(), Clock.systemUTC());
    assertThat(plan.values).containsExactly("a", data);
    assertThat(plan.bound).containsExactly("a", new JsonText("{\"on\":\"2024-05-01\"}"));
  }

  @Test
  void aMapThatCannotBeWrittenFailsThePlanNamingFieldAndSchema() {
    assertThatThrownBy(() -> WritePlan.insert(meta, new Doc(null, "a", Map.of("x", new Object())), Map.of(), Clock.systemUTC()))
        .isInstanceOf(DumpException.class).hasMessageStartingWith("cannot write field 'data' of schema Doc (table docs) as JSON: ")
        .hasMessageContaining("No serializer found");
    Changeset<Doc> cs = Changeset.change(new Doc(1L, "a", null), Map.of("data", Map.of("k".repeat(50_001), 1)));
    assertThatThrownBy(() -> WritePlan.update(cs, Clock.systemUTC())).isInstanceOf(DumpException.class)
        .hasMessageContaining("field 'data'").hasMessageContaining("a key of 50001 characters");
  }

  @Test
  void insertAllNamesTheEntry() {
    assertThatThrownBy(() -> InsertAllPlanner.plan(meta, List.of(Map.of("data", Map.of()), Map.of("data", Map.of("x", new Object()))),
        InsertAllOptions.defaults())).isInstanceOf(DumpException.class)
        .hasMessageContaining("field 'data' of schema Doc (table docs) in entry 1 given to insertAll");
    assertThat(InsertAllPlanner.plan(meta, List.of(Map.of("data", Map.of("a", 1))), InsertAllOptions.defaults()).rows().get(0))
        .containsExactly(new JsonText("{\"a\":1}"));
  }
}
