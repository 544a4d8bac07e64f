package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.multi.Changes;
import dev.flecto.multi.ConflictingActionException;
import dev.flecto.multi.Multi;
import dev.flecto.multi.Operation;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Schemas;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Points where Flecto's changesets and Multi follow Ecto's behaviour, each against what Ecto
 * (v3.12's Ecto.Changeset and Ecto.Multi) does: decimals in lists, empty values before
 * validateRequired, merge, optimistic locking as a prepare callback, traverse_errors' order, and
 * Multi refusing a changeset with another action.
 */
class ChangesetConformanceTest {
  @Schema("items")
  public record Item(@Id Long id, String name, List<BigDecimal> prices, List<String> tags, List<Integer> sizes,
      @Default("1") Integer lockVersion) {}

  @Schema("events")
  public record Event(@Id Long id, String name, Long version) {}

  @Schema("notes")
  public record Note(@Id Long id, String body, Short version) {}

  private static final Item BLANK = Schemas.of(Item.class).blank();
  private static final Item STORED = new Item(1L, "box", List.of(new BigDecimal("1")), List.of("a"), List.of(1), 1);

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  private static <T> Changeset<T> prepare(Changeset<T> cs) {
    return cs.prepared().block();
  }

  // ---------------------------------------------------------------- 5. decimals in lists (Ecto.Type.equal?)

  @Test
  void decimalsInAListCompareByValueWhenCast() {
    // {:array, :decimal}: Ecto.Type.equal? compares each element with Decimal.equal?, so [1] -> [1.0] is no change
    assertThat(Changeset.cast(STORED, Map.of("prices", List.of("1.0")), "prices").changes()).isEmpty();
    assertThat(Changeset.cast(STORED, Map.of("prices", List.of(dec("1.00"))), "prices").changes()).isEmpty();

    assertThat(Changeset.cast(STORED, Map.of("prices", List.of("2")), "prices").getChange("prices"))
        .isEqualTo(List.of(dec("2")));
    assertThat(Changeset.cast(STORED, Map.of("prices", List.of("1", "1")), "prices").getChange("prices"))
        .as("another length is a change").isEqualTo(List.of(dec("1"), dec("1")));
  }

  @Test
  void decimalsInAListCompareByValueWhenPutAndWhenAskedWhatChanged() {
    assertThat(Changeset.change(STORED).putChange("prices", List.of(dec("1.000"))).changes()).isEmpty();
    assertThat(Changeset.change(STORED, Map.of("prices", List.of(dec("1.0")))).changes()).isEmpty();

    Changeset<Item> cs = Changeset.change(STORED).putChange("prices", List.of(dec("2.50")));
    assertThat(cs.changedTo("prices", List.of(dec("2.5")))).isTrue();
    assertThat(cs.changedFrom("prices", List.of(dec("1.0")))).isTrue();
    assertThat(cs.changedTo("prices", List.of(dec("2.51")))).isFalse();
  }

  @Test
  void decimalsInASchemalessListCompareByValueToo() {
    Changeset<Map<String, Object>> cs = Changeset.schemaless(Map.of("amounts", List.class),
        Map.of("amounts", List.of(dec("1"), dec("2.5")))).cast(Map.of("amounts", List.of(dec("1.0"), dec("2.50"))), "amounts");

    assertThat(cs.changes()).isEmpty();
  }

  // ---------------------------------------------------------------- 6. empty values before validateRequired

  @Test
  void aListLeftEmptyByRemovingEmptyEntriesIsEmptyAndRequiredFails() {
    // cast(item, %{tags: ["", ""]}, [:tags], empty_values: [[], ""]) |> validate_required(:tags):
    // the entries are removed, [] is an empty value, so tags becomes its default (nil): "can't be blank"
    CastOptions options = CastOptions.defaults().withEmptyValues(List.of(List.of(), ""));
    Changeset<Item> cs = Changeset.cast(BLANK, Map.of("tags", List.of("", "")), options, "tags")
        .validateRequired("tags");

    assertThat(cs.errorsByField()).isEqualTo(Map.of("tags", List.of("can't be blank")));
    assertThat(cs.changes()).isEmpty();

    Changeset<Item> update = Changeset.cast(STORED, Map.of("tags", List.of("", "")), options, "tags").validateRequired("tags");
    assertThat(update.errorsByField()).as("the stored tags are replaced by the default, then found missing")
        .isEqualTo(Map.of("tags", List.of("can't be blank")));
  }

  @Test
  void withTheDefaultEmptyValuesAnEmptiedListStaysAnEmptyList() {
    // Ecto's empty_values/0 only makes blank strings empty: ["", " "] becomes [], which is present
    Changeset<Item> cs = Changeset.cast(Item.class, Map.of("tags", List.of("", " ")), "tags").validateRequired("tags");

    assertThat(cs.getChange("tags")).isEqualTo(List.of());
    assertThat(cs.isValid()).isTrue();
  }

  @Test
  void theDefaultEmptyValuesCanBeAugmentedAsEctosEmptyValuesFunction() {
    // empty_values: [[]] ++ Ecto.Changeset.empty_values(): the default trims, so "  " is empty too
    List<Object> values = new ArrayList<>(List.of(List.of()));
    values.addAll(CastOptions.emptyValues());
    CastOptions augmented = CastOptions.defaults().withEmptyValues(values);

    Changeset<Item> cs = Changeset.cast(BLANK, Map.of("tags", List.of("  ", ""), "name", "   "), augmented, "tags", "name")
        .validateRequired("tags", "name");
    assertThat(cs.errorsByField()).isEqualTo(Map.of("tags", List.of("can't be blank"), "name", List.of("can't be blank")));

    // Without the default's function, "" is matched exactly: no trimming
    CastOptions exact = CastOptions.defaults().withEmptyValues(List.of(List.of(), ""));
    assertThat(Changeset.cast(BLANK, Map.of("tags", List.of(" ", "")), exact, "tags").getChange("tags"))
        .isEqualTo(List.of(" "));
    assertThat(CastOptions.emptyValues()).hasSize(1);
  }

  @Test
  void emptyEntriesAreRemovedBeforeTheListIsCast() {
    // Ecto filters the parameter's entries before Ecto.Type.cast: "" in a list of integers is dropped, not invalid
    Changeset<Item> cs = Changeset.cast(Item.class, Map.of("sizes", List.of("3", "", "4")), "sizes");

    assertThat(cs.isValid()).isTrue();
    assertThat(cs.getChange("sizes")).isEqualTo(List.of(3, 4));
    assertThat(Changeset.cast(BLANK, Map.of("sizes", Arrays.asList("5", null)),
        CastOptions.defaults().withEmptyValues(Arrays.asList("", null)), "sizes").getChange("sizes"))
        .isEqualTo(List.of(5));
  }

  // ---------------------------------------------------------------- 7. merge

  @Test
  void mergeKeepsEachErrorOnce() {
    // Ecto's merge: errors = Enum.uniq(cs1.errors ++ cs2.errors)
    Changeset<Item> base = Changeset.cast(Item.class, Map.of("name", ""), "name").validateRequired("name");
    Changeset<Item> more = base.addError("tags", "are odd");

    Changeset<Item> merged = base.merge(more);

    // Ecto's list, newest first, is [name, tags]; errors() holds it oldest first.
    assertThat(merged.errors()).containsExactly(
        new ChangesetError("tags", "are odd", Map.of()),
        new ChangesetError("name", "can't be blank", Map.of("validation", "required")));
    assertThat(merged.errorsByField()).isEqualTo(Map.of("name", List.of("can't be blank"), "tags", List.of("are odd")));
    assertThat(more.merge(base).errors()).hasSize(2);
  }

  @Test
  void mergeListsTheFirstChangesetsErrorsOnAFieldBeforeTheSeconds() {
    Changeset<Item> first = Changeset.change(BLANK).addError("name", "first");
    Changeset<Item> second = Changeset.change(BLANK).addError("name", "second");
    // Ecto: Enum.uniq(cs1.errors ++ cs2.errors), traversed as it is
    assertThat(first.merge(second).traverseErrors(ChangesetError::message)).isEqualTo(Map.of("name", List.of("first", "second")));
    assertThat(second.merge(first).traverseErrors(ChangesetError::message)).isEqualTo(Map.of("name", List.of("second", "first")));
  }

  @Test
  void errorsOneValidatorGivesTogetherKeepTheirOrder() {
    // Ecto's validate_change: errors = new ++ errors, so a validator's list reads back in its order
    Changeset<Item> cs = Changeset.cast(Item.class, Map.of("name", "x"), "name").addError("name", "older")
        .validateChange("name", (f, v) -> List.of(new ChangesetError(f, "one", Map.of()), new ChangesetError(f, "two", Map.of())));
    assertThat(cs.errorsByField()).isEqualTo(Map.of("name", List.of("one", "two", "older")));
    Changeset<Item> kinded = Changeset.cast(Item.class, Map.of("name", "x"), "name")
        .validateChange("name", "custom", Map.of(), (f, v) -> List.of(new ChangesetError(f, "a", Map.of()),
            new ChangesetError(f, "b", Map.of())));
    assertThat(kinded.errorsByField()).isEqualTo(Map.of("name", List.of("a", "b")));
  }

  @Test
  void mergeRunsBothSidesPrepareCallbacksInOrder() {
    // Ecto's merge: prepare = cs2.prepare ++ cs1.prepare (kept newest first), so cs1's run first, then cs2's
    List<String> calls = new ArrayList<>();
    Changeset<Item> left = Changeset.cast(STORED, Map.of("name", "crate"), "name")
        .prepareChanges(c -> { calls.add("left 1"); return Mono.just(c); })
        .optimisticLock("lockVersion")
        .prepareChanges(c -> { calls.add("left 2 saw version " + c.getChange("lockVersion")); return Mono.just(c); });
    Changeset<Item> right = Changeset.change(STORED)
        .prepareChanges(c -> { calls.add("right"); return Mono.just(c.putChange("tags", List.of("b"))); });

    Changeset<Item> merged = prepare(left.merge(right));
    assertThat(calls).containsExactly("left 1", "left 2 saw version 2", "right");
    assertThat(merged.changes()).isEqualTo(Map.of("name", "crate", "lockVersion", 2, "tags", List.of("b")));

    calls.clear();
    Changeset<Item> other = prepare(right.merge(left));
    assertThat(calls).containsExactly("right", "left 1", "left 2 saw version 2");
    assertThat(other.changes()).isEqualTo(Map.of("tags", List.of("b"), "name", "crate", "lockVersion", 2));
    assertThat(right.merge(left).filters()).as("the lock's filter comes along").isEqualTo(Map.of("lockVersion", 1));
  }

  @Test
  void mergeKeepsTheActionEitherHasAndRefusesTwoDifferentOnes() {
    Changeset<Item> plain = Changeset.change(STORED);
    assertThat(plain.merge(plain.withAction("update")).action()).isEqualTo("update");
    assertThat(plain.withAction("update").merge(plain).action()).isEqualTo("update");
    assertThat(plain.withAction("update").merge(plain.withAction("update")).action()).isEqualTo("update");
    assertThatThrownBy(() -> plain.withAction("insert").merge(plain.withAction("update")))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("'insert'").hasMessageContaining("'update'").hasMessageContaining("Item");
  }

  // ---------------------------------------------------------------- 8. optimistic lock as a prepare callback

  @Test
  void theLockIncrementRunsWhereItWasRegisteredAndBumpsForAChangeACallbackAdds() {
    // A changeset with no field change of its own (as one with only association changes): the
    // change a callback adds goes out with the new version, whichever comes first.
    Changeset<Item> lockFirst = Changeset.change(STORED).optimisticLock("lockVersion")
        .prepareChanges(c -> Mono.just(c.putChange("name", "v" + c.getChange("lockVersion"))));
    assertThat(prepare(lockFirst).changes()).isEqualTo(Map.of("lockVersion", 2, "name", "v2"));

    List<Object> seen = new ArrayList<>();
    Changeset<Item> lockLast = Changeset.change(STORED)
        .prepareChanges(c -> {
          seen.add(c.getChange("lockVersion", "no version yet"));
          return Mono.just(c.putChange("name", "renamed"));
        })
        .optimisticLock("lockVersion");
    assertThat(prepare(lockLast).changes()).isEqualTo(Map.of("name", "renamed", "lockVersion", 2));
    assertThat(seen).as("registered last, it runs last").containsExactly("no version yet");
  }

  @Test
  void theDefaultIncrementerRollsOverToOne() {
    // Ecto's increment_with_rollover: val >= 2_147_483_647 -> 1, else val + 1
    assertThat(prepare(Changeset.change(new Item(1L, "a", null, null, null, Integer.MAX_VALUE), Map.of("name", "b"))
        .optimisticLock("lockVersion")).getChange("lockVersion")).isEqualTo(1);
    assertThat(prepare(Changeset.change(new Item(1L, "a", null, null, null, Integer.MAX_VALUE - 1), Map.of("name", "b"))
        .optimisticLock("lockVersion")).getChange("lockVersion")).isEqualTo(Integer.MAX_VALUE);
    // Long and Short versions roll over at their own type's maximum (their columns' maximum)
    assertThat(prepare(Changeset.change(new Event(1L, "a", Long.MAX_VALUE), Map.of("name", "b"))
        .optimisticLock("version")).getChange("version")).isEqualTo(1L);
    assertThat(prepare(Changeset.change(new Event(1L, "a", (long) Integer.MAX_VALUE), Map.of("name", "b"))
        .optimisticLock("version")).getChange("version")).isEqualTo(Integer.MAX_VALUE + 1L);
    assertThat(prepare(Changeset.change(new Note(1L, "a", Short.MAX_VALUE), Map.of("body", "b"))
        .optimisticLock("version")).getChange("version")).isEqualTo((short) 1);
  }

  @Test
  void aCustomIncrementerIsUsedAsGivenEachTimeTheCallbackRuns() {
    AtomicInteger calls = new AtomicInteger();
    Changeset<Item> same = Changeset.change(STORED, Map.of("name", "b")).optimisticLock("lockVersion", v -> {
      calls.incrementAndGet();
      return v;
    });
    assertThat(calls).as("not called before the Repo runs the callback").hasValue(0);
    assertThat(prepare(same).changes()).as("its value is written even when it equals the current one")
        .isEqualTo(Map.of("name", "b", "lockVersion", 1));
    prepare(same);
    assertThat(calls).hasValue(2);

    Changeset<Item> atMax = Changeset.change(new Item(1L, "a", null, null, null, Integer.MAX_VALUE), Map.of("name", "b"))
        .optimisticLock("lockVersion", v -> (Integer) v + 1);
    assertThat(prepare(atMax).getChange("lockVersion")).as("no rollover added to a custom incrementer")
        .isEqualTo(Integer.MIN_VALUE);
  }

  // ---------------------------------------------------------------- 9. traverse_errors order

  @Test
  void traverseErrorsListsAFieldsErrorsNewestFirst() {
    // Ecto keeps errors newest first and traverse_errors keeps that order per field
    Changeset<Item> cs = Changeset.cast(Item.class, Map.of("name", "x", "sizes", List.of("a")), "name", "sizes")
        .validateLength("name", LengthRule.min(3))
        .addError("name", "is reserved")
        .addError("tags", "first")
        .addError("name", "is rude");

    assertThat(cs.errorsByField()).isEqualTo(Map.of(
        "name", List.of("is rude", "is reserved", "should be at least 3 character(s)"),
        "sizes", List.of("is invalid"),
        "tags", List.of("first")));
    List<String> formatted = new ArrayList<>();
    assertThat(cs.traverseErrors(e -> {
      formatted.add(e.message());
      return e.message().toUpperCase();
    }).get("name")).containsExactly("IS RUDE", "IS RESERVED", "SHOULD BE AT LEAST %{COUNT} CHARACTER(S)");
    assertThat(formatted).as("the function sees the errors as they were added")
        .containsExactly("is invalid", "should be at least %{count} character(s)", "is reserved", "first", "is rude");
    assertThat(cs.errors()).as("errors() keeps the order they were added").extracting(ChangesetError::message)
        .containsExactly("is invalid", "should be at least %{count} character(s)", "is reserved", "first", "is rude");
    assertThat(ChangesetErrors.toJson(cs)).isEqualTo(Map.of("errors", cs.errorsByField()));
  }

  // ---------------------------------------------------------------- 10. Multi refuses another action

  @Test
  void multiRefusesAChangesetWhoseActionIsAnother() {
    // Ecto.Multi's put_action: "you provided a changeset with an action already set to :update when trying to insert it"
    Changeset<Item> forUpdate = Changeset.cast(Item.class, Map.of("name", "n"), "name").withAction("update");
    Multi multi = Multi.create()
        .insert("item", forUpdate)
        .update("again", Changeset.change(STORED, Map.of("name", "m")).withAction("validate"))
        .delete("gone", Changeset.change(STORED).withAction("insert"));

    assertThat(multi.operations()).extracting(Operation::name).containsExactly("item", "again", "gone");
    assertRefused(multi.operations().get(0), "item", "update", "insert");
    assertRefused(multi.operations().get(1), "again", "validate", "update");
    assertRefused(multi.operations().get(2), "gone", "insert", "delete");
    assertThat(multi.operations().get(0).argument()).isSameAs(forUpdate);
  }

  @Test
  void multiRefusesAChangesetAFunctionGivesWithAnotherAction() {
    Multi multi = Multi.create()
        .insert("item", changes -> Changeset.change(STORED).withAction("update"))
        .insertOrUpdate("upsert", changes -> Changeset.change(STORED).withAction("insert"));

    assertRefused(multi.operations().get(0), "item", "update", "insert");
    assertRefused(multi.operations().get(1), "upsert", "insert", "update");
  }

  private static void assertRefused(Operation op, String step, String action, String attempted) {
    StepVerifier.create(Mono.defer(() -> op.step().apply(null, Changes.empty())))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(ConflictingActionException.class)
              .hasMessageContaining("'" + step + "'").hasMessageContaining("'" + action + "'")
              .hasMessageContaining(attempted).hasMessageContaining("Item");
          ConflictingActionException c = (ConflictingActionException) e;
          assertThat(c.step()).isEqualTo(step);
          assertThat(c.action()).isEqualTo(action);
          assertThat(c.attempted()).isEqualTo(attempted);
          assertThat(c.changeset().action()).isEqualTo(action);
        })
        .verify();
  }
}
