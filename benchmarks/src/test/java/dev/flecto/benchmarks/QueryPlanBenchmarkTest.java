package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs each benchmark method once, so the benchmark cannot rot, and checks what it measures. */
class QueryPlanBenchmarkTest {
  @Test
  void eachStepProducesWhatTheNextNeeds() {
    QueryPlanBenchmark b = new QueryPlanBenchmark();
    assertThat(b.build().limit()).isEqualTo(QueryPlanBenchmark.PAGE);
    assertThat(b.plan().params()).containsExactly(18, (long) QueryPlanBenchmark.PAGE);
    String sql = "SELECT b0.\"id\", b0.\"first_name\", b0.\"last_name\", b0.\"age\", b0.\"inserted_at\" "
        + "FROM \"bench_people\" AS b0 WHERE b0.\"age\" >= $1 ORDER BY b0.\"id\" LIMIT $2";
    assertThat(b.compileCached()).isEqualTo(sql);
    assertThat(b.buildPlanCompile()).isEqualTo(sql).isSameAs(b.compileCached());
  }
}
