package dev.flecto.multi;

import java.util.List;
import java.util.Map;

/**
 * What a committed {@link Multi} gives: every step's result by name, in the order the steps ran
 * (Ecto's {@code {:ok, changes}}). A result is what the matching Repo call emits: the record of an
 * insert, update or delete; the count of an insertAll, updateAll or deleteAll (or the records of an
 * insertAll with returning); the record or null of {@code one}; the list of {@code all}; the
 * boolean of {@code exists}; the value of {@code put} and {@code run}.
 *
 * <pre>{@code
 * repo.transact(Multi.create().insert("user", cs).deleteAll("sessions", staleSessions))
 *     .map(result -> result.get("user", User.class).id() + " and " + result.get("sessions", Long.class));
 * }</pre>
 */
public final class MultiResult {
  private final Changes changes;

  private MultiResult(Changes changes) {
    this.changes = changes;
  }

  /**
   * The result of a Multi whose steps gave these changes.
   *
   * <pre>{@code MultiResult.of(Changes.empty().with("user", ann)) }</pre>
   *
   * @param changes every step's result
   * @return the result
   */
  public static MultiResult of(Changes changes) {
    return new MultiResult(changes);
  }

  /**
   * A step's result.
   *
   * <pre>{@code result.get("user") }</pre>
   *
   * @param name the step's name
   * @return the result, possibly null
   * @throws IllegalArgumentException naming the steps when there is no such step
   */
  public Object get(String name) {
    return changes.get(name);
  }

  /**
   * A step's result as the given type.
   *
   * <pre>{@code User user = result.get("user", User.class); }</pre>
   *
   * @param name the step's name
   * @param type the result's class
   * @param <T> the result type
   * @return the result, possibly null
   * @throws ClassCastException naming the step and both types when it is of another type
   */
  public <T> T get(String name, Class<T> type) {
    return changes.get(name, type);
  }

  /**
   * A step's result that is a list, with its elements checked.
   *
   * <pre>{@code List<Post> posts = result.list("posts", Post.class); }</pre>
   *
   * @param name the step's name
   * @param element the elements' class
   * @param <E> the element type
   * @return the list
   */
  public <E> List<E> list(String name, Class<E> element) {
    return changes.list(name, element);
  }

  /**
   * The step names, in the order the steps ran (merged steps where their merge ran).
   *
   * <pre>{@code result.names() // [user, post, audit] }</pre>
   *
   * @return the names
   */
  public List<String> names() {
    return changes.names();
  }

  /**
   * Every result as an ordered, unmodifiable map (values may be null).
   *
   * <pre>{@code result.asMap() }</pre>
   *
   * @return step name to result
   */
  public Map<String, Object> asMap() {
    return changes.asMap();
  }

  /**
   * The results as {@link Changes}, to hand to code that takes them.
   *
   * <pre>{@code result.changes().contains("user") }</pre>
   *
   * @return the changes
   */
  public Changes changes() {
    return changes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiResult other && changes.equals(other.changes);
  }

  @Override
  public int hashCode() {
    return changes.hashCode();
  }

  @Override
  public String toString() {
    return "MultiResult" + changes.asMap();
  }
}
