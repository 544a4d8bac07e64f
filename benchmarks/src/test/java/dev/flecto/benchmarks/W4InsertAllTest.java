package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Keeps {@link W4InsertAll} from rotting without timing anything: its trial setup (which fails
 * when the implementations disagree), each benchmark method once into the emptied table, the rows
 * as stored equal to the entries, and Flecto sending the raw side's two statements.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class W4InsertAllTest {
  private final W4InsertAll bench = new W4InsertAll();

  @BeforeAll
  void setUp() {
    bench.setup();
  }

  @AfterAll
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void everyImplementationStoresTheEntries() {
    List<BenchBulkRow> expected = W4InsertAll.withIds(bench.entries());
    assertThat(expected).hasSize(W4InsertAll.ROWS);
    assertThat(expected).filteredOn(r -> r.note() == null).hasSize(W4InsertAll.ROWS / 7);
    assertThat(expected).filteredOn(r -> r.note() != null && r.note().contains("\t")).isNotEmpty();

    bench.empty();
    assertThat(bench.raw()).isEqualTo(W4InsertAll.ROWS);
    W4InsertAll.Stored raw = bench.stored();
    assertThat(raw.rows()).isEqualTo(W4InsertAll.ROWS);
    assertThat(bench.storedRows()).isEqualTo(expected);

    List<Supplier<Long>> others = List.of(bench::flecto, bench::flectoCopy, bench::rawCopy, bench::spring, bench::jooq, bench::jdbc);
    for (Supplier<Long> implementation : others) {
      bench.empty();
      assertThat(bench.stored().rows()).isZero();
      assertThat(implementation.get()).isEqualTo(W4InsertAll.ROWS);
      assertThat(bench.stored()).isEqualTo(raw);
      assertThat(bench.storedRows()).isEqualTo(expected);
    }
  }

  @Test
  void aFailingSecondChunkLeavesNoRowOnTheRawSide() {
    List<BenchBulkRow> rows = new ArrayList<>(bench.entries());
    BenchBulkRow last = rows.get(rows.size() - 1);
    // NOT NULL name: the driver refuses the value while binding the second chunk, after the first ran.
    rows.set(rows.size() - 1, new BenchBulkRow(null, null, last.email(), last.score(), last.balance(), last.active(),
        last.createdAt(), last.note()));
    bench.empty();
    assertThatThrownBy(() -> bench.raw(rows)).isInstanceOf(IllegalArgumentException.class);
    assertThat(bench.stored().rows()).isZero();
    // The connection went back to the pool usable, its transaction rolled back.
    assertThat(bench.raw()).isEqualTo(W4InsertAll.ROWS);
  }

  /** Flecto's default for 10,000 entries is one COPY: no INSERT is prepared, and the rows are the raw copy's. */
  @Test
  void flectoCopyCopiesWithoutAnInsert() {
    Set<String> before = inserts();
    bench.empty();
    assertThat(bench.flectoCopy()).isEqualTo(W4InsertAll.ROWS);
    assertThat(inserts()).isEqualTo(before);
    W4InsertAll.Stored copied = bench.stored();
    bench.empty();
    bench.rawCopy();
    assertThat(bench.stored()).isEqualTo(copied);
  }

  private Set<String> inserts() {
    return PreparedStatements.onEveryConnection(bench.stacks().pool(), Stacks.POOL_SIZE).stream()
        .filter(sql -> sql.startsWith("INSERT INTO") && sql.contains("bench_bulk"))
        .collect(Collectors.toSet());
  }

  /** Flecto's chunks are the raw side's: 9,362 rows and then 638, the same text but for the quotes. */
  @Test
  void flectoSendsTheRawSidesStatements() {
    bench.empty();
    bench.flecto();
    bench.empty();
    bench.raw();
    assertThat(bench.chunkSql()).hasSize(2);
    assertThat(bench.chunkSql().get(0)).endsWith("$65528, $65529, $65530, $65531, $65532, $65533, $65534)");
    Set<String> inserts = PreparedStatements.onEveryConnection(bench.stacks().pool(), Stacks.POOL_SIZE).stream()
        .filter(sql -> sql.startsWith("INSERT INTO") && sql.contains("bench_bulk"))
        .collect(Collectors.toSet());
    Set<String> raw = Set.copyOf(bench.chunkSql());
    assertThat(inserts).containsAll(raw);
    Set<String> flecto = inserts.stream().filter(sql -> sql.contains("\"")).collect(Collectors.toSet());
    assertThat(flecto).hasSize(2);
    assertThat(flecto.stream().map(sql -> sql.replace("\"", "")).collect(Collectors.toSet())).isEqualTo(raw);
  }
}
