package dev.flecto.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flecto.query.Aggregate;
import dev.flecto.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** Every endpoint of the blog over HTTP: the answers, their JSON, and what reached the database. */
class BlogApiIT extends BlogTestSupport {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void anAuthorIsValidatedAndADuplicateEmailIsAFieldError() {
    client.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "", "email", "nobody"))
        .exchange()
        .expectStatus().isEqualTo(422)
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title").isEqualTo("Invalid changeset")
        .jsonPath("$.instance").isEqualTo("/authors")
        .jsonPath("$.errors.name[0]").isEqualTo("can't be blank")
        .jsonPath("$.errors.email[0]").isEqualTo("has invalid format");

    String email = email("ann");
    Map<String, Object> ann = client.post().uri("/authors").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "Ann", "email", email))
        .exchange()
        .expectStatus().isCreated()
        .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    assertThat(ann).containsEntry("name", "Ann").containsEntry("email", email).containsKeys("id", "insertedAt");

    // Valid, so it reaches the database, whose unique index refuses it: a field error, not a 500.
    client.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Ann again", "email", email))
        .exchange()
        .expectStatus().isEqualTo(422)
        .expectBody()
        .jsonPath("$.errors.email[0]").isEqualTo("has already been taken")
        .jsonPath("$.errors.name").doesNotExist();
  }

  @Test
  void aPostIsValidatedAndAMissingAuthorIsAFieldError() {
    Author ann = author("Ann");
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "Hi"))
        .exchange()
        .expectStatus().isEqualTo(422)
        .expectBody()
        .jsonPath("$.errors.title[0]").isEqualTo("should be at least 3 character(s)")
        .jsonPath("$.errors.body[0]").isEqualTo("can't be blank")
        .jsonPath("$.errors.authorId[0]").isEqualTo("can't be blank");

    String title = "Orphan " + UUID.randomUUID();
    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", title, "body", "No one wrote this.", "authorId", ann.id() + 1_000_000))
        .exchange()
        .expectStatus().isEqualTo(422)
        .expectBody()
        .jsonPath("$.errors.authorId[0]").isEqualTo("does not exist");
    assertThat(repo.exists(Query.from(Post.class).where("title", title)).block(T)).isFalse();

    client.post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("title", "Hello", "body", "Hi all.", "authorId", ann.id()))
        .exchange()
        .expectStatus().isCreated()
        .expectHeader().valueMatches("Location", "/posts/\\d+")
        .expectBody()
        .jsonPath("$.authorId").isEqualTo(ann.id().intValue())
        .jsonPath("$.publishedAt").isEmpty();
  }

  @Test
  void aPostIsShownWithItsAuthorAndItsCommentsWithTheirAuthors() {
    Author ann = author("Ann");
    Author bob = author("Bob");
    Post post = post(ann, "Preloaded", "With everything.");
    comment(post, bob, "First!");
    comment(post, ann, "Thanks");

    Map<String, Object> json = client.get().uri("/posts/{id}", post.id()).exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody(JSON_OBJECT).returnResult().getResponseBody();

    assertThat(json).containsOnlyKeys("id", "authorId", "title", "body", "publishedAt", "insertedAt", "updatedAt",
        "author", "comments");
    assertThat(object(json, "author")).containsEntry("name", "Ann");
    List<Map<String, Object>> comments = objects(json, "comments");
    assertThat(comments).extracting(c -> c.get("body")).containsExactly("First!", "Thanks");
    assertThat(comments).extracting(c -> object(c, "author").get("name")).containsExactly("Bob", "Ann");
    // comment.post was not preloaded: left out, not null and not {"loaded":false}.
    assertThat(comments.get(0)).containsOnlyKeys("id", "postId", "authorId", "body", "insertedAt", "updatedAt", "author");
  }

  @Test
  void searchComposesTheGivenFiltersAndPaginatesNewestFirst() {
    String word = "w" + UUID.randomUUID().toString().substring(0, 8);
    Author ann = author("Ann");
    Author bob = author("Bob");
    List<Long> annMatches = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      annMatches.add(0, post(ann, "About " + word + " " + i, "Part " + i).id());   // newest first
    }
    post(ann, "Something else", "Nothing to find.");
    post(bob, "By Bob", "Also about " + word + ".");
    post(bob, "Bob again", "More " + word.toUpperCase() + " here.");

    Map<String, Object> first = search("q=" + word.toUpperCase() + "&authorId=" + ann.id() + "&page=1&size=2");
    assertThat(first).containsEntry("page", 1).containsEntry("size", 2).containsEntry("total", 5);
    assertThat(ids(first)).containsExactlyElementsOf(annMatches.subList(0, 2));
    assertThat(objects(first, "posts")).allSatisfy(p -> {
      assertThat(object(p, "author")).containsEntry("name", "Ann");
      assertThat(p).doesNotContainKey("comments");
    });
    assertThat(ids(search("q=" + word + "&authorId=" + ann.id() + "&page=3&size=2"))).containsExactly(annMatches.get(4));
    assertThat(ids(search("q=" + word + "&authorId=" + ann.id() + "&page=4&size=2"))).isEmpty();

    assertThat(search("q=" + word + "&size=100")).containsEntry("total", 7);               // title or body, any author
    assertThat(search("authorId=" + bob.id())).containsEntry("total", 2);
    // _ is a character to find, not LIKE's any-one-character: "_" + the rest of the word matches nothing.
    assertThat(search("q=_" + word.substring(1))).containsEntry("total", 0);

    client.get().uri("/posts?page=0").exchange().expectStatus().isBadRequest();
    client.get().uri("/posts?size=101").exchange().expectStatus().isBadRequest();
  }

  @Test
  void theExportStreamsEveryPostAsOneJsonObjectALine() throws Exception {
    Author ann = author("Ann");
    // More than two chunks of blog.export.max-rows=50: the cursor is read by several FETCHes.
    repo.insertAll(Post.class, IntStream.range(0, 120)
        .mapToObj(i -> Map.of("authorId", ann.id(), "title", "Exported " + i, "body", "Row " + i)).toList()).block(T);
    long total = repo.aggregate(Query.from(Post.class), Aggregate.COUNT).block(T);

    List<String> lines = client.get().uri("/posts/export").accept(MediaType.APPLICATION_NDJSON).exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
        .returnResult(String.class).getResponseBody().collectList().block(T);

    assertThat(lines).hasSize((int) total);
    List<Map<String, Object>> posts = new ArrayList<>();
    for (String line : lines) {
      posts.add(MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {}));
    }
    List<Long> ids = posts.stream().map(p -> ((Number) p.get("id")).longValue()).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    List<Map<String, Object>> ours = posts.stream().filter(p -> ann.id().equals(((Number) p.get("authorId")).longValue())).toList();
    assertThat(ours).hasSize(120).allSatisfy(p -> {
      assertThat(object(p, "author")).containsEntry("name", "Ann");   // preloaded chunk by chunk
      assertThat(p).doesNotContainKey("comments");
    });
    assertThat(ours.get(0)).containsEntry("title", "Exported 0");
  }

  @Test
  void publishingUpdatesThePostAndWritesItsAuditCommentInOneTransaction() {
    Author ann = author("Ann");
    Author editor = author("Eve");
    Post post = post(ann, "To publish", "Ready.");

    Map<String, Object> result = publish(post, Map.of("editorId", editor.id(), "note", "Ship it"), 200);
    assertThat(object(result, "post")).containsEntry("id", post.id().intValue()).containsKey("publishedAt");
    assertThat(object(result, "post").get("publishedAt")).isNotNull();
    assertThat(object(result, "audit")).containsEntry("body", "Published: Ship it")
        .containsEntry("authorId", editor.id().intValue()).containsEntry("postId", post.id().intValue());
    assertThat(repo.get(Post.class, post.id()).block(T).publishedAt()).isNotNull();
    assertThat(commentsOn(post)).isEqualTo(1);

    // The draft step's repo.rollback("already published"): 409, and no second audit comment.
    Map<String, Object> again = publish(post, Map.of("editorId", editor.id()), 409);
    assertThat(again).containsEntry("step", "draft").containsEntry("rolledBack", List.of())
        .containsEntry("detail", "already published; nothing was written");
    assertThat(commentsOn(post)).isEqualTo(1);
  }

  @Test
  void aFailingStepRollsBackTheUpdateThatRanBeforeIt() {
    Author ann = author("Ann");
    Post post = post(ann, "Stays a draft", "Not yet.");

    // The post is updated, then the audit comment's foreign key fails: the update is rolled back.
    Map<String, Object> missingEditor = publish(post, Map.of("editorId", ann.id() + 1_000_000), 422);
    assertThat(missingEditor).containsEntry("title", "Publishing failed").containsEntry("step", "audit")
        .containsEntry("rolledBack", List.of("draft", "post"));
    assertThat(object(missingEditor, "errors")).isEqualTo(Map.of("authorId", List.of("does not exist")));

    Map<String, Object> noEditor = publish(post, Map.of("note", "who?"), 422);
    assertThat(object(noEditor, "errors")).isEqualTo(Map.of("authorId", List.of("can't be blank")));

    Post stored = repo.get(Post.class, post.id()).block(T);
    assertThat(stored.publishedAt()).isNull();
    assertThat(stored.updatedAt()).isEqualTo(post.updatedAt());
    assertThat(commentsOn(post)).isZero();
  }

  @Test
  void aMissingPostIs404() {
    client.get().uri("/posts/{id}", Long.MAX_VALUE).exchange()
        .expectStatus().isNotFound()
        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title").isEqualTo("Not found")
        .jsonPath("$.instance").isEqualTo("/posts/" + Long.MAX_VALUE);
    client.post().uri("/posts/{id}/publish", Long.MAX_VALUE).contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("editorId", 1)).exchange()
        .expectStatus().isNotFound();
  }

  private void comment(Post post, Author author, String body) {
    repo.insert(Comment.creation(Map.of("postId", post.id(), "authorId", author.id(), "body", body))).block(T);
  }

  private long commentsOn(Post post) {
    return repo.aggregate(Query.from(Comment.class).where("postId", post.id()), Aggregate.COUNT).block(T);
  }

  private Map<String, Object> publish(Post post, Map<String, Object> body, int status) {
    return client.post().uri("/posts/{id}/publish", post.id()).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .exchange()
        .expectStatus().isEqualTo(status)
        .expectBody(JSON_OBJECT).returnResult().getResponseBody();
  }

  private Map<String, Object> search(String query) {
    return client.get().uri("/posts?" + query).exchange()
        .expectStatus().isOk()
        .expectBody(JSON_OBJECT).returnResult().getResponseBody();
  }

  private static List<Long> ids(Map<String, Object> page) {
    return objects(page, "posts").stream().map(p -> ((Number) p.get("id")).longValue()).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> json, String key) {
    return (Map<String, Object>) json.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(Map<String, Object> json, String key) {
    return (List<Map<String, Object>>) json.get(key);
  }
}
