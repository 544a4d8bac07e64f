#!/usr/bin/env bash
# Streams 1,000,000 rows through Flecto's repo.stream and through a hand-written r2dbc-postgresql
# DECLARE/FETCH loop in a JVM limited to 64 MB of heap, with a fast and a slow consumer, and writes
# the Markdown table to benchmarks/results/stream.md (the JVM's log goes to stderr).
#
#   benchmarks/stream.sh                        the full run (about a minute)
#   benchmarks/stream.sh --rows=200000 --fetch=2000 --slow-every=100 --rounds=3
#                                               other sizes; arguments go to StreamBenchmark
#
# The jar is built first when missing or out of date. FLECTO_BENCH_DATABASE_URL (environment)
# names a PostgreSQL to use instead of the embedded one.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

benchmarks/jar.sh
mkdir -p benchmarks/results
out=benchmarks/results/stream.md
{
  echo "Produced by \`benchmarks/stream.sh${*:+ $*}\`, which runs"
  echo "\`java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.StreamBenchmark${*:+ $*}\`."
  echo
  java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.StreamBenchmark "$@"
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
