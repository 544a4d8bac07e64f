package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The author a {@link BenchPost} belongs to, preloaded by {@link W5Preload}.
 *
 * <pre>{@code repo.preload(posts, "author") // post.author().get() is a BenchAuthor }</pre>
 *
 * @param id the primary key
 * @param name name
 */
@Schema("bench_authors")
@Table("bench_authors")
public record BenchAuthor(@Id @org.springframework.data.annotation.Id Long id, String name) {}
