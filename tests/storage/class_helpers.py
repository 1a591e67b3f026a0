"""Helpers of the class tests: students' laptops that hand in progress files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from storage_helpers import small_set

from trainer.core.progress_file import write_progress
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store

STARTED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def student_file(folder: Path, name: str, marks: list[Span], usb: Path, *,
                 code: str | None = None, assignment: str | None = None,
                 changed: bool = False) -> Path:
    """A student's laptop: the demo set, two attempts, exported as a progress file."""
    with Store.open(sqlite_url(folder / "trainer.sqlite3"), daily=False) as store:
        store.library.import_set(small_set(version=2 if changed else 1, changed=changed))
        profile = store.profiles.create(name)
        entries = {e.article_id: e for e in store.library.entries(profile.id)}
        store.practice.submit(profile.id, entries["secret-plan"].revision_id, marks,
                              mode="family", started_at=STARTED, assignment_id=assignment)
        store.practice.submit(profile.id, entries["library-hours"].revision_id, [],
                              mode="family", started_at=STARTED, nothing_to_flag=True)
        exported = store.progress.export_file(profile.id)
    if code is not None:  # as a student's laptop writes it once the code is set there
        exported = exported.model_copy(update={
            "profile": exported.profile.model_copy(update={"student_code": code})})
    target = usb / f"{name}.mltprogress"
    write_progress(exported, target)
    return target


def class_files(tmp_path: Path) -> Path:
    """Ana finds both key spans; Ben finds one and flags a fair sentence."""
    usb = tmp_path / "usb"
    usb.mkdir(exist_ok=True)
    text = small_set().articles[0].text
    secretly, sources = text.index("secretly"), text.index("diplomatic sources said")
    council = text.index("The council met")
    student_file(tmp_path / "ana", "Ana", [Span(secretly, secretly + 8, "framing"),
                                           Span(sources, sources + 23, "unverified")], usb,
                 code="A-1", assignment="week-1")
    student_file(tmp_path / "ben", "Ben", [Span(secretly, secretly + 8, "framing"),
                                           Span(council, council + 15, "framing")], usb)
    return usb
