package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** optimistic_lock and prepare_changes, without a database: what the Repo will filter on and write. */
class OptimisticLockAndPrepareTest {
  @Schema("posts")
  public record Post(@Id Long id, String title, @Default("1") Integer lockVersion) {}

  @Schema("events")
  public record Event(@Id Long id, String name, Long version) {}

  @Schema("notes")
  public record Note(@Id Long id, String body, Short version) {}

  @Schema("documents")
  public record Document(@Id Long id, String body, UUID lockUuid) {}

  @Schema("labels")
  public record Label(@Id Long id, String name, String version) {}

  private static final Post POST = new Post(1L, "foo", 1);

  private static <T> Changeset<T> prepare(Changeset<T> cs) {
    return cs.prepared().block();
  }

  // ---------------------------------------------------------------- optimistic_lock

  @Test
  void theLockFiltersOnTheCurrentVersionAndChangesNothingYet() {
    Changeset<Post> cs = Changeset.cast(POST, Map.of("title", "bar"), "title").optimisticLock("lockVersion");

    assertThat(cs.filters()).isEqualTo(Map.of("lockVersion", 1));
    assertThat(cs.changes()).isEqualTo(Map.of("title", "bar"));
    assertThat(cs.hasPreparations()).isTrue();
  }

  @Test
  void preparingAnUpdateWithChangesIncrementsTheVersion() {
    // Post.changeset(:update, post, %{title: "bar"}) -> Repo.update! -> %Post{title: "bar", lock_version: 2}
    Changeset<Post> cs = Changeset.cast(POST, Map.of("title", "bar"), "title").optimisticLock("lockVersion");

    Changeset<Post> prepared = prepare(cs);
    assertThat(prepared.changes()).isEqualTo(Map.of("title", "bar", "lockVersion", 2));
    assertThat(prepared.filters()).isEqualTo(Map.of("lockVersion", 1));
    assertThat(prepared.hasPreparations()).isFalse();
    assertThat(prepared.applyChanges()).isEqualTo(new Post(1L, "bar", 2));
    assertThat(cs.changes()).as("the changeset itself is untouched").isEqualTo(Map.of("title", "bar"));
  }

  @Test
  void theIncrementIsAPrepareCallbackThatBumpsWheneverItRuns() {
    // Changelog: "The lock field will only be incremented if the record has other changes." Ecto
    // does that in the Repo, which runs no callback for an update without changes (Writes, and
    // LockingAndPrepareIT.aLockWithoutOtherChangesWritesNothing); the callback itself always puts
    // the next version (Ecto's put_in(changeset.changes[field], incrementer.(current))).
    Changeset<Post> cs = Changeset.change(POST).optimisticLock("lockVersion");

    assertThat(cs.filters()).isEqualTo(Map.of("lockVersion", 1));
    assertThat(cs.changes()).as("nothing changes before the Repo runs the callback").isEmpty();
    assertThat(prepare(cs).changes()).isEqualTo(Map.of("lockVersion", 2));
  }

  @Test
  void theDefaultIncrementerRollsOverToOneAtTheTypesMaximum() {
    Changeset<Post> intMax = Changeset.change(new Post(1L, "foo", Integer.MAX_VALUE), Map.of("title", "bar"))
        .optimisticLock("lockVersion");
    assertThat(prepare(intMax).getChange("lockVersion")).isEqualTo(1);
    assertThat(intMax.filters()).isEqualTo(Map.of("lockVersion", Integer.MAX_VALUE));

    assertThat(prepare(Changeset.change(new Event(1L, "a", Long.MAX_VALUE), Map.of("name", "b"))
        .optimisticLock("version")).getChange("version")).isEqualTo(1L);
    assertThat(prepare(Changeset.change(new Event(1L, "a", 41L), Map.of("name", "b"))
        .optimisticLock("version")).getChange("version")).isEqualTo(42L);
    assertThat(prepare(Changeset.change(new Note(1L, "a", Short.MAX_VALUE), Map.of("body", "b"))
        .optimisticLock("version")).getChange("version")).isEqualTo((short) 1);
    assertThat(prepare(Changeset.change(new Note(1L, "a", (short) 9), Map.of("body", "b"))
        .optimisticLock("version")).getChange("version")).isEqualTo((short) 10);
  }

  @Test
  void aCustomIncrementerGivesTheNextVersion() {
    // optimistic_lock(post, :lock_uuid, fn _ -> Ecto.UUID.generate end)
    UUID current = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID next = UUID.fromString("00000000-0000-0000-0000-000000000002");
    AtomicReference<Object> seen = new AtomicReference<>();

    Changeset<Document> cs = Changeset.change(new Document(1L, "a", current), Map.of("body", "b"))
        .optimisticLock("lockUuid", v -> {
          seen.set(v);
          return next;
        });

    assertThat(cs.filters()).isEqualTo(Map.of("lockUuid", current));
    assertThat(prepare(cs).changes()).isEqualTo(Map.of("body", "b", "lockUuid", next));
    assertThat(seen).hasValue(current);

    assertThat(prepare(Changeset.change(POST, Map.of("title", "x")).optimisticLock("lockVersion", v -> (Integer) v + 10))
        .getChange("lockVersion")).isEqualTo(11);
  }

  @Test
  void aNullCurrentVersionIsRefused() {
    assertThatThrownBy(() -> Changeset.change(new Post(1L, "foo", null)).optimisticLock("lockVersion"))
        .isInstanceOf(ArgumentException.class)
        .hasMessageContaining("lockVersion");
  }

  @Test
  void aNewRecordStartsFromItsDefaultVersion() {
    Changeset<Post> cs = Changeset.cast(Post.class, Map.of("title", "new"), "title").optimisticLock("lockVersion");

    assertThat(cs.filters()).isEqualTo(Map.of("lockVersion", 1));
    assertThat(prepare(cs).getChange("lockVersion")).isEqualTo(2);
  }

  @Test
  void theDefaultIncrementerRefusesOtherTypesWhenPrepared() {
    Changeset<Label> cs = Changeset.change(new Label(1L, "a", "v1"), Map.of("name", "b")).optimisticLock("version");

    assertThat(cs.filters()).isEqualTo(Map.of("version", "v1"));
    StepVerifier.create(cs.prepared())
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ArgumentException.class)
            .hasMessageContaining("Integer, Long or Short"))
        .verify();
  }

  // ---------------------------------------------------------------- prepare_changes

  @Test
  void preparationsRunInOrderWhenPreparedAndNotBefore() {
    List<String> calls = new ArrayList<>();
    Changeset<Post> cs = Changeset.cast(POST, Map.of("title", "bar"), "title")
        .prepareChanges(c -> {
          calls.add("first");
          return Mono.just(c.putChange("title", c.getChange("title") + "!"));
        })
        .prepareChanges(c -> {
          calls.add("second saw " + c.getChange("title"));
          return Mono.just(c);
        });

    assertThat(cs.hasPreparations()).isTrue();
    Mono<Changeset<Post>> prepared = cs.prepared();
    assertThat(calls).as("nothing runs before subscription").isEmpty();

    Changeset<Post> out = prepared.block();
    assertThat(calls).containsExactly("first", "second saw bar!");
    assertThat(out.changes()).isEqualTo(Map.of("title", "bar!"));
    assertThat(out.hasPreparations()).isFalse();
    assertThat(cs.changes()).isEqualTo(Map.of("title", "bar"));
    assertThat(cs.hasPreparations()).isTrue();
  }

  @Test
  void aChangesetHasNoPreparationsUntilOneIsRegistered() {
    Changeset<Post> cs = Changeset.change(POST);
    Changeset<Post> withOne = cs.prepareChanges(Mono::just);

    assertThat(cs.hasPreparations()).isFalse();
    assertThat(withOne.hasPreparations()).isTrue();
    assertThat(Changeset.change(POST).optimisticLock("lockVersion").hasPreparations()).isTrue();
    assertThat(prepare(cs)).extracting(Changeset::changes).isEqualTo(Map.of());
  }

  @Test
  void aFailingPreparationStopsTheRest() {
    List<String> calls = new ArrayList<>();
    Changeset<Post> cs = Changeset.change(POST, Map.of("title", "bar"))
        .prepareChanges(c -> Mono.error(new IllegalStateException("counter cache unavailable")))
        .prepareChanges(c -> {
          calls.add("after");
          return Mono.just(c);
        });

    StepVerifier.create(cs.prepared()).expectErrorMessage("counter cache unavailable").verify();
    assertThat(calls).isEmpty();
  }

  @Test
  void preparationsCanWorkAsynchronouslyAndSeeTheLockVersion() {
    Changeset<Post> cs = Changeset.cast(POST, Map.of("title", "bar"), "title")
        .optimisticLock("lockVersion")
        .prepareChanges(c -> Mono.fromCallable(() -> c.putChange("title", "v" + c.getChange("lockVersion"))));

    StepVerifier.create(cs.prepared())
        .assertNext(c -> assertThat(c.changes()).isEqualTo(Map.of("title", "v2", "lockVersion", 2)))
        .verifyComplete();
  }
}
