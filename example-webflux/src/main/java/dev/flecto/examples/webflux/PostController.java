package dev.flecto.examples.webflux;

import dev.flecto.NoResultsException;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.multi.MultiFailedException;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.repo.StreamOptions;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The post endpoints. Invalid changesets (422) and missing posts (404) are answered by the
 * starter's problem details; a failed publish by {@link #publishFailed}.
 *
 * <pre>{@code
 * GET /posts/1                 {"id":1,"title":"...","author":{...},"comments":[{"body":"...","author":{...}}]}
 * GET /posts?q=flecto&page=2   {"page":2,"size":20,"total":31,"posts":[...]}
 * GET /posts/export            {"id":1,...}\n{"id":2,...}\n...
 * POST /posts/1/publish        {"post":{...,"publishedAt":"..."},"audit":{"body":"Published: ...",...}}
 * }</pre>
 */
@RestController
class PostController {
  private static final Logger LOG = LoggerFactory.getLogger(PostController.class);

  private final Repo repo;
  private final StreamOptions exportOptions;

  PostController(Repo repo, @Value("${blog.export.max-rows:500}") int exportMaxRows) {
    this.repo = repo;
    this.exportOptions = StreamOptions.maxRows(exportMaxRows);
  }

  @PostMapping("/posts")
  Mono<ResponseEntity<Post>> create(@RequestBody Map<String, Object> params) {
    return repo.insert(Post.creation(params))
        .map(post -> ResponseEntity.created(URI.create("/posts/" + post.id())).body(post));
  }

  @GetMapping("/posts/{id}")
  Mono<Post> show(@PathVariable long id) {
    // One query per level: the post, then its author and comments, then the comments' authors.
    return repo.getOrFail(Post.class, id).flatMap(post -> repo.preload(post, "author", "comments.author"));
  }

  @GetMapping("/posts")
  Mono<PostPage> search(@RequestParam(required = false) String q, @RequestParam(required = false) Long authorId,
      @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
    PostSearch search;
    try {
      search = new PostSearch(q, authorId, page, size);
    } catch (IllegalArgumentException e) {
      throw new ServerWebInputException(e.getMessage());
    }
    // Two statements on two pooled connections, not one snapshot: a post written between them can
    // make the total one off, which a page count tolerates.
    return Mono.zip(repo.aggregate(search.matching(), Aggregate.COUNT), repo.all(search.pageQuery()).collectList())
        .map(found -> new PostPage(page, size, found.getT1(), found.getT2()));
  }

  @GetMapping(path = "/posts/export", produces = MediaType.APPLICATION_NDJSON_VALUE)
  Flux<Post> export() {
    // A cursor read in chunks of maxRows, each fetched only when the client has taken the rows before:
    // memory holds one chunk, and each chunk's authors are preloaded by one query. A client that
    // disconnects cancels the Flux, which rolls the stream's transaction back and releases the
    // connection; the starter's StreamsEndWithExchange ends it in the one case where WebFlux does not.
    return repo.stream(Query.from(Post.class).orderBy("id").preload("author"), exportOptions);
  }

  @PostMapping("/posts/{id}/publish")
  Mono<Publication.Result> publish(@PathVariable long id, @RequestBody Map<String, Object> params) {
    return repo.transact(Publication.multi(id, params))
        .map(Publication.Result::of)
        // A post that does not exist is the starter's 404, as for GET, rather than a failed step.
        .onErrorMap(MultiFailedException.class, e -> e.getCause() instanceof NoResultsException missing ? missing : e);
  }

  @ExceptionHandler(MultiFailedException.class)
  ResponseEntity<ProblemDetail> publishFailed(MultiFailedException e, ServerWebExchange exchange) {
    ProblemDetail problem;
    if (e.value() instanceof Changeset<?> invalid) {
      // The step's changeset has the field errors, as a 422 of the starter's has them.
      problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(422),
          "step '" + e.step() + "' is invalid; nothing was written");
      problem.setProperty("errors", ChangesetErrors.toJson(invalid).get("errors"));
    } else if (e.value() instanceof String reason) {
      // A step's repo.rollback(reason): the post is not in a state to publish.
      problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, reason + "; nothing was written");
    } else {
      // An unexpected failure: its message may name SQL and values, so it goes to the log only.
      LOG.error("publishing failed at step {}", e.step(), e);
      problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "publishing failed; nothing was written");
    }
    problem.setTitle("Publishing failed");
    problem.setProperty("step", e.step());
    // The steps that had run, and were undone with the failed one: what "nothing was written" covers.
    problem.setProperty("rolledBack", e.changesSoFar().names());
    problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }
}
