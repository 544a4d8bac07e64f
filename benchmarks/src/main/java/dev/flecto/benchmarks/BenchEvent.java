package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The row streamed by {@link W6Stream}, read by Flecto (through its schema metadata), by Spring Data
 * R2DBC (through its own annotations, which sit beside Flecto's) and by the hand-written cursor
 * loop, jOOQ and JDBC (by column) alike.
 *
 * <pre>{@code
 * repo.stream(Query.from(BenchEvent.class), StreamOptions.maxRows(500))
 * template.select(BenchEvent.class).all()
 * }</pre>
 *
 * @param id the primary key, 1..rows
 * @param label a short text
 * @param amount a number from 0 to 999
 */
@Schema("bench_stream")
@Table("bench_stream")
public record BenchEvent(@Id @org.springframework.data.annotation.Id Long id, String label, Integer amount) {}
