package dev.flecto.jackson;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.Embedded;
import dev.flecto.schema.EmbedsMany;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

/** The schemas of the tests, the Jackson 3 module's too (test jar): jackson_blog.sql creates their tables. */
public final class Blog {
  private Blog() {}

  @Schema("j_authors")
  public record Author(@Id Long id, String name) {}

  @Schema("j_posts")
  public record Post(@Id Long id, String title, Long authorId, @BelongsTo Assoc<Author> author,
      @HasMany(foreignKey = "postId") Assoc<List<Comment>> comments) {}

  @Schema("j_comments")
  public record Comment(@Id Long id, Long postId, Long authorId, String body, @BelongsTo Assoc<Author> author) {}

  /** An embedded record (no table): a link of a profile. */
  @Embedded
  public record Link(@Id java.util.UUID id, String url) {}

  /** A schema with an embeds-many; never written to a table by the tests. */
  @Schema("j_profiles")
  public record Page(@Id Long id, String name, @EmbedsMany List<Link> links) {}
}
