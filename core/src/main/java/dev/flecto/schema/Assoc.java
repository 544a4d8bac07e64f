package dev.flecto.schema;

import dev.flecto.AssociationNotLoadedException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * An association's value in a record: loaded (by a preload) or not loaded. Records read from the
 * database carry not-loaded associations; reading one fails instead of querying behind your back.
 *
 * <pre>{@code
 * @Schema("posts")
 * public record Post(@Id Long id, String title, Long authorId,
 *     @BelongsTo Assoc<User> author, @HasMany Assoc<List<Comment>> comments) {}
 *
 * post.comments().isLoaded();   // false for a record from repo.all(...)
 * post.comments().get();        // AssociationNotLoadedException naming the association and how to preload it
 * Assoc.loaded(List.of(c1, c2)).get();
 * }</pre>
 *
 * @param <T> the associated record, or a list of them
 */
public final class Assoc<T> {
  private final T value;
  private final boolean loaded;
  private final String owner;
  private final String name;

  private Assoc(T value, boolean loaded, String owner, String name) {
    this.value = value;
    this.loaded = loaded;
    this.owner = owner;
    this.name = name;
  }

  /**
   * A loaded association.
   *
   * <pre>{@code Assoc.loaded(author) }</pre>
   *
   * @param value the associated record (null when a belongs-to has none), or the list
   * @param <T> its type
   * @return the association
   */
  public static <T> Assoc<T> loaded(T value) {
    return new Assoc<>(value, true, null, null);
  }

  /**
   * An association that was not loaded.
   *
   * <pre>{@code Assoc.notLoaded("Post", "comments") }</pre>
   *
   * @param owner the owning schema's name, for the message
   * @param name the association's name
   * @param <T> its type
   * @return the association
   */
  public static <T> Assoc<T> notLoaded(String owner, String name) {
    return new Assoc<>(null, false, owner, name);
  }

  /**
   * The not-loaded association of a record component, named as records read from the database name
   * it (the record's simple name and the component's): what a JSON reader gives a record whose
   * association was left out, so that it reads back equal.
   *
   * <pre>{@code Assoc.notLoaded(Post.class.getRecordComponents()[4]) // equals Assoc.notLoaded("Post", "comments") }</pre>
   *
   * @param component the record's association component
   * @param <T> its type
   * @return the association
   */
  public static <T> Assoc<T> notLoaded(RecordComponent component) {
    return notLoaded(component.getDeclaringRecord().getSimpleName(), component.getName());
  }

  /**
   * Whether the association was loaded.
   *
   * <pre>{@code post.comments().isLoaded() }</pre>
   *
   * @return true when loaded
   */
  public boolean isLoaded() {
    return loaded;
  }

  /**
   * The associated value.
   *
   * <pre>{@code post.author().get().name() }</pre>
   *
   * @return the value (null for a belongs-to without a parent)
   * @throws AssociationNotLoadedException when it was not loaded
   */
  public T get() {
    if (!loaded) {
      throw new AssociationNotLoadedException("association '" + name + "' of " + owner + " is not loaded; preload it "
          + "(repo.preload(record, \"" + name + "\") or query.preload(\"" + name + "\")) before reading it");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Assoc<?> a && a.loaded == loaded && Objects.equals(a.value, value)
        && Objects.equals(a.owner, owner) && Objects.equals(a.name, name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, loaded, owner, name);
  }

  @Override
  public String toString() {
    return loaded ? "Assoc[" + value + "]" : "Assoc[not loaded: " + name + "]";
  }
}
