package dev.flecto.changeset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A changeset's errors in the shape Phoenix renders them, {@code {"errors": {"field": ["message"]}}},
 * with the errors of associated changesets ({@link Changeset#putAssoc(String, Object)}) nested
 * under the association's name as Ecto's {@code traverse_errors} nests them. It builds plain maps
 * and lists, so any JSON library writes them; flecto-jackson and flecto-jackson3 write changesets
 * and {@link InvalidChangesetException} with it.
 *
 * <pre>{@code
 * Changeset<Post> cs = Changeset.cast(Post.class, Map.of("title", "Hi"), "title")
 *     .validateLength("title", LengthRule.min(3));
 * ChangesetErrors.toJson(cs); // {errors={title=[should be at least 3 character(s)]}}
 * }</pre>
 */
public final class ChangesetErrors {
  private ChangesetErrors() {}

  /**
   * The errors as {@code {"errors": {...}}}, each message with its {@code %{key}} placeholders filled.
   *
   * <pre>{@code ChangesetErrors.toJson(cs) // {errors={title=[can't be blank]}} }</pre>
   *
   * @param changeset the changeset
   * @return an unmodifiable map with the one key {@code errors}
   */
  public static Map<String, Object> toJson(Changeset<?> changeset) {
    return toJson(changeset, ChangesetError::formatted);
  }

  /**
   * The errors as {@code {"errors": {...}}}, each message made by the given function (to translate it).
   *
   * <pre>{@code ChangesetErrors.toJson(cs, e -> i18n.translate(e.message(), e.keys())) }</pre>
   *
   * @param changeset the changeset
   * @param formatter turns an error into its message
   * @return an unmodifiable map with the one key {@code errors}
   */
  public static Map<String, Object> toJson(Changeset<?> changeset, Function<ChangesetError, String> formatter) {
    return Map.of("errors", traverse(changeset, formatter));
  }

  /**
   * The errors by field, as {@link Changeset#traverseErrors(Function)}, and under each association
   * given to {@code putAssoc} whose changesets have errors, theirs: a list with one map per entry of
   * the new value, in its order (an empty map for a valid entry), or one map for a has-one or
   * belongs-to; the same under each embed given to {@code castEmbed} or {@code putEmbed}. As in
   * Ecto, the nested errors take the place of the association's (or embed's) own
   * {@code "is invalid"}.
   *
   * <pre>{@code
   * ChangesetErrors.traverse(cs, ChangesetError::formatted)
   * // {title=[can't be blank], comments=[{}, {body=[can't be blank]}]}
   * }</pre>
   *
   * @param changeset the changeset
   * @param formatter turns an error into its message
   * @return an unmodifiable map of field to messages, and of association to nested maps
   */
  public static Map<String, Object> traverse(Changeset<?> changeset, Function<ChangesetError, String> formatter) {
    Map<String, Object> out = new LinkedHashMap<>(changeset.traverseErrors(formatter));
    changeset.assocChanges().forEach((name, change) -> {
      // Only the new value's entries: the records it replaces were not sent by the client, and
      // leaving them out keeps the list index-aligned with what the client sent.
      List<Map<String, Object>> children = change.entries().stream().filter(e -> e.op().kept())
          .map(e -> traverse(e.changeset(), formatter)).toList();
      if (children.stream().anyMatch(c -> !c.isEmpty())) {
        out.put(name, change.association().kind().many() ? children : children.get(0));
      }
    });
    changeset.embedChanges().forEach((name, change) -> {
      List<Map<String, Object>> children = change.changesets().stream().<Map<String, Object>>map(c -> traverse(c, formatter))
          .toList();
      if (children.stream().anyMatch(c -> !c.isEmpty())) {
        out.put(name, change.field().embed().many() ? children : children.get(0));
      }
    });
    return Collections.unmodifiableMap(out);
  }
}
