package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code bench_bulk}, the table {@link W4InsertAll} fills with 10,000 of them an
 * operation: seven columns besides the identity key, of the types a bulk load usually carries
 * (text, integer, numeric, boolean, timestamptz, a nullable text), so that one statement holds at
 * most 65,535 / 7 = 9,362 rows and an insert of 10,000 takes two. Flecto reads it through its
 * schema annotations, Spring Data R2DBC through its own beside them.
 *
 * <pre>{@code
 * repo.insertAll(BenchBulkRow.class, rows)   // Mono<Long>: 10000
 * template.insert(row)                       // Mono<BenchBulkRow> with its id
 * }</pre>
 *
 * @param id the primary key, an identity column; null until stored
 * @param name name
 * @param email email
 * @param score score, an integer
 * @param balance balance, a numeric(12, 2)
 * @param active active
 * @param createdAt created_at, a timestamptz
 * @param note note, NULL on some rows, and text with tabs, newlines and backslashes on others (which COPY must escape)
 */
@Schema("bench_bulk")
@Table("bench_bulk")
public record BenchBulkRow(@Id @org.springframework.data.annotation.Id Long id, String name, String email, Integer score,
    BigDecimal balance, Boolean active, Instant createdAt, String note) {}
