"""Progress dashboard on a large store: 40 profiles × 2,500 attempts (DESIGN §9, issue 11).

Times everything one profile's dashboard shows — store.progress.dashboard(): mastery per
technique, discernment over time, streak, weak spots and the passages that practise them —
for every profile, and reports the slowest (target 150 ms). Baseline, in the same run: reading
the same profile's attempt and tally rows with plain sqlite3 (the I/O floor).
Run: python benchmarks/dashboard.py   — the last line is the JSON result.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.support.datagen import fill_attempts, generate_set
from trainer.storage.engine import sqlite_url
from trainer.storage.learning import refresh_reviews
from trainer.storage.models import AttemptTechnique, Profile
from trainer.storage.service import Store

PROFILES = 40
ATTEMPTS = 2500
TARGET_MS = 150.0


def _raw_read(path: Path, profile_pk: int) -> int:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT submitted_at, f1_family, hits, misses, false_alarms, "
                           "correct_rejections FROM attempt WHERE profile_id = ? "
                           "ORDER BY submitted_at, id", (profile_pk,)).fetchall()
        tallies = con.execute("SELECT t.label, a.submitted_at, t.found, t.total FROM "
                              "attempt_technique t JOIN attempt a ON a.id = t.attempt_id "
                              "WHERE a.profile_id = ?", (profile_pk,)).fetchall()
        return len(rows) + len(tallies)
    finally:
        con.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        url = sqlite_url(path)
        with Store.open(url, daily=False) as store:
            store.library.import_set(generate_set(500))
        fill_attempts(path, PROFILES, ATTEMPTS)
        with Store.open(url, daily=False) as store:
            # The generator writes attempts only; build the schedule as submit would have.
            with Session(store.engine) as session, session.begin():
                labels = list(session.scalars(select(AttemptTechnique.label).distinct()))
                pks = list(session.scalars(select(Profile.id).order_by(Profile.id)))
                for pk in pks:
                    refresh_reviews(session, pk, labels)
            profiles = store.profiles.list()
            ids = {p.name: p.id for p in profiles}
            store.progress.dashboard(profiles[0].id)  # warm the page cache once
            timings, baselines = [], []
            for pk, profile in zip(pks, sorted(profiles, key=lambda p: p.name), strict=True):
                t0 = time.perf_counter()
                board = store.progress.dashboard(ids[profile.name])
                timings.append((time.perf_counter() - t0) * 1000)
                assert board.attempts == ATTEMPTS and board.mastery
                t0 = time.perf_counter()
                assert _raw_read(path, pk) > ATTEMPTS
                baselines.append((time.perf_counter() - t0) * 1000)
    worst = max(timings)
    baseline = statistics.median(baselines)
    print(f"dashboard per profile: median {statistics.median(timings):.1f} ms, worst "
          f"{worst:.1f} ms (target {TARGET_MS:.0f} ms); plain sqlite3 read of the same rows: "
          f"median {baseline:.1f} ms")
    print(json.dumps({
        "benchmark": "progress-dashboard-40x2500", "value": round(worst, 2), "unit": "ms",
        "baseline": round(baseline, 2), "ratio": round(worst / baseline, 2),
        "target": TARGET_MS, "ok": worst <= TARGET_MS}))


if __name__ == "__main__":
    main()
