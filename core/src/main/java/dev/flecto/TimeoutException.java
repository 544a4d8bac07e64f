package dev.flecto;

import java.time.Duration;

/**
 * Raised when Flecto ended work that took too long: a statement past its timeout
 * ({@link dev.flecto.repo.RepoOptions#statementTimeout()}), a stream whose subscriber requested
 * nothing for its idle timeout, or a transaction or checkout that ran no statement for its idle
 * timeout ({@link dev.flecto.repo.RepoOptions#idleTimeout()}). By then the statement was cancelled
 * on the server, the transaction rolled back and the connection returned to the pool.
 *
 * <pre>{@code
 * repo.stream(Query.from(Event.class))
 *     .onErrorResume(TimeoutException.class, e -> Flux.empty());   // e.timeout(), e.getMessage() names the query
 * }</pre>
 */
public class TimeoutException extends FlectoException {
  private static final long serialVersionUID = 1L;
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * <pre>{@code new TimeoutException("statement timed out after PT15S in SQL: SELECT ...", Duration.ofSeconds(15)) }</pre>
   *
   * @param message what was ended, naming its SQL or query and the timeout
   * @param timeout the bound that was passed
   */
  public TimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = timeout;
  }

  /**
   * The bound that was passed.
   *
   * <pre>{@code e.timeout() // PT15S }</pre>
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
