package dev.flecto.spring.boot;

import dev.flecto.NoResultsException;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** The WebFlux exception handlers of {@link FlectoWebFluxAutoConfiguration}. */
@RestControllerAdvice
class FlectoProblemDetailsHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FlectoProblemDetailsHandler.class);
  // HttpStatus names 422 UNPROCESSABLE_ENTITY in Spring 6 and deprecates that name in Spring 7.
  private static final HttpStatusCode UNPROCESSABLE = HttpStatusCode.valueOf(422);

  @ExceptionHandler(InvalidChangesetException.class)
  ResponseEntity<ProblemDetail> invalidChangeset(InvalidChangesetException e, ServerWebExchange exchange) {
    // Not e.getMessage(): it lists the changes, which may hold what the client must not see echoed
    // into logs or other clients' caches; the errors are what the client needs.
    ProblemDetail body = ProblemDetail.forStatusAndDetail(UNPROCESSABLE,
        "could not " + e.action() + ": the changeset has errors");
    body.setTitle("Invalid changeset");
    body.setProperty("errors", ChangesetErrors.toJson(e.changeset()).get("errors"));
    return respond(body, exchange);
  }

  @ExceptionHandler(NoResultsException.class)
  ResponseEntity<ProblemDetail> noResults(NoResultsException e, ServerWebExchange exchange) {
    // The message names the table and the key looked up: logged, not sent (as Boot's
    // server.error.include-message=never does for other errors).
    LOG.debug("404 for {}: {}", exchange.getRequest().getPath(), e.getMessage());
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "nothing matched the lookup");
    body.setTitle("Not found");
    return respond(body, exchange);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail body, ServerWebExchange exchange) {
    body.setInstance(URI.create(exchange.getRequest().getPath().value()));
    return ResponseEntity.status(body.getStatus()).body(body);
  }
}
