package dev.flecto.it;

import static dev.flecto.query.Exprs.count;
import static dev.flecto.query.Exprs.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.AssociationNotLoadedException;
import dev.flecto.query.Expr;
import dev.flecto.query.JoinKind;
import dev.flecto.query.Order;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Joins through associations on PostgreSQL; records carry not-loaded associations. */
@FlectoTest(schema = "/assoc.sql")
class AssocJoinIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void joinsThroughEachKindOfAssociation(Repo repo) {
    AAuthor ann = repo.insert(AAuthor.named("Ann")).block(T);
    AAuthor bob = repo.insert(AAuthor.named("Bob")).block(T);
    APost p1 = repo.insert(new APost(null, "one", ann.id(), null, null, null)).block(T);
    APost p2 = repo.insert(new APost(null, "two", ann.id(), null, null, null)).block(T);
    repo.insert(AComment.on(p1.id(), "hi")).then(repo.insert(AComment.on(p1.id(), "yo")))
        .then(repo.insert(AComment.on(p2.id(), "ok"))).block(T);
    ATag java = repo.insert(new ATag(null, "java")).block(T);
    repo.insert(new ATag(null, "ecto")).block(T);
    repo.transact(() -> Mono.when(
        repo.insert(new PostTag(p1.id(), java.id())), repo.insert(new PostTag(p2.id(), java.id())))).block(T);

    assertThat(p1.author().isLoaded()).isFalse();
    assertThatThrownBy(() -> repo.reload(p1).block(T).comments().get()).isInstanceOf(AssociationNotLoadedException.class);

    Map<String, Expr> perAuthor = new LinkedHashMap<>();
    perAuthor.put("name", field("a", "name"));
    perAuthor.put("posts", count(field("p", "id")));
    List<Map<String, Object>> rows = repo.all(Query.from(AAuthor.class).as("a").joinAssoc(JoinKind.LEFT, "a", "posts", "p")
        .groupBy(field("a", "name")).orderBy(Order.asc(field("a", "name"))).select(perAuthor)).collectList().block(T);
    assertThat(rows).extracting(r -> r.get("name") + "=" + r.get("posts")).containsExactly("Ann=2", "Bob=0");

    assertThat(repo.all(Query.from(AComment.class).as("c").join(JoinKind.INNER, APost.class, "p", field("p", "id").eq(field("c", "postId")))
        .joinAssoc(JoinKind.INNER, "p", "author", "w").where(field("w", "name").eq("Ann")).select(field("c", "body"), String.class)
        .orderBy(Order.asc(field("c", "body")))).collectList().block(T)).containsExactly("hi", "ok", "yo");

    assertThat(repo.all(Query.from(APost.class).as("p").joinAssoc(JoinKind.INNER, "p", "tags", "t", field("t", "name").eq("java"))
        .orderBy("title").select(field("p", "title"), String.class)).collectList().block(T)).containsExactly("one", "two");
    assertThat(repo.all(Query.from(APost.class).as("p").joinAssoc(JoinKind.INNER, "p", "comments", "c")
        .where(field("c", "body").eq("yo")).selectBinding("p", APost.class)).collectList().block(T))
        .extracting(APost::title).containsExactly("one");
    assertThat(bob.id()).isNotNull();
  }

  @dev.flecto.schema.Schema("a_posts_tags")
  public record PostTag(@dev.flecto.schema.Id(generated = dev.flecto.schema.IdGeneration.NONE) Long postId,
      @dev.flecto.schema.Id Long tagId) {}
}
