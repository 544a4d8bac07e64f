package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A tag of {@link BenchPost}s, linked through the join table {@code bench_posts_tags} and preloaded
 * by {@link W5Preload} as the post's many-to-many.
 *
 * <pre>{@code repo.preload(posts, "tags") // post.tags().get() is a List<BenchTag> }</pre>
 *
 * @param id the primary key
 * @param name name
 */
@Schema("bench_tags")
@Table("bench_tags")
public record BenchTag(@Id @org.springframework.data.annotation.Id Long id, String name) {}
