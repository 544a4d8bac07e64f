package dev.flecto.test;

import dev.flecto.r2dbc.Sandbox;
import dev.flecto.repo.Repo;
import dev.flecto.repo.RepoOptions;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link FlectoTest}: applies the schema once, opens a sandbox before
 * each test and rolls it back after, and resolves {@link Repo}, {@link ConnectionFactory},
 * {@link Sandbox} and {@link TestDatabase} parameters.
 *
 * <pre>{@code
 * @ExtendWith(FlectoExtension.class)
 * class MyIT { @Test void t(Repo repo) { ... } }
 * }</pre>
 */
public final class FlectoExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FlectoExtension.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Created by JUnit.
   *
   * <pre>{@code @ExtendWith(FlectoExtension.class) }</pre>
   */
  public FlectoExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    TestDatabase db = TestDatabase.get();
    FlectoTest config = context.getRequiredTestClass().getAnnotation(FlectoTest.class);
    if (config != null) {
      for (String packageName : config.migrations()) {
        db.migrate(packageName);
      }
      for (String resource : config.schema()) {
        db.applySchema(resource);
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!sandboxed(context)) {
      return;
    }
    Sandbox sandbox = Sandbox.open(TestDatabase.get().connectionFactory(), RepoOptions.defaults()).block(TIMEOUT);
    context.getStore(NS).put(Sandbox.class, sandbox);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Sandbox sandbox = context.getStore(NS).remove(Sandbox.class, Sandbox.class);
    if (sandbox != null) {
      sandbox.rollback().block(TIMEOUT);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Repo.class || type == ConnectionFactory.class || type == TestDatabase.class
        || type == Sandbox.class && sandboxed(context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    TestDatabase db = TestDatabase.get();
    if (type == ConnectionFactory.class) {
      return db.connectionFactory();
    }
    if (type == TestDatabase.class) {
      return db;
    }
    Sandbox sandbox = context.getStore(NS).get(Sandbox.class, Sandbox.class);
    if (type == Sandbox.class) {
      return sandbox;
    }
    return sandbox != null ? sandbox.repo() : db.repo();
  }

  private static boolean sandboxed(ExtensionContext context) {
    boolean onMethod = context.getTestMethod().map(m -> m.isAnnotationPresent(NoSandbox.class)).orElse(false);
    boolean onClass = context.getTestClass().map(c -> c.isAnnotationPresent(NoSandbox.class)).orElse(false);
    return context.getTestMethod().isPresent() && !onMethod && !onClass;
  }
}
