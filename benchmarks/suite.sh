#!/usr/bin/env bash
# The benchmark suite: workloads W1..W8 through Flecto, raw r2dbc-postgresql, Spring Data R2DBC,
# jOOQ and JDBC+HikariCP on one database, every implementation's result checked equal first.
#
# By default the interleaved method (dev.flecto.benchmarks.RoundsSuite): each workload in a JVM of
# its own, every implementation warmed up, then rounds in which each runs short slices in rotated
# order; each ratio to raw (ops/s, client CPU per operation, bytes per operation, W8's p99) comes
# with its 95% interval over the rounds, or "too short" when the rounds cannot pin it down.
#
#   benchmarks/suite.sh --smoke     a few minutes, too few rounds for a ratio (it says so);
#                                   writes benchmarks/target/smoke/RESULTS.md and .../results/
#   benchmarks/suite.sh --full      three runs, about an hour on 2 cores; writes
#                                   benchmarks/RESULTS.md and benchmarks/results/rounds-{1,2,3}.json
#   benchmarks/suite.sh --full --only=W1,W8 --runs=1 --out=/tmp/bench
#                                   some workloads, one run, under another folder
#   benchmarks/suite.sh --full --fork=no
#                                   every workload of a run in the suite's JVM: one JVM start and
#                                   warm-up of the stacks a run, for a machine too busy for more
#   benchmarks/suite.sh --full --report=yes
#                                   rewrites RESULTS.md from the runs' JSON, measuring nothing
#   benchmarks/suite.sh --jmh --smoke|--full [--only=W6]
#                                   the JMH suite (one fork a workload, all of A then all of B; W6's
#                                   stream in a 64 MB heap), under benchmarks/target/jmh-<profile>/
#
# The jar is built first when missing or out of date (benchmarks/jar.sh). The database is embedded
# PostgreSQL started for each run (and a second one, durable, for W3, W4 and W7 on a durable
# server), or the one FLECTO_BENCH_DATABASE_URL (environment) names; the suite creates and drops its
# bench_* tables there. Exits non-zero when a workload failed (the report says which and why).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

profile=smoke
main=dev.flecto.benchmarks.RoundsSuite
args=()
for arg in "$@"; do
  case "$arg" in
    --smoke) profile=smoke ;;
    --full) profile=full ;;
    --jmh) main=dev.flecto.benchmarks.Suite ;;
    *) args+=("$arg") ;;
  esac
done

benchmarks/jar.sh
exec java -cp benchmarks/target/benchmarks.jar "$main" --profile="$profile" "${args[@]+"${args[@]}"}"
