package dev.flecto.multi;

import dev.flecto.ArgumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of a {@link Multi}'s steps so far, by step name, in the order the steps ran (Ecto's
 * {@code changes} map): what a function step receives, and what a {@link MultiFailedException}
 * reports. Immutable; a result may be null (a {@code one} step that found nothing, a {@code run}
 * step whose Mono was empty).
 *
 * <pre>{@code
 * Multi.create()
 *     .insert("user", userChangeset)
 *     .insert("post", changes -> Post.changeset(changes.get("user", User.class), params));
 *
 * Changes changes = Changes.empty().with("user", ann);   // to test a step's function alone
 * }</pre>
 */
public final class Changes {
  private static final Changes EMPTY = new Changes(new NamedLog<>(), 0);

  // Versions share one append-only log, so adding a result costs O(1) however many steps ran.
  private final NamedLog<Object> log;
  private final int size;

  private Changes(NamedLog<Object> log, int size) {
    this.log = log;
    this.size = size;
  }

  /**
   * No results.
   *
   * <pre>{@code Changes.empty().names() // [] }</pre>
   *
   * @return the empty changes
   */
  public static Changes empty() {
    return EMPTY;
  }

  /**
   * Changes holding the given results, in the map's iteration order (null values allowed).
   *
   * <pre>{@code Changes.of(Map.of("user", ann)).get("user", User.class) }</pre>
   *
   * @param results step name to result
   * @return the changes
   */
  public static Changes of(Map<String, ?> results) {
    Changes out = EMPTY;
    for (Map.Entry<String, ?> e : results.entrySet()) {
      out = out.with(e.getKey(), e.getValue());
    }
    return out;
  }

  /**
   * These changes and one more result.
   *
   * <pre>{@code Changes.empty().with("user", ann).with("post", post) }</pre>
   *
   * @param name the step's name, not yet among these changes
   * @param result its result, or null
   * @return the new changes
   * @throws ArgumentException when the name is null or already present
   */
  public Changes with(String name, Object result) {
    if (name == null) {
      throw new ArgumentException("a Multi step needs a name, got null");
    }
    if (contains(name)) {
      throw new ArgumentException("step '" + name + "' is already a member of the changes " + names());
    }
    return new Changes(log.append(size, name, result), size + 1);
  }

  /**
   * A step's result.
   *
   * <pre>{@code changes.get("user") }</pre>
   *
   * @param name the step's name
   * @return the result, possibly null
   * @throws ArgumentException naming the steps present when there is no such step
   */
  public Object get(String name) {
    int i = log.indexOf(name, size);
    if (i < 0) {
      throw new ArgumentException("no step named '" + name + "' has a result; the steps so far are " + names());
    }
    return log.get(i);
  }

  /**
   * A step's result as the given type.
   *
   * <pre>{@code User user = changes.get("user", User.class); Long deleted = changes.get("sessions", Long.class); }</pre>
   *
   * @param name the step's name
   * @param type the result's class
   * @param <T> the result type
   * @return the result, possibly null
   * @throws ArgumentException when there is no such step
   * @throws ArgumentException naming the step and both types when the result is of another type
   */
  public <T> T get(String name, Class<T> type) {
    Object value = get(name);
    if (value != null && !type.isInstance(value)) {
      throw new ArgumentException("the result of step '" + name + "' is a " + value.getClass().getName() + ", not a "
          + type.getName());
    }
    return type.cast(value);
  }

  /**
   * A step's result that is a list (of an {@code all} step, or an {@code insertAll} step with
   * returning), with its elements checked.
   *
   * <pre>{@code List<Post> posts = changes.list("posts", Post.class); }</pre>
   *
   * @param name the step's name
   * @param element the elements' class
   * @param <E> the element type
   * @return the list
   * @throws ArgumentException when the result is not a list of that type
   */
  @SuppressWarnings("unchecked")
  public <E> List<E> list(String name, Class<E> element) {
    List<?> list = get(name, List.class);
    for (Object e : list) {
      if (e != null && !element.isInstance(e)) {
        throw new ArgumentException("the result of step '" + name + "' holds a " + e.getClass().getName() + ", not a "
            + element.getName());
      }
    }
    return (List<E>) list;
  }

  /**
   * Whether a step of that name has a result.
   *
   * <pre>{@code changes.contains("user") }</pre>
   *
   * @param name the step's name
   * @return true when present
   */
  public boolean contains(String name) {
    return log.indexOf(name, size) >= 0;
  }

  /**
   * The step names, in the order the steps ran.
   *
   * <pre>{@code changes.names() // [user, post] }</pre>
   *
   * @return the names
   */
  public List<String> names() {
    return List.copyOf(log.keys(size));
  }

  /**
   * The results as an ordered, unmodifiable map (values may be null).
   *
   * <pre>{@code changes.asMap().keySet() }</pre>
   *
   * @return step name to result
   */
  public Map<String, Object> asMap() {
    List<String> names = log.keys(size);
    List<Object> values = log.values(size);
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), values.get(i));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Changes other && asMap().equals(other.asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return "Changes" + asMap();
  }
}
