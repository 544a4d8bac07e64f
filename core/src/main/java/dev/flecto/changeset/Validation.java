package dev.flecto.changeset;

import java.util.Map;

/**
 * A validation a changeset ran on a field, as {@link Changeset#validations()} lists them (Ecto's
 * {@code validations/1}), so that forms or API docs can mirror server-side rules.
 *
 * <pre>{@code
 * cs.validateLength("name", LengthRule.min(3)).validations()
 * // [Validation[field=name, kind=length, options={min=3}]]
 * }</pre>
 *
 * @param field the field name
 * @param kind the validation kind: length, format, number, inclusion, ...
 * @param options the validation's options
 */
public record Validation(String field, String kind, Map<String, Object> options) {
  /**
   * Copies the options.
   *
   * <pre>{@code new Validation("age", "number", Map.of("greater_than", 0)) }</pre>
   */
  public Validation {
    options = Map.copyOf(options);
  }
}
