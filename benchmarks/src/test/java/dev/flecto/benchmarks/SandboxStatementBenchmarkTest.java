package dev.flecto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keeps the sandbox benchmark from rotting without timing anything: both sides read every row they asked for. */
class SandboxStatementBenchmarkTest {
  @Test
  void bothSidesReadTheSameNumberOfRows() {
    SandboxStatementBenchmark bench = new SandboxStatementBenchmark();
    bench.setup();
    try {
      assertThat(bench.heldConnection()).isEqualTo(SandboxStatementBenchmark.STATEMENTS);
      assertThat(bench.sandbox()).isEqualTo(SandboxStatementBenchmark.STATEMENTS);
    } finally {
      bench.tearDown();
    }
  }
}
