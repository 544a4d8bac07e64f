package dev.flecto.multi;

import dev.flecto.ArgumentException;
import dev.flecto.repo.Repo;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * One step of a {@link Multi}, as {@link Multi#operations()} lists it (Ecto's {@code to_list}): its
 * name, its kind, what it was given, and what the Repo runs for it. A Multi can so be checked in
 * a unit test without a database.
 *
 * <pre>{@code
 * Operation op = multi.operations().get(0);
 * op.name()                                // "user"
 * op.kind()                                // Operation.Kind.INSERT
 * ((Changeset<?>) op.argument()).isValid() // the changeset it will insert
 * }</pre>
 *
 * @param name the step's name ({@code "merge"} for a merge, whose steps are named by its Multi)
 * @param kind what the step does
 * @param argument what the step was given: the changeset of an insert, update or delete (a record
 *     given to insert or delete is wrapped with {@code Changeset.change}); the query of updateAll,
 *     deleteAll, one, all and exists; the entries of insertAll; the value of put and error; or,
 *     for a step computed from the changes so far, the function given
 * @param step what runs for the step, given the repo and the changes so far: it emits the step's
 *     result (a {@link Multi} for a merge) or fails
 */
public record Operation(String name, Kind kind, Object argument, BiFunction<Repo, Changes, ? extends Mono<?>> step) {
  /**
   * Checks the name, kind and step.
   *
   * <pre>{@code new Operation("token", Operation.Kind.PUT, "abc", (repo, changes) -> Mono.just("abc")) }</pre>
   */
  public Operation {
    if (name == null || kind == null || step == null) {
      throw new ArgumentException("a Multi operation needs a name, a kind and a step, got " + name + ", " + kind);
    }
  }

  /**
   * What a step does, by the {@link Multi} method that added it.
   *
   * <pre>{@code multi.operations().stream().map(Operation::kind).toList() // [INSERT, RUN] }</pre>
   */
  public enum Kind {
    /** {@link Multi#insert(String, dev.flecto.changeset.Changeset)} (and insertOrUpdate of new data). */
    INSERT,
    /** {@link Multi#update(String, dev.flecto.changeset.Changeset)} (and insertOrUpdate of loaded data). */
    UPDATE,
    /** {@link Multi#delete(String, dev.flecto.changeset.Changeset)}. */
    DELETE,
    /** {@link Multi#insertOrUpdate(String, java.util.function.Function)}: decided when the function gives its changeset. */
    INSERT_OR_UPDATE,
    /** {@link Multi#insertAll(String, Class, java.util.List)}. */
    INSERT_ALL,
    /** {@link Multi#updateAll(String, dev.flecto.query.Query, dev.flecto.query.Updates)}. */
    UPDATE_ALL,
    /** {@link Multi#deleteAll(String, dev.flecto.query.Query)}. */
    DELETE_ALL,
    /** {@link Multi#run(String, BiFunction)}. */
    RUN,
    /** {@link Multi#put(String, Object)}. */
    PUT,
    /** {@link Multi#error(String, Object)}. */
    ERROR,
    /** {@link Multi#one(String, dev.flecto.query.Query)}. */
    ONE,
    /** {@link Multi#all(String, dev.flecto.query.Query)}. */
    ALL,
    /** {@link Multi#exists(String, dev.flecto.query.Query)}. */
    EXISTS,
    /** {@link Multi#merge(java.util.function.Function)}. */
    MERGE
  }
}
