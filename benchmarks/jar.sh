#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar when it is missing or older than a source or pom it is
# made of (or always, with --rebuild). Run from anywhere; used by suite.sh.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAR=benchmarks/target/benchmarks.jar

needs_build() {
  [[ "${1:-}" == --rebuild || ! -f "$JAR" ]] && return 0
  local newer
  newer=$(find pom.xml benchmarks core r2dbc-adapter reactor-test-support -type f -newer "$JAR" \
    -not -path '*/target/*' \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) \
    -print -quit 2>/dev/null || true)
  [[ -n "$newer" ]]
}

if needs_build "${1:-}"; then
  echo "Building $JAR ..." >&2
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
