package dev.flecto.repo;

import dev.flecto.ArgumentException;
import dev.flecto.changeset.Changeset;
import dev.flecto.multi.ConflictingActionException;
import dev.flecto.schema.Schemas;
import java.util.Arrays;
import java.util.List;

/**
 * The checks a Repo method makes of what it is given, run inside its publisher (a Repo method
 * never throws at call time, so a pipeline's error handling sees every mistake). Each names the
 * Repo method and the argument, as Ecto's {@code ArgumentError} does.
 *
 * <pre>{@code
 * Mono.defer(() -> writes.insert(RepoArgs.changeset(changeset, "insert")))
 * }</pre>
 */
final class RepoArgs {
  private RepoArgs() {}

  static ArgumentException nullGiven(String operation, String argument) {
    return new ArgumentException("Repo." + operation + " was given null for its " + argument);
  }

  static <T> T given(T value, String operation, String argument) {
    if (value == null) {
      throw nullGiven(operation, argument);
    }
    return value;
  }

  /** The array as a list, refusing a null array or a null entry. */
  static <T> List<T> list(T[] values, String operation, String argument) {
    given(values, operation, argument);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        throw new ArgumentException("Repo." + operation + " was given null as its " + argument + " #" + i);
      }
    }
    return Arrays.asList(values);
  }

  /**
   * The changeset, if its action is none or {@code operation}: Ecto refuses a changeset whose
   * action is another ("a changeset with action :validate was given to Repo.insert/2"), such as a
   * form's changeset from {@code applyAction("validate")}.
   */
  static <T> Changeset<T> changeset(Changeset<T> changeset, String operation) {
    given(changeset, operation, "changeset");
    if (changeset.action() != null && !changeset.action().equals(operation)) {
      throw new ConflictingActionException(changeset, operation);
    }
    return changeset;
  }

  /** The changeset, if its data has a primary key to find its row by (Ecto's NoPrimaryKeyValueError). */
  static <T> Changeset<T> keyed(Changeset<T> changeset, String operation) {
    WritePlan.keyValues(changeset.schema(), changeset.data(), operation);
    return changeset;
  }

  /** The id, if given: a get by a null key would match nothing and hide the caller's bug. */
  static Object id(Class<?> type, Object id, String operation) {
    given(type, operation, "schema class");
    if (id == null) {
      throw new ArgumentException("Repo." + operation + " was given a null id for " + Schemas.of(type).describe()
          + "; a row's id is never null (use getBy with a null check, or one(...) with isNull)");
    }
    return id;
  }
}
