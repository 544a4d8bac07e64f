#!/usr/bin/env bash
# Runs a benchmark class (ReadBenchmark unless --bench= names another) and prints a Markdown table of
# Flecto next to hand-written r2dbc-postgresql.
#
#   benchmarks/run.sh                      full run: fork 1, warmup 3 x 5 s, measurement 5 x 5 s
#   benchmarks/run.sh --smoke              quick run: fork 1, warmup 1 x 1 s, measurement 2 x 1 s
#   benchmarks/run.sh -wi 3 -w 3s -i 5 -r 3s -t 2 -p validation=LOCAL,REMOTE
#                                          any other arguments go to JMH as they are
#   benchmarks/run.sh --rebuild ...        rebuild the jar even when it looks up to date
#   benchmarks/run.sh --out=FILE.json ...  write the results to FILE.json (and FILE.log) instead,
#                                          a path relative to the repository root
#   benchmarks/run.sh --bench=PreloadBenchmark
#                                          another benchmark class; results in benchmarks/results/
#                                          preload.json (query-plan.json for QueryPlanBenchmark)
#
# The jar is built when missing or older than a source or pom it is made of. Results go to
# benchmarks/results/read.json (read-smoke.json with --smoke) and the JMH log to a .log next to it.
# The table pairs methods flecto<Op> and raw<Op>; a flecto method without a raw namesake is set
# next to each raw method without a flecto one (PreloadBenchmark: flectoPreload against
# rawSequential and rawParallel). A class with neither (QueryPlanBenchmark) prints no table.
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
  PreloadBenchmark) name=preload ;;
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

if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 not found: results are in $result" >&2
  exit 0
fi

python3 - "$result" <<'PY'
import json, math, sys

path = sys.argv[1]
with open(path) as f:
    results = json.load(f)

# Methods named flecto<Op> and raw<Op>, grouped so that rows keep the mode, the @Params and the
# thread count apart.
methods = {}
allocs = {}
classes = []
for r in results:
    cls, method = r["benchmark"].rsplit(".", 2)[-2:]
    for side in ("flecto", "raw"):
        if method.startswith(side):
            op = method[len(side):]
            op = op[:1].lower() + op[1:]
            break
    else:
        continue
    if cls not in classes:
        classes.append(cls)
    params = ", ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
    m = r["primaryMetric"]
    group = (r["mode"], params, r.get("threads", 1))
    # JMH writes "NaN" (a string) for the error when there are too few iterations
    methods.setdefault(group, {}).setdefault(side, {})[op] = (float(m["score"]), float(m["scoreError"]), m["scoreUnit"])
    # with -prof gc: bytes allocated per operation (all threads), which host load does not move
    alloc = (r.get("secondaryMetrics") or {}).get("gc.alloc.rate.norm")
    if alloc:
        allocs.setdefault(group, {}).setdefault(side, {})[op] = float(alloc["score"])

# A row is (mode, op, raw variant, params, threads) -> {side: (score, error, unit)}. flecto<Op>
# pairs with raw<Op>; a flecto method left without a namesake is set against every raw method
# left without one, each such row naming its raw variant.
rows = {}
row_allocs = {}
for (mode, params, threads), sides in methods.items():
    flecto, raw = sides.get("flecto", {}), sides.get("raw", {})
    a = allocs.get((mode, params, threads), {})
    pairs = [(op, op, "") for op in flecto if op in raw]
    lone_f = [op for op in flecto if op not in raw]
    lone_r = [op for op in raw if op not in flecto]
    if lone_f and lone_r:
        pairs += [(f, r, r) for f in lone_f for r in lone_r]
    else:
        pairs += [(f, None, "") for f in lone_f] + [(None, r, "") for r in lone_r]
    for f, r, variant in pairs:
        key = (mode, f if f is not None else r, variant, params, threads)
        row = rows.setdefault(key, {})
        ra = row_allocs.setdefault(key, {})
        for side, op, values in (("flecto", f, flecto), ("raw", r, raw)):
            if op is not None:
                row[side] = values[op]
                if op in a.get(side, {}):
                    ra[side] = a[side][op]
if not rows:
    sys.exit(0)  # nothing named flecto<Op> or raw<Op> (QueryPlanBenchmark)

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

title = ", ".join(classes)
show_params = len({k[3] for k in rows}) > 1
show_variant = any(k[2] for k in rows)
modes = sorted({k[0] for k in rows}, key=lambda m: (m != "thrpt", m))
for mode in modes:
    keys = sorted(k for k in rows if k[0] == mode)
    unit = next(iter(rows[keys[0]].values()))[2]
    thrpt = mode == "thrpt"
    print()
    print(f"### {title}, mode {mode} ({unit}), {path}")
    print()
    head = ["Operation"] + (["Raw variant"] if show_variant else []) + (["Params"] if show_params else [])
    head += ["Threads", f"Flecto ({unit})", f"Raw ({unit})", "Flecto/raw"]
    if thrpt and unit == "ops/s":
        head += ["Flecto µs/op", "Raw µs/op"]
    with_alloc = any(row_allocs.get(k) for k in keys)
    if with_alloc:
        head += ["Flecto B/op", "Raw B/op"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" if i == 0 or (show_variant and i == 1) else "---:" for i in range(len(head))) + "|")
    for k in keys:
        pair = rows[k]
        f, r = pair.get("flecto"), pair.get("raw")
        line = [k[1]] + ([k[2] or "-"] if show_variant else []) + ([k[3]] if show_params else []) + [str(k[4])]
        line += [cell(f) if f else "-", cell(r) if r else "-", ratio(f, r) if f and r else "-"]
        if thrpt and unit == "ops/s":
            # mean time of one call on one thread: threads / throughput
            line += [num(k[4] * 1e6 / f[0]) if f else "-", num(k[4] * 1e6 / r[0]) if r else "-"]
        if with_alloc:
            a = row_allocs.get(k, {})
            line += [num(a["flecto"]) if "flecto" in a else "-", num(a["raw"]) if "raw" in a else "-"]
        print("| " + " | ".join(line) + " |")
    if not show_params:
        params = keys[0][3] if keys else ""
        if params:
            print(f"\nParams: {params}")
print()
print("Errors are JMH's 99.9% confidence half-widths; for throughput, Flecto/raw below 1 means Flecto is slower.")
PY
