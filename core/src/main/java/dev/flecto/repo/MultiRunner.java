package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.TransactionException;
import dev.flecto.adapter.TransactionOptions;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.multi.Changes;
import dev.flecto.multi.ConflictingActionException;
import dev.flecto.multi.Multi;
import dev.flecto.multi.MultiFailedException;
import dev.flecto.multi.MultiResult;
import dev.flecto.multi.Operation.Kind;
import dev.flecto.multi.Operation;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a Multi for {@link Repo#transact(Multi)}, as Ecto.Multi's apply: the checks before the
 * transaction, then each step in order on the transaction's connection, each failure turned into
 * a {@link MultiFailedException} naming the step.
 */
final class MultiRunner {
  private MultiRunner() {}

  static Mono<MultiResult> transact(Repo repo, Multi multi, TransactionOptions options) {
    return Mono.defer(() -> {
      ConflictingActionException refused = refusal(multi.operations());
      if (refused != null) {
        return Mono.error(refused); // Ecto refuses it when the step is added: before any check or step
      }
      MultiFailedException invalid = check(multi.operations(), Changes.empty());
      if (invalid != null) {
        return Mono.error(invalid); // before BEGIN: no connection is taken
      }
      if (multi.operations().isEmpty()) {
        return Mono.just(MultiResult.of(Changes.empty()));
      }
      // One Run per subscription: its changes grow as its steps complete, one after another.
      Supplier<Mono<MultiResult>> work = () -> new Run(repo, multi).all();
      // Inside a transaction the Multi joins it, as a nested transact does (Ecto): its failure aborts
      // the enclosing transaction, unless the options ask for a savepoint, which undoes the Multi's steps only.
      return repo.transact(options, work);
    });
  }

  /** Ecto's check_operations_valid: the first error step or invalid changeset given as a value. */
  private static MultiFailedException check(List<Operation> operations, Changes soFar) {
    for (Operation op : operations) {
      if (op.kind() == Kind.ERROR) {
        return new MultiFailedException(op.name(), op.argument(), soFar, null);
      }
      boolean write = op.kind() == Kind.INSERT || op.kind() == Kind.UPDATE || op.kind() == Kind.DELETE;
      if (write && op.argument() instanceof Changeset<?> cs && !cs.isValid()) {
        String action = op.kind().name().toLowerCase(Locale.ROOT);
        InvalidChangesetException e = new InvalidChangesetException(action, cs.withAction(action));
        return new MultiFailedException(op.name(), e.changeset(), soFar, e);
      }
    }
    return null;
  }

  /**
   * The first write step given a changeset whose action is already another one, which Multi
   * refused (its step only fails): Ecto raises when such a step is added, so nothing runs.
   */
  private static ConflictingActionException refusal(List<Operation> operations) {
    for (Operation op : operations) {
      boolean write = op.kind() == Kind.INSERT || op.kind() == Kind.UPDATE || op.kind() == Kind.DELETE;
      if (write && op.argument() instanceof Changeset<?> cs && cs.action() != null) {
        String action = op.kind().name().toLowerCase(Locale.ROOT);
        if (!cs.action().equals(action)) {
          return new ConflictingActionException(op.name(), cs, action);
        }
      }
    }
    return null;
  }

  /** The failed value Ecto would give: the changeset, the rollback value, else the exception. */
  private static MultiFailedException failed(Operation op, Throwable e, Changes soFar) {
    Object value = e instanceof InvalidChangesetException invalid ? invalid.changeset()
        : e instanceof TransactionException t && t.value() != null ? t.value()
        : e;
    return new MultiFailedException(op.name(), value, soFar, e);
  }

  /** One run of a Multi: the results so far and the names taken, which merged Multis must not reuse. */
  private static final class Run {
    private final Repo repo;
    private final Multi multi;
    // The names taken so far, for a merge's check: made at the first merge, as most Multis have none.
    private Set<String> names;
    private Changes changes = Changes.empty();

    Run(Repo repo, Multi multi) {
      this.repo = repo;
      this.multi = multi;
    }

    private Set<String> names() {
      if (names == null) {
        names = new HashSet<>();
        multi.operations().stream().filter(op -> op.kind() != Kind.MERGE).forEach(op -> names.add(op.name()));
      }
      return names;
    }

    Mono<MultiResult> all() {
      return steps(multi.operations()).then(Mono.fromSupplier(() -> MultiResult.of(changes)));
    }

    private Mono<Void> steps(List<Operation> operations) {
      return Flux.fromIterable(operations).concatMap(op -> op.kind() == Kind.MERGE ? merge(op) : step(op)).then();
    }

    private Mono<Void> step(Operation op) {
      return new Step(this, op);
    }

    private Mono<Void> merge(Operation op) {
      Changes soFar = changes;
      return Mono.defer(() -> op.step().apply(repo, soFar))
          .switchIfEmpty(Mono.error(() -> new ArgumentException("the merge function returned null; return a Multi")))
          .map(Multi.class::cast)
          .map(merged -> {
            Set<String> taken = merged.operations().stream().filter(o -> o.kind() != Kind.MERGE).map(Operation::name)
                .filter(names()::contains)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
            if (!taken.isEmpty()) {
              throw new ArgumentException("cannot merge " + merged + ": the steps " + taken
                  + " are already in the Multi; every step needs a name of its own");
            }
            return merged;
          })
          .onErrorMap(e -> failed(op, e, soFar))
          .flatMap(merged -> {
            merged.operations().stream().filter(o -> o.kind() != Kind.MERGE).forEach(o -> names().add(o.name()));
            RuntimeException invalid = refusal(merged.operations());
            invalid = invalid != null ? invalid : check(merged.operations(), soFar);
            return invalid != null ? Mono.error(invalid) : steps(merged.operations());
          });
    }
  }

  /**
   * One step of a run, as one operator: the step's Mono made at subscription (a throw or a null
   * is the step's failure), its failure named after the step, and its value (null when it
   * completes empty, as a run step's {@code {:ok, nil}}) added to the run's changes before the
   * next step starts. It stands for {@code defer}, {@code onErrorMap}, {@code doOnSuccess} and
   * {@code then}: four operators and their subscribers a step, made for every step of every run.
   */
  private static final class Step extends Mono<Void> {
    private final Run run;
    private final Operation op;

    Step(Run run, Operation op) {
      this.run = run;
      this.op = op;
    }

    @Override
    public void subscribe(reactor.core.CoreSubscriber<? super Void> actual) {
      Changes soFar = run.changes;
      Mono<?> work;
      try {
        work = op.step().apply(run.repo, soFar);
        if (work == null) {
          throw new NullPointerException("the step returned a null Mono");
        }
      } catch (Throwable e) {
        reactor.core.Exceptions.throwIfJvmFatal(e);
        reactor.core.publisher.Operators.error(actual, failed(op, e, soFar));
        return;
      }
      work.subscribe(new Done(actual, run, op, soFar));
    }
  }

  /** Takes a step's value into the run's changes, and only then completes. */
  private static final class Done implements reactor.core.CoreSubscriber<Object>, org.reactivestreams.Subscription {
    private final reactor.core.CoreSubscriber<? super Void> actual;
    private final Run run;
    private final Operation op;
    private final Changes soFar;
    private org.reactivestreams.Subscription upstream;
    private Object value;

    Done(reactor.core.CoreSubscriber<? super Void> actual, Run run, Operation op, Changes soFar) {
      this.actual = actual;
      this.run = run;
      this.op = op;
      this.soFar = soFar;
    }

    @Override
    public reactor.util.context.Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(org.reactivestreams.Subscription s) {
      upstream = s;
      actual.onSubscribe(this);
      s.request(Long.MAX_VALUE); // a Mono: its one value is kept here, the step emits none
    }

    @Override
    public void onNext(Object v) {
      value = v;
    }

    @Override
    public void onError(Throwable e) {
      actual.onError(failed(op, e, soFar));
    }

    @Override
    public void onComplete() {
      try {
        run.changes = run.changes.with(op.name(), value);
      } catch (RuntimeException e) {
        actual.onError(e);
        return;
      }
      actual.onComplete();
    }

    @Override
    public void request(long n) {
      // nothing to emit: the upstream was asked for everything at the start
    }

    @Override
    public void cancel() {
      upstream.cancel();
    }
  }
}
