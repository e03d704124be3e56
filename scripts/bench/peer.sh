#!/usr/bin/env bash
# Pair scoring speed: embargo beside OpenSanctions nomenklatura logic-v2 on the same 419 pairs of
# eval/name-pairs/pairs.csv, in one run, with the ratio (target >= 100x per CPU-second).
#
#   scripts/bench/peer.sh [--runs N] [--seconds S] [--json FILE]
#
# Creates a venv under target/bench-venv with nomenklatura 4.17.4 (the version EVALUATION.md's
# reference figures come from; the closest available one if that is gone, said so), builds the
# release `embargo` binary and the matching bench, then runs scripts/bench/peer.py.
# Data: $EMBARGO_SHARED_DATA, else ../shared/data beside the workspace.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="${EMBARGO_SHARED_DATA:-$ROOT/../shared/data}"
VENV="$ROOT/target/bench-venv"
WANT="4.17.4"

if [ ! -f "$DATA/eval/name-pairs/pairs.csv" ]; then
  echo "peer.sh: no eval/name-pairs/pairs.csv under $DATA; set EMBARGO_SHARED_DATA" >&2
  exit 2
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
have="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("nomenklatura"))' 2>/dev/null || true)"
if [ "$have" != "$WANT" ]; then
  if ! "$VENV/bin/pip" install -q "nomenklatura==$WANT"; then
    echo "peer.sh: nomenklatura==$WANT did not install; taking the closest release below 4.18" >&2
    "$VENV/bin/pip" install -q "nomenklatura>=4.17,<4.18" || "$VENV/bin/pip" install -q nomenklatura
  fi
  have="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("nomenklatura"))')"
fi
if [ "$have" != "$WANT" ]; then
  echo "NOTE: measuring nomenklatura $have, not $WANT (EVALUATION.md's reference)"
fi

echo "building release binaries (embargo, matching bench)…"
(cd "$ROOT" && cargo build -q --release -p embargo && cargo bench -q -p embargo-matcher --bench matching --no-run)

echo "machine: $(nproc) cores; uptime: $(uptime)"
"$VENV/bin/python" "$ROOT/scripts/bench/peer.py" --root "$ROOT" --data "$DATA" \
  --embargo "$ROOT/target/release/embargo" "$@"
echo "uptime at the end: $(uptime)"
