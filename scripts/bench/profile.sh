#!/usr/bin/env bash
# Where the matcher spends its CPU: perf record on the matching bench, top symbols by self and by
# inclusive time.
#
#   scripts/bench/profile.sh [SECTION] [QUERIES]
#
# SECTION is a section of the bench (latency, pairs, batch, build; default latency); QUERIES keeps
# the first N queries of each query file (default 1500; the latency section otherwise runs all
# 20,342 three times). Stack traces come from DWARF unwinding of the release binary (its unwind
# tables; no debug info needed), so inlined functions are charged to their caller.
# Output: target/bench-out/perf-SECTION.{data,log,txt}.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECTION="${1:-latency}"
QUERIES="${2:-1500}"
OUT="$ROOT/target/bench-out"
mkdir -p "$OUT"
export EMBARGO_SHARED_DATA="${EMBARGO_SHARED_DATA:-$ROOT/../shared/data}"

command -v perf >/dev/null || { echo "profile.sh: perf is not installed" >&2; exit 2; }
bin="$(cd "$ROOT" && cargo bench -q -p embargo-matcher --bench matching --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "matching" and m.get("executable"):
        print(m["executable"])' | tail -1)"
[ -x "$bin" ] || { echo "profile.sh: the matching bench did not build" >&2; exit 2; }
# A copy, so that a rebuild by someone else does not swap the binary under perf.
cp "$bin" "$OUT/matching-prof"

echo "uptime: $(uptime)"
EMBARGO_BENCH_RUNS=1 EMBARGO_BENCH_QUERIES="$QUERIES" \
  perf record -q -F 499 --call-graph dwarf,16384 -o "$OUT/perf-$SECTION.data" \
  "$OUT/matching-prof" "$SECTION" >"$OUT/perf-$SECTION.log" 2>&1
grep -E "p50|per CPU|queries/s|build time" "$OUT/perf-$SECTION.log" || true
{
  echo "== self time"
  perf report -i "$OUT/perf-$SECTION.data" --no-children --sort symbol --stdio -g none \
    --percent-limit 1 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30
  echo
  echo "== inclusive time"
  perf report -i "$OUT/perf-$SECTION.data" --children --sort symbol --stdio -g none \
    --percent-limit 3 2>/dev/null | grep -v '^#' | grep -v '^$' |
    grep -vE 'std::|libc_start|_start$|\] main |matching::main|0xffffffff' | head -40
} | sed -e 's/[[:space:]]*-[[:space:]]*-[[:space:]]*$//' | tee "$OUT/perf-$SECTION.txt"
echo "uptime at the end: $(uptime)"
