#!/usr/bin/env bash
# The benchmark suite: workloads W1..W8 through Flecto, raw r2dbc-postgresql, Spring Data R2DBC,
# jOOQ and JDBC+HikariCP in one run on one database, then a JSON of the scores, a Markdown report
# with each score's ratio to raw, and a PNG chart of the ratios.
#
#   benchmarks/suite.sh --smoke     a few minutes; writes benchmarks/target/smoke/RESULTS.md,
#                                   .../results/suite.json and .../results/ratios.png
#   benchmarks/suite.sh --full      about half an hour; writes benchmarks/RESULTS.md,
#                                   benchmarks/results/suite.json and benchmarks/results/ratios.png
#   benchmarks/suite.sh --smoke --only=W1,W5 --out=/tmp/bench
#                                   some workloads only; the three files under another folder
#
# The jar is built first when missing or out of date (benchmarks/jar.sh). The database is an
# embedded PostgreSQL started for the run, or the one FLECTO_BENCH_DATABASE_URL (environment)
# names (an r2dbc:postgresql://, postgresql:// or postgres:// URL); the suite creates and drops its
# bench_* tables there. Exits non-zero when a workload failed (the report says which and why).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

profile=smoke
args=()
for arg in "$@"; do
  case "$arg" in
    --smoke) profile=smoke ;;
    --full) profile=full ;;
    *) args+=("$arg") ;;
  esac
done

benchmarks/jar.sh
exec java -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.Suite --profile="$profile" "${args[@]+"${args[@]}"}"
