package dev.flecto.benchmarks;

import dev.flecto.schema.Assoc;
import dev.flecto.schema.BelongsTo;
import dev.flecto.schema.HasMany;
import dev.flecto.schema.Id;
import dev.flecto.schema.ManyToMany;
import dev.flecto.schema.Schema;
import java.util.List;

/**
 * The parent {@link W5Preload} preloads three associations onto: a belongs-to, a has-many
 * and a many-to-many. Flecto reads it with its associations not loaded; every implementation of
 * the workload returns copies with all three loaded (Spring's side reads only the associated
 * rows, through its own annotations on them, and stitches them onto these records by hand).
 *
 * <pre>{@code
 * repo.preload(posts, "author", "comments", "tags")
 * post.author().get().name();
 * post.comments().get().size();
 * }</pre>
 *
 * @param id the primary key
 * @param title title
 * @param authorId author_id, the author's key (the belongs-to's default foreign key field)
 * @param author the author
 * @param comments the comments, in id order; their foreign key is named because the default
 *     would be {@code benchPostId}
 * @param tags the tags, in id order, through {@code bench_posts_tags}; its columns are named
 *     because the defaults would be {@code bench_post_id} and {@code bench_tag_id}
 */
@Schema("bench_posts")
public record BenchPost(
    @Id Long id,
    String title,
    Long authorId,
    @BelongsTo Assoc<BenchAuthor> author,
    @HasMany(foreignKey = "postId") Assoc<List<BenchComment>> comments,
    @ManyToMany(joinTable = "bench_posts_tags", joinKey = "post_id", relatedKey = "tag_id") Assoc<List<BenchTag>> tags) {}
