package dev.flecto;

/**
 * Raised by a write on a read-only Repo ({@link dev.flecto.repo.Repo#replica()}), before any SQL is
 * sent: the Repo serves reads from a replica, which cannot take writes, and a write that works in
 * tests (where the replica may be the primary) must not fail only in production. Write through
 * the primary Repo, or {@link dev.flecto.repo.Repo#primary()}.
 *
 * <pre>{@code
 * repo.replica().insert(post)
 *     .onErrorResume(ReadOnlyRepoException.class, e -> repo.insert(post)); // e.method() is "insert"
 * }</pre>
 */
public class ReadOnlyRepoException extends FlectoException {
  private static final long serialVersionUID = 1L;
  private final String method;
  private final String replica;

  /**
   * Creates the exception; the message names the method and the replica.
   *
   * <pre>{@code new ReadOnlyRepoException("insert", "replica-1 (db-replica-1:5432)") }</pre>
   *
   * @param method the Repo method that was refused, such as {@code insert}
   * @param replica the replica the read-only Repo reads from, as its name says it
   */
  public ReadOnlyRepoException(String method, String replica) {
    super("Repo." + method + " refused: this Repo is read-only (repo.replica(), reading from " + replica
        + "), so it sends no write; write through the primary Repo, or repo.primary()");
    this.method = method;
    this.replica = replica;
  }

  /**
   * The Repo method that was refused.
   *
   * <pre>{@code e.method() // "insertAll" }</pre>
   *
   * @return its name
   */
  public String method() {
    return method;
  }

  /**
   * The replica the read-only Repo reads from.
   *
   * <pre>{@code e.replica() // "replica-2 (db-replica-2:5432)" }</pre>
   *
   * @return its name
   */
  public String replica() {
    return replica;
  }
}
