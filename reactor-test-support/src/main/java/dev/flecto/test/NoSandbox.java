package dev.flecto.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Opts a test method or class out of the sandbox: its {@code Repo} commits for real on the shared
 * pool. Such a test uses tables of its own and cleans up after itself.
 *
 * <pre>{@code
 * @Test
 * @NoSandbox
 * void commitsForReal(Repo repo) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface NoSandbox {}
