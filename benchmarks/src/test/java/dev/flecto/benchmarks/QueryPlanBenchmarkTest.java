package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs each benchmark method once, so the benchmark cannot rot, and checks what it measures. */
class QueryPlanBenchmarkTest {
  @Test
  void eachStepProducesWhatTheNextNeeds() {
    QueryPlanBenchmark b = new QueryPlanBenchmark();
    assertThat(b.build().limit()).isEqualTo(ReadBenchmark.PAGE);
    assertThat(b.plan().params()).containsExactly(18, (long) ReadBenchmark.PAGE);
    String sql = "SELECT \"id\", \"first_name\", \"last_name\", \"age\", \"inserted_at\" FROM \"bench_people\" "
        + "WHERE \"age\" >= $1 ORDER BY \"id\" LIMIT $2";
    assertThat(b.compileCached()).isEqualTo(sql);
    assertThat(b.buildPlanCompile()).isEqualTo(sql).isSameAs(b.compileCached());
  }
}
