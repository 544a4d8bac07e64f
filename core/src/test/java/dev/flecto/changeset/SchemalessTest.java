package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Schemaless changesets (Ecto's {data, types}): casting, empty values, validations, apply_action. */
class SchemalessTest {
  private static final Map<String, Class<?>> SEARCH = Map.of("q", String.class, "page", Integer.class, "tags", List.class);
  private static final Map<String, Class<?>> POST = Map.of("title", String.class, "topics", List.class);

  private static Map<String, Object> mapWithNull(String key, Object... more) {
    Map<String, Object> m = new HashMap<>();
    m.put(key, null);
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  @Test
  void castCastsToTheDeclaredTypesAndIgnoresOtherKeys() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(SEARCH)
        .cast(Map.of("q", "elixir", "page", "2", "tags", List.of("a", "b"), "admin", "true"), "q", "page", "tags");

    assertThat(cs.isValid()).isTrue();
    assertThat(cs.changes()).isEqualTo(Map.of("q", "elixir", "page", 2, "tags", List.of("a", "b")));
    assertThat(cs.data()).isEmpty();
    assertThat(cs.applyChanges()).isEqualTo(Map.of("q", "elixir", "page", 2, "tags", List.of("a", "b")));
    assertThat(cs.params()).containsEntry("admin", "true");
  }

  @Test
  void castErrorsNameTheDeclaredType() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(SEARCH)
        .cast(Map.of("page", "two", "tags", "not a list"), "page", "tags");

    assertThat(cs.errors()).containsExactly(
        new ChangesetError("page", "is invalid", Map.of("type", "Integer", "validation", "cast")),
        new ChangesetError("tags", "is invalid", Map.of("type", "List", "validation", "cast")));
    assertThat(cs.changes()).isEmpty();
  }

  @Test
  void emptyValuesBecomeNullBecauseSchemalessFieldsHaveNoDefault() {
    // data = %{name: "Bob"}; types = %{name: :string}; params = %{name: ""} -> changeset.changes == %{name: nil}
    Changeset<Map<String, Object>> cs = Changeset.schemaless(Map.of("name", String.class), Map.of("name", "Bob"))
        .cast(Map.of("name", ""), "name");

    assertThat(cs.changes()).isEqualTo(mapWithNull("name"));
  }

  @Test
  void applyChangesGivesTheDataWithTheChanges() {
    // data = %{title: "hello"}; types = %{title: :string}; cast({data, types}, %{title: "world"}, [:title])
    Changeset<Map<String, Object>> cs = Changeset.schemaless(Map.of("title", String.class), Map.of("title", "hello"))
        .cast(Map.of("title", "world"), "title");

    assertThat(cs.applyChanges()).isEqualTo(Map.of("title", "world"));
    assertThat(cs.data()).isEqualTo(Map.of("title", "hello"));
    assertThat(Changeset.schemaless(SEARCH, Map.of("page", 1)).cast(Map.of("page", "1"), "page").changes())
        .as("equal to the data: no change").isEmpty();
  }

  @Test
  void defaultEmptyValuesMakeOnlyBlankStringsEmpty() {
    // params = %{title: "", topics: []}; cast(%Post{}, params, [:title, :topics]).changes == %{topics: []}
    Changeset<Map<String, Object>> cs = Changeset.schemaless(POST)
        .cast(Map.of("title", "", "topics", List.of()), "title", "topics");

    assertThat(cs.changes()).isEqualTo(Map.of("topics", List.of()));
  }

  @Test
  void emptyValuesCanBeReplacedOrAugmented() {
    Map<String, Object> params = Map.of("title", "", "topics", List.of());

    // Changing the default: only [] is empty, so "" stays
    assertThat(Changeset.schemaless(POST)
        .cast(params, CastOptions.defaults().withEmptyValues(List.of(List.of())), "title", "topics").changes())
        .isEqualTo(Map.of("title", ""));

    // Augmenting the default: empty_values: [[], nil] ++ Ecto.Changeset.empty_values()
    CastOptions augmented = CastOptions.defaults().withEmptyWhen(
        CastOptions.defaults().isEmpty().or(v -> v == null || v instanceof List<?> l && l.isEmpty()));
    assertThat(Changeset.schemaless(POST).cast(params, augmented, "title", "topics").changes()).isEmpty();
  }

  @Test
  void emptyValuesMayIncludeNullAsInEctosExample() {
    // cast(%Post{}, %{title: "", topics: []}, [:title, :topics], empty_values: [[], nil]).changes == %{title: ""}
    CastOptions options = CastOptions.defaults().withEmptyValues(Arrays.asList(List.of(), null));

    assertThat(Changeset.schemaless(POST).cast(Map.of("title", "", "topics", List.of()), options, "title", "topics")
        .changes()).isEqualTo(Map.of("title", ""));
  }

  @Test
  void emptyValuesInsideAListAreRemoved() {
    // "If the field is an array type, any empty value inside the array will be removed."
    Changeset<Map<String, Object>> cs = Changeset.schemaless(POST)
        .cast(Map.of("topics", List.of("elixir", "", "  ", "ecto")), "topics");

    assertThat(cs.getChange("topics")).isEqualTo(List.of("elixir", "ecto"));
  }

  @Test
  void validationsWorkWithoutASchema() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(SEARCH)
        .cast(Map.of("q", " ", "page", "0", "tags", List.of("java", "cobol", "ecto")), "q", "page", "tags")
        .validateRequired("q")
        .validateNumber("page", NumberRule.greaterThanOrEqualTo(1))
        .validateLength("tags", LengthRule.max(2))
        .validateSubset("tags", List.of("java", "elixir", "ecto"));

    assertThat(cs.errorsByField()).isEqualTo(Map.of(
        "q", List.of("can't be blank"),
        "page", List.of("must be greater than or equal to 1"),
        "tags", List.of("has an invalid entry", "should have at most 2 item(s)"))); // newest first, as Ecto
    assertThat(cs.required()).containsExactly("q");
  }

  @Test
  void applyActionValidatesAPayloadWithoutADatabase() {
    Changeset<Map<String, Object>> valid = Changeset.schemaless(SEARCH, Map.of("page", 1))
        .cast(Map.of("q", "ecto"), "q", "page")
        .validateRequired("q");
    StepVerifier.create(valid.applyAction("search"))
        .expectNext(Map.of("q", "ecto", "page", 1))
        .verifyComplete();

    Changeset<Map<String, Object>> invalid = Changeset.schemaless(SEARCH).cast(Map.of("page", "x"), "q", "page")
        .validateRequired("q");
    StepVerifier.create(invalid.applyAction("search"))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(InvalidChangesetException.class)
              .hasMessageStartingWith("could not perform search because changeset is invalid");
          InvalidChangesetException ice = (InvalidChangesetException) e;
          assertThat(ice.changeset().action()).isEqualTo("search");
          assertThat(ice.changeset().errorsByField())
              .isEqualTo(Map.of("page", List.of("is invalid"), "q", List.of("can't be blank")));
        })
        .verify();
    assertThatThrownBy(() -> invalid.applyActionOrThrow("validate")).isInstanceOf(InvalidChangesetException.class);
  }

  @Test
  void aSchemalessChangesetHasNoSchema() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(SEARCH);

    assertThatThrownBy(cs::schema).isInstanceOf(ArgumentException.class).hasMessageContaining("no schema");
    assertThat(cs.describe()).startsWith("schemaless data");
  }

  @Test
  void unsupportedTypesAndUnknownFieldsAreRefused() {
    assertThatThrownBy(() -> Changeset.schemaless(Map.of("when", java.util.Date.class)))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'when'");
    assertThatThrownBy(() -> Changeset.schemaless(Map.of("meta", java.util.Set.class)))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'meta'");
    assertThat(Changeset.schemaless(Map.of("meta", Map.class)).cast(Map.of("meta", Map.of("a", 1)), "meta").getChange("meta"))
        .as("a map field is supported").isEqualTo(Map.of("a", 1));
    assertThatThrownBy(() -> Changeset.schemaless(SEARCH).cast(Map.of("nope", "x"), "nope"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> Changeset.schemaless(SEARCH).putChange("page", "2"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'page'");
    assertThat(Changeset.schemaless(SEARCH).putChange("page", 2).changes()).isEqualTo(Map.of("page", 2));
  }

  @Test
  void getFieldFallsBackToTheDefaultForAKeyMissingFromTheData() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(SEARCH, Map.of("q", "ecto"));

    assertThat(cs.getField("page", 1)).isEqualTo(1);
    assertThat(cs.getField("q", "none")).isEqualTo("ecto");
    assertThat(cs.fetchField("page")).as("Ecto's fetch_field gives :error for a key the data lacks").isEmpty();
    assertThat(cs.fetchField("q")).contains(new Fetched(Fetched.Source.DATA, "ecto"));
  }

  @Test
  void theDataIsCopiedAndCannotBeModified() {
    Map<String, Object> data = new HashMap<>(Map.of("q", "ecto"));
    Changeset<Map<String, Object>> cs = Changeset.schemaless(SEARCH, data);
    data.put("q", "changed later");

    assertThat(cs.data()).isEqualTo(Map.of("q", "ecto"));
    assertThatThrownBy(() -> cs.data().put("q", "x")).isInstanceOf(UnsupportedOperationException.class);
    Map<String, Object> applied = cs.putChange("page", 3).applyChanges();
    assertThat(applied).isEqualTo(Map.of("q", "ecto", "page", 3));
    assertThatThrownBy(() -> applied.put("q", "x")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(cs.data()).isEqualTo(Map.of("q", "ecto"));
  }
}
