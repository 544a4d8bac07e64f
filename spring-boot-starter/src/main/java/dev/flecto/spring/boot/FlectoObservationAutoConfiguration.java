package dev.flecto.spring.boot;

import dev.flecto.micrometer.FlectoObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Makes each statement of the starter's Repo a Micrometer Observation {@code flecto.query}
 * ({@link FlectoObservations}) in Boot's {@link ObservationRegistry}: Boot's meter handler turns it
 * into a timer ({@code /actuator/metrics/flecto.query}), its tracing handler, when
 * micrometer-tracing is present, into a span under the request's. It applies when
 * {@code dev.flecto:flecto-micrometer} is on the classpath and the application has one
 * ObservationRegistry (Spring Boot Actuator makes it), unless {@code flecto.observations.enabled=false}
 * or the application defines its own {@code FlectoObservations} bean. The listener is a
 * {@link dev.flecto.telemetry.QueryListener} bean, which {@link FlectoAutoConfiguration} adds to the
 * Repo's listeners like any other.
 *
 * <pre>{@code
 * <!-- with spring-boot-starter-actuator -->
 * <dependency>
 *   <groupId>dev.flecto</groupId>
 *   <artifactId>flecto-micrometer</artifactId>
 * </dependency>
 *
 * GET /actuator/metrics/flecto.query?tag=db.sql.table:posts&tag=outcome:success
 * }</pre>
 */
// After Boot's ObservationAutoConfiguration, which defines the registry the condition looks for: it
// moved from the actuator's auto-configuration (3.5) to spring-boot-micrometer-observation (4.0), so
// both are named. Before FlectoAutoConfiguration, so the listener is defined when the Repo is.
@AutoConfiguration(before = FlectoAutoConfiguration.class, afterName = {
    "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration", // Spring Boot 3.5
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"}) // Spring Boot 4.0
// By name: flecto-micrometer and micrometer-observation are optional dependencies of the starter,
// so without them this class is never loaded.
@ConditionalOnClass(name = {"io.micrometer.observation.ObservationRegistry", "dev.flecto.micrometer.FlectoObservations"})
// Single candidate, as for the Repo's ConnectionFactory: which of two registries to observe in is
// the application's decision.
@ConditionalOnSingleCandidate(type = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnProperty(prefix = "flecto.observations", name = "enabled", havingValue = "true", matchIfMissing = true)
public class FlectoObservationAutoConfiguration {
  /**
   * Created by Spring when the conditions above hold.
   *
   * <pre>{@code new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlectoObservationAutoConfiguration.class)) }</pre>
   */
  public FlectoObservationAutoConfiguration() {}

  /**
   * The listener making the Repo's statements Observations; an application's own
   * {@code FlectoObservations} bean replaces it (two would observe each statement twice).
   *
   * <pre>{@code flectoObservations(observationRegistry) // a QueryListener, added to the Repo's listeners }</pre>
   *
   * @param registry Boot's ObservationRegistry, with its meter and tracing handlers
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public FlectoObservations flectoObservations(ObservationRegistry registry) {
    return FlectoObservations.of(registry);
  }
}
