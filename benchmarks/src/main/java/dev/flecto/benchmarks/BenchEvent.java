package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;

/**
 * The row streamed by {@link StreamBenchmark}, read by Flecto (through its schema metadata) and by
 * the hand-written cursor loop (by column index) alike.
 *
 * <pre>{@code repo.stream(Query.from(BenchEvent.class), StreamOptions.maxRows(500)) }</pre>
 *
 * @param id the primary key, 1..rows
 * @param label a short text
 * @param amount a number from 0 to 999
 */
@Schema("bench_stream")
public record BenchEvent(@Id Long id, String label, Integer amount) {}
