package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.time.Instant;

/**
 * The row read by the benchmarks, by Flecto (through its schema metadata) and by the hand-written
 * driver code (by column index) alike.
 *
 * <pre>{@code repo.get(BenchPerson.class, 42L) }</pre>
 *
 * @param id the primary key
 * @param firstName first_name
 * @param lastName last_name (NULL on every tenth row)
 * @param age age
 * @param insertedAt inserted_at, a timestamptz
 */
@Schema("bench_people")
public record BenchPerson(@Id Long id, String firstName, String lastName, Integer age, Instant insertedAt) {}
