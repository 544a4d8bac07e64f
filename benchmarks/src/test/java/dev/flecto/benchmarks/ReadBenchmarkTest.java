package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Keeps {@link ReadBenchmark} from rotting without timing anything: its trial setup, each
 * benchmark method once, and the same rows from Flecto and from the hand-written driver code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadBenchmarkTest {
  private final ReadBenchmark bench = new ReadBenchmark();

  @BeforeAll
  void setUp() {
    bench.setup();
  }

  @AfterAll
  void tearDown() {
    bench.tearDown();
  }

  @Test
  void everyBenchmarkMethodReturnsARow() {
    BenchPerson flecto = bench.flectoGetById();
    BenchPerson raw = bench.rawGetById();
    assertThat(flecto).isNotNull();
    assertThat(raw).isNotNull();
    assertThat(flecto.id()).isBetween(1L, (long) ReadBenchmark.ROWS);
    assertThat(raw.id()).isBetween(1L, (long) ReadBenchmark.ROWS);

    List<BenchPerson> flectoPage = bench.flectoAll100();
    List<BenchPerson> rawPage = bench.rawAll100();
    assertThat(flectoPage).hasSize(ReadBenchmark.PAGE);
    assertThat(rawPage).hasSize(ReadBenchmark.PAGE);
    assertThat(flectoPage).isEqualTo(rawPage);
  }

  @Test
  void getByIdReadsTheSameRecordBothWays() {
    for (long id : new long[] {1, 7, 10, 4_321, ReadBenchmark.ROWS}) {
      BenchPerson flecto = bench.flectoGet(id);
      assertThat(flecto).isNotNull().isEqualTo(bench.rawGet(id));
    }
    // Every value kind the schema has, including a NULL column and a timestamp with microseconds.
    BenchPerson tenth = bench.flectoGet(10);
    assertThat(tenth).isEqualTo(new BenchPerson(10L, "First10", null, 10,
        Instant.parse("2024-01-01T00:10:10.00123Z")));
    assertThat(bench.flectoGet(ReadBenchmark.ROWS + 1L)).isNull();
    assertThat(bench.rawGet(ReadBenchmark.ROWS + 1L)).isNull();
  }

  @Test
  void pagesMatchInOrderAndValues() {
    List<BenchPerson> flecto = bench.flectoPage(0, ReadBenchmark.PAGE);
    assertThat(flecto).isEqualTo(bench.rawPage(0, ReadBenchmark.PAGE));
    assertThat(flecto).extracting(BenchPerson::id).first().isEqualTo(1L);
    assertThat(flecto).extracting(BenchPerson::id).isSorted();
    assertThat(flecto.get(9).lastName()).isNull();

    // A filter that drops rows: ages 85..89 only.
    List<BenchPerson> older = bench.flectoPage(85, 20);
    assertThat(older).hasSize(20).isEqualTo(bench.rawPage(85, 20));
    assertThat(older).allSatisfy(p -> assertThat(p.age()).isGreaterThanOrEqualTo(85));
  }
}
