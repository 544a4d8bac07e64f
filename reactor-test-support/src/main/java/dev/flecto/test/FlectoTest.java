package dev.flecto.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the JVM's {@link TestDatabase}: its migrations are run and its schema
 * scripts applied once per JVM,
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

  /**
   * Packages of migrations ({@code V<version>_<Name>} classes, see
   * {@link dev.flecto.migration.Migrations#inPackage(String)}) run up once per JVM, before the
   * schema scripts, so tests run against the schema that is deployed; each test then runs in the
   * sandbox as usual.
   *
   * <pre>{@code @FlectoTest(migrations = "com.example.blog.migrations") }</pre>
   *
   * @return the packages, migrated in order
   */
  String[] migrations() default {};
}
