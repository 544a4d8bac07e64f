package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.HasOne;
import dev.flecto.schema.Id;
import dev.flecto.schema.IdGeneration;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.Schema;
import java.util.List;

/**
 * Schemas whose tables live in two tenants' PostgreSQL schemas, pfx_a and pfx_b, with no prefix
 * of their own; countries live in pfx_shared, which their @Schema names (preload_prefix.sql).
 */
final class PfSchemas {
  private PfSchemas() {}

  @Schema(value = "pf_countries", prefix = "pfx_shared")
  record PfCountry(@Id(generated = IdGeneration.NONE) Long id, String name) {}

  @Schema("pf_authors")
  record PfAuthor(@Id(generated = IdGeneration.NONE) Long id, String name, Long countryId,
      @BelongsTo Assoc<PfCountry> country,
      @HasMany(foreignKey = "authorId") Assoc<List<PfPost>> posts,
      @HasOne(foreignKey = "authorId") Assoc<PfProfile> profile,
      @HasMany(through = {"posts", "comments"}) Assoc<List<PfComment>> postComments) {}

  @Schema("pf_profiles")
  record PfProfile(@Id(generated = IdGeneration.NONE) Long id, Long authorId, String bio) {}

  @Schema("pf_posts")
  record PfPost(@Id(generated = IdGeneration.NONE) Long id, String title, Long authorId,
      @BelongsTo Assoc<PfAuthor> author,
      @HasMany(foreignKey = "postId") Assoc<List<PfComment>> comments,
      @ManyToMany(joinTable = "pf_posts_tags", joinKey = "post_id", relatedKey = "tag_id") Assoc<List<PfTag>> tags,
      @HasOne(through = {"author", "profile"}) Assoc<PfProfile> authorProfile) {}

  @Schema("pf_comments")
  record PfComment(@Id(generated = IdGeneration.NONE) Long id, Long postId, String body, @BelongsTo Assoc<PfPost> post) {}

  @Schema("pf_tags")
  record PfTag(@Id(generated = IdGeneration.NONE) Long id, String name) {}
}
