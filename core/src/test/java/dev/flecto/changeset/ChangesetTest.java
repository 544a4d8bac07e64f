package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangesetTest {
  @Schema("people")
  public record Person(@Id Long id, String firstName, String lastName, Integer age, @Default("member") String role,
      BigDecimal balance, boolean active) {}

  private static final Person RYAN = new Person(1L, "Ryan", "Bigg", 28, "member", new BigDecimal("1.50"), true);

  @Test
  void castKeepsPermittedFieldsAndCastsThem() {
    Changeset<Person> cs = Changeset.cast(RYAN, Map.of("age", "29", "lastName", "Smith", "id", "99"), "age", "lastName");
    assertThat(cs.changes()).containsExactly(Map.entry("age", 29), Map.entry("lastName", "Smith"));
    assertThat(cs.isValid()).isTrue();
    assertThat(cs.getChange("id")).as("not permitted").isNull();
    assertThat(cs.getField("firstName")).isEqualTo("Ryan");
    assertThat(cs.applyChanges()).isEqualTo(new Person(1L, "Ryan", "Smith", 29, "member", new BigDecimal("1.50"), true));
  }

  @Test
  void valuesEqualToTheDataAreNotChanges() {
    Changeset<Person> cs = Changeset.cast(RYAN, Map.of("age", "28", "balance", "1.5", "active", "true"), "age", "balance", "active");
    assertThat(cs.changes()).as("28 = 28, 1.5 = 1.50 by value, true = true").isEmpty();
  }

  @Test
  void invalidValuesBecomeErrorsWithTypeMetadata() {
    Changeset<Person> cs = Changeset.cast(RYAN, Map.of("age", "old", "active", "maybe"), "age", "active");
    assertThat(cs.isValid()).isFalse();
    assertThat(cs.errors()).containsExactly(
        new ChangesetError("age", "is invalid", Map.of("type", "Integer", "validation", "cast")),
        new ChangesetError("active", "is invalid", Map.of("type", "boolean", "validation", "cast")));
    assertThat(cs.changes()).isEmpty();
  }

  @Test
  void blankStringsAreEmptyAndTakeTheDefault() {
    Changeset<Person> cs = Changeset.cast(RYAN, Map.of("lastName", "  ", "role", "", "age", ""), "lastName", "role", "age");
    Map<String, Object> expected = new HashMap<>();
    expected.put("lastName", null);
    expected.put("age", null);
    assertThat(cs.changes()).as("role's default equals its value, so no change").isEqualTo(expected);
  }

  @Test
  void castOfAClassStartsFromTheBlankRecord() {
    Changeset<Person> cs = Changeset.cast(Person.class, Map.of("firstName", "Ann"), "firstName");
    assertThat(cs.data().role()).isEqualTo("member");
    assertThat(cs.applyChanges().firstName()).isEqualTo("Ann");
  }

  @Test
  void castRefusesAnUnknownPermittedField() {
    assertThatThrownBy(() -> Changeset.cast(RYAN, Map.of(), "nickname"))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("unknown field 'nickname' given to cast for schema Person (table people)");
  }

  @Test
  void validateRequiredTreatsNullAndBlankAsMissing() {
    Changeset<Person> cs = Changeset.cast(Person.class, Map.of("firstName", " ", "age", "x"), "firstName", "age")
        .validateRequired("firstName", "lastName", "age");
    assertThat(cs.errorsByField()).isEqualTo(Map.of(
        "age", List.of("is invalid"),
        "firstName", List.of("can't be blank"),
        "lastName", List.of("can't be blank")));
    assertThat(cs.errorsOn("firstName").get(0).keys()).isEqualTo(Map.of("validation", "required"));
    assertThat(cs.changes()).as("the blank firstName change is dropped").isEmpty();
    assertThat(Changeset.cast(RYAN, Map.of("firstName", ""), "firstName").validateRequired("firstName").changes()).isEmpty();
    assertThat(Changeset.change(RYAN).validateRequired("firstName").isValid()).as("present in the data").isTrue();
    assertThatThrownBy(() -> Changeset.change(RYAN).validateRequired("nope")).hasMessageContaining("field 'nope'");
  }

  @Test
  void changePutsTypedValuesAndRefusesWrongTypes() {
    Changeset<Person> cs = Changeset.change(RYAN, Map.of("age", 30));
    assertThat(cs.changes()).isEqualTo(Map.of("age", 30));
    assertThat(cs.putChange("age", 28).changes()).as("back to the data's value: no change").isEmpty();
    assertThatThrownBy(() -> Changeset.change(RYAN, Map.of("age", "30")))
        .hasMessageContaining("cannot be put in field 'age' of schema Person (table people), which is Integer");
    assertThatThrownBy(() -> Changeset.change(RYAN).putChange("active", null)).hasMessageContaining("primitive");
    assertThat(Changeset.change(RYAN).putChange("active", false).getChange("active")).isEqualTo(false);
  }

  @Test
  void putChangesAndTypedExceptionAccess() {
    Changeset<Person> cs = Changeset.change(RYAN).putChanges(Map.of("age", 30, "lastName", "Bigg"));
    assertThat(cs.changes()).as("lastName equals the data").isEqualTo(Map.of("age", 30));
    InvalidChangesetException e = new InvalidChangesetException("insert", cs.addError("age", "is odd"));
    assertThat(e.changeset(Person.class).data().firstName()).isEqualTo("Ryan");
    assertThatThrownBy(() -> e.changeset(String.class)).isInstanceOf(ArgumentException.class);
  }

  @Test
  void addErrorAndInterpolation() {
    Changeset<Person> cs = Changeset.change(RYAN).addError("firstName", "should be at least %{count} character(s)",
        Map.of("count", 3, "validation", "length"));
    assertThat(cs.isValid()).isFalse();
    assertThat(cs.errorsByField()).isEqualTo(Map.of("firstName", List.of("should be at least 3 character(s)")));
    assertThat(cs.addError("firstName", "is taken").errorsByField().get("firstName")).hasSize(2);
    assertThat(cs.errors()).as("each step returns a new changeset").hasSize(1);
  }
}
