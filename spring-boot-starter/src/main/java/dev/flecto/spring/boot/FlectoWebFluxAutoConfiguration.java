package dev.flecto.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * In a WebFlux application, turns Flecto's client errors into RFC 9457 problem details instead of
 * 500s: an {@link dev.flecto.changeset.InvalidChangesetException} (an invalid changeset, or a write
 * that broke a declared constraint) into a 422 whose {@code errors} property holds the changeset's
 * errors as {@link dev.flecto.changeset.ChangesetErrors#toJson} gives them, and a
 * {@link dev.flecto.NoResultsException} ({@code getOrFail}, {@code oneOrFail}, ...) into a 404.
 * {@code flecto.problem-details.enabled=false} turns it off. An {@code @ExceptionHandler} of a
 * controller, or of an advice of the application's, for these exceptions (or for
 * {@code Exception}) runs instead: the application's advices come first.
 *
 * <pre>{@code
 * POST /posts {"title": "Hi"}
 * HTTP/1.1 422 Unprocessable Entity
 * Content-Type: application/problem+json
 * {"type":"about:blank","title":"Invalid changeset","status":422,
 *  "detail":"could not insert: the changeset has errors","instance":"/posts",
 *  "errors":{"title":["should be at least 3 character(s)"]}}
 * }</pre>
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = {"org.springframework.http.ProblemDetail", "org.springframework.web.reactive.DispatcherHandler"})
@ConditionalOnProperty(prefix = "flecto.problem-details", name = "enabled", havingValue = "true", matchIfMissing = true)
public class FlectoWebFluxAutoConfiguration {
  /**
   * Created by Spring.
   *
   * <pre>{@code new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(FlectoWebFluxAutoConfiguration.class)) }</pre>
   */
  public FlectoWebFluxAutoConfiguration() {}

  @Bean
  FlectoProblemDetailsHandler flectoProblemDetailsHandler() {
    return new FlectoProblemDetailsHandler();
  }
}
