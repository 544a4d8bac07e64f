package dev.flecto.it;

import static dev.flecto.query.Exprs.field;
import static dev.flecto.query.Exprs.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flecto.ArgumentException;
import dev.flecto.FlectoException;
import dev.flecto.QueryException;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.multi.ConflictingActionException;
import dev.flecto.multi.Multi;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.repo.StreamOptions;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Bad input given to the Repo, the way a caller's mistake reaches it: every Repo method returns
 * its publisher without throwing, and the publisher fails with a {@link FlectoException} subclass
 * that names what is at fault; the table is as it was afterwards. Building a value (a changeset,
 * a query, options) with an argument it cannot take throws a {@link FlectoException} subclass at
 * once, as Ecto raises {@code ArgumentError} there.
 */
@FlectoTest(schema = "/query.sql")
class BadInputIT {
  private static final Duration T = Duration.ofSeconds(10);

  /** Calls {@code call} (which must not throw) and returns what its publisher failed with. */
  private static FlectoException failure(Supplier<? extends Publisher<?>> call) {
    Publisher<?> p;
    try {
      p = call.get();
    } catch (RuntimeException e) {
      throw new AssertionError("threw at call time instead of failing inside the publisher: " + e, e);
    }
    Throwable t = catchThrowable(() -> Flux.from(p).blockLast(T));
    assertThat(t).as("the publisher fails").isInstanceOf(FlectoException.class);
    return (FlectoException) t;
  }

  @Test
  void nullsGivenToTheRepoFailInsideThePublisher(Repo repo) {
    assertThat(failure(() -> repo.insert((Changeset<QPost>) null))).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("insert");
    assertThat(failure(() -> repo.insert((Object) null))).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("insert");
    assertThat(failure(() -> repo.update(null))).hasMessageContaining("update");
    assertThat(failure(() -> repo.delete((Changeset<QPost>) null))).hasMessageContaining("delete");
    assertThat(failure(() -> repo.delete((Object) null))).hasMessageContaining("delete");
    assertThat(failure(() -> repo.insertOrUpdate(null))).hasMessageContaining("insertOrUpdate");
    assertThat(failure(() -> repo.all((Query<QPost>) null))).hasMessageContaining("all");
    assertThat(failure(() -> repo.all((Class<QPost>) null))).hasMessageContaining("all");
    assertThat(failure(() -> repo.one(null))).hasMessageContaining("one");
    assertThat(failure(() -> repo.stream(null))).hasMessageContaining("stream");
    assertThat(failure(() -> repo.stream(Query.from(QPost.class), null))).hasMessageContaining("StreamOptions");
    assertThat(failure(() -> repo.get(QPost.class, null))).hasMessageContaining("QPost").hasMessageContaining("id");
    assertThat(failure(() -> repo.get(null, 1L))).hasMessageContaining("get");
    assertThat(failure(() -> repo.getBy(QPost.class, null))).hasMessageContaining("getBy");
    assertThat(failure(() -> repo.aggregate(Query.from(QPost.class), null))).hasMessageContaining("aggregate");
    assertThat(failure(() -> repo.aggregate(null, Aggregate.COUNT))).hasMessageContaining("aggregate");
    assertThat(failure(() -> repo.exists(null))).hasMessageContaining("exists");
    assertThat(failure(() -> repo.deleteAll(null))).hasMessageContaining("deleteAll");
    assertThat(failure(() -> repo.updateAll(Query.from(QPost.class), null))).hasMessageContaining("updateAll");
    assertThat(failure(() -> repo.reload(null))).hasMessageContaining("reload");
    assertThat(failure(() -> repo.preload(List.of(), (String[]) null))).hasMessageContaining("preload");
    assertThat(failure(() -> repo.preload((List<QPost>) null, "comments"))).hasMessageContaining("preload");
    assertThat(failure(() -> repo.query(null, List.of()))).hasMessageContaining("query");
    assertThat(failure(() -> repo.query("SELECT $1", null))).hasMessageContaining("query");
    assertThat(failure(() -> repo.insertAll(null, List.of()))).hasMessageContaining("insertAll");
    assertThat(failure(() -> repo.transact((Supplier<reactor.core.publisher.Mono<Object>>) null)))
        .hasMessageContaining("transact");
    assertThat(failure(() -> repo.transact((Multi) null))).hasMessageContaining("transact");
    assertThat(failure(() -> repo.transact(Multi.create(), null))).hasMessageContaining("TransactionOptions");
    assertThat(failure(() -> repo.transact((TransactionOptions) null, () -> reactor.core.publisher.Mono.just(1))))
        .hasMessageContaining("TransactionOptions");
    assertThat(failure(() -> repo.checkout(null))).hasMessageContaining("checkout");
    assertThat(repo.all(QPost.class).collectList().block(T)).isEmpty();
  }

  @Test
  void aRecordWithoutItsKeyCannotBeUpdatedOrDeleted(Repo repo) {
    QPost saved = repo.insert(QPost.of("kept", 1, null, null)).block(T);
    QPost keyless = new QPost(null, "kept", 1, null, null);
    assertThat(failure(() -> repo.update(Changeset.change(keyless).putChange("title", "gone"))))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("QPost").hasMessageContaining("id");
    assertThat(failure(() -> repo.delete(keyless))).isInstanceOf(ArgumentException.class)
        .hasMessageContaining("QPost").hasMessageContaining("id");
    assertThat(failure(() -> repo.reload(keyless))).hasMessageContaining("QPost").hasMessageContaining("id");
    assertThat(repo.all(QPost.class).collectList().block(T)).containsExactly(saved);
  }

  @Test
  void aChangesetWithAnotherActionIsRefusedAsEctoDoes(Repo repo) {
    Changeset<QPost> checked = Changeset.change(QPost.of("draft", 1, null, null)).withAction("validate");
    ConflictingActionException e = (ConflictingActionException) failure(() -> repo.insert(checked));
    assertThat(e.action()).isEqualTo("validate");
    assertThat(e).hasMessageContaining("insert");
    QPost saved = repo.insert(QPost.of("kept", 1, null, null)).block(T);
    assertThat(failure(() -> repo.update(Changeset.change(saved).putChange("title", "x").withAction("insert"))))
        .isInstanceOf(ConflictingActionException.class).hasMessageContaining("update");
    assertThat(failure(() -> repo.delete(Changeset.change(saved).withAction("update"))))
        .isInstanceOf(ConflictingActionException.class).hasMessageContaining("delete");
    assertThat(repo.update(Changeset.change(saved).putChange("title", "same action").withAction("update"))
        .block(T).title()).isEqualTo("same action");
    assertThat(repo.all(QPost.class).collectList().block(T)).hasSize(1);
  }

  @Test
  void aFragmentWithTheWrongNumberOfArgumentsFailsInsideThePublisher(Repo repo) {
    QueryException e = (QueryException) failure(() -> repo.all(
        Query.from(QPost.class).where(fragment("title = ? AND votes = ?", "x"))));
    assertThat(e).hasMessageContaining("title = ? AND votes = ?").hasMessageContaining("2").hasMessageContaining("1");
    assertThat(failure(() -> repo.all(Query.from(QPost.class).where(fragment("title = ?", "x", "y")))))
        .isInstanceOf(QueryException.class);
  }

  @Test
  void streamOptionsOutOfRangeFailInsideThePublisher(Repo repo) {
    assertThat(failure(() -> repo.transact(() -> repo.stream(Query.from(QPost.class), StreamOptions.maxRows(0))
        .collectList()))).isInstanceOf(ArgumentException.class).hasMessageContaining("maxRows").hasMessageContaining("0");
    assertThat(failure(() -> repo.stream(Query.from(QPost.class), StreamOptions.defaults().withIdleTimeout(Duration.ZERO))))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("idleTimeout");
  }

  @Test
  void emptyOrNulIdentifiersAreRefusedBeforeAnySql(Repo repo) {
    assertThat(failure(() -> repo.all(Query.fromTable("q_posts\0; DROP TABLE q_posts").select(field("title"), String.class)))).isInstanceOf(QueryException.class).hasMessageContaining("NUL");
    assertThat(catchThrowable(() -> field(""))).as("a value: refused at once").isInstanceOf(QueryException.class);
    assertThat(failure(() -> repo.all(Query.from(QPost.class).prefix("")))).isInstanceOf(QueryException.class)
        .hasMessageContaining("empty");
    assertThat(failure(() -> repo.all(Query.from(QPost.class).prefix("pub\0lic")))).isInstanceOf(QueryException.class)
        .hasMessageContaining("NUL");
    assertThat(repo.insert(QPost.of("still here", 1, null, null)).then(repo.aggregate(Query.from(QPost.class), Aggregate.COUNT))
        .block(T)).isEqualTo(1L);
  }

  @Test
  void valuesRefuseBadArgumentsAtOnceWithAFlectoException() {
    assertThat(catchThrowable(() -> Changeset.change(QPost.of("a", 1, null, null), Map.of("nope", 1))))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("nope").hasMessageContaining("QPost");
    assertThat(catchThrowable(() -> Changeset.change(QPost.of("a", 1, null, null)).putChange("votes", "many")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("votes");
    assertThat(catchThrowable(() -> Changeset.change(QPost.of("a", 1, null, null)).cast(Map.of(), "nope")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("nope");
    assertThat(catchThrowable(() -> Changeset.change(QPost.of("a", 1, null, null)).validateLength("nope", null)))
        .isInstanceOf(FlectoException.class);
    assertThat(catchThrowable(() -> Query.from(QPost.class).select(field("title"), String.class)
        .selectMerge(Map.of("votes", field("votes"))))).isInstanceOf(QueryException.class);
    assertThat(catchThrowable(() -> Multi.create().insert("a", QPost.of("a", 1, null, null)).insert("a", QPost.of("b", 1, null, null))))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("'a'");
  }
}
