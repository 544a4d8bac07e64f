package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Options of {@link Changeset#castAssoc(String, CastAssocOptions)} (Ecto's {@code cast_assoc}
 * options): the function that builds each associated record's changeset from its params
 * ({@code :with}), whether the association is required and the messages of its errors, and the
 * parameters that sort and drop entries of a has-many ({@code :sort_param}, {@code :drop_param}).
 *
 * <p>Without a function, the associated schema's own {@code public static Changeset<C>
 * changeset(C record, Map<String, Object> params)} is used, as Ecto uses the associated module's
 * {@code changeset/2}; a schema without one is refused with an {@link ArgumentException}. There is
 * deliberately no default that casts every field: that would let a client write any column of
 * the associated table (mass assignment), which the explicit list of {@code cast} prevents.
 * Ecto's {@code :force_update_on_change} is not supported yet: when only the association changes,
 * the parent's row is not updated (its {@code @Timestamp} updatedAt stays as it was).
 *
 * <pre>{@code
 * CastAssocOptions<Comment> o = CastAssocOptions.with(Comment::changeset)
 *     .withRequired(true)
 *     .withSortParam("commentsSort")
 *     .withDropParam("commentsDrop");
 * Changeset.cast(post, params, "title").castAssoc("comments", o);
 * }</pre>
 *
 * @param <C> the associated schema record type
 */
public final class CastAssocOptions<C> {
  /**
   * Ecto's {@code :with} function of arity 3, for a has-many: the record, its params, and its
   * position in the (sorted, compacted) list of params, to keep a {@code position} field.
   *
   * <pre>{@code
   * CastAssocOptions.<Item>withPosition((item, params, position) ->
   *     Item.changeset(item, params).putChange("position", position))
   * }</pre>
   *
   * @param <C> the associated schema record type
   */
  @FunctionalInterface
  public interface PositionalCast<C> {
    /**
     * Builds the changeset of one entry.
     *
     * <pre>{@code (item, params, position) -> Item.changeset(item, params).putChange("position", position) }</pre>
     *
     * @param record the loaded record the params matched, or a blank one for a new entry
     * @param params the entry's params
     * @param position the entry's index in the params, from 0
     * @return the changeset
     */
    Changeset<C> apply(C record, Map<String, Object> params, int position);
  }

  private final PositionalCast<C> function;
  private final boolean positional;
  private final boolean required;
  private final String requiredMessage;
  private final String invalidMessage;
  private final String sortParam;
  private final String dropParam;

  private CastAssocOptions(PositionalCast<C> function, boolean positional, boolean required, String requiredMessage,
      String invalidMessage, String sortParam, String dropParam) {
    this.function = function;
    this.positional = positional;
    this.required = required;
    this.requiredMessage = nonNull(requiredMessage, "requiredMessage");
    this.invalidMessage = nonNull(invalidMessage, "invalidMessage");
    this.sortParam = sortParam;
    this.dropParam = dropParam;
  }

  /**
   * Ecto's defaults: the schema's static {@code changeset(record, params)}, not required,
   * {@code "can't be blank"} and {@code "is invalid"}, no sort or drop parameter.
   *
   * <pre>{@code cs.castAssoc("comments", CastAssocOptions.defaults().withRequired(true)) }</pre>
   *
   * @param <C> the associated schema record type
   * @return the defaults
   */
  public static <C> CastAssocOptions<C> defaults() {
    return new CastAssocOptions<>(null, false, false, "can't be blank", "is invalid", null, null);
  }

  /**
   * The defaults with the function that builds each entry's changeset (Ecto's {@code :with}).
   *
   * <pre>{@code cs.castAssoc("comments", CastAssocOptions.with(Comment::changeset)) }</pre>
   *
   * @param function the changeset of a record (loaded, or blank for a new entry) and its params
   * @param <C> the associated schema record type
   * @return the options
   * @throws ArgumentException for a null function
   */
  public static <C> CastAssocOptions<C> with(BiFunction<C, Map<String, Object>, Changeset<C>> function) {
    return CastAssocOptions.<C>defaults().withFunction(function);
  }

  /**
   * The defaults with a function that is also given each entry's position (Ecto's {@code :with}
   * of arity 3; has-many only).
   *
   * <pre>{@code CastAssocOptions.<Item>withPosition((i, p, pos) -> Item.changeset(i, p).putChange("position", pos)) }</pre>
   *
   * @param function the changeset of a record, its params and its position
   * @param <C> the associated schema record type
   * @return the options
   * @throws ArgumentException for a null function
   */
  public static <C> CastAssocOptions<C> withPosition(PositionalCast<C> function) {
    return CastAssocOptions.<C>defaults().withPositionalFunction(function);
  }

  /**
   * With the function that builds each entry's changeset.
   *
   * <pre>{@code CastAssocOptions.<Comment>defaults().withFunction(Comment::changeset) }</pre>
   *
   * @param function the changeset of a record and its params
   * @return the new options
   * @throws ArgumentException for a null function
   */
  public CastAssocOptions<C> withFunction(BiFunction<C, Map<String, Object>, Changeset<C>> function) {
    BiFunction<C, Map<String, Object>, Changeset<C>> f = nonNull(function, "with");
    return new CastAssocOptions<>((r, p, i) -> f.apply(r, p), false, required, requiredMessage, invalidMessage,
        sortParam, dropParam);
  }

  /**
   * With a function that is also given each entry's position (has-many only).
   *
   * <pre>{@code CastAssocOptions.<Item>defaults().withPositionalFunction((i, p, pos) -> Item.changeset(i, p)) }</pre>
   *
   * @param function the changeset of a record, its params and its position
   * @return the new options
   * @throws ArgumentException for a null function
   */
  public CastAssocOptions<C> withPositionalFunction(PositionalCast<C> function) {
    return new CastAssocOptions<>(nonNull(function, "withPosition"), true, required, requiredMessage, invalidMessage,
        sortParam, dropParam);
  }

  /**
   * Whether the association is required (Ecto's {@code :required}): a has-many needs at least one
   * entry, a has-one or belongs-to a record; otherwise the association gets the required message.
   *
   * <pre>{@code CastAssocOptions.defaults().withRequired(true) }</pre>
   *
   * @param required true to require it
   * @return the new options
   */
  public CastAssocOptions<C> withRequired(boolean required) {
    return new CastAssocOptions<>(function, positional, required, requiredMessage, invalidMessage, sortParam, dropParam);
  }

  /**
   * The message of a missing required association (Ecto's {@code :required_message}).
   *
   * <pre>{@code CastAssocOptions.defaults().withRequired(true).withRequiredMessage("add a comment") }</pre>
   *
   * @param message the message
   * @return the new options
   */
  public CastAssocOptions<C> withRequiredMessage(String message) {
    return new CastAssocOptions<>(function, positional, required, message, invalidMessage, sortParam, dropParam);
  }

  /**
   * The message of params of the wrong shape (Ecto's {@code :invalid_message}).
   *
   * <pre>{@code CastAssocOptions.defaults().withInvalidMessage("must be a list of comments") }</pre>
   *
   * @param message the message
   * @return the new options
   */
  public CastAssocOptions<C> withInvalidMessage(String message) {
    return new CastAssocOptions<>(function, positional, required, requiredMessage, message, sortParam, dropParam);
  }

  /**
   * The parameter holding the list of indexes that orders the entries (Ecto's {@code :sort_param},
   * has-many only): the listed indexes come first, in the listed order, then the others in index
   * order (as Ecto's code and tests do it; its documentation says the reverse); a listed index
   * with no entry adds a new, empty entry.
   *
   * <pre>{@code CastAssocOptions.defaults().withSortParam("commentsSort") // params: commentsSort=[2, 0, 1] }</pre>
   *
   * @param param the parameter's name
   * @return the new options
   */
  public CastAssocOptions<C> withSortParam(String param) {
    return new CastAssocOptions<>(function, positional, required, requiredMessage, invalidMessage, param, dropParam);
  }

  /**
   * The parameter holding the list of indexes of entries to drop (Ecto's {@code :drop_param},
   * has-many only): a loaded record whose entry is dropped is replaced as the association's
   * {@code onReplace} says.
   *
   * <pre>{@code CastAssocOptions.defaults().withDropParam("commentsDrop") // params: commentsDrop=[1] }</pre>
   *
   * @param param the parameter's name
   * @return the new options
   */
  public CastAssocOptions<C> withDropParam(String param) {
    return new CastAssocOptions<>(function, positional, required, requiredMessage, invalidMessage, sortParam, param);
  }

  /**
   * The function, or null for the schema's static {@code changeset} method.
   *
   * <pre>{@code options.function() }</pre>
   *
   * @return the function or null
   */
  public PositionalCast<C> function() {
    return function;
  }

  /**
   * Whether the function was given with {@link #withPosition(PositionalCast)} (it takes positions).
   *
   * <pre>{@code options.positional() }</pre>
   *
   * @return true for a positional function
   */
  public boolean positional() {
    return positional;
  }

  /**
   * Whether the association is required.
   *
   * <pre>{@code options.required() }</pre>
   *
   * @return true when required
   */
  public boolean required() {
    return required;
  }

  /**
   * The required message.
   *
   * <pre>{@code options.requiredMessage() // "can't be blank" }</pre>
   *
   * @return the message
   */
  public String requiredMessage() {
    return requiredMessage;
  }

  /**
   * The invalid message.
   *
   * <pre>{@code options.invalidMessage() // "is invalid" }</pre>
   *
   * @return the message
   */
  public String invalidMessage() {
    return invalidMessage;
  }

  /**
   * The sort parameter's name, or null.
   *
   * <pre>{@code options.sortParam() }</pre>
   *
   * @return the name or null
   */
  public String sortParam() {
    return sortParam;
  }

  /**
   * The drop parameter's name, or null.
   *
   * <pre>{@code options.dropParam() }</pre>
   *
   * @return the name or null
   */
  public String dropParam() {
    return dropParam;
  }

  private static <V> V nonNull(V value, String option) {
    if (value == null) {
      throw new ArgumentException("CastAssocOptions." + option + " must not be null");
    }
    return value;
  }
}
