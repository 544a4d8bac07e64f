package dev.flecto;

/**
 * Raised when a transaction could not begin, commit or roll back, or when
 * {@link dev.flecto.repo.Repo#rollback(Object)} ended one; then {@link #value()} holds the value
 * given to rollback, as Ecto's {@code {:error, value}}.
 *
 * <pre>{@code
 * repo.transact(() -> repo.rollback("not enough stock"))
 *     .onErrorResume(TransactionException.class, e -> Mono.just(e.value()));
 * }</pre>
 */
public class TransactionException extends FlectoException {
  private static final long serialVersionUID = 1L;
  private final transient Object value;

  /**
   * Creates the exception for a failure to begin, commit or roll back.
   *
   * <pre>{@code throw new TransactionException("commit failed", cause); }</pre>
   *
   * @param message what failed
   * @param cause the driver's exception
   */
  public TransactionException(String message, Throwable cause) {
    super(message, cause);
    this.value = null;
  }

  private TransactionException(String message, Object value) {
    super(message);
    this.value = value;
  }

  /**
   * The exception for a transaction ended by {@code rollback(value)}.
   *
   * <pre>{@code return Mono.error(TransactionException.rolledBack("not enough stock")); }</pre>
   *
   * @param value the value given to rollback
   * @return the exception carrying the value
   */
  public static TransactionException rolledBack(Object value) {
    return new TransactionException("transaction rolled back with value: " + value, value);
  }

  /**
   * The value given to {@code rollback}, or null when the transaction failed for another reason.
   *
   * <pre>{@code e.value() // "not enough stock" }</pre>
   *
   * @return the rollback value, or null
   */
  public Object value() {
    return value;
  }
}
