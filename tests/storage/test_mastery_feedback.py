"""Mastery counts what the feedback says (session 4): a key phrase reached only by a mark that
runs over two sentences is "Too broad" in the feedback, so it is not found on the student's
dashboard, in the review queue or in the class report — and figures an older program stored
the old way are computed again when the database is opened."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from class_helpers import student_file
from storage_helpers import run_cli, small_set

from trainer.core.class_attempts import AttemptFigures
from trainer.core.feedback_verdicts import feedback_verdicts
from trainer.core.mastery import FIGURES_VERSION, technique_tally
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.figures import FIGURES_KEY
from trainer.storage.service import Store

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
TEXT = small_set().articles[0].text
SECRETLY = TEXT.index("secretly")
# From "secretly" to the end of the second sentence: one mark over two sentences.
BROAD = Span(SECRETLY, TEXT.index("soon.") + len("soon."), "framing")
TECHNIQUES = ["loaded-language", "anonymous-source"]
UNTOUCHED = 0.125  # a research F1 no attempt here has: figures kept, not scored again


def _student(folder: Path) -> tuple[Store, str]:
    store = Store.open(sqlite_url(folder / "trainer.sqlite3"), daily=False)
    store.library.import_set(small_set())
    profile = store.profiles.create("Ana")
    entries = {e.article_id: e for e in store.library.entries(profile.id)}
    store.practice.submit(profile.id, entries["secret-plan"].revision_id, [BROAD],
                          mode="family", started_at=NOW)
    return store, profile.id


def _found(store: Store, profile_id: str) -> tuple[float, int]:
    mastery = store.progress.dashboard(profile_id, NOW, TECHNIQUES).mastery["loaded-language"]
    return mastery.found, mastery.examples


def _class_found(store: Store) -> tuple[float, int]:
    mastery = store.classes.report().students[0].mastery["loaded-language"]
    return mastery.found, mastery.examples


def _techniques_csv(folder: Path) -> dict[tuple[str, str], tuple[str, str]]:
    with (folder / "techniques.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {(row["student_name"], row["technique"]): (row["examples"], row["found"])
                for row in csv.DictReader(handle)}


def test_the_feedback_says_too_broad_and_the_dashboard_agrees(tmp_path: Path) -> None:
    store, ana = _student(tmp_path)
    try:
        view = store.library.article(store.library.entries(ana)[0].revision_id)
        shown = feedback_verdicts(view.article, [BROAD],
                                  score_article(view.article, [BROAD], view.taxonomy),
                                  "family", view.taxonomy)
        assert {v.label: v.verdict for v in shown if v.source == "key" and not v.optional}[
            "loaded-language"] == "too-broad"
        assert _found(store, ana) == (0, 1)
        # The review queue reads the same tallies: nothing was found last time.
        with sqlite3.connect(tmp_path / "trainer.sqlite3") as con:
            assert con.execute("SELECT last_found, last_total FROM technique_review WHERE "
                               "technique = 'loaded-language'").fetchall() == [(0.0, 1)]
    finally:
        store.close()


def test_the_class_report_counts_a_too_broad_mark_as_not_found(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    student_file(tmp_path / "ana", "Ana", [BROAD], usb)
    home = tmp_path / "teacher"
    with Store.open(sqlite_url(home / "trainer.sqlite3"), daily=False) as teacher:
        teacher.library.import_set(small_set())
        teacher.classes.import_files([usb])
        assert _class_found(teacher) == (0, 1)
    # `trainer class-report` as the teacher runs it: over the files, and over the stored class.
    run_cli("class-report", str(usb), "--csv", str(tmp_path / "files"), home=home,
            check=True)
    run_cli("class-report", "--csv", str(tmp_path / "stored"), home=home, check=True)
    for folder in ("files", "stored"):
        rows = _techniques_csv(tmp_path / folder)
        assert rows[("Ana", "loaded-language")] == ("1", "0"), folder
        assert rows[("Ana", "anonymous-source")] == ("1", "0"), folder


def _as_an_older_program_left_it(path: Path) -> None:
    """The tallies, review queue and kept class figures as the program before
    FIGURES_VERSION 4 stored them: from the research verdicts, where a mark over two
    sentences "finds" every key phrase inside it."""
    article = small_set().articles[0]
    from trainer.core.taxonomy import default_taxonomy

    old = technique_tally((v.verdict, v.label, v.source, v.optional) for v in score_article(
        article, [BROAD], default_taxonomy()).verdicts)
    assert old["loaded-language"] == (1, 1)  # what the old way counted
    with sqlite3.connect(path) as con:
        con.execute("UPDATE attempt_technique SET found = 1 WHERE label = 'loaded-language'")
        con.execute("UPDATE technique_review SET last_found = 1, box = 2 "
                    "WHERE technique = 'loaded-language'")
        con.execute("DELETE FROM setting WHERE key = ?", (FIGURES_KEY,))
        rows = con.execute("SELECT attempt_id, scored_against, figures_json "
                           "FROM class_score").fetchall()
        assert rows
        for pk, against, text in rows:
            figures = AttemptFigures.from_json(text)
            techniques = [[t, 1 if t == "loaded-language" else f, n]
                          for t, f, n in figures.techniques]
            values = json.loads(text)
            values[8] = techniques
            if not figures.student.too_broad:
                values[1] = UNTOUCHED  # still right under version 4: kept as it is
            con.execute("UPDATE class_score SET scored_against = ?, figures_json = ? "
                        "WHERE attempt_id = ?",
                        (against.replace(f":f{FIGURES_VERSION}", ":f3"), json.dumps(values),
                         pk))


def test_figures_stored_the_old_way_are_computed_again_on_opening(tmp_path: Path) -> None:
    """A real database file holding an attempt and a class attempt scored the old way: the
    student's dashboard, the review queue and the class report are right after the upgrade,
    in the program and in `trainer class-report`."""
    usb = tmp_path / "usb"
    usb.mkdir()
    student_file(tmp_path / "ben", "Ben", [BROAD], usb)
    laptop = tmp_path / "laptop"
    store, ana = _student(laptop)
    try:
        store.classes.import_files([usb])
        assert _class_found(store) == (0, 1)  # the report keeps its figures
    finally:
        store.close()
    path = laptop / "trainer.sqlite3"
    _as_an_older_program_left_it(path)
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(path, copy / "trainer.sqlite3")
    with Store.open(sqlite_url(path), daily=False, read_only=True) as old:
        assert _found(old, ana) == (1, 1)  # read-only: the old figures, unchanged
    with Store.open(sqlite_url(path), daily=False) as upgraded:
        assert upgraded.settings.get(FIGURES_KEY) == FIGURES_VERSION
        assert _found(upgraded, ana) == (0, 1)
        assert _class_found(upgraded) == (0, 1)
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT last_found, box FROM technique_review WHERE "
                           "technique = 'loaded-language'").fetchall() == [(0.0, 1)]
        kept = con.execute("SELECT scored_against, figures_json FROM class_score").fetchall()
    # The class report kept the figures it computed again, under the new version.
    assert all(against.endswith(f":f{FIGURES_VERSION}") for against, _ in kept)
    tallies = [t for _, text in kept for t in json.loads(text)[8] if t[0] == "loaded-language"]
    assert tallies == [["loaded-language", 0, 1]]
    # Only the attempt with a too-broad mark was scored again; the other kept its figures.
    assert sorted(json.loads(text)[1] == UNTOUCHED for _, text in kept) == [False, True]
    # The teacher's command on the other copy: the same upgrade on opening.
    run_cli("class-report", "--csv", str(tmp_path / "csv"), home=copy, check=True)
    assert _techniques_csv(tmp_path / "csv")[("Ben", "loaded-language")] == ("1", "0")


def test_a_current_database_is_not_computed_again(tmp_path: Path) -> None:
    store, ana = _student(tmp_path)
    store.close()
    with sqlite3.connect(tmp_path / "trainer.sqlite3") as con:
        # Not what the marks give: only a recompute would change it back.
        con.execute("UPDATE attempt_technique SET total = 7 WHERE label = 'loaded-language'")
    with Store.open(sqlite_url(tmp_path / "trainer.sqlite3"), daily=False) as again:
        assert _found(again, ana) == (0, 7)


def test_an_upgrade_computes_again_only_what_the_raise_changed(tmp_path: Path) -> None:
    """Version 4 changed only attempts with a too-broad mark: the others keep their tallies
    (here deliberately wrong, to see it), unless the stored version is one no raise since
    describes — then every attempt is computed again."""
    path = tmp_path / "trainer.sqlite3"
    with Store.open(sqlite_url(path), daily=False) as store:
        store.library.import_set(small_set())
        ana = store.profiles.create("Ana").id
        entry = next(e for e in store.library.entries(ana) if e.article_id == "secret-plan")
        store.practice.submit(ana, entry.revision_id, [Span(SECRETLY, SECRETLY + 8, "framing")],
                              mode="family", started_at=NOW)
    for stored, expected in ((None, (1, 7)), ("2", (1, 1))):
        with sqlite3.connect(path) as con:
            con.execute("UPDATE attempt_technique SET total = 7 WHERE label = 'loaded-language'")
            con.execute("DELETE FROM setting WHERE key = ?", (FIGURES_KEY,))
            if stored is not None:
                con.execute("INSERT INTO setting (key, value_json, updated_at) VALUES (?, ?, "
                            "'2026-12-01 18:00:00')", (FIGURES_KEY, stored))
        with Store.open(sqlite_url(path), daily=False) as store:
            assert _found(store, ana) == expected, stored
            assert store.settings.get(FIGURES_KEY) == FIGURES_VERSION


def test_which_kept_figures_an_upgrade_scores_again() -> None:
    """Version 4 changed only attempts with a too-broad mark; figures of versions before 3,
    or of an unknown later one, are always scored again."""
    from dataclasses import replace

    from trainer.core.class_attempts import still_right
    from trainer.core.discernment import DiscernmentCounts
    from trainer.core.student_score import StudentScore

    clean = AttemptFigures(StudentScore(found=1, key_spans=1, marks=1, hits=1, mode="family"),
                           1.0, DiscernmentCounts(), (), (), (), (), False)
    broad = replace(clean, student=StudentScore(missed=1, key_spans=1, marks=1, too_broad=1,
                                                mode="family"))
    assert still_right(FIGURES_VERSION, broad) and still_right(FIGURES_VERSION, clean)
    assert still_right(3, clean) and not still_right(3, broad)
    assert not still_right(2, clean)
    assert not still_right(FIGURES_VERSION + 1, clean)
