package dev.flecto.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.multi.Operation.Kind;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.InsertAllOptions;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The Multi value, its listing, Changes and MultiResult, and what MultiFailedException reports, without a database. */
class MultiTest {
  @Schema("users")
  public record User(@Id Long id, String email) {}

  @Schema("posts")
  public record Post(@Id Long id, Long userId, String title) {}

  private static final Changeset<User> NEW_USER = Changeset.cast(User.class, Map.of("email", "a@x.io"), "email");

  @Test
  void everyStepReturnsANewMultiAndLeavesTheOldOneAsItWas() {
    Multi empty = Multi.create();
    Multi one = empty.insert("user", NEW_USER);
    Multi two = one.put("company", "acme");
    assertThat(empty.operations()).isEmpty();
    assertThat(one.operations()).extracting(Operation::name).containsExactly("user");
    assertThat(two.operations()).extracting(Operation::name).containsExactly("user", "company");
    assertThatThrownBy(() -> two.operations().add(two.operations().get(0))).isInstanceOf(UnsupportedOperationException.class);
    Multi branch = one.put("other", 1);
    assertThat(branch.operations()).extracting(Operation::name).containsExactly("user", "other");
  }

  @Test
  void operationsListNameKindAndWhatEachStepWasGiven() {
    User loaded = new User(7L, "b@x.io");
    Query<Post> posts = Query.from(Post.class).where("userId", 7L);
    Function<Changes, Object> later = changes -> new Post(null, changes.get("user", User.class).id(), "hi");
    Multi multi = Multi.create()
        .insert("user", NEW_USER)
        .insert("post", later)
        .insert("record", new Post(null, 1L, "r"))
        .update("rename", Changeset.change(loaded, Map.of("email", "c@x.io")))
        .insertOrUpdate("fresh", Changeset.change(new User(null, "d@x.io")))
        .insertOrUpdate("existing", Changeset.change(loaded))
        .insertOrUpdate("computed", changes -> Changeset.change(loaded))
        .delete("gone", loaded)
        .insertAll("many", Post.class, List.of(Map.of("title", "t")))
        .updateAll("bump", posts, Updates.set("title", "x"))
        .deleteAll("purge", posts)
        .run("audit", (repo, changes) -> Mono.just(1))
        .put("company", "acme")
        .one("first", posts)
        .all("list", changes -> posts)
        .exists("any", posts)
        .merge(changes -> Multi.create())
        .error("stop", "no");
    assertThat(multi.operations()).extracting(Operation::name, Operation::kind).containsExactly(
        tuple("user", Kind.INSERT), tuple("post", Kind.INSERT), tuple("record", Kind.INSERT), tuple("rename", Kind.UPDATE),
        tuple("fresh", Kind.INSERT), tuple("existing", Kind.UPDATE), tuple("computed", Kind.INSERT_OR_UPDATE),
        tuple("gone", Kind.DELETE), tuple("many", Kind.INSERT_ALL), tuple("bump", Kind.UPDATE_ALL), tuple("purge", Kind.DELETE_ALL),
        tuple("audit", Kind.RUN), tuple("company", Kind.PUT), tuple("first", Kind.ONE), tuple("list", Kind.ALL),
        tuple("any", Kind.EXISTS), tuple("merge", Kind.MERGE), tuple("stop", Kind.ERROR));
    List<Operation> ops = multi.operations();
    assertThat(ops.get(0).argument()).isSameAs(NEW_USER);
    assertThat(ops.get(1).argument()).isSameAs(later);
    assertThat(((Changeset<?>) ops.get(2).argument()).data()).isEqualTo(new Post(null, 1L, "r"));
    assertThat(((Changeset<?>) ops.get(3).argument()).changes()).isEqualTo(Map.of("email", "c@x.io"));
    assertThat(((Changeset<?>) ops.get(7).argument()).data()).isEqualTo(loaded);
    assertThat(ops.get(8).argument()).isEqualTo(List.of(Map.of("title", "t")));
    assertThat(ops.get(9).argument()).isEqualTo(posts);
    assertThat(ops.get(12).argument()).isEqualTo("acme");
    assertThat(ops.get(17).argument()).isEqualTo("no");
    assertThat(multi.toString()).startsWith("Multi[user: INSERT, post: INSERT, record: INSERT");
  }

  @Test
  void aDuplicateNameFailsWhenTheMultiIsBuilt() {
    Multi multi = Multi.create().insert("user", NEW_USER).run("audit", (repo, changes) -> Mono.empty());
    assertThatThrownBy(() -> multi.put("user", 1)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("step 'user' is already a member of the Multi").hasMessageContaining("audit: RUN");
    assertThatThrownBy(() -> multi.deleteAll("audit", Query.from(Post.class))).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("step 'audit'");
    assertThat(multi.merge(c -> Multi.create()).merge(c -> Multi.create()).operations()).as("merges take no name of their own")
        .extracting(Operation::kind).containsExactly(Kind.INSERT, Kind.RUN, Kind.MERGE, Kind.MERGE);
  }

  @Test
  void badArgumentsNameTheStep() {
    assertThatThrownBy(() -> Multi.create().insert("user", (Changeset<User>) null)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("step 'user'").hasMessageContaining("null");
    assertThatThrownBy(() -> Multi.create().put(null, 1)).isInstanceOf(ArgumentException.class).hasMessageContaining("name");
    assertThatThrownBy(() -> Multi.create().one("q", (Query<?>) null)).hasMessageContaining("step 'q'");
    assertThatThrownBy(() -> Multi.create().insert("s", "not a schema record")).isInstanceOf(RuntimeException.class)
        .hasMessageContaining("String");
  }

  @Test
  void appendAndPrependKeepOrderAndRefuseSharedNames() {
    Multi left = Multi.create().put("left", 1);
    Multi right = Multi.create().put("right", 2).merge(c -> Multi.create());
    assertThat(left.append(right).operations()).extracting(Operation::name).containsExactly("left", "right", "merge");
    assertThat(left.prepend(right).operations()).extracting(Operation::name).containsExactly("right", "merge", "left");
    assertThat(left.append(right).append(Multi.create().merge(c -> Multi.create())).operations()).hasSize(4);
    Multi clash = Multi.create().put("b", 0).put("left", 3).put("a", 0);
    assertThatThrownBy(() -> left.append(clash)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("cannot append").hasMessageContaining("[left]");
    assertThatThrownBy(() -> left.prepend(clash)).hasMessageContaining("cannot prepend").hasMessageContaining("[left]");
    assertThatThrownBy(() -> left.append(right).put("right", 0)).hasMessageContaining("step 'right'");
  }

  @Test
  void stepsThatNeedNoDatabaseGiveTheirResult() {
    Multi multi = Multi.create().put("company", "acme").put("none", null)
        .run("echo", (repo, changes) -> Mono.just(changes.get("company", String.class) + "!"))
        .merge(changes -> Multi.create().put("merged", changes.names()));
    List<Operation> ops = multi.operations();
    assertThat(result(ops.get(0), Changes.empty())).isEqualTo("acme");
    StepVerifier.create(ops.get(1).step().apply(null, Changes.empty())).verifyComplete();
    assertThat(result(ops.get(2), Changes.empty().with("company", "acme"))).isEqualTo("acme!");
    Multi merged = (Multi) result(ops.get(3), Changes.empty().with("x", 1));
    assertThat(merged.operations()).extracting(Operation::argument).containsExactly(List.of("x"));
  }

  @Test
  void changesGiveTypedResultsAndNameWhatIsMissing() {
    User ann = new User(1L, "ann@x.io");
    Changes changes = Changes.empty().with("user", ann).with("count", 3L).with("none", null)
        .with("posts", List.of(new Post(1L, 1L, "t")));
    assertThat(changes.get("user", User.class)).isSameAs(ann);
    assertThat(changes.get("count", Long.class)).isEqualTo(3L);
    assertThat(changes.get("none", String.class)).isNull();
    assertThat(changes.contains("none")).isTrue();
    assertThat(changes.contains("missing")).isFalse();
    assertThat(changes.list("posts", Post.class)).extracting(Post::title).containsExactly("t");
    assertThat(changes.names()).containsExactly("user", "count", "none", "posts");
    assertThat(changes.asMap()).containsKeys("user", "count", "none", "posts").containsEntry("none", null);
    assertThatThrownBy(() -> changes.get("missing")).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("no step named 'missing'").hasMessageContaining("[user, count, none, posts]");
    assertThatThrownBy(() -> changes.get("user", Post.class)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("step 'user'").hasMessageContaining(User.class.getName()).hasMessageContaining(Post.class.getName());
    assertThatThrownBy(() -> changes.list("posts", User.class)).isInstanceOf(ArgumentException.class).hasMessageContaining("step 'posts'");
    assertThatThrownBy(() -> changes.with("user", 2)).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("step 'user' is already a member");
  }

  @Test
  void changesAndMultisAreImmutableVersionsEvenWhenAnOlderOneGrowsAgain() {
    Changes base = Changes.empty().with("a", 1);
    Changes left = base.with("b", 2);
    Changes right = base.with("b", 20).with("c", 30);
    assertThat(base.names()).containsExactly("a");
    assertThat(left.asMap()).isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(right.asMap()).isEqualTo(Map.of("a", 1, "b", 20, "c", 30));
    assertThat(left.contains("c")).isFalse();
    Multi multi = Multi.create().put("a", 1);
    Multi multiLeft = multi.put("b", 2);
    Multi multiRight = multi.put("c", 3).put("b", 4);
    assertThat(multi.operations()).extracting(Operation::name).containsExactly("a");
    assertThat(multiLeft.put("c", 5).operations()).extracting(Operation::argument).containsExactly(1, 2, 5);
    assertThat(multiRight.operations()).extracting(Operation::name, Operation::argument)
        .containsExactly(tuple("a", 1), tuple("c", 3), tuple("b", 4));
    assertThat(Changes.empty().names()).isEmpty();
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("z", 1);
    ordered.put("y", null);
    assertThat(Changes.of(ordered).names()).containsExactly("z", "y");
    assertThat(Changes.of(ordered)).isEqualTo(Changes.empty().with("z", 1).with("y", null));
  }

  @Test
  void aMultiResultReadsLikeChanges() {
    MultiResult result = MultiResult.of(Changes.empty().with("user", new User(1L, "a")).with("n", 2L));
    assertThat(result.get("user", User.class).email()).isEqualTo("a");
    assertThat(result.get("n")).isEqualTo(2L);
    assertThat(result.names()).containsExactly("user", "n");
    assertThat(result.asMap()).hasSize(2);
    assertThat(result.changes().contains("n")).isTrue();
    assertThatThrownBy(() -> result.get("post", Post.class)).hasMessageContaining("no step named 'post'");
  }

  @Test
  void aFailureNamesTheStepItsValueAndTheStepsBefore() {
    Changeset<User> invalid = Changeset.cast(User.class, Map.of(), "email").validateRequired("email").withAction("insert");
    MultiFailedException e = new MultiFailedException("user", invalid, Changes.empty().with("company", "acme"),
        new InvalidChangesetException("insert", invalid));
    assertThat(e).hasMessageContaining("Multi step 'user' failed with an invalid changeset for schema User (table users)")
        .hasMessageContaining("email=[can't be blank]").hasMessageContaining("[company]")
        .hasCauseInstanceOf(InvalidChangesetException.class);
    assertThat(e.step()).isEqualTo("user");
    assertThat(e.changeset(User.class).errorsByField()).containsKey("email");
    assertThat(e.value(Changeset.class)).isSameAs(invalid);
    assertThatThrownBy(() -> e.changeset(Post.class)).isInstanceOf(ArgumentException.class).hasMessageContaining("step 'user'")
        .hasMessageContaining(Post.class.getName());
    assertThat(e.changesSoFar().names()).containsExactly("company");
    assertThatThrownBy(() -> e.value(String.class)).isInstanceOf(ArgumentException.class).hasMessageContaining("step 'user'");
    MultiFailedException plain = new MultiFailedException("quota", "over", Changes.empty(), null);
    assertThat(plain).hasMessageContaining("failed with value over").hasNoCause();
    assertThat(plain.value()).isEqualTo("over");
  }

  @Test
  void addingAStepOrAResultCostsTheSameHoweverManyThereAre() {
    // Copying every step on every add would take minutes here (about 5 * 10^9 copies).
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
      Multi multi = Multi.create();
      Changes changes = Changes.empty();
      for (int i = 0; i < 100_000; i++) {
        multi = multi.put("p" + i, i);
        changes = changes.with("p" + i, i);
      }
      assertThat(multi.operations()).hasSize(100_000);
      assertThat(changes.get("p99999")).isEqualTo(99_999);
      Multi fromOld = multi.append(Multi.create().put("extra", 0));
      assertThat(fromOld.operations()).hasSize(100_001);
      assertThatThrownBy(() -> fromOld.put("p5", 0)).hasMessageContaining("step 'p5'")
          .hasMessageContaining("p19: PUT, ... 99981 more]");
    });
  }

  @Test
  void insertAllWithReturningIsStillOneStep() {
    Multi multi = Multi.create().insertAll("rows", Post.class, changes -> List.of(), InsertAllOptions.defaults().withReturningAll());
    assertThat(multi.operations()).singleElement().extracting(Operation::kind).isEqualTo(Kind.INSERT_ALL);
  }

  private static Object result(Operation op, Changes changes) {
    return op.step().apply(null, changes).block();
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
