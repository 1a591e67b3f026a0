"""Dashboard queries on a large store: 40 profiles × 2,500 attempts (DESIGN §9).

Per profile: history() + technique_stats() — what the progress dashboard shows (target
150 ms, the slowest of the 40 profiles is reported). All profiles: profiles_overview() +
all_technique_stats() (target 500 ms, median of 5 runs). The data is written with plain
sqlite3 in the shapes Store.submit writes (see support/datagen.fill_attempts).
Run: python benchmarks/queries.py   — the last line is the JSON result.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.support.datagen import fill_attempts, generate_set
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store

PROFILES = 40
ATTEMPTS = 2500
PROFILE_TARGET_MS = 150.0
AGGREGATE_TARGET_MS = 500.0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        url = sqlite_url(path)
        with Store.open(url, daily=False) as store:
            store.library.import_set(generate_set(500))
        began = time.perf_counter()
        fill_attempts(path, PROFILES, ATTEMPTS)
        print(f"generated {PROFILES * ATTEMPTS} attempts in {time.perf_counter() - began:.1f} s")
        with Store.open(url, daily=False) as store:
            profiles = store.profiles.list()
            store.progress.history(profiles[0].id)  # warm the page cache once
            per_profile = []
            for profile in profiles:
                t0 = time.perf_counter()
                history = store.progress.history(profile.id)
                stats = store.progress.technique_stats(profile.id)
                per_profile.append((time.perf_counter() - t0) * 1000)
                assert len(history) == ATTEMPTS and stats
            aggregate = []
            for _ in range(5):
                t0 = time.perf_counter()
                overview = store.progress.profiles_overview()
                totals = store.progress.all_technique_stats()
                aggregate.append((time.perf_counter() - t0) * 1000)
                assert len(overview) == PROFILES and totals
    worst = max(per_profile)
    median_agg = statistics.median(aggregate)
    print(f"per-profile dashboard: median {statistics.median(per_profile):.1f} ms, "
          f"worst {worst:.1f} ms (target {PROFILE_TARGET_MS:.0f} ms)")
    print(f"all-profiles aggregate: median {median_agg:.1f} ms "
          f"(target {AGGREGATE_TARGET_MS:.0f} ms)")
    print(json.dumps({
        "benchmark": "dashboard-40x2500", "value": round(worst, 2), "unit": "ms",
        "baseline": None, "ratio": None, "target": PROFILE_TARGET_MS,
        "ok": worst <= PROFILE_TARGET_MS and median_agg <= AGGREGATE_TARGET_MS,
        "aggregate_ms": round(median_agg, 2), "aggregate_target": AGGREGATE_TARGET_MS}))


if __name__ == "__main__":
    main()
