package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.Default;
import dev.flecto.schema.Id;
import dev.flecto.schema.JoinDefault;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import dev.flecto.schema.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Schemas of ManyToManyWritesIT (m2m_writes.sql): one join table under several many-to-many options, and a join schema. */
final class MwSchemas {
  private MwSchemas() {}

  @Schema("mw_posts")
  record MwPost(@Id Long id, String title,
      @ManyToMany(joinTable = "mw_posts_tags", joinKey = "post_id", relatedKey = "tag_id") Assoc<List<MwTag>> tags,
      @ManyToMany(joinTable = "mw_posts_tags", joinKey = "post_id", relatedKey = "tag_id", onReplace = OnReplace.DELETE)
      Assoc<List<MwTag>> deletableTags,
      @ManyToMany(joinTable = "mw_posts_tags", joinKey = "post_id", relatedKey = "tag_id", unique = true)
      Assoc<List<MwTag>> uniqueTags,
      @ManyToMany(joinThrough = MwPostLabel.class, joinKey = "postId", relatedKey = "tagId", onReplace = OnReplace.DELETE)
      Assoc<List<MwTag>> labels,
      @ManyToMany(joinThrough = MwPostLabel.class, joinKey = "postId", relatedKey = "tagId",
          joinDefaults = @JoinDefault(field = "weight", value = "5"))
      Assoc<List<MwTag>> heavyLabels) {
    static MwPost titled(String title) {
      return new MwPost(null, title, null, null, null, null, null);
    }

    static Changeset<MwPost> changeset(MwPost post, Map<String, Object> params) {
      return Changeset.cast(post, params, "title").validateRequired("title");
    }
  }

  @Schema("mw_tags")
  record MwTag(@Id Long id, String name) {
    static MwTag named(String name) {
      return new MwTag(null, name);
    }

    static Changeset<MwTag> changeset(MwTag tag, Map<String, Object> params) {
      return Changeset.cast(tag, params, "name").validateRequired("name").uniqueConstraint("name");
    }
  }

  /** Join defaults naming a field its join schema does not have: refused when a join row is written. */
  @Schema("mw_posts")
  record MwBadDefaults(@Id Long id, String title,
      @ManyToMany(joinThrough = MwPostLabel.class, joinKey = "postId", relatedKey = "tagId",
          joinDefaults = @JoinDefault(field = "colour", value = "red"))
      Assoc<List<MwTag>> labels) {}

  /** Join defaults that the join table's check constraint refuses (weight > 0). */
  @Schema("mw_posts")
  record MwWeightless(@Id Long id, String title,
      @ManyToMany(joinThrough = MwPostLabel.class, joinKey = "postId", relatedKey = "tagId",
          joinDefaults = @JoinDefault(field = "weight", value = "0"))
      Assoc<List<MwTag>> labels) {}

  /** Join defaults on a plain join table: refused when the schema is read, as Ecto raises. */
  @Schema("mw_posts")
  record MwTableDefaults(@Id Long id, String title,
      @ManyToMany(joinTable = "mw_posts_tags", joinKey = "post_id", relatedKey = "tag_id",
          joinDefaults = @JoinDefault(field = "weight", value = "5"))
      Assoc<List<MwTag>> tags) {}

  @Schema("mw_post_labels")
  record MwPostLabel(@Id Long id, Long postId, Long tagId, @Default("1") Integer weight,
      @Timestamp Instant insertedAt, @Timestamp Instant updatedAt) {}
}
