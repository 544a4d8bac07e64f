package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flecto.ArgumentException;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changeset.castAssoc without a database: matching, onReplace, options, errors (Ecto's cast_assoc). */
class CastAssocTest {
  @Schema("posts")
  public record Post(@Id Long id, String title, Long authorId,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<List<Comment>> comments,
      @HasMany(foreignKey = "postId") Assoc<List<Comment>> strictComments,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.MARK_AS_INVALID) Assoc<List<Comment>> guardedComments,
      @HasOne(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<Link> link,
      @HasOne(foreignKey = "postId", onReplace = OnReplace.UPDATE) Assoc<Link> pinned,
      @BelongsTo(foreignKey = "authorId") Assoc<Author> author,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<List<Note>> notes) {
    static Post blank() {
      return dev.flecto.schema.Schemas.of(Post.class).blank();
    }

    static Post stored(List<Comment> comments, Link link) {
      return new Post(1L, "p", null, Assoc.loaded(comments), Assoc.loaded(comments), Assoc.loaded(comments),
          Assoc.loaded(link), Assoc.loaded(link), null, null);
    }
  }

  @Schema("comments")
  public record Comment(@Id Long id, Long postId, String body) {
    public static Changeset<Comment> changeset(Comment comment, Map<String, Object> params) {
      return Changeset.cast(comment, params, "body").validateRequired("body");
    }
  }

  @Schema("links")
  public record Link(@Id Long id, Long postId, String url) {
    public static Changeset<Link> changeset(Link link, Map<String, Object> params) {
      return Changeset.cast(link, params, "url").validateRequired("url");
    }
  }

  @Schema("authors")
  public record Author(@Id Long id, String name) {
    public static Changeset<Author> changeset(Author author, Map<String, Object> params) {
      return Changeset.cast(author, params, "name");
    }
  }

  @Schema("notes")
  public record Note(@Id Long id, Long postId, String text) {}

  private static Changeset<Post> cast(Post post, Map<String, ?> params) {
    return Changeset.cast(post, params, "title");
  }

  private static List<AssocChange.Op> ops(Changeset<Post> cs, String name) {
    return cs.assocChanges().get(name).entries().stream().map(AssocChange.Entry::op).toList();
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void aNewParentsEntriesAreCastOntoBlankRecordsWithTheSchemasChangesetFunction() {
    Changeset<Post> cs = cast(Post.blank(), map("title", "hi", "comments", List.of(map("body", "a"), map("body", "b"))))
        .castAssoc("comments");
    assertThat(cs.isValid()).isTrue();
    assertThat(ops(cs, "comments")).containsExactly(AssocChange.Op.INSERT, AssocChange.Op.INSERT);
    assertThat(cs.applyChanges().comments().get()).extracting(Comment::body).containsExactly("a", "b");
  }

  @Test
  void anIndexKeyedMapIsTakenInTheOrderOfItsIntegerKeys() {
    Map<String, Object> byIndex = map("10", map("body", "ten"), "2", map("body", "two"), "0", map("body", "zero"));
    Changeset<Post> cs = cast(Post.blank(), map("comments", byIndex)).castAssoc("comments");
    assertThat(cs.applyChanges().comments().get()).extracting(Comment::body).containsExactly("zero", "two", "ten");
  }

  @Test
  void entriesMatchLoadedRecordsByPrimaryKeyAsTextOrNumberAndTheRestAreReplaced() {
    Post post = Post.stored(List.of(new Comment(5L, 1L, "five"), new Comment(6L, 1L, "six"), new Comment(7L, 1L, "seven")), null);
    Changeset<Post> cs = cast(post, map("comments", List.of(map("id", "5", "body", "FIVE"), map("id", 6, "body", "six"),
        map("id", 99, "body", "unknown id"), map("body", "new")))).castAssoc("comments");
    assertThat(ops(cs, "comments")).containsExactly(AssocChange.Op.UPDATE, AssocChange.Op.UPDATE, AssocChange.Op.INSERT,
        AssocChange.Op.INSERT, AssocChange.Op.DELETE);
    List<AssocChange.Entry> entries = cs.assocChanges().get("comments").entries();
    assertThat(entries.get(0).changeset().changes()).isEqualTo(Map.of("body", "FIVE"));
    assertThat(entries.get(1).changeset().data()).isEqualTo(new Comment(6L, 1L, "six"));
    assertThat(entries.get(2).changeset().data()).as("an unmatched key inserts a blank record").isEqualTo(new Comment(null, null, null));
    assertThat(entries.get(4).changeset().data()).isEqualTo(new Comment(7L, 1L, "seven"));
    assertThat(cs.applyChanges().comments().get()).extracting(Comment::body).containsExactly("FIVE", "six", "unknown id", "new");
  }

  @Test
  void entriesThatMatchEveryRecordAndChangeNothingRecordNoChange() {
    Post post = Post.stored(List.of(new Comment(5L, 1L, "five")), null);
    Changeset<Post> cs = cast(post, map("comments", List.of(map("id", 5, "body", "five")))).castAssoc("comments");
    assertThat(cs.assocChanges()).isEmpty();
    assertThat(cs.isValid()).isTrue();
  }

  @Test
  void onReplaceRaiseThrowsAndMarkAsInvalidMakesTheParamsInvalid() {
    Post post = Post.stored(List.of(new Comment(5L, 1L, "five")), null);
    assertThatThrownBy(() -> cast(post, map("strictComments", List.of())).castAssoc("strictComments"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("castAssoc(\"strictComments\")")
        .hasMessageContaining("onReplace is RAISE");
    Changeset<Post> cs = cast(post, map("guardedComments", List.of())).castAssoc("guardedComments");
    assertThat(cs.errorsByField()).isEqualTo(Map.of("guardedComments", List.of("is invalid")));
    assertThat(cs.assocChanges()).isEmpty();
    assertThat(cast(post, map("strictComments", List.of(map("id", 5, "body", "kept")))).castAssoc("strictComments").isValid())
        .as("giving every record back replaces none").isTrue();
  }

  @Test
  void aRequiredAssociationNeedsAnEntry() {
    CastAssocOptions<Comment> required = CastAssocOptions.<Comment>defaults().withRequired(true);
    Changeset<Post> missing = cast(Post.blank(), map("title", "t")).castAssoc("comments", required);
    assertThat(missing.errors()).containsExactly(new ChangesetError("comments", "can't be blank", Map.of("validation", "required")));
    assertThat(missing.required()).contains("comments");
    assertThat(cast(Post.blank(), map("comments", List.of())).castAssoc("comments", required.withRequiredMessage("add one"))
        .errorsByField()).isEqualTo(Map.of("comments", List.of("add one")));
    Post withOne = Post.stored(List.of(new Comment(5L, 1L, "five")), null);
    assertThat(cast(withOne, map()).castAssoc("comments", required).isValid()).as("the loaded records count").isTrue();
    assertThat(cast(withOne, map("comments", List.of())).castAssoc("comments", required).errorsByField())
        .as("all replaced").isEqualTo(Map.of("comments", List.of("can't be blank")));
    assertThat(cast(Post.blank(), map("link", map("url", "/x"))).castAssoc("link", CastAssocOptions.defaults().withRequired(true))
        .isValid()).isTrue();
  }

  @Test
  void paramsOfTheWrongShapeAreInvalid() {
    assertThat(cast(Post.blank(), map("comments", "nope")).castAssoc("comments").errors())
        .containsExactly(new ChangesetError("comments", "is invalid", Map.of("validation", "assoc", "type", "list")));
    assertThat(cast(Post.blank(), map("comments", List.of("nope"))).castAssoc("comments").errorsByField())
        .isEqualTo(Map.of("comments", List.of("is invalid")));
    assertThat(cast(Post.blank(), map("link", List.of(map("url", "/x")))).castAssoc("link",
        CastAssocOptions.<Link>defaults().withInvalidMessage("must be one link")).errorsByField())
        .isEqualTo(Map.of("link", List.of("must be one link")));
    assertThat(cast(Post.blank(), map("comments", "nope")).castAssoc("comments", CastAssocOptions.defaults().withRequired(true))
        .errorsByField()).as("no required error over an invalid one").isEqualTo(Map.of("comments", List.of("is invalid")));
  }

  @Test
  void invalidEntriesMakeTheParentInvalidAndNestTheirErrorsAsTraverseErrors() {
    Changeset<Post> cs = cast(Post.blank(), map("comments", List.of(map("body", "fine"), map("body", ""))))
        .castAssoc("comments");
    assertThat(cs.isValid()).isFalse();
    assertThat(ChangesetErrors.traverse(cs, ChangesetError::formatted))
        .isEqualTo(Map.of("comments", List.of(Map.of(), Map.of("body", List.of("can't be blank")))));
    Changeset<Post> one = cast(Post.blank(), map("link", map("url", " "))).castAssoc("link");
    assertThat(ChangesetErrors.toJson(one)).isEqualTo(Map.of("errors", Map.of("link", Map.of("url", List.of("can't be blank")))));
  }

  @Test
  void sortAndDropParamsOrderAndRemoveIndexedEntries() {
    List<Integer> positions = new ArrayList<>();
    CastAssocOptions<Comment> o = CastAssocOptions.<Comment>withPosition((c, p, i) -> {
      positions.add(i);
      return Comment.changeset(c, p);
    }).withSortParam("commentsSort").withDropParam("commentsDrop");
    Map<String, Object> params = map("comments", map("0", map("body", "a"), "1", map("body", "b"), "2", map("body", "c"),
        "3", map("body", "d")), "commentsSort", List.of("2", "0", "1"), "commentsDrop", List.of("1"));
    Changeset<Post> cs = cast(Post.blank(), params).castAssoc("comments", o);
    assertThat(cs.applyChanges().comments().get()).as("the sorted first (Ecto's code and tests), then the others, the dropped gone")
        .extracting(Comment::body).containsExactly("c", "a", "d");
    assertThat(positions).containsExactly(0, 1, 2);
    Changeset<Post> added = cast(Post.blank(), map("commentsSort", List.of(0, "new"), "comments", List.of(map("body", "a"))))
        .castAssoc("comments", o);
    assertThat(added.assocChanges().get("comments").entries()).hasSize(2);
    assertThat(ChangesetErrors.traverse(added, ChangesetError::formatted)).as("an unknown index is a new, empty entry")
        .isEqualTo(Map.of("comments", List.of(Map.of(), Map.of("body", List.of("can't be blank")))));
  }

  @Test
  void droppingALoadedRecordsEntryReplacesItByOnReplace() {
    Post post = Post.stored(List.of(new Comment(5L, 1L, "five"), new Comment(6L, 1L, "six")), null);
    Changeset<Post> cs = cast(post, map("comments", List.of(map("id", 5), map("id", 6)), "drop", List.of(1)))
        .castAssoc("comments", CastAssocOptions.<Comment>defaults().withDropParam("drop"));
    assertThat(ops(cs, "comments")).containsExactly(AssocChange.Op.UPDATE, AssocChange.Op.DELETE);
    assertThat(cs.assocChanges().get("comments").entries().get(1).changeset().data()).isEqualTo(new Comment(6L, 1L, "six"));
  }

  @Test
  void aHasOneUpdatesTheRecordWithItsKeyAndReplacesItOtherwise() {
    Link old = new Link(3L, 1L, "/old");
    Changeset<Post> same = cast(Post.stored(List.of(), old), map("link", map("id", "3", "url", "/new"))).castAssoc("link");
    assertThat(ops(same, "link")).containsExactly(AssocChange.Op.UPDATE);
    Changeset<Post> other = cast(Post.stored(List.of(), old), map("link", map("url", "/new"))).castAssoc("link");
    assertThat(ops(other, "link")).containsExactly(AssocChange.Op.INSERT, AssocChange.Op.DELETE);
    Changeset<Post> inPlace = cast(Post.stored(List.of(), old), map("pinned", map("url", "/new"))).castAssoc("pinned");
    assertThat(ops(inPlace, "pinned")).as("onReplace UPDATE").containsExactly(AssocChange.Op.UPDATE);
    assertThat(inPlace.applyChanges().pinned().get()).isEqualTo(new Link(3L, 1L, "/new"));
    Changeset<Post> removed = cast(Post.stored(List.of(), old), map("link", null)).castAssoc("link");
    assertThat(ops(removed, "link")).containsExactly(AssocChange.Op.DELETE);
    assertThat(removed.applyChanges().link().get()).isNull();
  }

  @Test
  void aBelongsToParentIsCastToo() {
    Changeset<Post> cs = cast(Post.blank(), map("author", map("name", "Ann"))).castAssoc("author");
    assertThat(ops(cs, "author")).containsExactly(AssocChange.Op.INSERT);
    assertThat(cs.applyChanges().author().get().name()).isEqualTo("Ann");
  }

  @Test
  void aSecondEntryWithTheSameKeyHasItTaken() {
    Post post = Post.stored(List.of(new Comment(5L, 1L, "five")), null);
    CastAssocOptions<Comment> withId = CastAssocOptions.with((c, p) -> Changeset.cast(c, p, "id", "body"));
    Changeset<Post> cs = cast(post, map("comments", List.of(map("id", 5, "body", "x"), map("id", 5, "body", "y"))))
        .castAssoc("comments", withId);
    assertThat(ChangesetErrors.traverse(cs, ChangesetError::formatted))
        .isEqualTo(Map.of("comments", List.of(Map.of(), Map.of("id", List.of("has already been taken")))));
  }

  @Test
  void aFunctionMayIgnoreAnEntryOrDeleteALoadedRecord() {
    Post post = Post.stored(List.of(new Comment(5L, 1L, "five"), new Comment(6L, 1L, "six")), null);
    CastAssocOptions<Comment> o = CastAssocOptions.with((c, p) -> {
      Changeset<Comment> cs = Comment.changeset(c, p);
      return "true".equals(p.get("delete")) ? cs.withAction("delete") : "".equals(p.get("body")) ? cs.withAction("ignore") : cs;
    });
    Changeset<Post> cs = cast(post, map("comments", List.of(map("id", 5, "delete", "true"), map("id", 6), map("body", ""))))
        .castAssoc("comments", o);
    assertThat(cs.isValid()).isTrue();
    assertThat(ops(cs, "comments")).containsExactly(AssocChange.Op.DELETE, AssocChange.Op.UPDATE);
    assertThatThrownBy(() -> cast(Post.blank(), map("comments", List.of(map("body", "x", "delete", "true")))).castAssoc("comments", o))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("cannot delete a new");
  }

  @Test
  void badCallsNameTheAssociationAndTheFix() {
    Post stored = new Post(1L, "p", null, Assoc.notLoaded("Post", "comments"), null, null, null, null, null, null);
    assertThatThrownBy(() -> cast(stored, map("comments", List.of())).castAssoc("comments"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("not loaded").hasMessageContaining("preload");
    assertThatThrownBy(() -> Changeset.change(Post.blank()).castAssoc("comments"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("never cast");
    assertThatThrownBy(() -> cast(Post.blank(), map()).castAssoc("nope"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("no such association");
    assertThatThrownBy(() -> cast(Post.blank(), map("notes", List.of(map("text", "x")))).castAssoc("notes"))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("Note has no static method changeset");
    assertThatThrownBy(() -> cast(Post.blank(), map()).castAssoc("link", CastAssocOptions.defaults().withSortParam("s")))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("has-many associations only");
    assertThatThrownBy(() -> cast(Post.blank(), map("comments", List.of(map()))).castAssoc("comments",
        CastAssocOptions.with((c, p) -> (Changeset) Changeset.cast(new Link(null, null, null), p, "url"))))
        .isInstanceOf(ArgumentException.class).hasMessageContaining("must return a changeset of");
  }
}
