package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/**
 * The author a {@link BenchPost} belongs to, preloaded by {@link PreloadBenchmark}.
 *
 * <pre>{@code repo.preload(posts, "author") // post.author().get() is a BenchAuthor }</pre>
 *
 * @param id the primary key
 * @param name name
 */
@Schema("bench_authors")
public record BenchAuthor(@Id Long id, String name) {}
