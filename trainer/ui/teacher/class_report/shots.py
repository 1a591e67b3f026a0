"""The class report in `make screenshots`: a seeded class of six students hands in progress
files (plus one broken file, so the problems strip shows), imported through the window's real
import path; then the Students, Techniques, Articles and Heatmap tabs, and the heatmap in the
dark and high-contrast themes, and two tabs at 1024×600.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.progress_file import (
    ProgressAttempt,
    ProgressFile,
    ProgressMark,
    ProgressNote,
    ProgressProfile,
    text_hash,
    write_progress,
)
from trainer.core.taxonomy import default_taxonomy
from trainer.storage.service import Store
from trainer.ui.teacher.class_report.window import ClassReportWindow

if TYPE_CHECKING:
    from trainer.ui.shell.screenshots import ScreenshotTour

STUDENTS = (("Amira", 0.85), ("Ben", 0.5), ("Chloé", 0.7), ("Dario", 0.3), ("Emil", 0.6),
            ("Fatima", 0.75))  # name, chance to find a key span


def sample_class(store: Store, profile_id: str, folder: Path, seed: int = 5) -> list[Path]:
    """Write one progress file per sample student into `folder` (and a broken one)."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    # Enough passages that most techniques have the evidence a mastery figure needs.
    entries = [e for e in store.library.entries(profile_id) if e.level in (1, 2)][:10]
    paths: list[Path] = []
    for name, skill in STUDENTS:
        attempts = []
        # Three rounds over the passages (the class practised on three days), so that a
        # technique seen once per round reaches the evidence a mastery figure needs.
        for n, entry in enumerate(entries * 3):
            article = store.library.article(entry.revision_id).article
            keys = [a for a in article.annotations if not a.optional and a.part == "text"]
            marks = [ProgressMark(start=a.start, end=a.end, part="text",
                                  label=default_taxonomy().family_of(a.label))
                     for a in keys if rng.random() < skill]
            if rng.random() > skill and keys:  # a fair phrase flagged too, now and then
                first = article.text.split(". ")[-1]
                start = article.text.rindex(first)
                end = start + len(" ".join(first.split()[:3]))
                if not any(k.start < end and start < k.end for k in keys):
                    marks.append(ProgressMark(start=start, end=end, label="framing"))
            notes = []
            if name == "Dario" and keys:
                notes = [ProgressNote(start=keys[0].start, end=keys[0].end,
                                      text="The article names its source later on.")]
            submitted = now - timedelta(days=9 - 3 * (n // len(entries)), minutes=9 * n)
            attempts.append(ProgressAttempt(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), set_id=entry.set_id,
                set_version=1, article_id=entry.article_id,
                text_hash=text_hash(article.title, article.text), level=1, mode="family",
                started_at=submitted - timedelta(minutes=7), submitted_at=submitted,
                duration_s=420.0, nothing_to_flag=not marks and article.is_clean,
                marks=marks, notes=notes))
        profile = ProgressProfile(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                                  name=name, student_code=f"9B-{len(paths) + 1:02d}")
        path = folder / f"{name}.mltprogress"
        write_progress(ProgressFile(exported_at=now, profile=profile, attempts=attempts), path)
        paths.append(path)
    broken = folder / "Gustav.mltprogress"
    broken.write_bytes(b'{"format": "trainer.progress", "profile": ')  # cut off mid-copy
    return [*paths, broken]


def class_report_steps(tour: ScreenshotTour) -> list[Callable[[], None]]:
    window = tour.window
    holder: list[ClassReportWindow] = []
    folder = Path(tempfile.mkdtemp(prefix="class-"))

    def open_report() -> None:
        tour.theme("light")
        report = ClassReportWindow(lambda: window.store, default_taxonomy(), window)
        report.resize(1366, 768)
        report.show()
        holder.append(report)
        profile = window.profile_id or window.store.profiles.create("Teacher").id
        report.import_paths([folder] if sample_class(window.store, profile, folder) else [])

    def tab(index: int) -> None:
        holder[0].tabs.setCurrentIndex(index)

    def theme(name: str) -> None:
        tour.theme(name)
        holder[0].tabs.setCurrentIndex(3)

    def small(index: int) -> None:
        tour.theme("light")
        holder[0].resize(1024, 600)
        holder[0].tabs.setCurrentIndex(index)

    def grab(name: str) -> None:
        tour.grab(holder[0], name)

    def close() -> None:
        holder[0].close()
        shutil.rmtree(folder, ignore_errors=True)
        tour.theme("system")

    return [
        open_report,
        lambda: tab(0), partial(grab, "18-class-students"),
        lambda: tab(1), partial(grab, "19-class-techniques"),
        lambda: tab(2), partial(grab, "20-class-articles"),
        lambda: tab(3), partial(grab, "21-class-heatmap"),
        partial(theme, "dark"), partial(grab, "21-class-heatmap-dark"),
        partial(theme, "high-contrast"), partial(grab, "21-class-heatmap-high-contrast"),
        partial(small, 0), partial(grab, "18-class-students-1024x600"),
        partial(small, 2), partial(grab, "20-class-articles-1024x600"),
        close,
    ]
