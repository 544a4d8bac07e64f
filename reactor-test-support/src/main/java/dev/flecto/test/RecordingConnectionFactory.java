package dev.flecto.test;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Wraps a connection factory and records the SQL of every statement created on its connections,
 * so a test can assert what was sent (or that nothing was). A BEGIN asked of the driver
 * ({@code beginTransaction()}, which Flecto uses for a transaction without options) is recorded as
 * {@code "BEGIN"}, so every transaction's start shows; COMMIT and the other steps asked of the
 * driver are not. Everything else passes through.
 *
 * <pre>{@code
 * RecordingConnectionFactory recording = RecordingConnectionFactory.wrap(pool);
 * Repo repo = R2dbcRepos.of(recording);
 * repo.update(Changeset.change(person)).block();
 * assertThat(recording.statements()).isEmpty();   // an unchanged changeset sends no SQL
 * }</pre>
 */
public final class RecordingConnectionFactory implements ConnectionFactory {
  private final ConnectionFactory delegate;
  private final List<String> statements = new CopyOnWriteArrayList<>();

  private RecordingConnectionFactory(ConnectionFactory delegate) {
    this.delegate = delegate;
  }

  /**
   * Wraps a factory.
   *
   * <pre>{@code RecordingConnectionFactory.wrap(TestDatabase.get().connectionFactory()) }</pre>
   *
   * @param delegate the real factory
   * @return the recording factory
   */
  public static RecordingConnectionFactory wrap(ConnectionFactory delegate) {
    return new RecordingConnectionFactory(delegate);
  }

  /**
   * Creates a connection of the real factory whose statements are recorded.
   *
   * <pre>{@code Mono.from(recording.create()) }</pre>
   */
  @Override
  public Publisher<? extends Connection> create() {
    return Mono.<Connection>from(delegate.create()).map(this::recording);
  }

  /**
   * The real factory's metadata.
   *
   * <pre>{@code recording.getMetadata().getName() // "PostgreSQL" }</pre>
   */
  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return delegate.getMetadata();
  }

  /**
   * The SQL of every statement created so far, in order.
   *
   * <pre>{@code recording.statements() // [SELECT "id", ... FROM "people" WHERE "id" = $1] }</pre>
   *
   * @return a snapshot
   */
  public List<String> statements() {
    return List.copyOf(statements);
  }

  /**
   * Forgets the statements recorded so far.
   *
   * <pre>{@code recording.clear(); }</pre>
   */
  public void clear() {
    statements.clear();
  }

  /**
   * Records the SQL of statements created on an existing connection (such as a sandbox's).
   *
   * <pre>{@code Connection c = recording.recording(connection); }</pre>
   *
   * @param connection the real connection
   * @return a connection that records
   */
  public Connection recording(Connection connection) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("createStatement") && args != null && args.length == 1) {
        statements.add((String) args[0]);
      } else if (name.equals("beginTransaction")) {
        statements.add(args == null ? "BEGIN" : "BEGIN " + args[0]);
      }
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }
}
