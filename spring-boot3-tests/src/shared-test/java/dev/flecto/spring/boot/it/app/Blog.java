package dev.flecto.spring.boot.it.app;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.util.List;

/** The test app's schemas; SCHEMA creates their tables (really committed: dropped after the tests). */
public final class Blog {
  private Blog() {}

  public static final String SCHEMA = """
      DROP TABLE IF EXISTS boot_comments, boot_posts, boot_authors;
      CREATE TABLE boot_authors (id bigserial PRIMARY KEY, name text NOT NULL);
      CREATE TABLE boot_posts (id bigserial PRIMARY KEY, title text NOT NULL,
        author_id bigint CONSTRAINT boot_posts_author_id_fkey REFERENCES boot_authors (id));
      CREATE TABLE boot_comments (id bigserial PRIMARY KEY, post_id bigint REFERENCES boot_posts (id), body text);
      """;

  public static final String DROP = "DROP TABLE IF EXISTS boot_comments, boot_posts, boot_authors";

  @Schema("boot_authors")
  public record Author(@Id Long id, String name) {}

  @Schema("boot_posts")
  public record Post(@Id Long id, String title, Long authorId, @BelongsTo Assoc<Author> author,
      @HasMany(foreignKey = "postId") Assoc<List<Comment>> comments) {}

  @Schema("boot_comments")
  public record Comment(@Id Long id, Long postId, String body) {}
}
