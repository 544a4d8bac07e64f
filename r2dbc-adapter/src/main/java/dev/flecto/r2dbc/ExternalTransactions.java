package dev.flecto.r2dbc;

import io.r2dbc.spi.Connection;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The bridge to another transaction manager on the same connection factory: Flecto's statements
 * join a transaction that manager began, and a transaction Flecto begins is visible to that
 * manager's code. The Spring Boot starter implements it for Spring's {@code R2dbcTransactionManager},
 * so {@code @Transactional}, {@code TransactionalOperator}, {@code DatabaseClient} and
 * {@code repo.transact} share one transaction, whichever began it.
 *
 * <p>A joined transaction follows Ecto's rules for a nested {@code transact}: a {@code transact}
 * inside it joins it (or takes a savepoint when asked), and when one fails the transaction is
 * {@linkplain Joined#abort aborted}: Flecto runs no more statements in it, and its manager must
 * roll it back even when the caller caught the error.
 *
 * <pre>{@code
 * ExternalTransactions spring = ...;   // the starter's SpringTransactions
 * Repo repo = R2dbcRepos.of(pool, RepoOptions.defaults(), spring);
 * transactionalOperator.transactional(repo.insert(changeset))   // runs in Spring's transaction
 * }</pre>
 */
public interface ExternalTransactions {
  /**
   * The transaction begun by the other manager that code running with this Context is in.
   * Called for every Flecto operation outside a Flecto transaction, so it must be cheap: a lookup
   * in the Context, no I/O.
   *
   * <pre>{@code Joined joined = external.current(ctx); // null outside a Spring transaction }</pre>
   *
   * @param context the Reactor Context of the Flecto operation
   * @return the transaction, or null when there is none
   */
  Joined current(ContextView context);

  /**
   * The body of a transaction Flecto began on the connection, run so that the other manager's
   * code sees that transaction (its statements join it instead of taking a connection of their
   * own). An error the returned publisher ends with rolls Flecto's transaction back: return one
   * when the other manager's code asked for a rollback (Spring's rollback-only).
   *
   * <pre>{@code external.share(connection, body) }</pre>
   *
   * @param connection the transaction's connection, with BEGIN sent: a view whose statements are
   *     refused once Flecto ended the transaction, and whose {@code close} does nothing
   * @param body the transaction's work
   * @param <T> the work's value
   * @return the work, run with the transaction visible
   */
  <T> Mono<T> share(Connection connection, Mono<T> body);

  /**
   * A transaction begun by the other manager, as Flecto joins it.
   *
   * <pre>{@code joined.connection().createStatement("SELECT 1") }</pre>
   */
  interface Joined {
    /**
     * The transaction's connection: Flecto's statements run on it.
     *
     * <pre>{@code joined.connection() }</pre>
     *
     * @return the connection, with the transaction open
     */
    Connection connection();

    /**
     * Flecto's own state for this transaction (which nested transact aborted it, the statements
     * it sent): made by {@code create} the first time it is asked for under the key, then the same
     * object until the transaction ends.
     *
     * <pre>{@code Tx tx = joined.state(key, () -> Tx.joined(joined)); }</pre>
     *
     * @param key Flecto's key (one per Repo)
     * @param create makes the state
     * @param <S> the state's type
     * @return the state
     */
    <S> S state(Object key, Supplier<S> create);

    /**
     * Runs the action just before the transaction's manager sends its COMMIT or ROLLBACK (also for
     * a cancel): Flecto then stops sending statements in it, so none arrives after its end and runs
     * on its own. Called once per transaction, when Flecto first joins it.
     *
     * <pre>{@code joined.beforeEnd(() -> gate.close()) }</pre>
     *
     * @param action what Flecto does before the end
     */
    void beforeEnd(Runnable action);

    /**
     * A nested {@code transact} failed in this transaction: it must end in a rollback, also
     * when the caller caught the error (its writes cannot be told apart from the rest). Called
     * once per transaction.
     *
     * <pre>{@code joined.abort(new IllegalStateException("nested transact failed")) }</pre>
     *
     * @param cause the nested transact's error
     */
    void abort(Throwable cause);
  }
}
