package dev.flecto.it;

import static dev.flecto.query.Exprs.field;

import dev.flecto.ConstraintException;
import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.it.FuzzPlan.Cut;
import dev.flecto.it.FuzzPlan.Failure;
import dev.flecto.it.FuzzPlan.Read;
import dev.flecto.it.FuzzPlan.ReadKind;
import dev.flecto.it.FuzzPlan.Step;
import dev.flecto.it.FuzzPlan.Trial;
import dev.flecto.it.FuzzReport.Injected;
import dev.flecto.it.FuzzReport.TrialHang;
import dev.flecto.it.FuzzReport.WrongData;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiFailedException;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.query.Updates;
import dev.flecto.repo.Repo;
import dev.flecto.repo.StreamOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The trials of {@link CancellationFuzzIT} on one Repo: a trial's operation, cut by its operator,
 * bounded, its errors sorted into expected and unexpected, and what it saw recorded on the trial.
 */
final class FuzzOperations {
  static final Duration TRIAL_BOUND = Duration.ofSeconds(30);
  private static final String ROLLBACK_VALUE = "fuzz rollback";
  private static final Set<String> DELIBERATE_CONSTRAINTS = Set.of("fz_pairs_trial_pair_no_key", "fz_singles_code_key");
  private static final int PARENTS_WITH_CHILDREN = 200;

  private final Repo repo;

  FuzzOperations(Repo repo) {
    this.repo = repo;
  }


  Mono<Void> run(Trial t) {
    return Mono.defer(() -> cut(t, operation(t), false))
        .doOnSubscribe(s -> t.startedAt = Instant.now())
        .doOnSuccess(v -> t.outcome = "completed")
        .doFinally(s -> t.endedAt = Instant.now())
        .timeout(TRIAL_BOUND, Mono.error(() -> new TrialHang(t)))
        .onErrorResume(e -> {
          Throwable u = Exceptions.unwrap(e);
          if (expected(t, u)) {
            t.outcome = "expected " + u.getClass().getSimpleName();
          } else {
            t.outcome = "UNEXPECTED " + u.getClass().getSimpleName();
            t.unexpected = u;
          }
          return Mono.empty();
        });
  }

  /** The errors a trial causes on purpose; anything else is a bug (or, for WrongData, a wrong result). */
  private static boolean expected(Trial t, Throwable e) {
    if (e instanceof Injected) {
      return true;
    }
    if (e instanceof TimeoutException) {
      return t.cut == Cut.TIMEOUT; // the trial's own timeout operator (the bound raises TrialHang)
    }
    if (e instanceof MultiFailedException m) {
      return t.failure == Failure.ROLLBACK && ROLLBACK_VALUE.equals(m.value())
          || m.getCause() != null && m.getCause() != e && expected(t, m.getCause());
    }
    if (e instanceof ConstraintException c) {
      return t.failure == Failure.CONSTRAINT && DELIBERATE_CONSTRAINTS.contains(c.constraint());
    }
    if (e instanceof TransactionException x) {
      if (ROLLBACK_VALUE.equals(x.value())) {
        return t.failure == Failure.ROLLBACK;
      }
      // A transaction that fails because of what failed inside it, never a BEGIN, COMMIT or ROLLBACK of its own.
      return x.getCause() != null && x.getCause() != e && expected(t, x.getCause());
    }
    return false;
  }

  private Mono<Void> cut(Trial t, Flux<?> source, boolean inner) {
    switch (t.cut) {
      case TAKE:
        return source.take(t.cutN).then();
      case NEXT:
        return source.next().then();
      case TIMEOUT:
        return source.timeout(Duration.ofMillis(t.cutMs)).then();
      case ZIP_FAIL:
        return Flux.zip(source, Flux.range(0, t.cutN)
            .concatWith(Mono.delay(Duration.ofMillis(t.cutMs)).then(Mono.error(new Injected("zip sibling of trial #" + t.index)))))
            .then();
      case DISPOSE:
        return inner ? source.takeUntilOther(Mono.delay(Duration.ofMillis(t.cutMs))).then() : disposeAfter(source, t.cutMs);
      case THROW_KTH:
        return Flux.defer(() -> {
          AtomicInteger seen = new AtomicInteger();
          return source.map(x -> {
            if (seen.incrementAndGet() == t.cutN + 1) {
              throw new Injected("map of trial #" + t.index + " threw at element " + (t.cutN + 1));
            }
            return x;
          });
        }).then();
      case NONE:
      default:
        return source.then();
    }
  }

  /** Subscribes, and disposes the subscription after the delay unless it ended first (then it ends with it). */
  private static Mono<Void> disposeAfter(Flux<?> source, int millis) {
    return Mono.create(sink -> {
      AtomicBoolean over = new AtomicBoolean();
      Disposable.Swap running = Disposables.swap();
      Disposable timer = Schedulers.parallel().schedule(() -> {
        if (over.compareAndSet(false, true)) {
          running.dispose();
          sink.success();
        }
      }, millis, TimeUnit.MILLISECONDS);
      running.update(source.subscribe(x -> { }, e -> {
        if (over.compareAndSet(false, true)) {
          timer.dispose();
          sink.error(e);
        }
      }, () -> {
        if (over.compareAndSet(false, true)) {
          timer.dispose();
          sink.success();
        }
      }));
      sink.onCancel(() -> {
        timer.dispose();
        running.dispose();
      });
    });
  }

  private Flux<?> operation(Trial t) {
    switch (t.op) {
      case GET:
      case ALL:
      case AGGREGATE:
      case PRELOAD:
      case STREAM:
        return read(t.read);
      case INSERT:
        return Flux.from(insertSingle(t, 1).flatMap(s -> t.failure == Failure.CONSTRAINT
            ? repo.insert(FzSingle.of(t.index, s.code())) : Mono.just(s)));
      case UPDATE:
        return Flux.from(insertSingle(t, 1).flatMap(s -> repo.update(Changeset.change(s, Map.of("note", "updated", "hits", 1)))));
      case DELETE:
        return Flux.from(repo.insert(FzSingle.of(t.index, code(t, 1)))
            .flatMap(s -> repo.delete(s).doOnNext(d -> t.goneIds.add(s.id()))));
      case INSERT_ALL:
        return Flux.from(insertAllSingles(t));
      case UPDATE_ALL:
        return Flux.from(insertAllSingles(t).then(repo.updateAll(ownSingles(t), Updates.inc("hits", 1))));
      case DELETE_ALL:
        return Flux.from(repo.insertAll(FzSingle.class, singleEntries(t)).then(repo.deleteAll(ownSingles(t)))
            .doOnNext(n -> t.singlesGone = true));
      case CHECKOUT:
        return Flux.from(repo.checkout(() -> read(t.read).then(insertSingle(t, 1)).then(read(t.read2).then())
            .thenReturn(t.index)));
      case TX:
      case TX_STREAM:
        return Flux.from(committed(t, repo.transact(() -> steps(t))));
      case CHECKOUT_TX:
        return Flux.from(repo.checkout(() -> insertSingle(t, 1).then(committed(t, repo.transact(() -> steps(t))))));
      case TX_MULTI:
        return Flux.from(committed(t, repo.transact(multi(t, true))));
      case TX_NESTED_MULTI:
      default:
        return Flux.from(committed(t, repo.transact(() -> repo.insert(FzPair.of(t.index, 1))
            .then(repo.transact(multi(t, false))).thenReturn(t.index))));
    }
  }

  /** Marks the trial committed when its transaction emits: Repo.transact emits only after COMMIT succeeded. */
  private static <V> Mono<V> committed(Trial t, Mono<V> transaction) {
    return transaction.doOnNext(v -> t.committed = true);
  }

  /** The statements of a transactional trial, one after another, each subscribed only when the one before completed. */
  private Mono<Integer> steps(Trial t) {
    Mono<?> chain = Mono.empty();
    for (Step s : t.steps) {
      chain = chain.then(Mono.defer(() -> step(t, s)));
    }
    return chain.then(Mono.just(t.index));
  }

  private Mono<?> step(Trial t, Step s) {
    switch (s.kind()) {
      case W1:
        return repo.insert(FzPair.of(t.index, 1));
      case W2:
        return second(t);
      case PAIR_ALL:
        return repo.insertAll(FzPair.class, List.of(FzPair.of(t.index, 1), FzPair.of(t.index, 2)));
      case READ:
        return s.cut() ? cut(t, read(s.read()), true) : read(s.read()).then();
      case STREAM_UPDATES:
        return s.cut() ? cut(t, streamWithUpdates(t, s.read()), true) : streamWithUpdates(t, s.read()).then();
      case UPDATE_OWN:
        return repo.updateAll(ownPairs(t), Updates.set("note", "updated in trial " + t.index));
      case TEMP_ROW:
        return repo.insert(FzPair.of(t.index, 3)).then(repo.deleteAll(ownPairs(t).where("pairNo", 3)));
      case FAIL_CONSTRAINT:
        return repo.insert(FzPair.of(t.index, 1));
      case FAIL_ROLLBACK:
        return repo.rollback(ROLLBACK_VALUE);
      case FAIL_INNER:
      default:
        return repo.transact(s.savepoint() ? TransactionOptions.defaults().withSavepoint(true) : TransactionOptions.defaults(),
            () -> repo.insert(FzPair.of(t.index, 4)).then(Mono.error(new Injected("nested transact of trial #" + t.index))));
    }
  }

  private Mono<?> second(Trial t) {
    FzPair second = FzPair.of(t.index, 2);
    switch (t.second) {
      case PLAIN:
        return repo.insert(second);
      case NESTED_TX:
        return repo.transact(() -> repo.insert(second));
      case NESTED_SAVEPOINT:
        return repo.transact(TransactionOptions.defaults().withSavepoint(true), () -> repo.insert(second));
      case NESTED_MULTI:
      default:
        return repo.transact(Multi.create().insert("second", second));
    }
  }

  /** The pair (or its second row) in a Multi, with a read between (cut when the trial's cut is inner) and the trial's failure. */
  private Multi multi(Trial t, boolean both) {
    Multi m = Multi.create();
    if (both) {
      m = m.insert("first", FzPair.of(t.index, 1));
    }
    m = m.run("read", (r, changes) -> t.inner ? cut(t, read(t.read), true) : read(t.read).then())
        .insert("second", FzPair.of(t.index, 2));
    switch (t.failure) {
      case CONSTRAINT:
        return m.insert("duplicate", FzPair.of(t.index, 2));
      case ROLLBACK:
        return m.run("rollback", (r, changes) -> r.rollback(ROLLBACK_VALUE));
      case INNER_ERROR:
        return m.run("fail", (r, changes) -> Mono.error(new Injected("Multi step of trial #" + t.index)));
      case NONE:
      default:
        return m;
    }
  }

  private Flux<?> read(Read r) {
    Query<FzParent> upTo = Query.from(FzParent.class).where(field("id").le(r.n())).orderBy("id");
    switch (r.kind()) {
      case GET:
        return Flux.from(repo.get(FzParent.class, (long) r.n()).doOnNext(p -> {
          if (p.id() != r.n()) {
            throw new WrongData("get(" + r.n() + ") gave parent " + p.id());
          }
        }));
      case ALL:
        return inOrder(repo.all(upTo), r, false);
      case AGGREGATE: {
        Query<FzChild> children = Query.from(FzChild.class).where(field("parentId").le(r.n()));
        long withChildren = Math.min(r.n(), PARENTS_WITH_CHILDREN);
        Mono<Long> value = r.variant() ? repo.aggregate(children, Aggregate.COUNT)
            : repo.aggregate(children, Aggregate.SUM, "pos", Long.class);
        long want = r.variant() ? 3 * withChildren : 6 * withChildren;
        return Flux.from(value.doOnNext(v -> {
          if (v != want) {
            throw new WrongData((r.variant() ? "count" : "sum") + " of children of parents <= " + r.n() + " gave " + v
                + " instead of " + want);
          }
        }));
      }
      case PRELOAD:
        return inOrder(r.variant() ? repo.all(upTo.preload(r.paths()))
            : repo.all(upTo).collectList().flatMap(list -> repo.preload(list, r.paths())).flatMapIterable(l -> l), r, true);
      case STREAM:
      default:
        return inOrder(repo.stream(r.variant() ? upTo.preload("children") : upTo, StreamOptions.maxRows(r.maxRows())), r,
            r.variant());
    }
  }

  /** A stream inside the trial's transaction that updates the trial's own pair between fetches. */
  private Flux<?> streamWithUpdates(Trial t, Read r) {
    Query<FzParent> upTo = Query.from(FzParent.class).where(field("id").le(r.n())).orderBy("id");
    return inOrder(repo.stream(upTo, StreamOptions.maxRows(r.maxRows())), r, false)
        .concatMap(p -> p.id() % 4 == 0
            ? repo.updateAll(ownPairs(t), Updates.set("note", "saw parent " + p.id())).thenReturn(p) : Mono.just(p));
  }

  /** Parents 1..n in order, with the associations the read preloads loaded and right. */
  private static Flux<FzParent> inOrder(Flux<FzParent> parents, Read r, boolean preloaded) {
    return Flux.defer(() -> {
      AtomicLong next = new AtomicLong(1);
      return parents.doOnNext(p -> {
        long want = next.getAndIncrement();
        if (p.id() != want || want > r.n()) {
          throw new WrongData(r + " gave parent " + p.id() + " where parent " + want + " was due");
        }
        if (preloaded) {
          checkAssociations(p, r);
        }
      });
    });
  }

  private static void checkAssociations(FzParent p, Read r) {
    List<String> paths = r.kind() == ReadKind.STREAM ? List.of("children") : List.of(r.paths());
    if (paths.contains("children")) {
      int want = p.id() <= PARENTS_WITH_CHILDREN ? 3 : 0;
      List<FzChild> children = p.children().get();
      if (children.size() != want || children.stream().anyMatch(c -> !c.parentId().equals(p.id()))) {
        throw new WrongData(r + ": parent " + p.id() + " has children " + children);
      }
    }
    if (paths.contains("owner")) {
      FzOwner owner = p.owner().get();
      if (p.ownerId() == null ? owner != null : owner == null || !owner.id().equals(p.ownerId())) {
        throw new WrongData(r + ": parent " + p.id() + " with ownerId " + p.ownerId() + " has owner " + owner);
      }
    }
    if (paths.contains("tags")) {
      Set<Long> want = Set.of(1 + p.id() % 8, 1 + (p.id() + 1) % 8);
      Set<Long> got = p.tags().get().stream().map(FzTag::id).collect(Collectors.toSet());
      if (!got.equals(want) || p.tags().get().size() != 2) {
        throw new WrongData(r + ": parent " + p.id() + " has tags " + p.tags().get());
      }
    }
  }

  private Mono<FzSingle> insertSingle(Trial t, int k) {
    return repo.insert(FzSingle.of(t.index, code(t, k))).doOnNext(s -> t.singlesSeen.incrementAndGet());
  }

  private Mono<Long> insertAllSingles(Trial t) {
    return repo.insertAll(FzSingle.class, singleEntries(t)).doOnNext(n -> t.singlesSeen.addAndGet(n.intValue()));
  }

  private static List<Map<String, Object>> singleEntries(Trial t) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int k = 0; k < t.count; k++) {
      entries.add(Map.of("trial", t.index, "code", "t" + t.index + "-all-" + k, "hits", 0, "note", "insertAll"));
    }
    return entries;
  }

  private static String code(Trial t, int k) {
    return "t" + t.index + "-" + k;
  }

  private static Query<FzSingle> ownSingles(Trial t) {
    return Query.from(FzSingle.class).where("trial", t.index);
  }

  private static Query<FzPair> ownPairs(Trial t) {
    return Query.from(FzPair.class).where("trial", t.index);
  }
}
