package dev.flecto.examples.webflux;

import dev.flecto.repo.Repo;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /authors}: registers an author. An invalid changeset, a duplicate email included,
 * fails with {@code InvalidChangesetException}, which the starter answers with 422 and the errors.
 *
 * <pre>{@code
 * POST /authors {"name":"Ann","email":"ann@example.com"}
 * 201 {"id":1,"name":"Ann","email":"ann@example.com","insertedAt":"...","updatedAt":"..."}
 * POST /authors {"name":"Ann","email":"ann@example.com"}
 * 422 {"title":"Invalid changeset","status":422,...,"errors":{"email":["has already been taken"]}}
 * }</pre>
 */
@RestController
class AuthorController {
  private final Repo repo;

  AuthorController(Repo repo) {
    this.repo = repo;
  }

  @PostMapping("/authors")
  Mono<ResponseEntity<Author>> create(@RequestBody Map<String, Object> params) {
    return repo.insert(Author.registration(params))
        .map(author -> ResponseEntity.created(URI.create("/authors/" + author.id())).body(author));
  }
}
