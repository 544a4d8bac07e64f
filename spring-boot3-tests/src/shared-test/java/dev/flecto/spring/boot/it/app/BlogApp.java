package dev.flecto.spring.boot.it.app;

import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.LengthRule;
import dev.flecto.repo.Repo;
import dev.flecto.spring.boot.it.app.Blog.Author;
import dev.flecto.spring.boot.it.app.Blog.Post;
import io.r2dbc.spi.ConnectionFactory;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
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

  /**
   * Spring's transactions as an application writes them, around the Repo and Spring's own
   * {@link DatabaseClient} on the same pool (Boot configures the transaction manager).
   */
  @Service
  public static class Authors {
    private final Repo repo;
    private final DatabaseClient db;

    public Authors(Repo repo, ConnectionFactory pool) {
      this.repo = repo;
      this.db = DatabaseClient.create(pool);
    }

    /** The Repo's insert, then Spring's, then a failure: both must be undone. */
    @Transactional
    public Mono<Void> bothThenFail(String flectoName, String springName) {
      return repo.insert(new Author(null, flectoName)).then(insertWithSpring(springName))
          .then(Mono.error(new IllegalStateException("publishing failed")));
    }

    /** The Repo's insert, in Spring's transaction: is it one (Repo.inTransaction), and does Spring's statement see it? */
    @Transactional
    public Mono<String> insertAndLookWithSpring(String name) {
      return repo.insert(new Author(null, name))
          .then(repo.inTransaction())
          .flatMap(inTx -> countWithSpring(name).map(seen -> "inTransaction=" + inTx + " seenBySpring=" + seen));
    }

    /** A nested repo.transact fails and its error is caught: Ecto's rule says the whole transaction rolls back. */
    @Transactional
    public Mono<Void> catchNestedFailure(String before, String inNested, String after, boolean savepoint) {
      Mono<Author> nested = repo.insert(new Author(null, inNested)).then(Mono.error(new IllegalStateException("nested failed")));
      return repo.insert(new Author(null, before))
          .then(savepoint
              ? repo.transact(dev.flecto.adapter.TransactionOptions.defaults().withSavepoint(true), () -> nested)
              : repo.transact(() -> nested))
          .onErrorResume(IllegalStateException.class, e -> Mono.empty())
          .then(insertWithSpring(after))
          .then();
    }

    /** Joins the caller's transaction (a repo.transact's, when called in one) with Spring's statement. */
    @Transactional
    public Mono<Long> insertWithSpring(String name) {
      return db.sql("INSERT INTO boot_authors (name) VALUES (:name)").bind("name", name).fetch().rowsUpdated();
    }

    /** Joins the caller's transaction and fails, marking it rollback-only. */
    @Transactional
    public Mono<Long> insertWithSpringThenFail(String name) {
      return insertWithSpring(name).then(Mono.error(new IllegalStateException("spring part failed")));
    }

    /** A transaction of its own, whatever the caller's. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Mono<Long> insertWithSpringInItsOwnTransaction(String name) {
      return insertWithSpring(name);
    }

    /** Spring's count of the rows it sees (in its transaction, when it has one). */
    public Mono<Long> countWithSpring(String name) {
      return db.sql("SELECT count(*) FROM boot_authors WHERE name = :name").bind("name", name)
          .map(row -> row.get(0, Long.class)).one();
    }
  }
}
