#!/usr/bin/env bash
# Runs ReadBenchmark (Flecto next to hand-written r2dbc-postgresql) and prints a Markdown table.
#
#   benchmarks/run.sh                      full run: fork 1, warmup 3 x 5 s, measurement 5 x 5 s
#   benchmarks/run.sh --smoke              quick run: fork 1, warmup 1 x 1 s, measurement 2 x 1 s
#   benchmarks/run.sh -wi 3 -w 3s -i 5 -r 3s -t 2 -p validation=LOCAL,REMOTE
#                                          any other arguments go to JMH as they are
#   benchmarks/run.sh --rebuild ...        rebuild the jar even when it looks up to date
#   benchmarks/run.sh --out=FILE.json ...  write the results to FILE.json (and FILE.log) instead,
#                                          a path relative to the repository root
#   benchmarks/run.sh --bench=QueryPlanBenchmark
#                                          another benchmark class (results in benchmarks/results/
#                                          query-plan.json; the Flecto/raw table is ReadBenchmark's)
#
# The jar is built when missing or older than a source or pom it is made of. Results go to
# benchmarks/results/read.json (read-smoke.json with --smoke) and the JMH log to a .log next to it.
# With --smoke, do not repeat -f/-wi/-w/-i/-r: JMH refuses an option given twice.
# FLECTO_BENCH_DATABASE_URL (environment) names a PostgreSQL to use instead of the embedded one.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAR=benchmarks/target/benchmarks.jar
smoke=false
rebuild=false
out=
bench=ReadBenchmark
jmh_args=()
for arg in "$@"; do
  case "$arg" in
    --smoke) smoke=true ;;
    --rebuild) rebuild=true ;;
    --out=*) out="${arg#--out=}" ;;
    --bench=*) bench="${arg#--bench=}" ;;
    *) jmh_args+=("$arg") ;;
  esac
done

if [[ "$rebuild" == true ]]; then
  benchmarks/jar.sh --rebuild
else
  benchmarks/jar.sh
fi

case "$bench" in
  ReadBenchmark) name=read ;;
  QueryPlanBenchmark) name=query-plan ;;
  *) name="$bench" ;;
esac
if [[ "$smoke" == true ]]; then
  result=benchmarks/results/$name-smoke.json
  jmh_args=(-f 1 -wi 1 -w 1s -i 2 -r 1s "${jmh_args[@]+"${jmh_args[@]}"}")
else
  result=benchmarks/results/$name.json
fi
if [[ -n "$out" ]]; then
  result="$out"
fi
log="${result%.json}.log"
mkdir -p "$(dirname "$result")"

java -jar "$JAR" "$bench" -rf json -rff "$result" "${jmh_args[@]+"${jmh_args[@]}"}" 2>&1 | tee "$log"

# Results may be committed: keep the JVM's file name, not where this machine installed it.
strip_jvm_dir() {
  sed -E -e 's|^(# VM invoker: ).*/|\1|' -e 's|("jvm" : ")[^"]*/|\1|' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}
[[ -f "$result" ]] && strip_jvm_dir "$result"
strip_jvm_dir "$log"

if [[ "$bench" != ReadBenchmark ]]; then
  exit 0 # the Flecto/raw table below pairs ReadBenchmark's methods
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 not found: results are in $result" >&2
  exit 0
fi

python3 - "$result" <<'PY'
import json, math, sys

path = sys.argv[1]
with open(path) as f:
    results = json.load(f)

# Pairs are benchmark methods named flecto<Op> and raw<Op>; rows keep the mode and the @Params apart.
rows = {}
allocs = {}
for r in results:
    method = r["benchmark"].rsplit(".", 1)[-1]
    for side in ("flecto", "raw"):
        if method.startswith(side):
            op = method[len(side):]
            op = op[:1].lower() + op[1:]
            break
    else:
        continue
    params = ", ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
    m = r["primaryMetric"]
    key = (r["mode"], op, params, r.get("threads", 1))
    # JMH writes "NaN" (a string) for the error when there are too few iterations
    rows.setdefault(key, {})[side] = (float(m["score"]), float(m["scoreError"]), m["scoreUnit"])
    # with -prof gc: bytes allocated per operation (all threads), which host load does not move
    alloc = (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
    if alloc:
        allocs.setdefault(key, {})[side] = float(alloc["score"])

def num(x):
    if x != x:  # NaN: too few iterations for an error
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.2f}" if abs(x) >= 1 else f"{x:.4f}"

def cell(v):
    score, err, _ = v
    return f"{num(score)} ± {num(err)}" if err == err else num(score)

def ratio(f, r):
    (fs, fe, _), (rs, re, _) = f, r
    q = fs / rs
    if fe != fe or re != re:
        return f"{q:.3f}"
    # first-order propagation of the two 99.9% half-widths
    qe = q * math.sqrt((fe / fs) ** 2 + (re / rs) ** 2)
    return f"{q:.3f} ± {qe:.3f}"

show_params = len({k[2] for k in rows}) > 1
modes = sorted({k[0] for k in rows}, key=lambda m: (m != "thrpt", m))
for mode in modes:
    keys = sorted(k for k in rows if k[0] == mode)
    unit = next(iter(next(iter(rows[k].values())) for k in keys))[2]
    thrpt = mode == "thrpt"
    print()
    print(f"### ReadBenchmark, mode {mode} ({unit}), {path}")
    print()
    head = ["Operation"] + (["Params"] if show_params else []) + ["Threads", f"Flecto ({unit})", f"Raw ({unit})", "Flecto/raw"]
    if thrpt and unit == "ops/s":
        head += ["Flecto µs/op", "Raw µs/op"]
    with_alloc = any(k in allocs for k in keys)
    if with_alloc:
        head += ["Flecto B/op", "Raw B/op"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(head))) + "|")
    for k in keys:
        pair = rows[k]
        f, r = pair.get("flecto"), pair.get("raw")
        line = [k[1]] + ([k[2]] if show_params else []) + [str(k[3])]
        line += [cell(f) if f else "-", cell(r) if r else "-", ratio(f, r) if f and r else "-"]
        if thrpt and unit == "ops/s":
            # mean time of one call on one thread: threads / throughput
            line += [num(k[3] * 1e6 / f[0]) if f else "-", num(k[3] * 1e6 / r[0]) if r else "-"]
        if with_alloc:
            a = allocs.get(k, {})
            line += [num(a["flecto"]) if "flecto" in a else "-", num(a["raw"]) if "raw" in a else "-"]
        print("| " + " | ".join(line) + " |")
    if not show_params:
        params = keys[0][2] if keys else ""
        if params:
            print(f"\nParams: {params}")
print()
print("Errors are JMH's 99.9% confidence half-widths; for throughput, Flecto/raw below 1 means Flecto is slower.")
PY
