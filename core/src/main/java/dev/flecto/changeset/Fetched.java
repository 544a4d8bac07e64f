package dev.flecto.changeset;

/**
 * A value found by {@link Changeset#fetchField(String)} or {@link Changeset#fetchChange(String)},
 * with where it was found (Ecto's {@code {:changes, value}} and {@code {:data, value}}).
 *
 * <pre>{@code
 * cs.fetchField("age") // Optional[Fetched[source=CHANGES, value=29]]
 * }</pre>
 *
 * @param source where the value came from
 * @param value the value (may be null: a change to null is a change)
 */
public record Fetched(Source source, Object value) {
  /**
   * Where a fetched value came from.
   *
   * <pre>{@code fetched.source() == Fetched.Source.DATA }</pre>
   */
  public enum Source {
    /** The changeset's changes. */
    CHANGES,
    /** The changeset's data. */
    DATA
  }
}
