"""Generated classes for the class report screen's tests: students practise on their own
store, export their progress files to a "USB stick" folder, and a teacher's store has the same
set. Look-alike data only (tests/ui/conftest.py's set)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from tests.ui.conftest import PEACE_TEXT, make_set
from trainer.core.progress_file import write_progress
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store

STARTED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def phrase(text: str, label: str) -> Span:
    start = PEACE_TEXT.index(text)
    return Span(start, start + len(text), label)


CITING = "citing diplomatic sources"
MANY = "Many expect"
MINISTRY = "The ministry published"

# Each student's marks on the "peace" passage (level 1, graded by family); its key spans are
# "citing diplomatic sources" and "Many expect" (unverified) and "intervention" (framing).
MARKS: dict[str, list[Span]] = {
    # 2 hits of 2 marks, 2 of 3 key spans found: P 1, R ⅔ → score 0.8
    "Ana": [phrase(CITING, "unverified"), phrase(MANY, "unverified")],
    # 1 hit of 2 marks (the ministry sentence is fair), 1 of 3 found: P ½, R ⅓ → 0.4
    "Ben": [phrase(MANY, "unverified"), phrase(MINISTRY, "framing")],
    # 1 hit of 1 mark, 1 of 3 found: P 1, R ⅓ → 0.5
    "Cem": [phrase(CITING, "unverified")],
    # nothing marked: R 0 → 0
    "Dia": [],
}
SCORES = {"Ana": 0.8, "Ben": 0.4, "Cem": 0.5, "Dia": 0.0}


def make_class(folder: Path, names: Sequence[str], *, assignment: str | None = None,
               note: tuple[str, str] | None = None) -> list[Path]:
    """One progress file per student in `folder`; `note` = (student, text) of an "I disagree"
    note on "intervention"."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    with Store.open(sqlite_url(folder.parent / f"{folder.name}-students.sqlite3"),
                    daily=False) as store:
        store.library.import_set(make_set())
        for name in names:
            profile = store.profiles.create(name)
            entries = {e.article_id: e for e in store.library.entries(profile.id)}
            done = store.practice.submit(profile.id, entries["peace"].revision_id,
                                         MARKS[name], mode="family", started_at=STARTED,
                                         assignment_id=assignment)
            if note is not None and note[0] == name:
                start = PEACE_TEXT.index("intervention")
                store.practice.save_note(done.attempt_id, "text", start,
                                         start + len("intervention"), note[1])
            target = folder / f"{name}.mltprogress"
            write_progress(store.progress.export_file(profile.id), target)
            files.append(target)
    return files


def teacher_store(path: Path) -> Store:
    store = Store.open(sqlite_url(path), daily=False)
    store.library.import_set(make_set())
    return store
