package dev.flecto;

import java.util.Map;

/**
 * Raised when an update or delete by primary key matches more than one row (Ecto's
 * {@code Ecto.MultiplePrimaryKeyError}): the schema's {@code @Id} fields are not a primary key, nor
 * unique, in the database. Unlike Ecto, which raises after the statement ran, nothing was changed:
 * the statement only touches a row its key matches alone. The message names the schema, the key
 * and how many rows match it.
 *
 * <pre>{@code
 * repo.delete(entry) // two rows of the table share entry's id: MultiplePrimaryKeyException, both rows kept
 *     .onErrorResume(MultiplePrimaryKeyException.class, e -> Mono.error(new IllegalStateException(
 *         e.count() + " rows of " + e.schema().getSimpleName() + " share the key " + e.key())));
 * }</pre>
 */
public class MultiplePrimaryKeyException extends FlectoException {
  private static final long serialVersionUID = 1L;

  private final Class<?> schema;
  private final transient Map<String, Object> key;
  private final long count;

  /**
   * Creates the exception.
   *
   * <pre>{@code throw new MultiplePrimaryKeyException("...", Entry.class, Map.of("id", 7L), 2); }</pre>
   *
   * @param message what went wrong, naming the schema, the key and the count
   * @param schema the schema record class
   * @param key the primary-key field names and the values they were matched with
   * @param count how many rows match the key
   */
  public MultiplePrimaryKeyException(String message, Class<?> schema, Map<String, Object> key, long count) {
    super(message);
    this.schema = schema;
    this.key = key == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(key));
    this.count = count;
  }

  /**
   * The schema whose key matched several rows.
   *
   * <pre>{@code e.schema() // Entry.class }</pre>
   *
   * @return the schema record class
   */
  public Class<?> schema() {
    return schema;
  }

  /**
   * The primary key the write looked the row up by: field name to value, in key order.
   *
   * <pre>{@code e.key() // {id=7} }</pre>
   *
   * @return the key
   */
  public Map<String, Object> key() {
    return key;
  }

  /**
   * How many rows matched the key (and the lock version, when the changeset had one) when the
   * write was refused.
   *
   * <pre>{@code e.count() // 2 }</pre>
   *
   * @return the count, more than one
   */
  public long count() {
    return count;
  }
}
