"""The student score is stored with every attempt, and computed for attempts stored before."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage_helpers import TEXT_ONE, at, small_set

from trainer.core.model import Annotation, Article, ArticleSet, ExtraTechnique
from trainer.core.spans import Span
from trainer.core.student_score import StudentScore
from trainer.storage.migrate import MIGRATIONS_DIR, script_directory
from trainer.storage.service import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"


def _student_revision() -> tuple[str, str]:
    """(revision, down revision) of the migration that adds the student score."""
    script = script_directory()
    for rev in script.walk_revisions():
        if (rev.doc or "").startswith("student score"):
            return rev.revision, str(rev.down_revision)
    raise AssertionError("no 'student score' migration")


STUDENT_REVISION, BEFORE_STUDENT = _student_revision()
OLDER = sorted(p.stem for p in FIXTURES.glob("*.sqlite3") if p.stem < STUDENT_REVISION)
STARTED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
RUMOUR = "People say the bridge will close. The council denies it. Work starts in May."


def rumour_set() -> ArticleSet:
    """A set with a technique of its own, so that family mode needs the set's taxonomy."""
    return ArticleSet(
        id="rumours", title="Rumours",
        techniques=[ExtraTechnique(id="rumour-mill", family="unverified", name="Rumour mill",
                                   definition="Passing on what people are saying.")],
        articles=[Article(id=f"bridge-{level}", title=f"Bridge {level}", level=level,
                          text=RUMOUR, annotations=[at(RUMOUR, "People say", "rumour-mill")])
                  for level in (1, 3)] + [
            Article(id="headline", title="Bridge chaos looms", text=RUMOUR, annotations=[
                at(RUMOUR, "People say", "rumour-mill"),
                Annotation(start=7, end=18, label="exaggeration", part="title")])])


def mark(text: str, phrase: str, label: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), label)


def student_columns(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT uuid, student_score, student_found, student_partly, student_missed, "
            "student_key_spans, student_marks, student_hits, student_false_alarms, "
            "student_too_broad, student_wrong_labels FROM attempt ORDER BY id").fetchall()
    finally:
        con.close()


def test_submit_returns_and_stores_the_student_score(store: Store) -> None:
    store.library.import_set(small_set())
    ana = store.profiles.create("Ana")
    secret = next(e for e in store.library.entries(ana.id) if e.title == "A secret plan")
    # One word wider than the key on each side: the research score drops, this one doesn't.
    marks = [mark(TEXT_ONE, "are secretly planning", "loaded-language"),
             mark(TEXT_ONE, "diplomatic sources said.", "anonymous-source")]
    attempt = store.practice.submit(ana.id, secret.revision_id, marks, mode="family",
                                    started_at=STARTED)
    assert attempt.result.counts["family"].precision < 0.8
    assert attempt.student == StudentScore(found=2, key_spans=2, marks=2, hits=2,
                                           mode="family")
    [summary] = store.progress.history(ana.id)
    assert summary.student == attempt.student and summary.student.score == 1.0


def test_a_whole_passage_mark_is_stored_as_too_broad(store: Store) -> None:
    store.library.import_set(small_set())
    ana = store.profiles.create("Ana")
    clean = next(e for e in store.library.entries(ana.id) if e.is_clean)
    text = store.library.article(clean.revision_id).article.text
    attempt = store.practice.submit(ana.id, clean.revision_id, [Span(0, len(text), "framing")],
                                    mode="family", started_at=STARTED)
    assert attempt.result.counts["family"].recall == 1.0
    assert (attempt.student.too_broad, attempt.student.score) == (1, 0.0)
    assert store.progress.history(ana.id)[0].student.score == 0.0


@pytest.mark.parametrize("revision", OLDER)
def test_older_fixtures_get_their_student_score(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    shutil.copyfile(FIXTURES / f"{revision}.sqlite3", path)
    with Store.open(f"sqlite:///{path}") as store:
        ana = next(p for p in store.profiles.list() if p.name == "Ana")
        history = {a.article_title: a.student for a in store.progress.history(ana.id)}
    # "secretly" marked exactly; "diplomatic sources said" missed; graded by family.
    assert history["A secret plan"] == StudentScore(found=1, missed=1, key_spans=2, marks=1,
                                                    hits=1, mode="family")
    # A clean passage, "nothing to flag": a perfect score.
    assert history["Library hours"] == StudentScore(mode="technique")
    scores = sorted(row[1] for row in student_columns(path))
    assert scores == [2 / 3, 1.0]


def test_the_migration_computes_what_submit_stores(tmp_path: Path) -> None:
    """Attempts of every kind, stored at head; dropping the columns (downgrade to the
    revision before) and upgrading again must compute the very same values from the marks."""
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "trainer.sqlite3"
    with Store.open(f"sqlite:///{path}", daily=False) as store:
        store.library.import_set(small_set())
        store.library.import_set(rumour_set())
        ana = store.profiles.create("Ana")
        entries = {e.title: e for e in store.library.entries(ana.id)}
        heroes = store.library.article(entries["So-called heroes"].revision_id).article.text
        attempts = [
            ("A secret plan", "family", [mark(TEXT_ONE, "secretly planning", "framing"),
                                         mark(TEXT_ONE, "Many expect", "unverified"),
                                         mark(TEXT_ONE, "The council met", "framing")]),
            ("A secret plan", "technique", [Span(0, len(TEXT_ONE), "loaded-language")]),
            ("A secret plan", "any", [mark(TEXT_ONE, "sources", "labeling")]),
            ("So-called heroes", "technique", [mark(heroes, "so-called", "framing")]),
            ("Library hours", "family", []),
            ("Bridge 1", "family", [mark(RUMOUR, "People say the", "unverified")]),
            ("Bridge 3", "technique", [mark(RUMOUR, "People say the", "unverified")]),
            # A headline mark, in scoring coordinates: after the text and a blank line.
            ("Bridge chaos looms", "family", [Span(len(RUMOUR) + 2 + 7, len(RUMOUR) + 2 + 12,
                                                    "framing")]),
        ]
        for title, mode, marks in attempts:
            store.practice.submit(ana.id, entries[title].revision_id, marks, mode=mode,
                                  started_at=STARTED)
    stored = student_columns(path)
    # score, found, partly, missed, key spans, marks, hits, false alarms, too broad, wrong
    assert [row[1:] for row in stored] == [
        (0.5, 1, 0, 1, 2, 2, 1, 1, 0, 0),  # one hit, one false alarm, a debatable set aside
        (0.0, 0, 0, 2, 2, 1, 0, 0, 1, 0),  # the whole passage: too broad
        (0.4, 0, 1, 1, 2, 1, 1, 0, 0, 0),  # 7 of 23 characters: partly found
        (1.0, 1, 0, 0, 1, 1, 1, 0, 0, 0),  # a family-labelled key, graded by technique
        (1.0, 0, 0, 0, 0, 0, 0, 0, 0, 0),  # clean, left alone
        (1.0, 1, 0, 0, 1, 1, 1, 0, 0, 0),  # the set's own technique is in "unverified"
        (0.0, 0, 0, 1, 1, 1, 0, 0, 0, 1),  # ... but not the same technique: wrong label
        (0.4, 0, 1, 1, 2, 1, 1, 0, 0, 0),  # "chaos" of "chaos looms": a headline partly found
    ]

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.downgrade(config, BEFORE_STUDENT)
    con = sqlite3.connect(path)
    columns = {r[1] for r in con.execute("PRAGMA table_info(attempt)")}
    answer_spans = con.execute("SELECT count(*) FROM answer_span").fetchone()[0]
    con.close()
    assert not any(c.startswith("student_") for c in columns)
    assert answer_spans == 9
    with Store.open(f"sqlite:///{path}", daily=False) as store:
        assert store.check().ok
    assert student_columns(path) == stored


def test_progress_files_carry_the_student_score_and_imports_compute_it(tmp_path: Path) -> None:
    here, there = tmp_path / "here.sqlite3", tmp_path / "there.sqlite3"
    with Store.open(f"sqlite:///{here}", daily=False) as store:
        store.library.import_set(small_set())
        ana = store.profiles.create("Ana")
        secret = next(e for e in store.library.entries(ana.id) if e.title == "A secret plan")
        store.practice.submit(ana.id, secret.revision_id,
                              [mark(TEXT_ONE, "are secretly planning", "framing")],
                              mode="family", started_at=STARTED)
        progress = store.progress.export_file(ana.id)
    [attempt] = progress.attempts
    assert attempt.scores["student"]["found"] == 1
    assert attempt.scores["student"]["score"] == pytest.approx(2 / 3)
    with Store.open(f"sqlite:///{there}", daily=False) as store:
        store.library.import_set(small_set())
        store.progress.import_file(progress)
    assert student_columns(there) == student_columns(here)
