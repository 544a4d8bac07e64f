package dev.flecto.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.flecto.changeset.Changeset;
import dev.flecto.changeset.ChangesetError;
import dev.flecto.changeset.ChangesetErrors;
import dev.flecto.changeset.InvalidChangesetException;
import dev.flecto.changeset.LengthRule;
import dev.flecto.jackson.Blog.Author;
import dev.flecto.jackson.Blog.Comment;
import dev.flecto.jackson.Blog.Post;
import dev.flecto.schema.Assoc;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What FlectoModule does, written once and run against both the Jackson 2 module (here) and the
 * Jackson 3 one (flecto-jackson3, through this module's test jar): a subclass only makes the mapper.
 * JSON is compared as parsed maps and lists, so that no check hangs on the order of properties.
 */
public abstract class JsonContract {
  private static final Author ANN = new Author(7L, "Ann");
  @SuppressWarnings("unused") // only its generic type is read
  private static List<Post> listOfPosts;

  /**
   * How the subclass's mapper is made.
   *
   * @param notLoadedAsNull NotLoaded.NULL instead of the default OMIT
   * @param messages the module's errorMessages, or null for the default
   * @param snakeCase with the SNAKE_CASE naming strategy
   * @param serviceLoaded modules found by the ServiceLoader first (then the configured one, when configured)
   */
  public record Options(boolean notLoadedAsNull, Function<ChangesetError, String> messages, boolean snakeCase,
      boolean serviceLoaded) {
    static final Options DEFAULTS = new Options(false, null, false, false);
  }

  /** The JSON of the value. */
  protected abstract String write(Object value, Options options) throws Exception;

  /** The value of the JSON. */
  protected abstract Object read(String json, Type type, Options options) throws Exception;

  /** As the Repo reads it: no association loaded. */
  private static Post post() {
    return new Post(1L, "Hello", 7L, Assoc.notLoaded("Post", "author"), Assoc.notLoaded("Post", "comments"));
  }

  private static Comment comment(long id, String body) {
    return new Comment(id, 1L, 7L, body, Assoc.notLoaded("Comment", "author"));
  }

  /** A post with its author and comments preloaded, each comment's author not. */
  private static Post nested() {
    return new Post(1L, "Hello", 7L, Assoc.loaded(ANN), Assoc.loaded(List.of(comment(1, "hi"), comment(2, "yo"))));
  }

  /** A map of keys and values, in order, nulls allowed. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private Object tree(Object value, Options options) throws Exception {
    return read(write(value, options), Object.class, options);
  }

  private Object tree(Object value) throws Exception {
    return tree(value, Options.DEFAULTS);
  }

  private static Map<String, Object> commentJson(long id, String body) {
    return map("id", (int) id, "postId", 1, "authorId", 7, "body", body);
  }

  @Test
  public void aLoadedAssociationIsWrittenAsItsValueAndANotLoadedOneIsLeftOut() throws Exception {
    assertThat(tree(nested())).isEqualTo(map("id", 1, "title", "Hello", "authorId", 7,
        "author", map("id", 7, "name", "Ann"), "comments", List.of(commentJson(1, "hi"), commentJson(2, "yo"))));
    assertThat(tree(post())).isEqualTo(map("id", 1, "title", "Hello", "authorId", 7));
  }

  @Test
  public void aLoadedBelongsToWithoutParentIsNullAndAnEmptyListIsWritten() throws Exception {
    Post orphan = new Post(2L, "Orphan", null, Assoc.loaded(null), Assoc.loaded(List.of()));
    assertThat(tree(orphan)).isEqualTo(map("id", 2, "title", "Orphan", "authorId", null, "author", null,
        "comments", List.of()));
  }

  @Test
  public void notLoadedCanBeWrittenAsNull() throws Exception {
    Options nulls = new Options(true, null, false, false);
    assertThat(tree(post(), nulls)).isEqualTo(map("id", 1, "title", "Hello", "authorId", 7, "author", null,
        "comments", null));
    Map<?, ?> json = (Map<?, ?>) tree(nested(), nulls);
    assertThat((List<?>) json.get("comments")).first().isEqualTo(map("id", 1, "postId", 1, "authorId", 7, "body", "hi",
        "author", null));
  }

  /** A record a user annotated: the annotation wins over the module's inclusion. */
  public record Card(Long id, @JsonInclude(JsonInclude.Include.ALWAYS) Assoc<Author> author) {}

  @Test
  public void anAnnotationOnTheComponentStillWins() throws Exception {
    assertThat(tree(new Card(1L, Assoc.notLoaded("Card", "author")))).isEqualTo(map("id", 1, "author", null));
  }

  @Test
  public void readsLoadedValuesWithTheirGenericTypesAndAbsentOnesAsNotLoaded() throws Exception {
    Post read = (Post) read("{\"id\":1,\"title\":\"Hello\",\"authorId\":7,\"author\":{\"id\":7,\"name\":\"Ann\"},"
        + "\"comments\":[{\"id\":1,\"postId\":1,\"authorId\":7,\"body\":\"hi\"}]}", Post.class, Options.DEFAULTS);
    assertThat(read.author()).isEqualTo(Assoc.loaded(ANN));
    assertThat(read.comments().get()).containsExactly(comment(1, "hi"));
    assertThat(read.comments().get().get(0).author()).as("named as the Repo names it")
        .isEqualTo(Assoc.notLoaded("Comment", "author"));

    Post bare = (Post) read("{\"id\":1,\"title\":\"Hello\",\"authorId\":7,\"author\":null}", Post.class, Options.DEFAULTS);
    assertThat(bare.author()).as("null is a loaded belongs-to without parent").isEqualTo(Assoc.loaded(null));
    assertThat(bare.comments()).isEqualTo(Assoc.notLoaded("Post", "comments"));
  }

  @Test
  public void recordsRoundTrip() throws Exception {
    List<Post> posts = List.of(nested(), post(), new Post(2L, "Orphan", null, Assoc.loaded(null), Assoc.loaded(List.of())));
    for (Post p : posts) {
      assertThat(read(write(p, Options.DEFAULTS), Post.class, Options.DEFAULTS)).isEqualTo(p);
    }
    // List<Post> as a java.lang.reflect.Type: Jackson 2's and 3's TypeReference are different classes.
    Type listOfPosts = JsonContract.class.getDeclaredField("listOfPosts").getGenericType();
    assertThat(read(write(posts, Options.DEFAULTS), listOfPosts, Options.DEFAULTS)).isEqualTo(posts);
  }

  /** A record whose association's JSON name differs from its component's. */
  public record Review(Long id, Assoc<Author> mainAuthor) {}

  @Test
  public void aRenamedPropertyKeepsItsAssociationName() throws Exception {
    Options snake = new Options(false, null, true, false);
    Review loaded = new Review(1L, Assoc.loaded(ANN));
    assertThat(tree(loaded, snake)).isEqualTo(map("id", 1, "main_author", map("id", 7, "name", "Ann")));
    assertThat(((Review) read("{\"id\":1}", Review.class, snake)).mainAuthor())
        .isEqualTo(Assoc.notLoaded("Review", "mainAuthor"));
    assertThat(read(write(loaded, snake), Review.class, snake)).isEqualTo(loaded);
  }

  @Test
  public void theServiceLoaderFindsItAndAConfiguredModuleAddedAfterWins() throws Exception {
    assertThat(tree(post(), new Options(false, null, false, true))).isEqualTo(map("id", 1, "title", "Hello", "authorId", 7));
    assertThat(tree(post(), new Options(true, null, false, true))).isEqualTo(map("id", 1, "title", "Hello",
        "authorId", 7, "author", null, "comments", null));
  }

  private static Changeset<Post> invalid() {
    return Changeset.cast(Post.class, Map.of("title", "Hi"), "title", "authorId")
        .validateRequired("title", "authorId")
        .validateLength("title", LengthRule.min(3));
  }

  @Test
  public void changesetErrorsAreWrittenAsPhoenixDoesWithPlaceholdersFilled() throws Exception {
    Map<String, Object> expected = map("errors", map("authorId", List.of("can't be blank"),
        "title", List.of("should be at least 3 character(s)")));
    assertThat(tree(invalid())).isEqualTo(expected);
    assertThat(tree(new InvalidChangesetException("insert", invalid()))).isEqualTo(expected);
    assertThat(ChangesetErrors.toJson(invalid())).isEqualTo(expected);
    assertThat(tree(Changeset.cast(Post.class, Map.of("title", "Hello"), "title"))).isEqualTo(map("errors", map()));
  }

  @Test
  public void errorsOfAssociatedChangesetsAreNested() throws Exception {
    Changeset<Post> cs = Changeset.change(new Post(null, "Hello", null, null, null))
        .putAssoc("author", Changeset.cast(Author.class, Map.of(), "name").validateRequired("name"))
        .putAssoc("comments", List.of(Map.of("body", "fine"),
            Changeset.cast(Comment.class, Map.of("body", "x"), "body").validateLength("body", LengthRule.min(2))));
    assertThat(tree(cs)).isEqualTo(map("errors", map("author", map("name", List.of("can't be blank")),
        "comments", List.of(map(), map("body", List.of("should be at least 2 character(s)"))))));
  }

  @Test
  public void errorsOfEmbeddedChangesetsAreNestedAndRecordsWithEmbedsRoundTrip() throws Exception {
    Changeset<Blog.Page> cs = Changeset.cast(new Blog.Page(null, null, List.of()), Map.of("links", List.of(Map.of("url", "a"),
        Map.of())), "name").validateRequired("name").castEmbed("links", dev.flecto.changeset.CastEmbedOptions.<Blog.Link>with(
            (l, p) -> Changeset.cast(l, p, "url").validateRequired("url")));
    assertThat(tree(cs)).isEqualTo(map("errors", map("name", List.of("can't be blank"),
        "links", List.of(map(), map("url", List.of("can't be blank"))))));
    Blog.Page page = new Blog.Page(1L, "p", List.of(new Blog.Link(java.util.UUID.randomUUID(), "u")));
    assertThat(read(write(page, Options.DEFAULTS), Blog.Page.class, Options.DEFAULTS)).isEqualTo(page);
  }

  @Test
  public void errorMessagesCanBeTranslated() throws Exception {
    Options french = new Options(false, e -> e.message().equals("can't be blank") ? "doit être rempli" : e.formatted(),
        false, false);
    assertThat(tree(invalid(), french)).isEqualTo(map("errors", map("authorId", List.of("doit être rempli"),
        "title", List.of("should be at least 3 character(s)"))));
  }
}
