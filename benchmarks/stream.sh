#!/usr/bin/env bash
# W6: streams 1,000,000 rows through each implementation (Flecto's repo.stream, a hand-written
# r2dbc-postgresql DECLARE/FETCH loop, Spring Data R2DBC, jOOQ over R2DBC, JDBC with a fetch size)
# in a JVM limited to 64 MB of heap, with a fast and a slow consumer, and writes the Markdown table
# to benchmarks/results/stream.md (the JVM's log goes to stderr).
#
#   benchmarks/stream.sh                        the full run (a few minutes: five sides)
#   benchmarks/stream.sh --rows=200000 --fetch=2000 --slow-every=100 --rounds=3 --sides=flecto,raw
#                                               other sizes or sides; arguments go to W6Stream
#                                               (--json=FILE also writes the suite's scores)
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
  echo "\`java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.W6Stream${*:+ $*}\`."
  echo
  java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.flecto.benchmarks.W6Stream "$@"
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
