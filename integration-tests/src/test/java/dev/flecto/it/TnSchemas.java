package dev.flecto.it;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

/**
 * Tenants by prefix (TenancyIT): posts and comments live in each tenant's PostgreSQL schema and in
 * no other, so a statement that missed the prefix fails (no such table in the search path); plans
 * name a shared schema of their own and also exist in each tenant's, to show which one a write used.
 */
final class TnSchemas {
  private TnSchemas() {}

  @Schema("tn_posts")
  record TnPost(@Id Long id, String title, Integer votes,
      @HasMany(foreignKey = "postId") Assoc<List<TnComment>> comments) {}

  @Schema("tn_comments")
  record TnComment(@Id Long id, Long postId, String body, @BelongsTo(foreignKey = "postId") Assoc<TnPost> post) {}

  @Schema(value = "tn_plans", prefix = "tn_shared")
  record TnPlan(@Id Long id, String name) {}
}
