package dev.flecto.spring.boot;

import dev.flecto.repo.RepoOptions;

/**
 * Changes the options of the Repo the starter creates, after the {@code flecto.*} properties and
 * the {@link dev.flecto.telemetry.QueryListener} beans were applied: for what has no property (a
 * clock for {@code @Timestamp} fields, a listener built by hand). Every bean of this type is
 * called, in {@code @Order}; each gets the options the one before returned.
 *
 * <pre>{@code
 * @Bean
 * FlectoRepoOptionsCustomizer fixedClock(Clock clock) {
 *   return options -> options.withClock(clock);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FlectoRepoOptionsCustomizer {
  /**
   * Returns the options to use (RepoOptions is immutable: return what its {@code with} steps give).
   *
   * <pre>{@code options -> options.withPreloadConcurrency(1) }</pre>
   *
   * @param options the options so far
   * @return the options to use, never null
   */
  RepoOptions customize(RepoOptions options);
}
