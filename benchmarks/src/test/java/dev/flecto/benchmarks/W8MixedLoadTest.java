package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flecto.benchmarks.W8MixedLoad.Result;
import dev.flecto.benchmarks.W8MixedLoad.Side;
import io.r2dbc.pool.PoolMetrics;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@link W8MixedLoad} from rotting: every side runs the mix for a second at 64 operations in
 * flight without an error, really inserts what it counts, gives back every connection, and is
 * scored as the suite reads it.
 */
class W8MixedLoadTest {
  @Test
  void everySideRunsTheMixWithoutErrorsAndLeavesThePoolsIdle(@TempDir Path dir) throws SQLException {
    List<Score> scores = new ArrayList<>();
    try (W8MixedLoad bench = new W8MixedLoad(64, 1)) {
      for (Side side : Side.values()) {
        Result r = bench.run(side, Duration.ZERO, Duration.ofSeconds(1));
        assertThat(r.failure()).as(side.id()).isNull();
        assertThat(r.errors()).isZero();
        // Every worker completes at least its first operation however slow the machine, and with seed 1 the 64
        // workers' first draws are 51 gets, 8 pages and 5 inserts: every kind of operation runs on every side.
        assertThat(r.operations()).as("%s operations", side.id()).isGreaterThanOrEqualTo(64);
        assertThat(r.gets()).isGreaterThanOrEqualTo(51);
        assertThat(r.pages()).isGreaterThanOrEqualTo(8);
        assertThat(r.inserts()).isGreaterThanOrEqualTo(5);
        Histogram latency = r.latency();
        assertThat(latency.getTotalCount()).isEqualTo(r.operations());
        assertThat(r.ms(50)).isPositive().isLessThanOrEqualTo(r.ms(99));
        assertThat(r.ms(99)).isLessThanOrEqualTo(r.ms(99.9));
        assertThat(r.ms(99.9)).isLessThanOrEqualTo(r.ms(100));
        assertThat(r.nanos()).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        // Every connection is back: none leaked by an operation, reactive or blocking.
        assertThat(bench.stacks().pool().getMetrics().map(PoolMetrics::acquiredSize)).as(side.id()).contains(0);
        assertThat(bench.stacks().poolingAcquired()).as(side.id()).isZero();
        assertThat(bench.stacks().jdbc().getHikariPoolMXBean().getActiveConnections()).as(side.id()).isZero();
        // The inserts counted are in the table, beside the seeded rows (re-created before each side).
        assertThat(count(bench)).as(side.id()).isEqualTo(People.ROWS + r.inserts());
        scores.add(W8MixedLoad.score(r));
      }
      assertThat(bench.report(List.of())).contains("64 operations in flight, pools of 8 connections");
    }
    assertThat(scores).extracting(Score::implementation).containsExactly("flecto", "raw", "spring", "jooq", "jdbc", "flecto-transaction-pooling");
    for (Score s : scores) {
      assertThat(s.workload()).isEqualTo("W8");
      assertThat(s.variant()).isEqualTo("64 concurrent");
      assertThat(s.unit()).isEqualTo("ops/s");
      assertThat(s.score()).isPositive();
      assertThat(s.error()).isNaN();
      assertThat(s.extra()).containsOnlyKeys("p50 ms", "p99 ms", "p99.9 ms", "max ms");
      assertThat(s.extra().get("p50 ms")).isPositive().isLessThanOrEqualTo(s.extra().get("max ms"));
    }
    Path json = dir.resolve("w8.json");
    Scores.write(json, scores);
    assertThat(Scores.read(json)).isEqualTo(scores);
  }

  @Test
  void aFailedSideIsScoredAsSkippedWithItsReason() {
    Histogram h = new Histogram(3);
    h.recordValue(2_000_000);
    Result failed = new Result(Side.SPRING, 64, 10, 2, 1, 3, 1_000_000_000L, h,
        "3 operation(s) failed; the first: IllegalStateException: get by id 7 found nothing");
    assertThat(failed.ok()).isFalse();
    assertThat(W8MixedLoad.score(failed)).isEqualTo(Score.skipped("W8", "64 concurrent", "spring",
        "failed: 3 operation(s) failed; the first: IllegalStateException: get by id 7 found nothing"));
    Result ok = new Result(Side.RAW, 8, 10, 2, 1, 0, 2_000_000_000L, h, null);
    Score s = W8MixedLoad.score(ok);
    assertThat(s.variant()).isEqualTo("8 concurrent");
    assertThat(s.score()).isEqualTo(6.5);
    assertThat(s.extra().get("p50 ms")).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void theProgramWritesOneScorePerSideAsked(@TempDir Path dir) {
    Path json = dir.resolve("w8.json");
    W8MixedLoad.main(new String[] {"--seconds=1", "--warmup=0", "--concurrency=16", "--sides=jdbc,raw", "--json=" + json});
    List<Score> scores = Scores.read(json);
    assertThat(scores).extracting(Score::implementation).containsExactly("jdbc", "raw");
    assertThat(scores).allSatisfy(s -> {
      assertThat(s.variant()).isEqualTo("16 concurrent");
      assertThat(s.score()).isPositive();
    });
  }

  private static long count(W8MixedLoad bench) throws SQLException {
    try (java.sql.Connection c = bench.stacks().jdbc().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM bench_people")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
