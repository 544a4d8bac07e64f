package dev.flecto.repo;

import dev.flecto.ArgumentException;

/**
 * Options of a Repo write that concern stale entries (Ecto's {@code :stale_error_field},
 * {@code :stale_error_message} and {@code :allow_stale}): what happens when an update or delete
 * by key (and lock version) matches no row.
 *
 * <pre>{@code
 * repo.update(cs.optimisticLock("lockVersion"), WriteOptions.staleErrorField("lockVersion"))
 * // InvalidChangesetException with lockVersion: "is stale" instead of StaleEntryException
 * repo.delete(cs, WriteOptions.defaults().withAllowStale(true))   // a vanished row is fine
 * }</pre>
 *
 * @param staleErrorField the field that gets an error when the entry is stale, or null to raise
 *     {@link dev.flecto.StaleEntryException}
 * @param staleErrorMessage the message of that error (default "is stale")
 * @param allowStale whether a stale entry is accepted: the write emits as if it succeeded
 */
public record WriteOptions(String staleErrorField, String staleErrorMessage, boolean allowStale) {
  /**
   * Checks the message.
   *
   * <pre>{@code new WriteOptions(null, "is stale", false) }</pre>
   */
  public WriteOptions {
    if (staleErrorMessage == null) {
      throw new ArgumentException("WriteOptions.staleErrorMessage must not be null");
    }
  }

  /**
   * The defaults: a stale entry raises {@link dev.flecto.StaleEntryException}.
   *
   * <pre>{@code WriteOptions.defaults() }</pre>
   *
   * @return the defaults
   */
  public static WriteOptions defaults() {
    return new WriteOptions(null, "is stale", false);
  }

  /**
   * A stale entry becomes an {@code "is stale"} error (metadata {@code stale: true}) on a field.
   *
   * <pre>{@code WriteOptions.staleErrorField("lockVersion") }</pre>
   *
   * @param field the field
   * @return the options
   */
  public static WriteOptions staleErrorField(String field) {
    return defaults().withStaleErrorField(field);
  }

  /**
   * With another stale error field.
   *
   * <pre>{@code WriteOptions.defaults().withStaleErrorField("version") }</pre>
   *
   * @param field the field, or null
   * @return the new options
   */
  public WriteOptions withStaleErrorField(String field) {
    return new WriteOptions(field, staleErrorMessage, allowStale);
  }

  /**
   * With another stale error message.
   *
   * <pre>{@code WriteOptions.staleErrorField("lockVersion").withStaleErrorMessage("was changed by someone else") }</pre>
   *
   * @param message the message
   * @return the new options
   */
  public WriteOptions withStaleErrorMessage(String message) {
    return new WriteOptions(staleErrorField, message, allowStale);
  }

  /**
   * With or without accepting stale entries.
   *
   * <pre>{@code WriteOptions.defaults().withAllowStale(true) }</pre>
   *
   * @param allow true to accept them
   * @return the new options
   */
  public WriteOptions withAllowStale(boolean allow) {
    return new WriteOptions(staleErrorField, staleErrorMessage, allow);
  }
}
