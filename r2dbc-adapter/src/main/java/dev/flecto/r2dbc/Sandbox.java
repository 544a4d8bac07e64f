package dev.flecto.r2dbc;

import dev.flecto.r2dbc.postgres.PostgresDialect;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/**
 * The SQL sandbox (Ecto.Adapters.SQL.Sandbox): a Repo bound to one connection inside a
 * transaction that is rolled back at the end, so a test sees empty tables and leaves nothing
 * behind. Each sandbox has its own connection, so sandboxed tests can run in parallel. Inside it,
 * {@code repo.transact} runs in a savepoint: commit and rollback behave as they would outside.
 * Its {@link dev.flecto.adapter.TransactionOptions} are checked against the sandbox's transaction, as
 * a nested transact's are: a timeout works, but another isolation level or read-only fails (such a
 * test needs real transactions: {@code @NoSandbox}).
 *
 * <p>As in Ecto's sandbox, each statement outside {@code transact} runs in a savepoint of its own,
 * taking turns on the connection, so a statement that fails (a constraint the test expects to be
 * violated) leaves the sandbox's transaction usable. Savepoints nest, so two top-level
 * {@code transact} calls of one test must not run concurrently with each other or with standalone
 * statements (one after the other, or nested, is fine). A failing stream still aborts the
 * sandbox's transaction: streams get no savepoint.
 *
 * <pre>{@code
 * Sandbox sandbox = Sandbox.open(connectionFactory, RepoOptions.defaults()).block();
 * sandbox.repo().insert(person).block();
 * sandbox.rollback().block();   // the row is gone; the connection is released
 * }</pre>
 */
public final class Sandbox {
  private final Connection connection;
  private final SandboxSource source;
  private final Repo repo;
  // A shared sandbox's checkout: given back after the rollback, so the next test may take it.
  private final Runnable onEnd;

  private Sandbox(Connection connection, RepoOptions options, Runnable onEnd) {
    this.connection = connection;
    this.onEnd = onEnd;
    Observed observed = Observed.of(options.telemetry());
    Connection used = observed == null ? connection : observed.connection(connection, 0);
    this.source = new SandboxSource(used);
    this.repo = Repo.of(new R2dbcAdapter(source, new PostgresDialect(options.sqlCacheSize()), options), options);
  }

  /**
   * Takes a connection from the factory and begins the sandbox's transaction.
   *
   * <pre>{@code Mono<Sandbox> sandbox = Sandbox.open(pool, RepoOptions.defaults()); }</pre>
   *
   * @param factory where the connection comes from
   * @param options options for the sandboxed Repo
   * @return the sandbox, once its transaction began
   */
  public static Mono<Sandbox> open(ConnectionFactory factory, RepoOptions options) {
    return open(factory, options, () -> { });
  }

  static Mono<Sandbox> open(ConnectionFactory factory, RepoOptions options, Runnable onEnd) {
    return Acquire.once(factory.create()).onErrorMap(Errors::acquire).flatMap(c ->
        Mono.from(c.beginTransaction()).thenReturn(new Sandbox(c, options, onEnd))
            .onErrorResume(e -> Mono.from(c.close()).then(Mono.error(Errors.transaction("BEGIN", e)))));
  }

  /** The sandbox's raw connection and its statements' turns, for a shared sandbox's Repos. */
  Connection rawConnection() {
    return connection;
  }

  SavepointTurns turns() {
    return source.turns();
  }

  /**
   * The Repo whose every statement runs in the sandbox's transaction.
   *
   * <pre>{@code sandbox.repo().all(Person.class) }</pre>
   *
   * @return the repo
   */
  public Repo repo() {
    return repo;
  }

  /**
   * The sandbox's connection, for raw statements in the same transaction.
   *
   * <pre>{@code sandbox.connection().createStatement("SELECT 1").execute() }</pre>
   *
   * @return the connection
   */
  public Connection connection() {
    return connection;
  }

  /**
   * Rolls back everything the sandbox did and releases its connection (also when the rollback fails).
   *
   * <pre>{@code sandbox.rollback().block(); }</pre>
   *
   * @return completion
   */
  public Mono<Void> rollback() {
    return Mono.from(connection.rollbackTransaction())
        .onErrorMap(e -> Errors.transaction("ROLLBACK", e))
        .then(Mono.defer(() -> Mono.from(connection.close())))
        .onErrorResume(e -> Mono.from(connection.close()).then(Mono.error(e)))
        // Given back before the caller hears of it (doFinally ran after, and a shared sandbox's next
        // statement, sent at once, could still find this closed sandbox: "The connection is closed").
        .doOnSuccess(v -> onEnd.run())
        .doOnError(e -> onEnd.run())
        .doOnCancel(onEnd::run);
  }
}
