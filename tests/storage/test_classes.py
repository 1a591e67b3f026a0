"""store.classes: students' progress files kept in the teacher's store, apart from the
teacher's own practice; merged by UUID, reported again against the teacher's library."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from class_helpers import class_files, student_file
from storage_helpers import small_set

from trainer.core.errors import InvalidInput
from trainer.core.progress_file import read_progress
from trainer.storage.engine import sqlite_url
from trainer.storage.errors import NotFoundError
from trainer.storage.service import Store


@pytest.fixture
def teacher(tmp_path: Path) -> Iterator[Store]:
    with Store.open(sqlite_url(tmp_path / "teacher" / "trainer.sqlite3"),
                    daily=False) as store:
        store.library.import_set(small_set())
        yield store


def test_import_students_report_and_nothing_twice(tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    assert teacher.classes.is_empty()
    calls: list[tuple[int, int]] = []
    result = teacher.classes.import_files([usb], progress=lambda d, t: calls.append((d, t)))
    assert (result.files_read, result.attempts_added, result.attempts_already_there,
            result.students_added) == (2, 4, 0, 2)
    assert result.problems == [] and result.warnings == []
    assert calls == [(1, 2), (2, 2)]
    assert not teacher.classes.is_empty()
    students = {s.name: s for s in teacher.classes.students()}
    assert [s.name for s in teacher.classes.students()] == ["Ana", "Ben"]
    assert (students["Ana"].code, students["Ana"].attempts) == ("A-1", 2)
    assert (students["Ben"].code, students["Ben"].attempts) == (None, 2)
    report = teacher.classes.report()
    scores = {s.student_name: s.mean_student_score for s in report.students}
    assert scores == {"Ana": 1.0, "Ben": 0.75}  # as worked out in test_class_report.py
    assert report.articles[0].most_missed == "diplomatic sources said"
    assert report.missing == [] and report.disagreements == []
    assert len(report.marked[("demo", "secret-plan")]) == 2
    again = teacher.classes.import_files([usb / "Ana.mltprogress", usb / "Ben.mltprogress"])
    assert (again.files_read, again.attempts_added, again.attempts_already_there,
            again.students_added) == (2, 0, 4, 0)
    assert len(teacher.classes.report().attempts) == 4
    # The class never mixes with this computer's own practice.
    assert teacher.profiles.list() == []
    assert teacher.progress.all_technique_stats() == []


def test_assignments_and_one_assignment_report(tmp_path: Path, teacher: Store) -> None:
    teacher.classes.import_files([class_files(tmp_path)])
    assert teacher.classes.assignment_ids() == [("week-1", "")]
    report = teacher.classes.report("week-1")
    assert [(s.student_name, s.attempts) for s in report.students] == [("Ana", 1)]
    teacher.settings.set("assignment.week-1", {"id": "week-1", "title": "Week one"})
    assert teacher.classes.assignment_ids() == [("week-1", "Week one")]


def test_teacher_code_is_never_overwritten_by_a_file(tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    teacher.classes.import_files([usb])
    ids = {s.name: s.id for s in teacher.classes.students()}
    teacher.classes.set_student_code(ids["Ana"], " 2026-017 ")
    teacher.classes.set_student_code(ids["Ben"], "2026-018")
    teacher.classes.import_files([usb])  # Ana's file still says A-1
    codes = {s.name: s.code for s in teacher.classes.students()}
    assert codes == {"Ana": "2026-017", "Ben": "2026-018"}
    assert {s.student_name: s.student_code for s in teacher.classes.report().students} == codes
    teacher.classes.set_student_code(ids["Ana"], "")  # cleared: the file's own code again
    assert {s.name: s.code for s in teacher.classes.students()}["Ana"] == "A-1"
    with pytest.raises(InvalidInput, match="longer than"):
        teacher.classes.set_student_code(ids["Ben"], "x" * 201)
    with pytest.raises(NotFoundError):
        teacher.classes.set_student_code("00000000-0000-4000-8000-000000000000", "1")


def test_remove_student(tmp_path: Path, teacher: Store) -> None:
    teacher.classes.import_files([class_files(tmp_path)])
    ids = {s.name: s.id for s in teacher.classes.students()}
    teacher.classes.remove_student(ids["Ben"].upper())
    assert [s.name for s in teacher.classes.students()] == ["Ana"]
    assert [s.student_name for s in teacher.classes.report().students] == ["Ana"]
    with pytest.raises(NotFoundError):
        teacher.classes.remove_student(ids["Ben"])
    # Importing Ben's file again brings him back as a new student.
    again = teacher.classes.import_files([tmp_path / "usb" / "Ben.mltprogress"])
    assert (again.students_added, again.attempts_added) == (1, 2)


def test_attempts_on_missing_revisions_are_kept_and_count_later(tmp_path: Path,
                                                                 teacher: Store) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    # Cleo practised version 2 of the set (a changed text) that the teacher lacks.
    student_file(tmp_path / "cleo", "Cleo", [], usb, changed=True)
    result = teacher.classes.import_files([usb])
    assert result.attempts_added == 2 and result.problems == []
    report = teacher.classes.report()
    assert report.missing == [("Cleo", "demo", "secret-plan")]
    assert [s.attempts for s in report.students] == [1]  # the unchanged passage counts
    teacher.library.import_set(small_set(version=2, changed=True))
    later = teacher.classes.report()
    assert later.missing == [] and [s.attempts for s in later.students] == [2]


def test_cancel_between_files(tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1

    result = teacher.classes.import_files([usb], cancelled=cancelled)
    assert result.files_read == 1 and len(teacher.classes.students()) == 1
    assert any("cancelled" in w.message for w in result.warnings)


def test_drills_are_kept(tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    path = usb / "Ana.mltprogress"
    data = json.loads(path.read_text(encoding="utf-8"))
    attempt = data["attempts"][0]
    data["drills"] = [{"id": "9b2f7a3e-1c4d-4e5f-8a9b-0c1d2e3f4a5b", "set_id": "demo",
                       "article_id": "secret-plan", "text_hash": attempt["text_hash"],
                       "start": 0, "end": 10, "mode": "family", "technique": None,
                       "expected": "fair", "answer": "fair",
                       "answered_at": "2026-11-30T09:00:00+00:00"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    read_progress(path)  # still a valid file
    teacher.classes.import_files([path])
    teacher.classes.import_files([path])
    from sqlalchemy import func, select

    from trainer.storage.models import ClassDrillRow, ClassImportRow

    with teacher._read() as session:
        assert session.scalar(select(func.count()).select_from(ClassDrillRow)) == 1
        log = session.execute(select(ClassImportRow.file_name, ClassImportRow.attempts_added,
                                     ClassImportRow.drills_added)
                              .order_by(ClassImportRow.id)).all()
    assert [tuple(r) for r in log] == [("Ana.mltprogress", 2, 1), ("Ana.mltprogress", 0, 0)]


def _figures(report: object) -> list[tuple[object, ...]]:
    from trainer.core.class_report import ClassReport

    assert isinstance(report, ClassReport)
    return sorted((r.attempt.id, r.student_id, r.student_name, r.student, r.research_f1,
                   r.discernment, r.marks, r.missed, r.false_alarms, r.confusion)
                  for r in report.attempts)


def test_kept_figures_equal_scoring_again(tmp_path: Path, teacher: Store) -> None:
    """The figures kept at import give the same report as scoring the files afresh, and an
    attempt is scored again when the revision it resolves to changes."""
    from sqlalchemy import select

    from trainer.core.class_attempts import AttemptLike, Resolved
    from trainer.core.class_report import build_report
    from trainer.storage.models import ClassScoreRow

    usb = class_files(tmp_path)
    student_file(tmp_path / "cleo", "Cleo", [], usb, changed=True)
    teacher.classes.import_files([usb])
    with teacher._read() as session:
        kept = list(session.scalars(select(ClassScoreRow.scored_against)))
    assert len(kept) == 5  # Cleo's changed passage is not in the library: not scored
    stored = teacher.classes.report()
    files = [read_progress(p)[0] for p in sorted(usb.iterdir())]

    def resolve(attempt: AttemptLike) -> Resolved | None:
        view = teacher.library.view_by_hash(attempt.set_id, attempt.article_id,
                                            attempt.text_hash)
        return None if view is None else Resolved(view.article, view.taxonomy)

    fresh = build_report(files, resolve, datetime.now(UTC))
    assert _figures(stored) == _figures(fresh)
    assert [(s.student_name, s.attempts, s.mean_student_score) for s in stored.students] == [
        (s.student_name, s.attempts, s.mean_student_score) for s in fresh.students]
    assert stored.missing == fresh.missing == [("Cleo", "demo", "secret-plan")]
    # Version 2 of the set: Cleo's passage now resolves (and is kept), the others' changed
    # article no longer matches their text hash only through its older revision.
    teacher.library.import_set(small_set(version=2, changed=True))
    later = teacher.classes.report()
    assert later.missing == [] and len(later.attempts) == 6
    with teacher._read() as session:
        assert len(list(session.scalars(select(ClassScoreRow.attempt_id)))) == 6
    assert _figures(teacher.classes.report()) == _figures(later)


def test_stored_drills_count_towards_class_mastery(tmp_path: Path, teacher: Store) -> None:
    """As on the student's own dashboard: each drill sentence with a technique is an
    example (review finding 3)."""
    usb = class_files(tmp_path)
    path = usb / "Ben.mltprogress"
    data = json.loads(path.read_text(encoding="utf-8"))
    attempt = data["attempts"][0]
    data["drills"] = [{"id": f"9b2f7a3e-1c4d-4e5f-8a9b-0c1d2e3f4a5{i}", "set_id": "demo",
                       "article_id": "secret-plan", "text_hash": attempt["text_hash"],
                       "start": 0, "end": 10, "mode": "family",
                       "technique": "anonymous-source", "expected": "unverified",
                       "answer": answer, "answered_at": "2026-11-30T09:00:00+00:00"}
                      for i, answer in enumerate(["unverified", "unverified", "fair"])]
    path.write_text(json.dumps(data), encoding="utf-8")
    teacher.classes.import_files([usb])
    ben = next(s for s in teacher.classes.report().students if s.student_name == "Ben")
    # Ben missed "diplomatic sources said" in his attempt: 0 of 1, then 2 of 3 drills.
    anonymous = ben.mastery["anonymous-source"]
    assert (anonymous.found, anonymous.examples) == (2, 4)
