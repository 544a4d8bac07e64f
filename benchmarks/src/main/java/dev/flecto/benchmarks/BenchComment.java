package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A comment on a {@link BenchPost}, preloaded by {@link W5Preload} as the post's has-many.
 *
 * <pre>{@code repo.preload(posts, "comments") // post.comments().get() is a List<BenchComment> }</pre>
 *
 * @param id the primary key
 * @param postId post_id, the post the comment is on
 * @param body body
 */
@Schema("bench_comments")
@Table("bench_comments")
public record BenchComment(@Id @org.springframework.data.annotation.Id Long id, Long postId, String body) {}
