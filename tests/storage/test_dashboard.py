"""The dashboard's numbers for a seeded week of practice, and `trainer progress show`."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from storage_helpers import run_cli, small_set

from trainer.core.progress_file import (
    ProgressAttempt,
    ProgressFile,
    ProgressMark,
    ProgressProfile,
    text_hash,
    write_progress,
)
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
ANA = "5f0c2b1e-1111-4a4a-8b8b-123456789abc"


def _week() -> ProgressFile:
    demo = small_set()
    secret = demo.articles[0]
    text = secret.text
    secretly = (text.index("secretly"), text.index("secretly") + len("secretly"))
    sources = text.index("diplomatic sources said")
    attempts = []
    # Mon..Fri: "secretly" found every day; the anonymous source only on the last two days.
    for day in range(5):
        when = NOW - timedelta(days=4 - day, hours=2)
        marks = [ProgressMark(start=secretly[0], end=secretly[1], label="framing")]
        if day >= 3:
            marks.append(ProgressMark(start=sources, end=sources + 23, label="unverified"))
        attempts.append(ProgressAttempt(
            id=str(uuid.UUID(int=day + 1)), set_id="demo", set_version=1,
            article_id="secret-plan", text_hash=text_hash(secret.title, text), level=1,
            mode="family", started_at=when - timedelta(minutes=2), submitted_at=when,
            duration_s=120.0, marks=marks))
    return ProgressFile(exported_at=NOW, profile=ProgressProfile(id=ANA, name="Ana"),
                        attempts=attempts)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    with Store.open(sqlite_url(home / 'trainer.sqlite3'), daily=False) as store:
        store.library.import_set(small_set())
        assert store.progress.import_file(_week()).added == 5
    return home


def test_dashboard_numbers_for_a_week(seeded: Path) -> None:
    with Store.open(sqlite_url(seeded / 'trainer.sqlite3'), daily=False) as store:
        board = store.progress.dashboard(ANA, NOW)
    assert board.attempts == 5
    assert board.days_practised == 5 and board.streak == 5
    assert [p.day for p in board.days] == [
        (NOW - timedelta(days=4 - d)).date().isoformat() for d in range(5)]
    assert board.mastery["loaded-language"].examples == 5
    assert board.mastery["loaded-language"].mastery == pytest.approx(1.0)
    anonymous = board.mastery["anonymous-source"]
    assert (anonymous.examples, anonymous.found) == (5, 2)
    assert 0.4 < (anonymous.mastery or 0) < 0.5  # recent successes weigh more than 2/5
    assert board.mastery["labeling"].mastery is None  # never met: not enough yet
    # One sentence holds both key spans (a hit every day), one only a debatable span (no
    # trial), one nothing (correctly left alone every day).
    d = board.discernment
    assert (d.hits, d.misses, d.false_alarms, d.correct_rejections) == (5, 0, 0, 5)
    # Found twice in a row after three misses: box 3, due in four days; nothing met is due, so
    # the queue offers techniques not practised yet, each with a passage that holds it where
    # the library has one.
    assert board.weak_spots and all(s.reason_key == "new" for s in board.weak_spots)
    later = NOW + timedelta(days=30)
    with Store.open(sqlite_url(seeded / 'trainer.sqlite3'), daily=False) as store:
        boosters = store.progress.dashboard(ANA, later).weak_spots
    assert {"loaded-language", "anonymous-source"} <= {s.technique for s in boosters}
    assert all(s.reason_key == "booster" for s in boosters if s.box >= 3)


def test_progress_show_json(seeded: Path) -> None:
    result = run_cli("progress", "show", "--profile", "Ana", "--json", home=seeded)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"profile", "attempts", "score", "mastery", "discernment",
                         "weak_spots", "next"}
    assert data["profile"] == {"id": ANA, "name": "Ana"}
    assert data["attempts"] == 5
    assert data["mastery"]["labeling"] == {"mastery": None, "examples": 0}
    assert data["mastery"]["loaded-language"]["examples"] == 5
    assert set(data["discernment"]) == {"d_prime", "c", "hits", "misses", "false_alarms",
                                        "correct_rejections"}
    for spot in data["weak_spots"]:
        assert set(spot) == {"technique", "reason"} and spot["reason"]
    text = run_cli("progress", "show", "--profile", "ana", home=seeded)
    assert text.returncode == 0 and "mastery:" in text.stdout
    missing = run_cli("progress", "show", "--profile", "Zoe", home=seeded)
    assert missing.returncode == 1 and "no profile named 'Zoe'" in missing.stderr


def test_export_of_a_week_round_trips(seeded: Path, tmp_path: Path) -> None:
    with Store.open(sqlite_url(seeded / 'trainer.sqlite3'), daily=False) as store:
        exported = store.progress.export_file(ANA)
    write_progress(exported, tmp_path / "ana.json")
    assert [a.id for a in exported.attempts] == [a.id for a in _week().attempts]


def test_drills_come_from_done_passages_and_count(seeded: Path, tmp_path: Path) -> None:
    import random

    with Store.open(sqlite_url(seeded / 'trainer.sqlite3'), daily=False) as store:
        items = store.drills.round(ANA, random.Random(7), NOW)
        assert items and {i.article_id for i in items} == {"secret-plan"}  # the only one done
        problem = next(i for i in items if i.technique is not None)
        before = store.progress.dashboard(ANA, NOW)
        store.drills.answer(ANA, problem, "family", "framing", "framing", NOW)
        after = store.progress.dashboard(ANA, NOW)
        assert after.discernment.hits == before.discernment.hits + 1
        key = problem.technique or ""
        assert after.mastery[key].examples == before.mastery[key].examples + 1
        exported = store.progress.export_file(ANA)
    assert [d.technique for d in exported.drills] == [problem.technique]
    with Store.open(sqlite_url(tmp_path / 'other.sqlite3'), daily=False) as other:
        other.library.import_set(small_set())
        report = other.progress.import_file(exported)
        assert report.drills_added == 1
        assert other.progress.import_file(exported).drills_added == 0
        moved = other.progress.dashboard(ANA, NOW)
    assert moved.discernment == after.discernment
