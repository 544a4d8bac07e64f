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
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

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
      // Each subscription runs the steps afresh: its changes grow as its steps complete, one after another.
      Supplier<Mono<MultiResult>> work = () -> new Run(repo, multi);
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

  /** The steps of a Multi, run in order on each subscription, emitting what they changed. */
  private static final class Run extends Mono<MultiResult> {
    private final Repo repo;
    private final Multi multi;

    Run(Repo repo, Multi multi) {
      this.repo = repo;
      this.multi = multi;
    }

    @Override
    public void subscribe(CoreSubscriber<? super MultiResult> actual) {
      new Steps(actual, repo, multi).start();
    }
  }

  /**
   * One subscription's steps, one after another: each step's Mono is subscribed when the previous
   * one completed, a merge's steps run in its place, and the changes are emitted at the end. One
   * subscriber serves every step, in place of concatMap over the steps and a subscriber each: a
   * Multi is often a hot write path's transaction. A step that completes at once is followed in a
   * loop, not a recursion (a Multi may have thousands of steps).
   */
  private static final class Steps extends Operators.MonoSubscriber<Object, MultiResult> {
    private static final AtomicIntegerFieldUpdater<Steps> WIP = AtomicIntegerFieldUpdater.newUpdater(Steps.class, "wip");
    private static final AtomicReferenceFieldUpdater<Steps, Subscription> UPSTREAM =
        AtomicReferenceFieldUpdater.newUpdater(Steps.class, Subscription.class, "upstream");

    private final Repo repo;
    private final Multi multi;
    // The operations still to run: the Multi's, and above them a merge's while they run.
    private final ArrayDeque<Iterator<Operation>> pending = new ArrayDeque<>(2);
    private volatile int wip;
    private volatile Subscription upstream;
    // The names taken so far, for a merge's check: made at the first merge, as most Multis have none.
    private Set<String> names;
    private Changes changes = Changes.empty();
    private Operation op; // the step running
    private Changes soFar; // the changes before it
    private Object stepValue; // its value

    Steps(CoreSubscriber<? super MultiResult> actual, Repo repo, Multi multi) {
      super(actual);
      this.repo = repo;
      this.multi = multi;
      pending.push(multi.operations().iterator());
    }

    void start() {
      actual.onSubscribe(this);
      next();
    }

    /** Subscribes the next step, or emits the changes when none is left. */
    private void next() {
      if (WIP.getAndIncrement(this) != 0) {
        return; // the step completed while it was being subscribed: the loop below goes on
      }
      do {
        if (isCancelled()) {
          return;
        }
        Operation following = following();
        if (following == null) {
          complete(MultiResult.of(changes));
          return;
        }
        op = following;
        soFar = changes;
        stepValue = null;
        Mono<?> work;
        try {
          work = op.step().apply(repo, soFar);
          if (work == null) {
            throw op.kind() == Kind.MERGE ? new ArgumentException("the merge function returned null; return a Multi")
                : new NullPointerException("the step returned a null Mono");
          }
        } catch (Throwable e) {
          reactor.core.Exceptions.throwIfJvmFatal(e);
          actual.onError(failed(op, e, soFar));
          return;
        }
        work.subscribe(this);
      } while (WIP.decrementAndGet(this) != 0);
    }

    private Operation following() {
      while (!pending.isEmpty()) {
        Iterator<Operation> top = pending.peek();
        if (top.hasNext()) {
          return top.next();
        }
        pending.pop();
      }
      return null;
    }

    @Override
    public void onSubscribe(Subscription s) {
      for (;;) {
        Subscription current = upstream;
        if (current == Operators.cancelledSubscription()) {
          s.cancel();
          return;
        }
        if (UPSTREAM.compareAndSet(this, current, s)) {
          s.request(Long.MAX_VALUE); // a Mono: its one value is kept here
          return;
        }
      }
    }

    @Override
    public void onNext(Object v) {
      stepValue = v;
    }

    @Override
    public void onError(Throwable e) {
      if (!isCancelled()) {
        actual.onError(failed(op, e, soFar));
      }
    }

    @Override
    public void onComplete() {
      if (isCancelled()) {
        return;
      }
      RuntimeException e = op.kind() == Kind.MERGE ? merged(stepValue) : kept(stepValue);
      if (e != null) {
        actual.onError(e);
        return;
      }
      next();
    }

    private RuntimeException kept(Object value) {
      try {
        changes = changes.with(op.name(), value);
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    }

    /** A merge's Multi, checked, its steps next to run; else why it cannot run. */
    private RuntimeException merged(Object value) {
      if (!(value instanceof Multi merged)) {
        return failed(op, new ArgumentException("the merge function returned null; return a Multi"), soFar);
      }
      Set<String> taken = merged.operations().stream().filter(o -> o.kind() != Kind.MERGE).map(Operation::name)
          .filter(names()::contains).collect(Collectors.toCollection(TreeSet::new));
      if (!taken.isEmpty()) {
        return failed(op, new ArgumentException("cannot merge " + merged + ": the steps " + taken
            + " are already in the Multi; every step needs a name of its own"), soFar);
      }
      merged.operations().stream().filter(o -> o.kind() != Kind.MERGE).forEach(o -> names().add(o.name()));
      RuntimeException invalid = refusal(merged.operations());
      invalid = invalid != null ? invalid : check(merged.operations(), soFar);
      if (invalid == null) {
        pending.push(merged.operations().iterator());
      }
      return invalid;
    }

    private Set<String> names() {
      if (names == null) {
        names = new HashSet<>();
        multi.operations().stream().filter(o -> o.kind() != Kind.MERGE).forEach(o -> names.add(o.name()));
      }
      return names;
    }

    @Override
    public void cancel() {
      super.cancel();
      Subscription s = UPSTREAM.getAndSet(this, Operators.cancelledSubscription());
      if (s != null && s != Operators.cancelledSubscription()) {
        s.cancel();
      }
    }
  }
}
