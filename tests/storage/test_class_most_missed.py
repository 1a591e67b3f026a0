"""Session 4 review finding 1, as the teacher meets it: `trainer class-report` (a subprocess)
and the stored class (a real SQLite file, figures kept by the program before the fix) name as
most missed the phrase nobody found, counting a phrase reached only by a too-broad mark."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from class_helpers import student_file
from storage_helpers import run_cli, small_set

from trainer.core.class_attempts import AttemptFigures
from trainer.core.mastery import FIGURES_VERSION
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store

TEXT = small_set().articles[0].text
SECRETLY = Span(TEXT.index("secretly"), TEXT.index("secretly") + 8, "framing")
# Over two sentences, the only mark to reach "diplomatic sources said": too broad.
BROAD = Span(TEXT.index("a deployment"), TEXT.index("soon.") + 5, "unverified")


def _usb(tmp_path: Path) -> Path:
    usb = tmp_path / "usb"
    usb.mkdir()
    student_file(tmp_path / "ana", "Ana", [SECRETLY, BROAD], usb)
    student_file(tmp_path / "ben", "Ben", [], usb)
    return usb


def _most_missed(articles: list[dict[str, object]]) -> object:
    return next(a for a in articles if a["article_id"] == "secret-plan")["most_missed"]


def test_class_report_command_counts_a_too_broad_phrase_as_missed(tmp_path: Path) -> None:
    usb = _usb(tmp_path)
    home = tmp_path / "teacher"
    home.mkdir()
    with Store.open(sqlite_url(home / "trainer.sqlite3"), daily=False) as store:
        store.library.import_set(small_set())
    result = run_cli("class-report", str(usb), "--json", home=home, check=True)
    # "secretly": missed by Ben only; "diplomatic sources said": found by nobody.
    assert _most_missed(json.loads(result.stdout)["articles"]) == "diplomatic sources said"


def test_figures_kept_before_the_fix_are_scored_again(tmp_path: Path) -> None:
    usb = _usb(tmp_path)
    path = tmp_path / "teacher.sqlite3"
    with Store.open(sqlite_url(path), daily=False) as store:
        store.library.import_set(small_set())
        store.classes.import_files([usb])
        [article] = [a for a in store.classes.report().articles
                     if a.article_id == "secret-plan"]
        assert article.most_missed == "diplomatic sources said"
    with sqlite3.connect(path) as con:  # as version 4 kept them: only "missed" verdicts
        for pk, against, text in con.execute(
                "SELECT attempt_id, scored_against, figures_json FROM class_score").fetchall():
            values = json.loads(text)
            values[5] = [m for m in AttemptFigures.from_json(text).missed
                         if not (m == "diplomatic sources said" and values[0][7])]
            con.execute("UPDATE class_score SET scored_against = ?, figures_json = ? "
                        "WHERE attempt_id = ?",
                        (against.replace(f":f{FIGURES_VERSION}", ":f4"), json.dumps(values),
                         pk))
    with Store.open(sqlite_url(path), daily=False) as store:
        [article] = [a for a in store.classes.report().articles
                     if a.article_id == "secret-plan"]
        assert article.most_missed == "diplomatic sources said"
    with sqlite3.connect(path) as con:
        kept = con.execute("SELECT scored_against FROM class_score").fetchall()
    assert all(against.endswith(f":f{FIGURES_VERSION}") for (against,) in kept)
