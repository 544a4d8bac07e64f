package dev.flecto.spring.boot.it.app;

import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.LengthRule;
import dev.flecto.repo.Repo;
import dev.flecto.spring.boot.it.app.Blog.Post;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A WebFlux app as a user writes one with the starter: no Flecto bean, no exception mapping of its own. */
@SpringBootApplication
public class BlogApp {
  @RestController
  static class Posts {
    private final Repo repo;

    Posts(Repo repo) {
      this.repo = repo;
    }

    @PostMapping("/posts")
    Mono<ResponseEntity<Post>> create(@RequestBody Map<String, Object> params) {
      Changeset<Post> cs = Changeset.cast(Post.class, params, "title", "authorId")
          .validateRequired("title")
          .validateLength("title", LengthRule.min(3))
          .foreignKeyConstraint("authorId");
      return repo.insert(cs).map(p -> ResponseEntity.created(URI.create("/posts/" + p.id())).body(p));
    }

    @GetMapping("/posts/{id}")
    Mono<Post> show(@PathVariable long id) {
      return repo.getOrFail(Post.class, id).flatMap(p -> repo.preload(p, "author"));
    }
  }
}
