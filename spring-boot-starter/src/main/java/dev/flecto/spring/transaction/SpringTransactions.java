package dev.flecto.spring.transaction;

import dev.flecto.TransactionException;
import dev.flecto.r2dbc.ExternalTransactions;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.r2dbc.connection.ConnectionHolder;
import org.springframework.transaction.reactive.TransactionContext;
import org.springframework.transaction.reactive.TransactionContextManager;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Flecto's transactions and Spring's reactive ones ({@code R2dbcTransactionManager}: what
 * {@code @Transactional} and {@code TransactionalOperator} use) as one, on the same connection
 * factory, whichever began first:
 * <ul>
 *   <li>inside a Spring transaction, the Repo's statements run on its connection, and a
 *       {@code repo.transact} joins it (or takes a savepoint, when asked). When a nested
 *       {@code transact} fails, Spring's commit fails with a {@link TransactionException} and rolls
 *       back (Ecto's rule: a caught nested failure still aborts the transaction);</li>
 *   <li>inside a {@code repo.transact}, Spring's code ({@code DatabaseClient},
 *       {@code @Transactional} methods with the default propagation) runs on Flecto's connection,
 *       in its transaction. When such a method fails and marks the transaction rollback-only,
 *       Flecto rolls back instead of committing, and {@code transact} fails with a
 *       {@link TransactionException}.</li>
 * </ul>
 * Spring Boot's starter registers it for the application's connection factory; without Boot:
 *
 * <pre>{@code
 * ConnectionFactory pool = ...;
 * Repo repo = R2dbcRepos.of(pool, RepoOptions.defaults(), new SpringTransactions(pool));
 * TransactionalOperator tx = TransactionalOperator.create(new R2dbcTransactionManager(pool));
 * repo.insert(changeset).as(tx::transactional);   // in Spring's transaction
 * }</pre>
 */
public final class SpringTransactions implements ExternalTransactions {
  // The key under which Spring keeps its transaction contexts; the class is not public.
  private static final Class<?> CONTEXT_HOLDER = contextHolderClass();

  private final ConnectionFactory connectionFactory;

  /**
   * Shares the transactions Spring runs on this connection factory.
   *
   * <pre>{@code new SpringTransactions(pool) }</pre>
   *
   * @param connectionFactory the factory Spring's {@code R2dbcTransactionManager} and the Repo both use
   */
  public SpringTransactions(ConnectionFactory connectionFactory) {
    this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
  }

  /**
   * The Spring transaction on this factory that the Context is in, or null: a lookup in the
   * Context, no I/O.
   *
   * <pre>{@code Joined joined = springTransactions.current(ctx); }</pre>
   *
   * @param context the Reactor Context of a Flecto operation
   * @return Spring's transaction, or null
   */
  @Override
  public Joined current(ContextView context) {
    TransactionContext transaction = context.getOrDefault(TransactionContext.class, null);
    if (transaction == null) {
      return null;
    }
    TransactionSynchronizationManager manager = new TransactionSynchronizationManager(transaction);
    // Only an actual transaction: a holder bound for synchronization alone (SUPPORTS) runs without one.
    if (!manager.isActualTransactionActive()
        || !(manager.getResource(connectionFactory) instanceof ConnectionHolder holder)) {
      return null;
    }
    Connection connection;
    try {
      connection = holder.getConnection();
    } catch (IllegalStateException noConnectionYet) {
      return null;
    }
    return new SpringJoined(manager, holder, connection);
  }

  /**
   * Runs the body of a Flecto transaction with its connection bound as Spring's transactional
   * connection for this factory, in a Spring transaction context of its own; a Spring participant
   * that marked it rollback-only fails it.
   *
   * <pre>{@code springTransactions.share(connection, body) }</pre>
   *
   * @param connection Flecto's transaction's connection
   * @param body the transaction's work
   * @param <T> the work's value
   * @return the work
   */
  @Override
  public <T> Mono<T> share(Connection connection, Mono<T> body) {
    return TransactionSynchronizationManager.forCurrentTransaction().flatMap(manager -> {
      ConnectionHolder holder = new ConnectionHolder(connection, true);
      manager.bindResource(connectionFactory, holder);
      manager.setActualTransactionActive(true);
      Mono<Void> veto = Mono.defer(() -> holder.isRollbackOnly()
          ? Mono.error(new TransactionException("transaction rolled back: a Spring transaction taking part in it "
              + "(an @Transactional method or TransactionalOperator) failed and marked it rollback-only, so nothing "
              + "was committed", null))
          : Mono.empty());
      return body.flatMap(v -> veto.thenReturn(v))
          .switchIfEmpty(veto.then(Mono.empty()))
          .doFinally(s -> manager.unbindResourceIfPossible(connectionFactory));
    }).contextWrite(TransactionContextManager.getOrCreateContext())
        .contextWrite(TransactionContextManager.getOrCreateContextHolder())
        .contextWrite(SpringTransactions::withoutSpringContext);
  }

  /**
   * Spring code finds its transaction context through a holder in the Reactor Context (a context
   * put there directly is replaced by the holder's), so the body gets a holder and a context of its
   * own: the outer ones, if any, belong to no actual transaction (else Flecto would have joined it).
   */
  private static reactor.util.context.Context withoutSpringContext(reactor.util.context.Context context) {
    return context.delete(CONTEXT_HOLDER).delete(TransactionContext.class);
  }

  private static Class<?> contextHolderClass() {
    try {
      return Class.forName("org.springframework.transaction.reactive.TransactionContextHolder", false,
          TransactionContextManager.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("spring-tx without TransactionContextHolder: a Spring Framework version this "
          + "starter does not support (6.2 and 7.0 are)", e);
    }
  }

  /** Spring's transaction as Flecto joins it; Flecto's state lives in its resources until it ends. */
  private record SpringJoined(TransactionSynchronizationManager manager, ConnectionHolder holder, Connection connection)
      implements Joined {
    @Override
    public <S> S state(Object key, Supplier<S> create) {
      // Keyed by the holder too: a suspended transaction (REQUIRES_NEW) resumes with its own state.
      StateKey stateKey = new StateKey(key, holder);
      @SuppressWarnings("unchecked")
      S state = (S) manager.getResource(stateKey);
      if (state == null) {
        state = create.get();
        manager.bindResource(stateKey, state);
        if (manager.isSynchronizationActive()) {
          manager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public Mono<Void> afterCompletion(int status) {
              return Mono.fromRunnable(() -> manager.unbindResourceIfPossible(stateKey));
            }
          });
        }
      }
      return state;
    }

    @Override
    public void beforeEnd(Runnable action) {
      // Spring's cancel rolls back while the work may still be sending statements: one sent after
      // the ROLLBACK would run, and commit, on its own.
      if (manager.isSynchronizationActive()) {
        manager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public Mono<Void> beforeCompletion() {
            return Mono.fromRunnable(action);
          }
        });
      }
    }

    @Override
    public void abort(Throwable cause) {
      holder.setRollbackOnly();
      // Spring's reactive commit does not look at the holder's rollback-only flag, so a failure
      // before the commit turns it into a rollback, and the caller learns nothing was committed.
      if (manager.isSynchronizationActive()) {
        manager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public Mono<Void> beforeCommit(boolean readOnly) {
            return Mono.error(new TransactionException("transaction rolled back: a nested repo.transact failed ("
                + cause + ") and its error was caught, but its writes cannot be kept apart from the rest of the "
                + "Spring transaction: nothing was committed; give the nested transact "
                + "TransactionOptions.withSavepoint(true) to recover from its failure", cause));
          }
        });
      }
    }
  }

  private record StateKey(Object key, ConnectionHolder holder) {
    @Override
    public boolean equals(Object o) {
      return o instanceof StateKey k && k.key == key && k.holder == holder;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key) * 31 + System.identityHashCode(holder);
    }
  }
}
