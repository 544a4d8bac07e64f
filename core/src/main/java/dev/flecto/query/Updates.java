package dev.flecto.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The changes of {@code Repo.updateAll} (Ecto's {@code update: [set: ..., inc: ...]}); immutable,
 * each step returns new updates. Values are cast to the fields' types and bound as parameters.
 *
 * <pre>{@code
 * repo.updateAll(Query.from(Post.class).where("authorId", 7), Updates.set("published", true).andInc("views", 1))
 * }</pre>
 *
 * @param updates the updates in order
 */
public record Updates(List<Update> updates) {
  /**
   * What an update does to its field.
   *
   * <pre>{@code Updates.Kind.INC }</pre>
   */
  public enum Kind {
    /** {@code field = value}. */
    SET,
    /** {@code field = field + value}. */
    INC,
    /** {@code field = array_append(field, value)}, for a list field. */
    PUSH,
    /** {@code field = array_remove(field, value)}: every occurrence, for a list field. */
    PULL
  }

  /**
   * One update.
   *
   * <pre>{@code new Updates.Update("views", Updates.Kind.INC, 1) }</pre>
   *
   * @param field the field name
   * @param kind set or increment
   * @param value the value (null sets NULL)
   */
  public record Update(String field, Kind kind, Object value) {}

  /**
   * Copies the list.
   *
   * <pre>{@code new Updates(List.of(new Updates.Update("a", Updates.Kind.SET, 1))) }</pre>
   */
  public Updates {
    updates = java.util.Collections.unmodifiableList(new ArrayList<>(updates));
  }

  /**
   * Starts with {@code field = value}.
   *
   * <pre>{@code Updates.set("published", true) }</pre>
   *
   * @param field the field name
   * @param value the value
   * @return the updates
   */
  public static Updates set(String field, Object value) {
    return new Updates(List.of()).and(field, Kind.SET, value);
  }

  /**
   * Starts with {@code field = field + by}.
   *
   * <pre>{@code Updates.inc("views", 1) }</pre>
   *
   * @param field the field name
   * @param by the increment (negative to decrement)
   * @return the updates
   */
  public static Updates inc(String field, Number by) {
    return new Updates(List.of()).and(field, Kind.INC, by);
  }

  /**
   * Adds {@code field = value}.
   *
   * <pre>{@code Updates.inc("views", 1).andSet("seen", true) }</pre>
   *
   * @param field the field name
   * @param value the value
   * @return the new updates
   */
  public Updates andSet(String field, Object value) {
    return and(field, Kind.SET, value);
  }

  /**
   * Adds {@code field = field + by}.
   *
   * <pre>{@code Updates.set("seen", true).andInc("views", 1) }</pre>
   *
   * @param field the field name
   * @param by the increment
   * @return the new updates
   */
  public Updates andInc(String field, Number by) {
    return and(field, Kind.INC, by);
  }

  /**
   * Starts with appending a value to a list field (Ecto's {@code push}).
   *
   * <pre>{@code Updates.push("tags", "java") }</pre>
   *
   * @param field the list field
   * @param value the element
   * @return the updates
   */
  public static Updates push(String field, Object value) {
    return new Updates(List.of()).and(field, Kind.PUSH, value);
  }

  /**
   * Starts with removing every occurrence of a value from a list field (Ecto's {@code pull}).
   *
   * <pre>{@code Updates.pull("tags", "spam") }</pre>
   *
   * @param field the list field
   * @param value the element
   * @return the updates
   */
  public static Updates pull(String field, Object value) {
    return new Updates(List.of()).and(field, Kind.PULL, value);
  }

  /**
   * Adds appending a value to a list field.
   *
   * <pre>{@code Updates.set("seen", true).andPush("tags", "read") }</pre>
   *
   * @param field the list field
   * @param value the element
   * @return the new updates
   */
  public Updates andPush(String field, Object value) {
    return and(field, Kind.PUSH, value);
  }

  /**
   * Adds removing a value from a list field.
   *
   * <pre>{@code Updates.inc("views", 1).andPull("tags", "new") }</pre>
   *
   * @param field the list field
   * @param value the element
   * @return the new updates
   */
  public Updates andPull(String field, Object value) {
    return and(field, Kind.PULL, value);
  }

  private Updates and(String field, Kind kind, Object value) {
    List<Update> next = new ArrayList<>(updates);
    next.add(new Update(field, kind, value));
    return new Updates(next);
  }
}
