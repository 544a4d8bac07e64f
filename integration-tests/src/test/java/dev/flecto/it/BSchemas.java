package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.OnDelete;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Where;
import java.time.OffsetDateTime;
import java.util.List;

/** Schemas whose associations use filters, preload orders, a join schema and through chains (assoc_options.sql). */
final class BSchemas {
  private BSchemas() {}

  @Schema("b_users")
  record BUser(@Id Long id, String name,
      @HasMany(foreignKey = "authorId", onReplace = OnReplace.NILIFY) Assoc<List<BComment>> comments) {
    static BUser named(String name) {
      return new BUser(null, name, null);
    }
  }

  @Schema("b_posts")
  record BPost(@Id Long id, String title, Long authorId,
      @BelongsTo Assoc<BUser> author,
      @HasMany(foreignKey = "postId", preloadOrder = {"votes desc", "id"}) Assoc<List<BComment>> comments,
      @HasMany(foreignKey = "postId", where = {@Where(field = "visible", value = "true"), @Where(field = "deletedAt", isNull = true)})
      Assoc<List<BComment>> publicComments,
      @HasMany(through = {"comments", "author"}) Assoc<List<BUser>> commentAuthors,
      @HasOne(foreignKey = "postId", onReplace = OnReplace.UPDATE) Assoc<BPermalink> permalink,
      @ManyToMany(joinThrough = BPostTag.class, joinKey = "postId", relatedKey = "tagId", preloadOrder = "name desc",
          onDelete = OnDelete.DELETE_ALL) Assoc<List<BTag>> tags,
      @ManyToMany(joinThrough = BPostTag.class, joinKey = "postId", relatedKey = "tagId",
          where = @Where(field = "name", in = {"java", "sql"})) Assoc<List<BTag>> techTags,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<List<BComment>> editableComments,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.DELETE_IF_EXISTS) Assoc<List<BComment>> looseComments,
      @HasOne(foreignKey = "postId", onReplace = OnReplace.MARK_AS_INVALID) Assoc<BPermalink> strictPermalink) {
    static BPost titled(String title, Long authorId) {
      return new BPost(null, title, authorId, null, null, null, null, null, null, null, null, null, null);
    }
  }

  @Schema("b_comments")
  record BComment(@Id Long id, Long postId, Long authorId, String body, Integer votes, Boolean visible,
      OffsetDateTime deletedAt, @BelongsTo Assoc<BUser> author, @BelongsTo Assoc<BPost> post,
      @HasOne(through = {"post", "permalink"}) Assoc<BPermalink> postPermalink) {
    static BComment on(Long postId, Long authorId, String body, int votes) {
      return new BComment(null, postId, authorId, body, votes, true, null, null, null, null);
    }

    BComment hidden() {
      return new BComment(id, postId, authorId, body, votes, false, deletedAt, author, post, postPermalink);
    }

    BComment deleted() {
      return new BComment(id, postId, authorId, body, votes, visible, OffsetDateTime.parse("2026-01-01T00:00:00Z"),
          author, post, postPermalink);
    }
  }

  @Schema("b_tags")
  record BTag(@Id Long id, String name) {}

  /** The join schema of posts and tags: its own id and insertion time. */
  @Schema("b_post_tags")
  record BPostTag(@Id Long id, Long postId, Long tagId) {}

  @Schema("b_permalinks")
  record BPermalink(@Id Long id, Long postId, String url) {}
}
