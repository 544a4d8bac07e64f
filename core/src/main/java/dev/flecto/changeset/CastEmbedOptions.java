package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Options of {@link Changeset#castEmbed(String, CastEmbedOptions)} (Ecto's {@code cast_embed}
 * options), the same as {@link CastAssocOptions}: the function that builds each embedded record's
 * changeset from its params ({@code :with}, by default the embedded schema's static
 * {@code changeset(record, params)}), whether the embed is required and the messages of its errors,
 * and the parameters that sort and drop entries of an embeds-many ({@code :sort_param},
 * {@code :drop_param}). A changeset of the embedded record is written as a whole with its parent:
 * Ecto's {@code :force_update_on_change} is always on.
 *
 * <pre>{@code
 * CastEmbedOptions<Address> o = CastEmbedOptions.with(Address::changeset)
 *     .withRequired(true)
 *     .withSortParam("addressesSort")
 *     .withDropParam("addressesDrop");
 * Changeset.cast(user, params, "name").castEmbed("addresses", o);
 * }</pre>
 *
 * @param <C> the embedded record type
 */
public final class CastEmbedOptions<C> {
  private final CastAssocOptions.PositionalCast<C> function;
  private final boolean positional;
  private final boolean required;
  private final String requiredMessage;
  private final String invalidMessage;
  private final String sortParam;
  private final String dropParam;

  private CastEmbedOptions(CastAssocOptions.PositionalCast<C> function, boolean positional, boolean required, String requiredMessage,
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
   * Ecto's defaults: the embedded schema's static {@code changeset(record, params)}, not required,
   * {@code "can't be blank"} and {@code "is invalid"}, no sort or drop parameter.
   *
   * <pre>{@code cs.castEmbed("addresses", CastEmbedOptions.defaults().withRequired(true)) }</pre>
   *
   * @param <C> the embedded record type
   * @return the defaults
   */
  public static <C> CastEmbedOptions<C> defaults() {
    return new CastEmbedOptions<>(null, false, false, "can't be blank", "is invalid", null, null);
  }

  /**
   * The defaults with the function that builds each entry's changeset (Ecto's {@code :with}).
   *
   * <pre>{@code cs.castEmbed("addresses", CastEmbedOptions.with(Address::changeset)) }</pre>
   *
   * @param function the changeset of a record (current, or blank for a new entry) and its params
   * @param <C> the embedded record type
   * @return the options
   * @throws ArgumentException for a null function
   */
  public static <C> CastEmbedOptions<C> with(BiFunction<C, Map<String, Object>, Changeset<C>> function) {
    return CastEmbedOptions.<C>defaults().withFunction(function);
  }

  /**
   * The defaults with a function that is also given each entry's position (Ecto's {@code :with}
   * of arity 3; embeds-many only).
   *
   * <pre>{@code CastEmbedOptions.<Item>withPosition((i, p, pos) -> Item.changeset(i, p).putChange("position", pos)) }</pre>
   *
   * @param function the changeset of a record, its params and its position
   * @param <C> the embedded record type
   * @return the options
   * @throws ArgumentException for a null function
   */
  public static <C> CastEmbedOptions<C> withPosition(CastAssocOptions.PositionalCast<C> function) {
    return CastEmbedOptions.<C>defaults().withPositionalFunction(function);
  }

  /**
   * With the function that builds each entry's changeset.
   *
   * <pre>{@code CastEmbedOptions.<Address>defaults().withFunction(Address::changeset) }</pre>
   *
   * @param function the changeset of a record and its params
   * @return the new options
   * @throws ArgumentException for a null function
   */
  public CastEmbedOptions<C> withFunction(BiFunction<C, Map<String, Object>, Changeset<C>> function) {
    BiFunction<C, Map<String, Object>, Changeset<C>> f = nonNull(function, "with");
    return new CastEmbedOptions<>((r, p, i) -> f.apply(r, p), false, required, requiredMessage, invalidMessage,
        sortParam, dropParam);
  }

  /**
   * With a function that is also given each entry's position (embeds-many only).
   *
   * <pre>{@code CastEmbedOptions.<Item>defaults().withPositionalFunction((i, p, pos) -> Item.changeset(i, p)) }</pre>
   *
   * @param function the changeset of a record, its params and its position
   * @return the new options
   * @throws ArgumentException for a null function
   */
  public CastEmbedOptions<C> withPositionalFunction(CastAssocOptions.PositionalCast<C> function) {
    return new CastEmbedOptions<>(nonNull(function, "withPosition"), true, required, requiredMessage, invalidMessage,
        sortParam, dropParam);
  }

  /**
   * Whether the embed is required (Ecto's {@code :required}): an embeds-many needs at least one
   * entry, an embeds-one a record; otherwise the embed gets the required message.
   *
   * <pre>{@code CastEmbedOptions.defaults().withRequired(true) }</pre>
   *
   * @param required true to require it
   * @return the new options
   */
  public CastEmbedOptions<C> withRequired(boolean required) {
    return new CastEmbedOptions<>(function, positional, required, requiredMessage, invalidMessage, sortParam, dropParam);
  }

  /**
   * The message of a missing required embed (Ecto's {@code :required_message}).
   *
   * <pre>{@code CastEmbedOptions.defaults().withRequired(true).withRequiredMessage("add an address") }</pre>
   *
   * @param message the message
   * @return the new options
   */
  public CastEmbedOptions<C> withRequiredMessage(String message) {
    return new CastEmbedOptions<>(function, positional, required, message, invalidMessage, sortParam, dropParam);
  }

  /**
   * The message of params of the wrong shape (Ecto's {@code :invalid_message}).
   *
   * <pre>{@code CastEmbedOptions.defaults().withInvalidMessage("must be a list of addresses") }</pre>
   *
   * @param message the message
   * @return the new options
   */
  public CastEmbedOptions<C> withInvalidMessage(String message) {
    return new CastEmbedOptions<>(function, positional, required, requiredMessage, message, sortParam, dropParam);
  }

  /**
   * The parameter holding the list of indexes that orders the entries (Ecto's {@code :sort_param},
   * embeds-many only): the listed indexes come first, in the listed order, then the others in index
   * order (as Ecto's code and tests do it; its documentation says the reverse); a listed index
   * with no entry adds a new, empty entry.
   *
   * <pre>{@code CastEmbedOptions.defaults().withSortParam("addressesSort") // params: addressesSort=[2, 0, 1] }</pre>
   *
   * @param param the parameter's name
   * @return the new options
   */
  public CastEmbedOptions<C> withSortParam(String param) {
    return new CastEmbedOptions<>(function, positional, required, requiredMessage, invalidMessage, param, dropParam);
  }

  /**
   * The parameter holding the list of indexes of entries to drop (Ecto's {@code :drop_param},
   * embeds-many only): a current record whose entry is dropped is replaced as the embed's
   * {@code onReplace} says.
   *
   * <pre>{@code CastEmbedOptions.defaults().withDropParam("addressesDrop") // params: addressesDrop=[1] }</pre>
   *
   * @param param the parameter's name
   * @return the new options
   */
  public CastEmbedOptions<C> withDropParam(String param) {
    return new CastEmbedOptions<>(function, positional, required, requiredMessage, invalidMessage, sortParam, param);
  }

  /**
   * The function, or null for the schema's static {@code changeset} method.
   *
   * <pre>{@code options.function() }</pre>
   *
   * @return the function or null
   */
  public CastAssocOptions.PositionalCast<C> function() {
    return function;
  }

  /**
   * Whether the function was given with {@link #withPosition(CastAssocOptions.PositionalCast)} (it takes positions).
   *
   * <pre>{@code options.positional() }</pre>
   *
   * @return true for a positional function
   */
  public boolean positional() {
    return positional;
  }

  /**
   * Whether the embed is required.
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
      throw new ArgumentException("CastEmbedOptions." + option + " must not be null");
    }
    return value;
  }
}
