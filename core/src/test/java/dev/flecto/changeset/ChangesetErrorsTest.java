package dev.flecto.changeset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangesetErrorsTest {
  @Schema("posts")
  public record Post(@Id Long id, String title,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<List<Comment>> comments,
      @HasOne(foreignKey = "postId", onReplace = OnReplace.MARK_AS_INVALID) Assoc<Link> link) {}

  @Schema("comments")
  public record Comment(@Id Long id, Long postId, String body) {}

  @Schema("links")
  public record Link(@Id Long id, Long postId, String url) {}

  private static Changeset<Comment> blankBody() {
    return Changeset.cast(Comment.class, Map.of(), "body").validateRequired("body");
  }

  @Test
  void fieldErrorsAreTheFormattedErrorsByFieldUnderErrors() {
    Changeset<Post> cs = Changeset.cast(Post.class, Map.of("title", "Hi"), "title").validateLength("title", LengthRule.min(3));
    assertThat(ChangesetErrors.toJson(cs)).isEqualTo(Map.of("errors", cs.errorsByField()));
    assertThat(ChangesetErrors.toJson(cs)).isEqualTo(Map.of("errors", Map.of("title", List.of("should be at least 3 character(s)"))));
    assertThat(ChangesetErrors.toJson(cs, ChangesetError::message))
        .isEqualTo(Map.of("errors", Map.of("title", List.of("should be at least %{count} character(s)"))));
  }

  @Test
  void associatedErrorsAreNestedInTheOrderOfTheNewValueWithoutTheReplacedRecords() {
    Post stored = new Post(1L, "Hello", Assoc.loaded(List.of(new Comment(5L, 1L, "old"))), Assoc.loaded(null));
    Changeset<Post> cs = Changeset.change(stored)
        .putAssoc("comments", List.of(Map.of("body", "fine"), blankBody()))
        .putAssoc("link", Changeset.cast(Link.class, Map.of(), "url").validateRequired("url"));
    assertThat(cs.assocChanges().get("comments").entries()).as("the old comment is deleted").hasSize(3);
    assertThat(ChangesetErrors.traverse(cs, ChangesetError::formatted)).isEqualTo(Map.of(
        "comments", List.of(Map.of(), Map.of("body", List.of("can't be blank"))),
        "link", Map.of("url", List.of("can't be blank"))));
  }

  @Test
  void validAssociatedChangesetsLeaveTheAssociationsOwnErrorAlone() {
    Post stored = new Post(1L, "Hello", Assoc.loaded(List.of()), Assoc.loaded(new Link(3L, 1L, "/old")));
    Changeset<Post> cs = Changeset.change(stored).putAssoc("link", Map.of("url", "/new"))
        .putAssoc("comments", List.of(Map.of("body", "fine")));
    assertThat(ChangesetErrors.traverse(cs, ChangesetError::formatted)).isEqualTo(Map.of("link", List.of("is invalid")));
  }
}
