package dev.flecto.it;

import dev.flecto.changeset.Changeset;
import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.OnReplace;
import dev.flecto.schema.Schema;
import java.util.List;
import java.util.Map;

/** Schemas of CastAssocIT (cast_assoc.sql), each with the static changeset function castAssoc uses by default. */
final class CaSchemas {
  private CaSchemas() {}

  @Schema("ca_authors")
  record CaAuthor(@Id Long id, String name) {
    static Changeset<CaAuthor> changeset(CaAuthor author, Map<String, Object> params) {
      return Changeset.cast(author, params, "name").validateRequired("name");
    }
  }

  @Schema("ca_posts")
  record CaPost(@Id Long id, String title, Long authorId,
      @BelongsTo(foreignKey = "authorId") Assoc<CaAuthor> author,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<List<CaComment>> comments,
      @HasMany(foreignKey = "postId", onReplace = OnReplace.NILIFY) Assoc<List<CaComment>> looseComments,
      @HasOne(foreignKey = "postId", onReplace = OnReplace.DELETE) Assoc<CaProfile> profile) {
    static CaPost titled(String title) {
      return new CaPost(null, title, null, null, null, null, null);
    }

    static Changeset<CaPost> changeset(CaPost post, Map<String, Object> params) {
      return Changeset.cast(post, params, "title").validateRequired("title");
    }
  }

  @Schema("ca_comments")
  record CaComment(@Id Long id, Long postId, String body, String slug, Integer position) {
    static CaComment on(Long postId, String body, String slug) {
      return new CaComment(null, postId, body, slug, null);
    }

    static Changeset<CaComment> changeset(CaComment comment, Map<String, Object> params) {
      return Changeset.cast(comment, params, "body", "slug").validateRequired("body").uniqueConstraint("slug");
    }
  }

  @Schema("ca_profiles")
  record CaProfile(@Id Long id, Long postId, String bio) {
    static Changeset<CaProfile> changeset(CaProfile profile, Map<String, Object> params) {
      return Changeset.cast(profile, params, "bio").validateRequired("bio");
    }
  }
}
