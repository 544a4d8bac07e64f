package dev.flecto.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.jackson.Blog.Author;
import dev.flecto.jackson.Blog.Comment;
import dev.flecto.jackson.Blog.Post;
import dev.flecto.query.Query;
import dev.flecto.repo.Repo;
import dev.flecto.test.FlectoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Associations preloaded from a real PostgreSQL, and a refused write, as JSON. */
@FlectoTest(schema = "/jackson_blog.sql")
class JacksonIT {
  private static final Duration T = Duration.ofSeconds(20);
  private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

  private static Author blog(Repo repo) {
    Author ann = repo.insert(new Author(null, "Ann")).block(T);
    Post hello = repo.insert(new Post(null, "Hello", ann.id(), null, null)).block(T);
    repo.insert(new Comment(null, hello.id(), ann.id(), "hi", null)).block(T);
    repo.insert(new Comment(null, hello.id(), ann.id(), "yo", null)).block(T);
    repo.insert(new Post(null, "Orphan", null, null, null)).block(T);
    return ann;
  }

  @Test
  void preloadedAssociationsAreWrittenAndTheOthersLeftOut(Repo repo) throws Exception {
    blog(repo);
    List<Post> posts = repo.all(Query.from(Post.class).orderBy("id").preload("author", "comments")).collectList().block(T);
    JsonNode json = mapper.valueToTree(posts);

    JsonNode hello = json.get(0);
    assertThat(hello.get("author").get("name").asText()).isEqualTo("Ann");
    assertThat(hello.get("comments").findValuesAsText("body")).containsExactlyInAnyOrder("hi", "yo");
    assertThat(hello.get("comments").get(0).has("author")).as("a comment's author was not preloaded").isFalse();
    JsonNode orphan = json.get(1);
    assertThat(orphan.has("author")).isTrue();
    assertThat(orphan.get("author").isNull()).as("loaded: the post has no author").isTrue();
    assertThat(orphan.get("comments")).isEmpty();

    assertThat(mapper.readValue(mapper.writeValueAsString(posts), new TypeReference<List<Post>>() {})).isEqualTo(posts);
    Post bare = repo.get(Post.class, posts.get(0).id()).block(T);
    assertThat(mapper.valueToTree(bare).toString()).doesNotContain("\"author\"", "\"comments\"");
  }

  @Test
  void nestedPreloadsAreNested(Repo repo) {
    blog(repo);
    Post hello = repo.one(Query.from(Post.class).where("title", "Hello").preload("comments.author")).block(T);
    JsonNode json = mapper.valueToTree(hello);
    assertThat(json.has("author")).isFalse();
    assertThat(json.get("comments").findValuesAsText("name")).containsExactly("Ann", "Ann");
  }

  @Test
  void aViolatedConstraintIsWrittenAsErrors(Repo repo) {
    blog(repo);
    Changeset<Author> cs = Changeset.cast(Author.class, Map.of("name", "Ann"), "name").uniqueConstraint("name");
    assertThatThrownBy(() -> repo.insert(cs).block(T)).isInstanceOfSatisfying(InvalidChangesetException.class,
        e -> assertThat(mapper.valueToTree(e).toString()).isEqualTo("{\"errors\":{\"name\":[\"has already been taken\"]}}"));
  }
}
