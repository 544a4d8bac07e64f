package dev.flecto.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM's {@link TestDatabase}: the schema script is applied once,
 * and each test method gets a {@code Repo} (and the raw {@code ConnectionFactory}) as a parameter.
 * Each test runs in the sandbox, a transaction rolled back at its end, unless the method or class
 * is marked {@link NoSandbox}.
 *
 * <pre>{@code
 * @FlectoTest(schema = "/friends.sql")
 * class PeopleIT {
 *   @Test
 *   void inserts(Repo repo) {
 *     repo.insert(new Person(null, "Ryan", "Bigg", 28)).as(StepVerifier::create)
 *         .assertNext(p -> assertThat(p.id()).isNotNull())
 *         .verifyComplete();
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FlectoExtension.class)
public @interface FlectoTest {
  /**
   * Classpath resources with the SQL that creates the test's tables, applied once per JVM in order.
   *
   * <pre>{@code @FlectoTest(schema = "/schema.sql") }</pre>
   *
   * @return the resources
   */
  String[] schema() default {};
}
