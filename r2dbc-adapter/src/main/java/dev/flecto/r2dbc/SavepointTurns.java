package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The sandbox's standalone statements, each in a savepoint of its own (Ecto's sandbox runs each
 * query with {@code mode: :savepoint}): a statement that fails is rolled back to its savepoint and
 * the test's transaction goes on, instead of failing every later statement with 25P02.
 *
 * <p>One statement's group (SAVEPOINT, the statement, RELEASE or ROLLBACK TO) runs at a time, in
 * the order they were subscribed: on one connection, two interleaved groups would release or roll
 * back each other's savepoints. A group's end runs to completion whatever the moment of a cancel,
 * and only then does the next group start.
 */
final class SavepointTurns {
  private final Connection connection;
  private final AtomicReference<CompletableFuture<Void>> tail = new AtomicReference<>(CompletableFuture.completedFuture(null));

  SavepointTurns(Connection connection) {
    this.connection = connection;
  }

  <T> Flux<T> run(Function<Connection, Publisher<T>> work) {
    // The caller's Context goes with the group's statements, sent from futures (telemetry's trace ids).
    return Flux.deferContextual(ctx -> {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> previous = tail.getAndSet(mine);
      String name = Savepoints.newName();
      AtomicBoolean ended = new AtomicBoolean();
      CompletableFuture<Void> ready = previous.thenCompose(x -> Mono.from(connection.createSavepoint(name)).contextWrite(ctx).toFuture());
      // Exactly one end per group, after which the next group may start.
      // true: RELEASE; false: ROLLBACK TO and RELEASE; null (cancelled): RELEASE, else undo.
      // A cancelled statement keeps what it did, as it would in autocommit (a statement the server
      // ran is committed): RELEASE, and only if that fails (the statement failed) roll back to it.
      Function<Boolean, Mono<Void>> end = ok -> Mono.defer(() -> {
        if (!ended.compareAndSet(false, true)) {
          return Mono.empty();
        }
        Mono<Void> undo = Mono.from(connection.rollbackTransactionToSavepoint(name)).then(Mono.from(connection.releaseSavepoint(name)));
        Mono<Void> last = ok == null ? Mono.from(connection.releaseSavepoint(name)).onErrorResume(e -> undo)
            : ok ? Mono.from(connection.releaseSavepoint(name)) : undo;
        CompletableFuture<Void> done = last.contextWrite(ctx).onErrorMap(e -> Errors.transaction(Boolean.TRUE.equals(ok) ? "RELEASE SAVEPOINT" : "ROLLBACK TO SAVEPOINT", e))
            .doFinally(s -> mine.complete(null)).toFuture();
        return Mono.fromFuture(done, true);
      });
      Mono<Connection> savepoint = Mono.fromFuture(ready, true)
          .onErrorMap(e -> Errors.transaction("SAVEPOINT", e instanceof java.util.concurrent.CompletionException c ? c.getCause() : e))
          .doOnError(e -> mine.complete(null)) // no savepoint, nothing to end
          .doOnCancel(() -> ready.whenComplete((x, e) -> cancelled(end).subscribe(v -> { }, err -> { })))
          .thenReturn(connection);
      return Flux.usingWhen(savepoint, work, c -> end.apply(true), (c, e) -> end.apply(false).onErrorResume(x -> Mono.empty()),
          c -> cancelled(end)).onErrorMap(Errors::unwrapCleanup);
    });
  }

  // RELEASE keeps the cancelled statement's work; when it fails, the statement had failed: undo it, ending the group.
  private static Mono<Void> cancelled(Function<Boolean, Mono<Void>> end) {
    return Mono.defer(() -> end.apply(null)).onErrorResume(e -> Mono.empty());
  }
}
