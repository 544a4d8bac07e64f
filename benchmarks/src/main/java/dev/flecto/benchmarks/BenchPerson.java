package dev.flecto.benchmarks;

import dev.flecto.schema.Id;
import dev.flecto.schema.Schema;
import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The row read and written by the benchmarks, by every implementation alike: Flecto (through its
 * schema metadata), the hand-written driver code and jOOQ and JDBC (by column index), and Spring
 * Data R2DBC (through its own annotations, which sit beside Flecto's).
 *
 * <pre>{@code
 * repo.get(BenchPerson.class, 42L)
 * template.selectOne(query(where("id").is(42L)), BenchPerson.class)
 * }</pre>
 *
 * @param id the primary key
 * @param firstName first_name
 * @param lastName last_name (NULL on every tenth row)
 * @param age age
 * @param insertedAt inserted_at, a timestamptz
 */
@Schema("bench_people")
@Table("bench_people")
public record BenchPerson(@Id @org.springframework.data.annotation.Id Long id, String firstName, String lastName, Integer age, Instant insertedAt) {}
