/**
 * Spring Boot auto-configuration for Flecto, for Boot 3.5 and 4.0: a {@link dev.flecto.repo.Repo}
 * bean on the application's R2DBC pool ({@link dev.flecto.spring.boot.FlectoAutoConfiguration}),
 * {@code flecto.*} properties ({@link dev.flecto.spring.boot.FlectoProperties}), Flecto's Jackson
 * module in Boot's mapper ({@link dev.flecto.spring.boot.FlectoJacksonAutoConfiguration}),
 * changeset errors as 422 problem details in WebFlux
 * ({@link dev.flecto.spring.boot.FlectoWebFluxAutoConfiguration}), and, with flecto-micrometer and
 * Actuator, the Repo's statements as Observations
 * ({@link dev.flecto.spring.boot.FlectoObservationAutoConfiguration}).
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.flecto</groupId>
 *   <artifactId>flecto-spring-boot-starter</artifactId>
 * </dependency>
 * <!-- Boot 4 (Jackson 3) also: dev.flecto:flecto-jackson3 -->
 * <!-- flecto.query timers and spans: dev.flecto:flecto-micrometer with spring-boot-starter-actuator -->
 * }</pre>
 */
package dev.flecto.spring.boot;
