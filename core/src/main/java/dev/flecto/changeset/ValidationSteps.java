package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The bodies of Changeset's validations: each one step from a changeset to the next, recording
 * the validation as Ecto's {@code validations/1} lists it and adding its errors. The checks
 * themselves (lengths, numbers, membership) are {@link Validators}'; this class owns how a
 * validation edits the changeset, apart from {@link Changeset}, which documents them.
 *
 * <pre>{@code
 * ValidationSteps.inclusion(cs, "role", List.of("admin", "member"), "is invalid")
 * }</pre>
 */
final class ValidationSteps {
  private ValidationSteps() {}

  static <T> Changeset<T> required(Changeset<T> cs, List<String> fields, String message) {
    ChangesetState<T> s = cs.state();
    for (String name : fields) {
      Object value = cs.getField(name);
      boolean missing = value == null || (value instanceof String str && str.isBlank());
      if (missing && cs.errorsOn(name).isEmpty()) {
        s.errors().add(new ChangesetError(name, message, Map.of("validation", "required")));
        s.changes().remove(name);
      }
      if (!s.required().contains(name)) {
        s.required().add(name);
      }
    }
    return new Changeset<>(s);
  }

  static <T> Changeset<T> format(Changeset<T> cs, String field, Pattern pattern, String message) {
    return cs.validateChange(field, "format", Map.of("format", pattern.pattern()), (f, v) -> {
      if (!(v instanceof CharSequence text)) {
        throw new ArgumentException("validateFormat on field '" + f + "' of " + cs.describe()
            + " needs a string change, got " + v.getClass().getName());
      }
      return pattern.matcher(text).find() ? List.of()
          : List.of(new ChangesetError(f, message, Map.of("validation", "format")));
    });
  }

  static <T> Changeset<T> length(Changeset<T> cs, String field, LengthRule rule) {
    if (rule == null) {
      throw new ArgumentException("validateLength on field '" + field + "' of " + cs.describe() + " needs a LengthRule, got null");
    }
    return cs.validateChange(field, "length", Validators.lengthOptions(rule), (f, v) -> Validators.length(f, v, rule));
  }

  static <T> Changeset<T> number(Changeset<T> cs, String field, NumberRule[] rules) {
    Object[] pairs = new Object[rules.length * 2];
    int n = 0;
    for (NumberRule r : rules) {
      if (r == null) {
        throw new ArgumentException("validateNumber on field '" + field + "' of " + cs.describe() + " was given a null NumberRule");
      }
      n = Validators.pair(pairs, n, r.kind().ectoName(), r.number());
    }
    return cs.validateChange(field, "number", Validators.options(pairs, n), (f, v) -> Validators.number(f, v, rules));
  }

  static <T> Changeset<T> inclusion(Changeset<T> cs, String field, Collection<?> values, String message) {
    List<Object> allowed = List.copyOf(values);
    return cs.validateChange(field, "inclusion", Map.of("enum", allowed), (f, v) ->
        Validators.contains(allowed, v) ? List.of()
            : List.of(new ChangesetError(f, message, Map.of("validation", "inclusion", "enum", allowed))));
  }

  static <T> Changeset<T> exclusion(Changeset<T> cs, String field, Collection<?> values, String message) {
    List<Object> reserved = List.copyOf(values);
    return cs.validateChange(field, "exclusion", Map.of("enum", reserved), (f, v) ->
        Validators.contains(reserved, v)
            ? List.of(new ChangesetError(f, message, Map.of("validation", "exclusion", "enum", reserved)))
            : List.of());
  }

  static <T> Changeset<T> subset(Changeset<T> cs, String field, Collection<?> values, String message) {
    List<Object> allowed = List.copyOf(values);
    return cs.validateChange(field, "subset", Map.of("enum", allowed), (f, v) -> {
      if (!(v instanceof Collection<?> c)) {
        throw new ArgumentException("validateSubset on field '" + f + "' of " + cs.describe()
            + " needs a list, got " + v.getClass().getName());
      }
      return c.stream().allMatch(e -> Validators.contains(allowed, e)) ? List.<ChangesetError>of()
          : List.of(new ChangesetError(f, message, Map.of("validation", "subset", "enum", allowed)));
    });
  }

  static <T> Changeset<T> acceptance(Changeset<T> cs, String field, String message) {
    ChangesetState<T> s = cs.state();
    s.validations().add(0, new Validation(field, "acceptance", message.equals("must be accepted") ? Map.of() : Map.of("message", message)));
    if (cs.params() != null && !Validators.accepted(cs.params().get(field))) {
      s.errors().add(new ChangesetError(field, message, Map.of("validation", "acceptance")));
    }
    return new Changeset<>(s);
  }

  static <T> Changeset<T> confirmation(Changeset<T> cs, String field, boolean requireConfirmation, String message) {
    String confirmation = field + "Confirmation";
    Map<String, Object> given = cs.params() == null ? Map.of() : cs.params();
    ChangesetState<T> s = cs.state();
    Map<String, Object> recorded = new LinkedHashMap<>();
    if (requireConfirmation) {
      recorded.put("required", true);
    }
    if (!message.equals("does not match confirmation")) {
      recorded.put("message", message);
    }
    s.validations().add(0, new Validation(field, "confirmation", recorded));
    if (given.containsKey(confirmation)) {
      if (!Objects.equals(given.get(field), given.get(confirmation))) {
        s.errors().add(new ChangesetError(confirmation, message, Map.of("validation", "confirmation")));
      }
    } else if (requireConfirmation) {
      s.errors().add(new ChangesetError(confirmation, "can't be blank", Map.of("validation", "required")));
    }
    return new Changeset<>(s);
  }

  static <T> Changeset<T> change(Changeset<T> cs, String field, BiFunction<String, Object, List<ChangesetError>> validator) {
    cs.field(field);
    Object value = cs.changes().get(field);
    if (value == null) {
      return cs;
    }
    List<ChangesetError> found = validator.apply(field, value);
    if (found.isEmpty()) {
      return cs; // nothing to add: the same immutable value
    }
    ChangesetState<T> s = cs.state();
    ErrorLists.addBlock(s.errors(), found);
    return new Changeset<>(s);
  }

  static <T> Changeset<T> change(Changeset<T> cs, String field, String kind, Map<String, ?> options,
      BiFunction<String, Object, List<ChangesetError>> validator) {
    // One step, not validateChange and then another copy to record the validation.
    cs.field(field);
    ChangesetState<T> s = cs.state();
    Object value = cs.changes().get(field);
    if (value != null) {
      ErrorLists.addBlock(s.errors(), validator.apply(field, value));
    }
    s.validations().add(0, new Validation(field, kind, Map.copyOf(options)));
    return new Changeset<>(s);
  }
}
