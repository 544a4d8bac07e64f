package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.Schema;
import java.util.List;

/** Schemas of TreeInsertIT (tree_insert.sql): a post with every kind of association. */
final class TiSchemas {
  private TiSchemas() {}

  @Schema("ti_authors")
  record TiAuthor(@Id Long id, String name) {}

  @Schema("ti_posts")
  record TiPost(@Id Long id, String title, Long authorId,
      @BelongsTo(foreignKey = "authorId") Assoc<TiAuthor> author,
      @HasMany(foreignKey = "postId") Assoc<List<TiComment>> comments,
      @HasOne(foreignKey = "postId") Assoc<TiSummary> summary,
      @ManyToMany(joinTable = "ti_posts_tags", joinKey = "post_id", relatedKey = "tag_id") Assoc<List<TiTag>> tags) {}

  @Schema("ti_comments")
  record TiComment(@Id Long id, Long postId, String body) {
    static TiComment saying(String body) {
      return new TiComment(null, null, body);
    }
  }

  @Schema("ti_summaries")
  record TiSummary(@Id Long id, Long postId, String text) {}

  @Schema("ti_tags")
  record TiTag(@Id Long id, String name) {}
}
