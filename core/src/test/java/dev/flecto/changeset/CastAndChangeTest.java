package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * cast, change, put/force/delete/update_change, the readers (get/fetch/changed?), apply_changes,
 * apply_action, merge, add_error and immutability, checked against the examples of Ecto.Changeset's
 * documentation.
 */
class CastAndChangeTest {
  public enum Status { DRAFT, PUBLISHED }

  @Schema("posts")
  public record Post(@Id Long id, String title, String body, String author, Integer impressions) {}

  @Schema("things")
  public record Thing(@Id Long id, Integer count, Long big, Short small, BigDecimal price, Boolean flag, Double ratio,
      LocalDate day, LocalDateTime at, UUID token, Status status, @Default("unnamed") String name) {}

  private static final Post EMPTY_POST = new Post(null, null, null, null, null);
  private static final Thing THING = new Thing(1L, 5, 10L, (short) 1, new BigDecimal("1.50"), true, 0.5,
      LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0), null, Status.DRAFT, "custom");

  private static Post post(String title, String body, String author) {
    return new Post(1L, title, body, author, null);
  }

  private static ChangesetError invalid(String field, String type) {
    return new ChangesetError(field, "is invalid", Map.of("type", type, "validation", "cast"));
  }

  // ---------------------------------------------------------------- cast

  @Test
  void castKeepsOnlyThePermittedParametersAsChangesButRecordsEveryParameter() {
    Changeset<Post> cs = Changeset.cast(EMPTY_POST, Map.of("title", "Hello", "body", "World", "id", "99"), "body");

    assertThat(cs.changes()).isEqualTo(Map.of("body", "World"));
    assertThat(cs.params()).isEqualTo(Map.of("title", "Hello", "body", "World", "id", "99"));
    assertThat(cs.isValid()).isTrue();
    assertThat(cs.applyChanges()).isEqualTo(new Post(null, null, "World", null, null));
  }

  @Test
  void castConvertsStringParametersToEachFieldsType() {
    UUID token = UUID.fromString("0b6e8f7a-3c1d-4e2f-9a8b-7c6d5e4f3a2b");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("count", "42");
    params.put("big", "9000000000");
    params.put("small", "7");
    params.put("price", "10.25");
    params.put("flag", "false");
    params.put("ratio", "0.25");
    params.put("day", "2024-02-29");
    params.put("at", "2024-03-01 10:15:30");
    params.put("token", token.toString());
    params.put("status", "PUBLISHED");
    params.put("name", "Widget");

    Changeset<Thing> cs = Changeset.cast(THING, params,
        "count", "big", "small", "price", "flag", "ratio", "day", "at", "token", "status", "name");

    assertThat(cs.errors()).isEmpty();
    assertThat(cs.changes()).containsExactly(
        entry("count", 42),
        entry("big", 9_000_000_000L),
        entry("small", (short) 7),
        entry("price", new BigDecimal("10.25")),
        entry("flag", false),
        entry("ratio", 0.25),
        entry("day", LocalDate.of(2024, 2, 29)),
        entry("at", LocalDateTime.of(2024, 3, 1, 10, 15, 30)),
        entry("token", token),
        entry("status", Status.PUBLISHED),
        entry("name", "Widget"));
  }

  @Test
  void castAcceptsValuesThatAreAlreadyOfACompatibleType() {
    Changeset<Thing> cs = Changeset.cast(THING, Map.of("count", 6, "big", 11, "price", 3, "flag", Boolean.FALSE),
        "count", "big", "price", "flag");

    assertThat(cs.changes()).isEqualTo(Map.of("count", 6, "big", 11L, "price", new BigDecimal("3"), "flag", false));
    assertThat(cs.getChange("big")).isInstanceOf(Long.class);
    assertThat(cs.getChange("price")).isInstanceOf(BigDecimal.class);
  }

  @Test
  void castTurnsValuesThatCannotBeCastIntoIsInvalidErrorsInPermittedOrder() {
    Map<String, Object> params = new HashMap<>();
    params.put("count", "4x2");
    params.put("small", "70000");
    params.put("big", "3.5");
    params.put("price", "ten");
    params.put("flag", "yes");
    params.put("day", "2024-13-01");
    params.put("token", "not-a-uuid");
    params.put("status", "ARCHIVED");
    params.put("name", 1);

    Changeset<Thing> cs = Changeset.cast(THING, params,
        "count", "small", "big", "price", "flag", "day", "token", "status", "name");

    assertThat(cs.isValid()).isFalse();
    assertThat(cs.changes()).isEmpty();
    assertThat(cs.errors()).containsExactly(
        invalid("count", "Integer"),
        invalid("small", "Short"),
        invalid("big", "Long"),
        invalid("price", "BigDecimal"),
        invalid("flag", "Boolean"),
        invalid("day", "LocalDate"),
        invalid("token", "UUID"),
        invalid("status", "Status"),
        invalid("name", "String"));
    assertThat(cs.errorsByField()).containsEntry("count", List.of("is invalid"));
  }

  @Test
  void castOfAnIntegerThatOverflowsItsTypeIsInvalid() {
    Changeset<Thing> cs = Changeset.cast(THING, Map.of("count", "3000000000"), "count");

    assertThat(cs.errors()).containsExactly(invalid("count", "Integer"));
  }

  @Test
  void castTurnsBlankStringsIntoTheFieldsDefault() {
    Changeset<Thing> cs = Changeset.cast(THING, Map.of("name", "  ", "count", "\t\n", "ratio", ""),
        "name", "count", "ratio");

    Map<String, Object> expected = new HashMap<>();
    expected.put("name", "unnamed");
    expected.put("count", null);
    expected.put("ratio", null);
    assertThat(cs.changes()).isEqualTo(expected);
    assertThat(cs.isValid()).isTrue();
  }

  @Test
  void aBlankStringCastOntoADefaultValueIsNoChange() {
    Thing unnamed = new Thing(1L, null, null, null, null, null, null, null, null, null, null, "unnamed");

    assertThat(Changeset.cast(unnamed, Map.of("name", "", "count", " "), "name", "count").changes()).isEmpty();
  }

  @Test
  void customEmptyValuesReplaceTheDefaultOnes() {
    Post data = post("T", "B", "A");
    CastOptions naIsEmpty = CastOptions.defaults().withEmptyValues(List.of("n/a"));

    Changeset<Post> cs = Changeset.cast(data, Map.of("title", "", "body", "n/a", "author", "  "), naIsEmpty,
        "title", "body", "author");

    Map<String, Object> expected = new HashMap<>();
    expected.put("title", "");
    expected.put("body", null);
    expected.put("author", "  ");
    assertThat(cs.changes()).as("\"\" and blanks are no longer empty; n/a is").isEqualTo(expected);
  }

  @Test
  void anEmptyListOfEmptyValuesKeepsBlankStrings() {
    Changeset<Post> cs = Changeset.cast(post("T", null, null), Map.of("title", ""),
        CastOptions.defaults().withEmptyValues(List.of()), "title");

    assertThat(cs.changes()).isEqualTo(Map.of("title", ""));
  }

  @Test
  void emptyWhenDecidesWithAPredicate() {
    CastOptions dashIsEmpty = CastOptions.defaults().withEmptyWhen(v -> "-".equals(v));

    Changeset<Thing> cs = Changeset.cast(THING, Map.of("name", "-", "count", "-"), dashIsEmpty, "name", "count");

    Map<String, Object> expected = new HashMap<>();
    expected.put("name", "unnamed");
    expected.put("count", null);
    assertThat(cs.changes()).isEqualTo(expected);
    assertThat(Changeset.cast(THING, Map.of("name", ""), dashIsEmpty, "name").changes())
        .as("a blank string is no longer empty").isEqualTo(Map.of("name", ""));
  }

  @Test
  void forceChangesKeepsValuesEqualToTheData() {
    Map<String, Object> params = Map.of("count", "5", "price", "1.5", "name", "custom");

    assertThat(Changeset.cast(THING, params, "count", "price", "name").changes()).isEmpty();

    Changeset<Thing> forced = Changeset.cast(THING, params, CastOptions.defaults().withForceChanges(true),
        "count", "price", "name");
    assertThat(forced.changes()).isEqualTo(Map.of("count", 5, "price", new BigDecimal("1.5"), "name", "custom"));
    assertThat(CastOptions.defaults().forceChanges()).isFalse();
    assertThat(CastOptions.defaults().withForceChanges(true).forceChanges()).isTrue();
  }

  @Test
  void castOnAChangesetAddsItsChangesAndErrorsAndMergesParamsGivingPrecedenceToTheNewOnes() {
    // Ecto: cast(post, %{title: "Hello"}, [:title]) |> cast(%{title: "Foo", body: "World"}, [:body])
    Changeset<Post> first = Changeset.cast(EMPTY_POST, Map.of("title", "Hello"), "title");
    Changeset<Post> second = first.cast(Map.of("title", "Foo", "body", "World"), "body");

    assertThat(second.params()).isEqualTo(Map.of("title", "Foo", "body", "World"));
    assertThat(second.changes()).containsExactly(entry("title", "Hello"), entry("body", "World"));

    Changeset<Post> third = second.cast(Map.of("impressions", "many"), "impressions");
    assertThat(third.errors()).containsExactly(invalid("impressions", "Integer"));
    assertThat(third.changes()).isEqualTo(Map.of("title", "Hello", "body", "World"));
    assertThat(third.params()).isEqualTo(Map.of("title", "Foo", "body", "World", "impressions", "many"));

    assertThat(first.params()).as("unchanged").isEqualTo(Map.of("title", "Hello"));
    assertThat(first.changes()).isEqualTo(Map.of("title", "Hello"));
  }

  @Test
  void castRefusesAPermittedNameThatIsNotAField() {
    assertThatThrownBy(() -> Changeset.cast(EMPTY_POST, Map.of("title", "x"), "title", "nickname"))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("'nickname'");
    assertThatThrownBy(() -> Changeset.change(EMPTY_POST).cast(Map.of(), "subtitle"))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("'subtitle'");
  }

  @Test
  void paramsAreNullUntilTheChangesetIsCast() {
    assertThat(Changeset.change(EMPTY_POST).params()).isNull();
    assertThat(Changeset.change(EMPTY_POST, Map.of("title", "x")).params()).isNull();
    assertThat(Changeset.cast(EMPTY_POST, Map.of(), "title").params()).isEqualTo(Map.of());
  }

  @Test
  void castOfAClassStartsFromItsDefaults() {
    Changeset<Thing> cs = Changeset.cast(Thing.class, Map.of("count", "3"), "count");

    assertThat(cs.data().name()).isEqualTo("unnamed");
    assertThat(cs.data().count()).isNull();
    assertThat(cs.changes()).isEqualTo(Map.of("count", 3));
  }

  // ---------------------------------------------------------------- change / put / force / delete / update

  @Test
  void changeWrapsDataInAValidChangesetWithNoChanges() {
    Changeset<Post> cs = Changeset.change(EMPTY_POST);

    assertThat(cs.isValid()).isTrue();
    assertThat(cs.changes()).isEmpty();
    assertThat(cs.errors()).isEmpty();
    assertThat(cs.data()).isSameAs(EMPTY_POST);
    assertThat(cs.action()).isNull();
    assertThat(cs.validations()).isEmpty();
    assertThat(cs.required()).isEmpty();
    assertThat(cs.constraints()).isEmpty();
    assertThat(cs.filters()).isEmpty();
    assertThat(cs.hasPreparations()).isFalse();
  }

  @Test
  void changeWithValuesKeepsOnlyThoseThatDifferFromTheData() {
    // change(%Post{author: "bar"}, title: "title") and change(%Post{title: "title"}, title: "title")
    assertThat(Changeset.change(post(null, null, "bar"), Map.of("title", "title")).changes())
        .isEqualTo(Map.of("title", "title"));
    assertThat(Changeset.change(post("title", null, null), Map.of("title", "title")).changes()).isEmpty();
  }

  @Test
  void putChangeOverridesAChangeAndRemovesItWhenBackToTheDataValue() {
    // change(%Post{}, %{title: "foo"}) |> put_change(:title, "bar")
    assertThat(Changeset.change(EMPTY_POST, Map.of("title", "foo")).putChange("title", "bar").changes())
        .isEqualTo(Map.of("title", "bar"));
    // change(%Post{title: "foo"}) |> put_change(:title, "foo")
    assertThat(Changeset.change(post("foo", null, null)).putChange("title", "foo").changes()).isEmpty();
    assertThat(Changeset.change(post("foo", null, null)).putChange("title", "bar").putChange("title", "foo").changes())
        .as("any existing change is removed").isEmpty();

    Map<String, Object> toNull = new HashMap<>();
    toNull.put("title", null);
    assertThat(Changeset.change(post("foo", null, null)).putChange("title", null).changes()).isEqualTo(toNull);
  }

  @Test
  void putChangeRefusesUnknownFieldsAndValuesOfAnotherType() {
    assertThatThrownBy(() -> Changeset.change(EMPTY_POST).putChange("nope", "x"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'nope'");
    assertThatThrownBy(() -> Changeset.change(EMPTY_POST).putChange("impressions", "3"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'impressions'");
  }

  @Test
  void forceChangeRecordsAChangeEvenWhenEqualToTheData() {
    // change(%Post{author: "bar"}, %{title: "foo"}) |> force_change(:title, "bar") |> force_change(:author, "bar")
    Changeset<Post> title = Changeset.change(post(null, null, "bar"), Map.of("title", "foo")).forceChange("title", "bar");
    assertThat(title.changes()).isEqualTo(Map.of("title", "bar"));

    Changeset<Post> cs = title.forceChange("author", "bar");
    assertThat(cs.changes()).containsExactly(entry("title", "bar"), entry("author", "bar"));

    assertThat(cs.putChange("author", "bar").changes())
        .as("put_change back to the original value reverts the forced change").isEqualTo(Map.of("title", "bar"));
    assertThatThrownBy(() -> cs.forceChange("impressions", "3")).isInstanceOf(ArgumentException.class);
  }

  @Test
  void deleteChangeRemovesAChange() {
    // change(%Post{}, %{title: "foo"}) |> delete_change(:title) |> get_change(:title)
    Changeset<Post> cs = Changeset.change(EMPTY_POST, Map.of("title", "foo")).deleteChange("title");

    assertThat(cs.getChange("title")).isNull();
    assertThat(cs.changes()).isEmpty();
    assertThat(cs.deleteChange("body").changes()).as("deleting an absent change is harmless").isEmpty();
    assertThatThrownBy(() -> cs.deleteChange("nope")).isInstanceOf(ArgumentException.class);
  }

  @Test
  void updateChangeAppliesTheFunctionOnlyWhenThereIsAChangeThenBehavesAsPutChange() {
    // change(%Post{}, %{impressions: 1}) |> update_change(:impressions, &(&1 + 1))
    Changeset<Post> cs = Changeset.change(EMPTY_POST, Map.of("impressions", 1))
        .updateChange("impressions", v -> (Integer) v + 1);
    assertThat(cs.changes()).isEqualTo(Map.of("impressions", 2));

    AtomicBoolean called = new AtomicBoolean();
    Changeset<Post> unchanged = Changeset.change(EMPTY_POST);
    assertThat(unchanged.updateChange("title", v -> {
      called.set(true);
      return "x";
    })).isSameAs(unchanged);
    assertThat(called).isFalse();

    Changeset<Post> backToData = Changeset.change(new Post(1L, null, null, null, 5), Map.of("impressions", 6))
        .updateChange("impressions", v -> (Integer) v - 1);
    assertThat(backToData.changes()).as("as put_change: equal to the data, no change").isEmpty();

    // "update_change(changeset, :email, &String.downcase/1)"
    assertThat(Changeset.cast(EMPTY_POST, Map.of("author", "Mary@Example.COM"), "author")
        .updateChange("author", v -> ((String) v).toLowerCase()).getChange("author")).isEqualTo("mary@example.com");
  }

  // ---------------------------------------------------------------- readers

  @Test
  void getChangeReturnsTheChangeOrTheDefault() {
    // change(%Post{body: "foo"}, %{title: "bar"})
    Changeset<Post> cs = Changeset.change(post(null, "foo", null), Map.of("title", "bar"));

    assertThat(cs.getChange("title")).isEqualTo("bar");
    assertThat(cs.getChange("body")).isNull();
    assertThat(cs.getChange("body", "none")).isEqualTo("none");
    assertThat(cs.getChange("title", "none")).isEqualTo("bar");
  }

  @Test
  void getFieldLooksAtTheChangesThenTheData() {
    // post = %Post{title: "A title", body: "My body is a cage"}; change(post, %{title: "A new title"})
    Changeset<Post> cs = Changeset.change(post("A title", "My body is a cage", null), Map.of("title", "A new title"));

    assertThat(cs.getField("title")).isEqualTo("A new title");
    assertThat(cs.getField("body")).isEqualTo("My body is a cage");
    assertThat(cs.getField("body", "default")).isEqualTo("My body is a cage");
    assertThat(cs.getField("author")).isNull();
  }

  @Test
  void getFieldOfSomethingThatIsNotAFieldReturnsTheDefault() {
    // Ecto: get_field(changeset, :not_a_field, "Told you, not a field!") #=> "Told you, not a field!"
    Changeset<Post> cs = Changeset.change(post("A title", "My body is a cage", null), Map.of("title", "A new title"));

    assertThat(cs.getField("notAField", "Told you, not a field!")).isEqualTo("Told you, not a field!");
  }

  @Test
  void fetchFieldTellsWhereTheValueCameFrom() {
    // post = %Post{title: "Foo", body: "Bar baz bong"}; change(post, %{title: "New title"})
    Changeset<Post> cs = Changeset.change(post("Foo", "Bar baz bong", null), Map.of("title", "New title"));

    assertThat(cs.fetchField("title")).contains(new Fetched(Fetched.Source.CHANGES, "New title"));
    assertThat(cs.fetchField("body")).contains(new Fetched(Fetched.Source.DATA, "Bar baz bong"));
    assertThat(cs.fetchField("author")).contains(new Fetched(Fetched.Source.DATA, null));
    assertThat(cs.fetchField("notAField")).isEmpty();
    assertThat(cs.putChange("title", null).fetchField("title"))
        .as("a change to null is a change").contains(new Fetched(Fetched.Source.CHANGES, null));
  }

  @Test
  void fetchChangeOnlyLooksAtTheChanges() {
    // change(%Post{body: "foo"}, %{title: "bar"})
    Changeset<Post> cs = Changeset.change(post(null, "foo", null), Map.of("title", "bar"));

    assertThat(cs.fetchChange("title")).contains(new Fetched(Fetched.Source.CHANGES, "bar"));
    assertThat(cs.fetchChange("body")).isEmpty();
    assertThat(cs.fetchChange("notAField")).isEmpty();
  }

  @Test
  void changedToAndFromCompareTheChangeAndTheData() {
    // post = %Post{title: "Foo", body: "Old"}; change(post, %{title: "New title", body: "Old"})
    Changeset<Post> cs = Changeset.change(post("Foo", "Old", null), Map.of("title", "New title", "body", "Old"));

    assertThat(cs.changed("body")).isFalse();
    assertThat(cs.changed("title")).isTrue();
    assertThat(cs.changedTo("title", "NEW TITLE")).isFalse();
    assertThat(cs.changedTo("title", "New title")).isTrue();
    assertThat(cs.changedFrom("title", "Foo")).isTrue();
    assertThat(cs.changedFrom("title", "Bar")).isFalse();
    assertThat(cs.changedFrom("body", "Old")).as("not changed at all").isFalse();
    assertThat(cs.changedTo("body", "Old")).isFalse();
    assertThatThrownBy(() -> cs.changed("notAField")).isInstanceOf(ArgumentException.class);
  }

  @Test
  void changedToComparesDecimalsByValue() {
    Changeset<Thing> cs = Changeset.cast(THING, Map.of("price", "2.50"), "price");

    assertThat(cs.changedTo("price", new BigDecimal("2.5"))).isTrue();
    assertThat(cs.changedFrom("price", new BigDecimal("1.5"))).isTrue();
  }

  // ---------------------------------------------------------------- applying

  @Test
  void applyChangesAppliesTheChangesWhetherOrNotTheChangesetIsValid() {
    // change(%Post{author: "bar"}, %{title: "foo"}) |> apply_changes()
    Post data = post(null, null, "bar");
    Changeset<Post> cs = Changeset.change(data, Map.of("title", "foo"));

    assertThat(cs.applyChanges()).isEqualTo(post("foo", null, "bar"));
    assertThat(cs.addError("title", "is bad").applyChanges()).isEqualTo(post("foo", null, "bar"));
    assertThat(cs.data()).as("the data itself is untouched").isEqualTo(data);
    assertThat(Changeset.change(data).applyChanges()).isSameAs(data);
  }

  @Test
  void applyActionEmitsTheDataWithTheChangesWhenValid() {
    Changeset<Post> cs = Changeset.change(post(null, null, "bar"), Map.of("title", "foo"));

    StepVerifier.create(cs.applyAction("update")).expectNext(post("foo", null, "bar")).verifyComplete();
    StepVerifier.create(cs.applyAction("my_action")).expectNext(post("foo", null, "bar")).verifyComplete();
  }

  @Test
  void applyActionFailsWithTheChangesetCarryingTheActionWhenInvalid() {
    Changeset<Post> cs = Changeset.cast(post(null, null, "bar"), Map.of("impressions", "bad"), "impressions");
    Mono<Post> mono = cs.applyAction("update");

    StepVerifier.create(mono)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(InvalidChangesetException.class);
          InvalidChangesetException ice = (InvalidChangesetException) e;
          assertThat(ice.action()).isEqualTo("update");
          assertThat(ice.changeset().action()).isEqualTo("update");
          assertThat(ice.changeset().errors()).containsExactly(invalid("impressions", "Integer"));
        })
        .verify();
    assertThat(cs.action()).as("the original changeset keeps no action").isNull();
  }

  @Test
  void applyActionOrThrowReturnsOrRaises() {
    // change(%Post{author: "bar"}, %{title: "foo"}) |> apply_action!(:update)
    assertThat(Changeset.change(post(null, null, "bar"), Map.of("title", "foo")).applyActionOrThrow("update"))
        .isEqualTo(post("foo", null, "bar"));

    Changeset<Post> invalid = Changeset.cast(post(null, null, "bar"), Map.of("impressions", "bad"), "impressions");
    assertThatThrownBy(() -> invalid.applyActionOrThrow("update"))
        .isInstanceOf(InvalidChangesetException.class)
        .hasMessageStartingWith("could not perform update because changeset is invalid")
        .satisfies(e -> assertThat(((InvalidChangesetException) e).changeset().action()).isEqualTo("update"));
  }

  @Test
  void withActionSetsTheActionOnANewChangeset() {
    Changeset<Post> cs = Changeset.change(EMPTY_POST);
    Changeset<Post> withAction = cs.withAction("insert");

    assertThat(withAction.action()).isEqualTo("insert");
    assertThat(withAction.isValid()).isTrue();
    assertThat(cs.action()).isNull();
  }

  // ---------------------------------------------------------------- merge

  @Test
  void mergeCombinesChangesGivingPrecedenceToTheSecond() {
    // changeset1 = cast(%Post{}, %{title: "Title"}, [:title])
    // changeset2 = cast(%Post{}, %{title: "New title", body: "Body"}, [:title, :body])
    Changeset<Post> one = Changeset.cast(EMPTY_POST, Map.of("title", "Title"), "title");
    Changeset<Post> two = Changeset.cast(EMPTY_POST, Map.of("title", "New title", "body", "Body"), "title", "body");

    Changeset<Post> merged = one.merge(two);
    assertThat(merged.changes()).isEqualTo(Map.of("body", "Body", "title", "New title"));
    assertThat(merged.params()).isEqualTo(Map.of("title", "New title", "body", "Body"));
  }

  @Test
  void mergeConcatenatesErrorsValidationsRequiredAndConstraints() {
    Changeset<Post> one = Changeset.cast(EMPTY_POST, Map.of("title", "ab"), "title")
        .validateLength("title", LengthRule.min(3))
        .validateRequired("title")
        .uniqueConstraint("title");
    Changeset<Post> two = Changeset.cast(EMPTY_POST, Map.of("body", "no", "title", "ab"), "body", "title")
        .validateFormat("body", Pattern.compile("^yes"))
        .validateRequired("body", "title")
        .checkConstraint("impressions", ConstraintOptions.named("impressions_positive"));

    Changeset<Post> merged = one.merge(two);

    // Ecto: one.errors ++ two.errors, newest first; errors() is oldest first, so two's come first.
    assertThat(merged.errors()).containsExactlyElementsOf(
        java.util.stream.Stream.concat(two.errors().stream(), one.errors().stream()).toList());
    assertThat(merged.errors()).extracting(ChangesetError::field).containsExactly("body", "title");
    assertThat(merged.validations()).extracting(Validation::kind).containsExactlyInAnyOrder("length", "format");
    assertThat(merged.required()).containsExactlyInAnyOrder("title", "body");
    assertThat(merged.constraints()).extracting(Constraint::name)
        .containsExactly("posts_title_index", "impressions_positive");
    assertThat(merged.changes()).isEqualTo(Map.of("title", "ab", "body", "no"));
    assertThat(merged.isValid()).isFalse();
  }

  @Test
  void mergeOfTwoChangesetsWithoutParamsHasNoParams() {
    assertThat(Changeset.change(EMPTY_POST).merge(Changeset.change(EMPTY_POST, Map.of("title", "x"))).params()).isNull();
    assertThat(Changeset.change(EMPTY_POST).merge(Changeset.cast(EMPTY_POST, Map.of("title", "x"), "title")).params())
        .isEqualTo(Map.of("title", "x"));
  }

  @Test
  void mergeRefusesChangesetsOverDifferentData() {
    // changeset1 = cast(%Post{body: "Body"}, ...); changeset2 = cast(%Post{}, ...) -> ArgumentError
    Changeset<Post> one = Changeset.cast(post(null, "Body", null), Map.of("title", "Title"), "title");
    Changeset<Post> two = Changeset.cast(post(null, null, null), Map.of("title", "New title"), "title");

    assertThatThrownBy(() -> one.merge(two))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("different data when merging changesets");
  }

  // ---------------------------------------------------------------- add_error

  @Test
  void addErrorStoresTheMessageAndItsKeysAndInvalidatesTheChangeset() {
    // change(%Post{}, %{title: ""}) |> add_error(:title, "empty")
    Changeset<Post> cs = Changeset.change(EMPTY_POST, Map.of("title", "")).addError("title", "empty");
    assertThat(cs.errors()).containsExactly(new ChangesetError("title", "empty", Map.of()));
    assertThat(cs.isValid()).isFalse();

    // add_error(changeset, :title, "empty", additional: "info")
    Changeset<Post> info = Changeset.change(EMPTY_POST, Map.of("title", "")).addError("title", "empty",
        Map.of("additional", "info"));
    assertThat(info.errors()).containsExactly(new ChangesetError("title", "empty", Map.of("additional", "info")));

    // add_error(changeset, :tags, "tag '%{val}' is too short", val: "x")
    Changeset<Post> tags = Changeset.change(EMPTY_POST).addError("title", "tag '%{val}' is too short", Map.of("val", "x"));
    assertThat(tags.errors()).containsExactly(
        new ChangesetError("title", "tag '%{val}' is too short", Map.of("val", "x")));
    assertThat(tags.errorsByField()).isEqualTo(Map.of("title", List.of("tag 'x' is too short")));
    assertThat(tags.isValid()).isFalse();
  }

  // ---------------------------------------------------------------- immutability

  @Test
  void everyStepLeavesThePreviousChangesetUnchanged() {
    Map<String, Object> params = new HashMap<>(Map.of("title", "Hi", "body", "text"));
    Changeset<Post> c0 = Changeset.change(EMPTY_POST);
    Changeset<Post> c1 = c0.cast(params, "title", "body");
    Changeset<Post> c2 = c1.validateLength("title", LengthRule.min(3));
    Changeset<Post> c3 = c2.uniqueConstraint("title");
    Changeset<Post> c4 = c3.putChange("author", "me");
    Changeset<Post> c5 = c4.withAction("insert");
    Changeset<Post> c6 = c5.prepareChanges(Mono::just);
    Changeset<Post> c7 = c6.deleteChange("body").validateRequired("impressions");
    params.put("title", "mutated after the cast");

    assertThat(c0.changes()).isEmpty();
    assertThat(c0.params()).isNull();
    assertThat(c1.changes()).isEqualTo(Map.of("title", "Hi", "body", "text"));
    assertThat(c1.params()).as("a copy of the given map").isEqualTo(Map.of("title", "Hi", "body", "text"));
    assertThat(c1.errors()).isEmpty();
    assertThat(c1.validations()).isEmpty();
    assertThat(c2.errors()).hasSize(1);
    assertThat(c2.constraints()).isEmpty();
    assertThat(c3.changes()).doesNotContainKey("author");
    assertThat(c4.action()).isNull();
    assertThat(c5.hasPreparations()).isFalse();
    assertThat(c6.changes()).containsKey("body");
    assertThat(c6.required()).isEmpty();
    assertThat(c7.changes()).isEqualTo(Map.of("title", "Hi", "author", "me"));
    assertThat(c7.errors()).hasSize(2);
  }

  @Test
  void theCollectionsAChangesetExposesCannotBeModified() {
    Changeset<Post> cs = Changeset.cast(EMPTY_POST, Map.of("title", "x"), "title")
        .validateLength("title", LengthRule.min(3))
        .validateRequired("title")
        .uniqueConstraint("title");

    assertThatThrownBy(() -> cs.changes().put("body", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cs.params().put("body", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cs.errors().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cs.validations().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cs.required().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cs.constraints().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cs.filters().put("id", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> cs.errorsByField().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
