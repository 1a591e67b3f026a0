"""Class report on a stored class: 30 progress files × 500 attempts (DESIGN §9, issue 12).

A generated set is imported into a temporary store; 30 students' progress files are generated
(each attempt marks a few of the article's key phrases, some too short, some with the wrong
label, plus false alarms), imported with store.classes.import_files, and then
store.classes.report() is timed: every attempt scored again against the teacher's copy of its
article. Median of 3 runs each. Baseline, in the same run: the bare json.load of the 30 files.
Run: python benchmarks/class_report.py   — the last line is the JSON result.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.support.datagen import generate_set
from trainer.core.model import ArticleSet
from trainer.core.progress_file import (
    ProgressAttempt,
    ProgressFile,
    ProgressMark,
    ProgressProfile,
    text_hash,
    write_progress,
)
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.storage.starter import ensure_starter

STUDENTS = 30
ATTEMPTS = 500
ARTICLES = 120
SPANS = 8
RUNS = 3
TARGET_MS = 1000.0


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _marks(rng: random.Random, article: object, labels: list[str]) -> list[ProgressMark]:
    from trainer.core.model import Article

    assert isinstance(article, Article)
    marks = []
    for key in article.annotations:
        roll = rng.random()
        if roll < 0.55:  # found, with the right label
            marks.append(ProgressMark(start=key.start, end=key.end, label=key.label))
        elif roll < 0.7:  # partly, or the wrong label
            marks.append(ProgressMark(start=key.start, end=key.start + max(1, (
                key.end - key.start) // 3), label=rng.choice(labels)))
    for _ in range(rng.randint(0, 2)):  # false alarms anywhere
        start = rng.randrange(0, max(1, len(article.text) - 30))
        marks.append(ProgressMark(start=start, end=start + rng.randint(5, 30),
                                  label=rng.choice(labels)))
    return marks


def class_files(article_set: ArticleSet, folder: Path, seed: int = 5) -> list[Path]:
    rng = random.Random(seed)
    labels = sorted(default_taxonomy().techniques)
    hashes = {a.id: text_hash(a.title, a.text) for a in article_set.articles}
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    paths = []
    for s in range(STUDENTS):
        attempts = []
        for a in range(ATTEMPTS):
            article = rng.choice(article_set.articles)
            when = start + timedelta(minutes=11 * a + s)
            attempts.append(ProgressAttempt(
                id=_uuid(rng), set_id=article_set.id, set_version=article_set.version,
                article_id=article.id, text_hash=hashes[article.id], level=2,
                mode=rng.choice(("family", "technique")),
                assignment_id="term-1" if a % 4 == 0 else None, started_at=when,
                submitted_at=when + timedelta(seconds=200), duration_s=200.0,
                nothing_to_flag=not article.annotations and rng.random() < 0.5,
                marks=_marks(rng, article, labels)))
        progress = ProgressFile(
            exported_at=start + timedelta(days=60),
            profile=ProgressProfile(id=_uuid(rng), name=f"Student {s:02d}",
                                    student_code=f"S-{s:03d}"),
            attempts=attempts)
        path = folder / f"student-{s:02d}.mltprogress"
        write_progress(progress, path)
        paths.append(path)
    return paths


def _median_ms(run: object) -> float:
    assert callable(run)
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "usb"
        folder.mkdir()
        article_set = generate_set(ARTICLES, spans=SPANS, set_id="class-bench")
        paths = class_files(article_set, folder)

        def bare_load() -> None:
            for path in paths:
                with path.open(encoding="utf-8") as handle:
                    json.load(handle)

        baseline = _median_ms(bare_load)
        imports = []
        report_ms: list[float] = []
        report_cpu: list[float] = []
        attempts = 0
        for run in range(RUNS):
            url = sqlite_url(Path(tmp) / f"teacher-{run}.sqlite3")
            with Store.open(url, daily=False) as store:
                store.library.import_set(article_set)
                began = time.perf_counter()
                result = store.classes.import_files([folder])
                imports.append((time.perf_counter() - began) * 1000)
                assert result.problems == [] and result.attempts_added == STUDENTS * ATTEMPTS
                ensure_starter(store)  # once per store, as at the program's start
                began, cpu = time.perf_counter(), time.process_time()
                report = store.classes.report()
                report_ms.append((time.perf_counter() - began) * 1000)
                report_cpu.append((time.process_time() - cpu) * 1000)
                attempts = len(report.attempts)
        assert attempts == STUDENTS * ATTEMPTS
        value = statistics.median(report_ms)
    print(f"class of {STUDENTS} students × {ATTEMPTS} attempts, {ARTICLES} articles × "
          f"{SPANS} key spans")
    print(f"import_files (30 files, new store): median {statistics.median(imports):.0f} ms")
    print(f"report(): median {value:.0f} ms (runs: "
          f"{', '.join(f'{t:.0f}' for t in report_ms)})")
    print(f"report() CPU time: median {statistics.median(report_cpu):.0f} ms; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (others' work inflates the wall "
          "time)")
    print(f"baseline (json.load of the 30 files): median {baseline:.0f} ms")
    print(json.dumps({"benchmark": "class_report", "value": round(value, 1), "unit": "ms",
                      "baseline": round(baseline, 1), "ratio": round(value / baseline, 2),
                      "target": TARGET_MS, "ok": value <= TARGET_MS}))


if __name__ == "__main__":
    main()
