package dev.flecto.changeset;

import dev.flecto.ArgumentException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * The version bump of {@link Changeset#optimisticLock(String)}, applied as Ecto applies it: a
 * prepare callback that puts the next version into the changes. The Repo runs callbacks only when
 * it performs the write (an update with no changes at all sends nothing and runs none), so the
 * callback bumps unconditionally; it runs where it was registered among the other callbacks, and
 * a change another callback adds before or after it goes out with the new version all the same.
 *
 * <pre>{@code
 * cs.prepareChanges(OptimisticLock.bump("lockVersion", 3, OptimisticLock::incrementWithRollover))
 * }</pre>
 */
final class OptimisticLock {
  private OptimisticLock() {}

  /** The callback: the next version from the one the lock filters on, as the incrementer gives it. */
  static <T> Function<Changeset<T>, Mono<Changeset<T>>> bump(String field, Object current, UnaryOperator<Object> next) {
    // Called when the callback runs, not before (as Ecto's incrementer); forced, since a custom
    // incrementer's value is written as given even when it equals the current one.
    return cs -> Mono.fromCallable(() -> cs.forceChange(field, next.apply(current)));
  }

  /**
   * Ecto's increment_with_rollover: one more, and back to 1 at the maximum. Ecto rolls over at
   * 2,147,483,647, the maximum of the integer column it assumes; here the maximum is the field's
   * type's, the maximum of the column Flecto maps it to (integer, bigint, smallint).
   */
  static Object incrementWithRollover(Object current) {
    if (current instanceof Integer i) {
      return i == Integer.MAX_VALUE ? 1 : i + 1;
    }
    if (current instanceof Long l) {
      return l == Long.MAX_VALUE ? 1L : l + 1;
    }
    if (current instanceof Short s) {
      return s == Short.MAX_VALUE ? (short) 1 : (short) (s + 1);
    }
    throw new ArgumentException("optimisticLock increments Integer, Long or Short versions, got "
        + current.getClass().getName() + "; pass a function for the next version");
  }
}
