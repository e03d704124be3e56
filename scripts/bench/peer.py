#!/usr/bin/env python3
"""Pair scoring speed of embargo beside OpenSanctions nomenklatura logic-v2, in one run.

Run through scripts/bench/peer.sh, which creates the venv (target/bench-venv) with nomenklatura
and builds embargo. Both score the labelled pairs of eval/name-pairs/pairs.csv (name1 = query,
name2 = listed name, schema from the row):

- logic-v2: FtM entities made with followthemoney.model.make_entity, scored with
  get_algorithm("logic-v2").compare(query, result, ScoringConfig.defaults()); only the compare
  call is timed. Three figures: the first pass (its one-time data loading), warm repeated passes
  (its lru caches hot: the most favourable figure for it) and passes with every functools cache
  cleared before each pass (closest to screening distinct names).
- embargo: compare_names in process (the matching bench, `pairs` section, same repetition
  scheme), and the `embargo compare --input … --output …` command on the pairs repeated
  (process start, CSV and explanation JSON included), timed by the children's rusage.

Pairs per CPU-second (thread or children CPU time, not wall), medians of repeated runs, the load
average beside each. Also the quality of both on the pairs at 0.7 (precision, recall, F1, best F1,
ROC AUC as EVALUATION.md defines them), and `embargo eval --sets pairs`.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gc
import importlib.metadata
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def read_pairs(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def quality(scored: list[tuple[float, bool]], t: float = 0.7) -> dict:
    """Precision, recall, F1 at t; best F1 over observed thresholds; ROC AUC (average ranks)."""

    def at(th: float) -> tuple[float, float, float]:
        tp = sum(1 for s, m in scored if m and s >= th)
        fp = sum(1 for s, m in scored if not m and s >= th)
        pos = sum(1 for _, m in scored if m)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / pos if pos else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    p, r, f1 = at(t)
    best = max(((at(s)[2], s) for s in sorted({s for s, _ in scored})), default=(0.0, t))
    srt = sorted(scored, key=lambda x: x[0])
    pos = sum(1 for _, m in scored if m)
    neg = len(scored) - pos
    rank_sum = 0.0
    i = 0
    while i < len(srt):
        j = i
        while j < len(srt) and srt[j][0] == srt[i][0]:
            j += 1
        avg = (i + 1 + j) / 2
        rank_sum += avg * sum(1 for _, m in srt[i:j] if m)
        i = j
    auc = (rank_sum - pos * (pos + 1) / 2) / (pos * neg) if pos and neg else float("nan")
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "best_f1": best[0],
        "best_threshold": best[1],
        "auc": auc,
    }


def fmt_quality(q: dict) -> str:
    return (
        f"precision {q['precision']:.3f} recall {q['recall']:.3f} F1 {q['f1']:.3f} at 0.7; "
        f"best F1 {q['best_f1']:.3f} at {q['best_threshold']:.4f}; ROC AUC {q['auc']:.3f}"
    )


def clear_caches() -> int:
    n = 0
    for obj in gc.get_objects():
        if isinstance(obj, functools._lru_cache_wrapper):
            obj.cache_clear()
            n += 1
    return n


def bench_logic_v2(pairs: list[dict], runs: int, seconds: float) -> dict:
    from followthemoney import model
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    algo = get_algorithm("logic-v2")
    config = ScoringConfig.defaults()
    built = []
    for i, row in enumerate(pairs):
        schema = row.get("schema") or "Person"
        q = model.make_entity(schema)
        q.id = f"q{i}"
        q.add("name", row["name1"])
        r = model.make_entity(schema)
        r.id = f"r{i}"
        r.add("name", row["name2"])
        built.append((q, r, row["is_match"].strip().lower() == "true"))

    def one_pass() -> tuple[float, float, list[float]]:
        c0, t0 = time.thread_time(), time.perf_counter()
        scores = [algo.compare(q, r, config).score for q, r, _ in built]
        return time.thread_time() - c0, time.perf_counter() - t0, scores

    # The first pass pays for logic-v2's one-time data loading (rigour's analyze_names builds its
    # tables on a first name of some kinds: 8-10 CPU-seconds here), so it is reported apart.
    cold_cpu, _, scores = one_pass()
    scored = [(s, m) for s, (_, _, m) in zip(scores, built)]
    # Repetitions per run: about `seconds` of CPU.
    cpu, _, _ = one_pass()
    reps = max(1, round(seconds / max(cpu, 1e-6)))
    warm_cpu, warm_wall = [], []
    for _ in range(runs):
        c, w = 0.0, 0.0
        for _ in range(reps):
            dc, dw, _ = one_pass()
            c += dc
            w += dw
        warm_cpu.append(reps * len(built) / c)
        warm_wall.append(reps * len(built) / w)
    cleared = []
    n_caches = 0
    for _ in range(runs):
        c = 0.0
        for _ in range(max(1, reps // 2)):
            n_caches = clear_caches()
            dc, _, _ = one_pass()
            c += dc
        cleared.append(max(1, reps // 2) * len(built) / c)
    return {
        "version": importlib.metadata.version("nomenklatura"),
        "pairs": len(built),
        "first_pass_cpu_s": cold_cpu,
        "warm_per_cpu_s": statistics.median(warm_cpu),
        "warm_per_wall_s": statistics.median(warm_wall),
        "cleared_per_cpu_s": statistics.median(cleared),
        "caches_cleared": n_caches,
        "reps": reps,
        "runs": runs,
        "quality": quality(scored),
        "load": load(),
    }


def children_cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def bench_embargo_cli(embargo: Path, pairs_csv: Path, pairs: list[dict], runs: int, out: Path) -> dict:
    # Scores of the 419 pairs, for the quality cross-check.
    scored_path = out / "embargo-compare-scores.csv"
    subprocess.run(
        [str(embargo), "compare", "--input", str(pairs_csv), "--output", str(scored_path)],
        check=True,
    )
    with open(scored_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    scored = [(float(r["score"]), r["is_match"].strip().lower() == "true") for r in rows]
    # Timing: the pairs repeated, so that process start weighs little.
    reps = 200
    big = out / f"pairs-x{reps}.csv"
    with open(pairs_csv, newline="", encoding="utf-8") as f:
        header, *body = list(csv.reader(f))
    with open(big, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for _ in range(reps):
            w.writerows(body)
    n = reps * len(body)
    per_cpu, per_wall = [], []
    for _ in range(runs):
        c0, t0 = children_cpu(), time.perf_counter()
        subprocess.run(
            [str(embargo), "compare", "--input", str(big), "--output", os.devnull], check=True
        )
        per_cpu.append(n / (children_cpu() - c0))
        per_wall.append(n / (time.perf_counter() - t0))
    return {
        "pairs": n,
        "per_cpu_s": statistics.median(per_cpu),
        "per_wall_s": statistics.median(per_wall),
        "runs": runs,
        "quality": quality(scored),
        "load": load(),
    }


def bench_embargo_inprocess(root: Path, out: Path) -> dict:
    js = out / "matching-pairs.json"
    env = dict(os.environ)
    r = subprocess.run(
        ["cargo", "bench", "-q", "-p", "embargo-matcher", "--bench", "matching", "--", "pairs", "--json", str(js)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        print(r.stdout, r.stderr, file=sys.stderr)
        raise SystemExit("the matching bench failed")
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    figures = json.loads(js.read_text())
    figures["stdout"] = lines
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", type=Path, required=True, help="the workspace root")
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder")
    ap.add_argument("--embargo", type=Path, required=True, help="the release embargo binary")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=2.0, help="CPU seconds of logic-v2 per run")
    ap.add_argument("--json", type=Path, help="write every figure here")
    a = ap.parse_args()

    pairs_csv = a.data / "eval/name-pairs/pairs.csv"
    pairs = read_pairs(pairs_csv)
    out = a.root / "target/bench-out"
    out.mkdir(parents=True, exist_ok=True)
    print(f"pairs: {len(pairs)} from {pairs_csv}; load {load()} at start\n", flush=True)

    print("== nomenklatura logic-v2 (Python, one thread)", flush=True)
    nk = bench_logic_v2(pairs, a.runs, a.seconds)
    print(f"  nomenklatura {nk['version']}")
    print(
        f"  {nk['warm_per_cpu_s']:.0f} pairs/CPU-s warm (caches hot; median of {nk['runs']} runs of "
        f"{nk['reps']}×{nk['pairs']}), {nk['warm_per_wall_s']:.0f}/wall-s; "
        f"{nk['cleared_per_cpu_s']:.0f}/CPU-s with its {nk['caches_cleared']} lru caches cleared before each pass; "
        f"the first pass took {nk['first_pass_cpu_s']:.1f} CPU-s (one-time data loading)  [load {nk['load']}]"
    )
    print(f"  quality: {fmt_quality(nk['quality'])}")
    print(
        "  EVALUATION.md reference: precision 0.733 recall 0.823 F1 0.775 at 0.7; best F1 0.793 at 0.81; ROC AUC 0.856",
        flush=True,
    )

    print("\n== embargo compare_names in process (matching bench, `pairs` section)", flush=True)
    em = bench_embargo_inprocess(a.root, out)
    for l in em["stdout"]:
        if l.startswith("  ") and ("pairs per CPU-second" in l or "cross-check" in l):
            print(l)

    print("\n== embargo compare --input … --output … (CLI, process start and output included)", flush=True)
    cli = bench_embargo_cli(a.embargo, pairs_csv, pairs, a.runs, out)
    print(
        f"  {cli['per_cpu_s']:.0f} pairs/CPU-s, {cli['per_wall_s']:.0f}/wall-s "
        f"(median of {cli['runs']} runs over {cli['pairs']} pairs)  [load {cli['load']}]"
    )
    print(f"  quality of its scores: {fmt_quality(cli['quality'])}")

    print("\n== embargo eval --sets pairs", flush=True)
    ev = subprocess.run(
        [str(a.embargo), "eval", "--data", str(a.data), "--sets", "pairs", "--show", "0"],
        capture_output=True,
        text=True,
    )
    for l in ev.stdout.splitlines():
        if l.startswith("name pairs"):
            print("  " + l)
    if ev.returncode != 0:
        print(f"  (embargo eval exited {ev.returncode}: {ev.stderr.strip()[:300]})")

    base_warm, base_cleared = nk["warm_per_cpu_s"], nk["cleared_per_cpu_s"]
    inproc = em.get("pairs.per_cpu_s", float("nan"))
    print(f"\n== ratio (target >= 100× logic-v2 per CPU-second)  [load {load()}]")
    rows = [
        ("embargo in process", inproc),
        ("embargo compare CLI", cli["per_cpu_s"]),
    ]
    for name, v in rows:
        r_warm = v / base_warm
        r_cleared = v / base_cleared
        print(
            f"  {name:<20} {v:>10.0f} pairs/CPU-s = {r_warm:6.1f}× logic-v2 warm ({base_warm:.0f}), "
            f"{r_cleared:6.1f}× logic-v2 caches cleared ({base_cleared:.0f})   "
            f"{'ok' if r_warm >= 100 else 'MISSED'}"
        )
    if a.json:
        em.pop("stdout", None)
        a.json.write_text(json.dumps({"logic_v2": nk, "embargo_inprocess": em, "embargo_cli": cli}, indent=2))


if __name__ == "__main__":
    main()
