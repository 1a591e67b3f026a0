"""Class report review findings 3 and 6: mastery counted as the student's own dashboard counts
it (a wrong family is not found, drills count), and an edited student score is flagged."""

from __future__ import annotations

import csv
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from storage_helpers import small_set

from trainer.core.class_attempts import Resolved, score_attempt
from trainer.core.class_report import build_report, heatmap
from trainer.core.drill import DrillAnswer
from trainer.core.progress_file import (
    ProgressAttempt,
    ProgressFile,
    ProgressMark,
    ProgressProfile,
    text_hash,
)
from trainer.core.taxonomy import default_taxonomy

WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ARTICLE = small_set().articles[0]
FOUND = Resolved(ARTICLE, default_taxonomy())


def _attempt(marks: list[tuple[str, str]], scores: dict[str, Any] | None = None,
             when: datetime = WHEN) -> ProgressAttempt:
    text = ARTICLE.text
    return ProgressAttempt(
        id=str(uuid.uuid4()), set_id="demo", set_version=1, article_id=ARTICLE.id,
        text_hash=text_hash(ARTICLE.title, text), level=1, mode="family",
        started_at=when - timedelta(minutes=2), submitted_at=when, duration_s=120,
        marks=[ProgressMark(start=text.index(p), end=text.index(p) + len(p), label=label)
               for p, label in marks],
        scores=scores or {})


def _file(name: str, *attempts: ProgressAttempt) -> ProgressFile:
    return ProgressFile(exported_at=WHEN, profile=ProgressProfile(id=str(uuid.uuid4()),
                                                                   name=name),
                        attempts=list(attempts))


def test_a_key_span_marked_with_another_family_is_not_found() -> None:
    # "secretly" is loaded language (family framing): marked as unverified it is met, not found.
    wrong = _attempt([("secretly", "unverified"), ("diplomatic sources said", "unverified")])
    report = build_report([_file("Ana", wrong)], lambda _a: FOUND, WHEN,
                          techniques=["loaded-language", "anonymous-source"])
    mastery = report.students[0].mastery
    assert (mastery["loaded-language"].found, mastery["loaded-language"].examples) == (0, 1)
    assert (mastery["anonymous-source"].found, mastery["anonymous-source"].examples) == (1, 1)
    # The confusion matrix still shows the label given (against the key's family).
    assert report.confusion[("framing", "unverified")] == 1


def test_class_mastery_counts_like_the_students_dashboard() -> None:
    from trainer.core.mastery import technique_tally
    from trainer.core.scoring import score_article

    attempt = _attempt([("secretly", "unverified"), ("diplomatic sources said", "unverified")])
    figures = score_attempt(attempt, FOUND)
    marks = figures.marks
    result = score_article(ARTICLE, marks, default_taxonomy())
    own = technique_tally((v.verdict, v.label, v.source, v.optional) for v in result.verdicts)
    assert {label: (f, n) for label, f, n in figures.techniques} == own


def test_class_drills_count_towards_mastery() -> None:
    ana = _file("Ana", _attempt([("secretly", "framing")]))
    drills = {ana.profile.id.lower(): [
        (DrillAnswer("loaded-language", "framing", "framing"), WHEN),
        (DrillAnswer("loaded-language", "framing", "fair"), WHEN),
        (DrillAnswer(None, "fair", "framing"), WHEN)]}
    report = build_report([ana], lambda _a: FOUND, WHEN, techniques=["loaded-language"],
                          drills=drills)
    loaded = report.students[0].mastery["loaded-language"]
    assert (loaded.found, loaded.examples) == (2, 3)


def test_an_edited_student_score_is_flagged() -> None:
    honest = score_attempt(_attempt([("secretly", "framing")]), FOUND)
    stated = {"student": honest.student.as_dict()}
    assert not score_attempt(_attempt([("secretly", "framing")], stated), FOUND).disagrees
    edited = {"student": {**honest.student.as_dict(), "score": 1.0}}
    assert score_attempt(_attempt([("secretly", "framing")], edited), FOUND).disagrees
    counts = {"student": {**honest.student.as_dict(), "found": 2}}
    assert score_attempt(_attempt([("secretly", "framing")], counts), FOUND).disagrees


def test_csv_files_open_in_excel_with_accents_and_codes_as_written(tmp_path: Path) -> None:
    """Review finding 5: UTF-8 with a byte order mark (Excel on Windows reads "Chloé"), the
    header names unchanged, the code written as the teacher typed it ("0007")."""
    from trainer.core.class_export import STUDENT_COLUMNS, write_csv

    ana = _file("Chloé", _attempt([("secretly", "framing")]))
    ana = ana.model_copy(update={"profile": ana.profile.model_copy(
        update={"student_code": "0007"})})
    report = build_report([ana], lambda _a: FOUND, WHEN, techniques=["loaded-language"])
    for path in write_csv(report, tmp_path):
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path.name
    with (tmp_path / "students.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == STUDENT_COLUMNS
    assert rows[1][:2] == ["0007", "Chloé"]


def test_the_heatmap_counts_each_student_once_with_their_latest_attempt() -> None:
    """Review finding 8: a student who did a passage twice is one of the class, not two."""
    first = _attempt([("The council met", "framing")], when=WHEN)
    later = _attempt([("secretly", "framing")], when=WHEN + timedelta(days=1))
    ana = _file("Ana", later, first)  # the file's order is not the time order
    ben = _file("Ben", _attempt([("secretly", "framing")]))
    report = build_report([ana, ben], lambda _a: FOUND, WHEN + timedelta(days=2))
    marked = report.marked[("demo", ARTICLE.id)]
    assert len(marked) == 2
    shares = heatmap(ARTICLE, marked)
    text = ARTICLE.text
    assert shares[text.index("secretly")] == 1.0
    assert shares[text.index("The council met")] == 0.0
    assert len(report.attempts) == 3  # every attempt still counts in the tables


def test_notes_quote_their_phrase_and_the_confusion_matrix_has_a_diagonal() -> None:
    """Review finding 19: a note says which phrase it is about; a family given for a key
    technique is counted against the technique's family, so both axes name the same things."""
    from trainer.core.progress_file import ProgressNote

    text = ARTICLE.text
    at = text.index("secretly")
    attempt = _attempt([("secretly", "framing"), ("diplomatic sources said", "framing")])
    attempt = attempt.model_copy(update={"notes": [
        ProgressNote(start=at, end=at + 8, text="It is a fair word.")]})
    level2 = _attempt([("secretly", "loaded-language")]).model_copy(update={"level": 2})
    report = build_report([_file("Ana", attempt, level2)], lambda _a: FOUND, WHEN)
    assert report.notes[("demo", ARTICLE.id)] == [("Ana", "secretly", "It is a fair word.")]
    family = default_taxonomy().family_of("anonymous-source")
    assert report.confusion == {("framing", "framing"): 1, (family, "framing"): 1,
                                ("loaded-language", "loaded-language"): 1,
                                ("anonymous-source", "(missed)"): 1}


def test_most_missed_counts_every_required_phrase_not_found() -> None:
    """Session 4 review finding 1: a phrase reached only by a too-broad mark, or only partly
    marked, is not found — it counts as missed, as mastery counts it (FOUND_VERDICTS)."""
    from trainer.core.mastery import FOUND_VERDICTS

    # Ana finds "secretly"; her other mark runs over two sentences (too broad) and is the
    # only one to reach "diplomatic sources said". Ben says there is nothing to flag.
    ana = _file("Ana", _attempt([
        ("secretly", "framing"),
        ("a deployment, diplomatic sources said. Many expect an intervention", "unverified")]))
    ben = _file("Ben", _attempt([]).model_copy(update={"nothing_to_flag": True}))
    report = build_report([ana, ben], lambda _a: FOUND, WHEN)
    (row,) = report.articles
    assert row.most_missed == "diplomatic sources said"  # by both, "secretly" by Ben only
    figures = score_attempt(ana.attempts[0], FOUND)
    assert figures.missed == ("diplomatic sources said",)
    assert sum(n - f for _t, f, n in figures.techniques) == len(figures.missed)
    # Partly marked: not found by the mastery rule, so missed here too.
    partly = score_attempt(_attempt([("secretly", "framing"), ("sources", "unverified")]),
                           FOUND)
    assert partly.missed == ("diplomatic sources said",)
    assert "partly-found" not in FOUND_VERDICTS


def test_figures_kept_before_the_missed_rule_are_scored_again_only_when_it_changed() -> None:
    """Figures kept under version 4 listed only "missed" verdicts as missed: they are still
    right when every phrase not found was missed outright."""
    from trainer.core.class_attempts import FIGURES_VERSION, still_right

    assert FIGURES_VERSION >= 5
    clean = score_attempt(_attempt([("secretly", "framing")]), FOUND)
    assert clean.missed == ("diplomatic sources said",) and still_right(4, clean)
    partly = score_attempt(_attempt([("secretly", "framing"), ("sources", "unverified")]),
                           FOUND)
    old = partly.__class__(**{**partly.__dict__, "missed": ()})  # as version 4 kept it
    assert not still_right(4, old)
