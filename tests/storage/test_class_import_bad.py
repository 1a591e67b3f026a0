"""store.classes.import_files with bad input: each bad file is named with a clear message and
changes nothing, the good files are still imported, nothing is ever half-imported."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from class_helpers import class_files
from storage_helpers import dump_database, small_set

from trainer.storage import classes
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store


@pytest.fixture
def teacher(tmp_path: Path) -> Iterator[Store]:
    with Store.open(sqlite_url(tmp_path / "teacher" / "trainer.sqlite3"),
                    daily=False) as store:
        store.library.import_set(small_set())
        yield store


def _garbage(usb: Path) -> Path:
    path = usb / "garbage.json"
    path.write_bytes(b"\x00\xff\xfe not json at all \x89PNG")
    return path


def _truncated(usb: Path) -> Path:
    path = usb / "truncated.mltprogress"
    path.write_text((usb / "Ana.mltprogress").read_text(encoding="utf-8")[:300],
                    encoding="utf-8")
    return path


def _newer(usb: Path) -> Path:
    data = json.loads((usb / "Ben.mltprogress").read_text(encoding="utf-8"))
    data["format_version"] = 7
    path = usb / "from-the-future.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _huge(usb: Path) -> Path:
    path = usb / "huge.mltprogress"
    with path.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    return path


def _fifo(usb: Path) -> Path:
    path = usb / "pipe.json"
    os.mkfifo(path)  # reading it would block forever
    return path


BAD: dict[str, tuple[Callable[[Path], Path], str]] = {
    "garbage bytes": (_garbage, "garbage.json"),
    "truncated JSON": (_truncated, "the file is cut short or damaged at line"),
    "newer format version": (_newer, "saved by a newer version of the trainer: update the "
                                     "program on this computer"),
    "200 MB file": (_huge, "more than the 50 MB"),
    "FIFO": (_fifo, "not a regular file"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_file_is_named_and_the_good_ones_are_imported(
        kind: str, tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    make, expected = BAD[kind]
    if kind == "FIFO" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    bad = make(usb)
    result = teacher.classes.import_files([usb])
    assert (result.files_read, result.attempts_added, result.students_added) == (2, 4, 2)
    assert result.problems, kind
    assert {p.file for p in result.problems} == {str(bad)}
    text = "\n".join(p.format() for p in result.problems)
    assert expected in text and bad.name in text
    assert "Traceback" not in text
    assert [s.name for s in teacher.classes.students()] == ["Ana", "Ben"]


def test_the_size_is_refused_before_reading(tmp_path: Path, teacher: Store,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    huge = _huge(usb)
    opened: list[Path] = []
    real_open = Path.open

    def watching(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watching)
    result = teacher.classes.import_files([huge])
    assert huge not in opened
    assert result.files_read == 0 and "209,715,200 bytes" in result.problems[0].message


def test_a_file_whose_scores_were_edited_is_flagged_never_trusted(
        tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    path = usb / "Ben.mltprogress"
    data = json.loads(path.read_text(encoding="utf-8"))
    secret = next(a for a in data["attempts"] if a["article_id"] == "secret-plan")
    for mode in ("any", "family", "technique"):
        secret["scores"]["research"][mode] = {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    secret["scores"]["student"]["score"] = 1.0
    path.write_text(json.dumps(data), encoding="utf-8")
    result = teacher.classes.import_files([usb])
    assert result.problems == [] and result.attempts_added == 4
    report = teacher.classes.report()
    assert report.disagreements == [("Ben", secret["id"])]
    ben = next(s for s in report.students if s.student_name == "Ben")
    assert ben.mean_student_score == 0.75  # computed again from the marks, not 1.0


def test_the_same_student_under_two_names(tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    data = json.loads((usb / "Ben.mltprogress").read_text(encoding="utf-8"))
    data["profile"]["name"] = "Benjamin"
    data["attempts"] = data["attempts"][:1]
    data["attempts"][0]["id"] = "0f0e0d0c-0b0a-4908-8706-050403020100"
    (usb / "zz-benjamin.json").write_text(json.dumps(data), encoding="utf-8")
    result = teacher.classes.import_files([usb])
    assert result.problems == []
    assert (result.files_read, result.attempts_added, result.students_added) == (3, 5, 2)
    named = [w.format() for w in result.warnings if "same student" in w.message]
    assert len(named) == 1 and "'Ben'" in named[0] and "'Benjamin'" in named[0]
    assert "zz-benjamin.json" in named[0]
    students = teacher.classes.students()
    assert [(s.name, s.attempts) for s in students] == [("Ana", 2), ("Benjamin", 3)]


def test_a_folder_with_unrelated_files(tmp_path: Path, teacher: Store) -> None:
    usb = class_files(tmp_path)
    (usb / "shopping.json").write_text('{"shopping": ["milk"]}', encoding="utf-8")
    (usb / "set.json").write_text(small_set().model_dump_json(), encoding="utf-8")
    (usb / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (usb / "README.txt").write_text("hand in your files here", encoding="utf-8")
    (usb / ".hidden.json").write_text("{}", encoding="utf-8")
    (usb / "System Volume Information").mkdir()
    result = teacher.classes.import_files([usb])
    assert result.files_read == 2 and result.attempts_added == 4
    assert {Path(p.file).name for p in result.problems} == {"shopping.json", "set.json"}
    assert all("not a progress file" in p.message for p in result.problems)
    assert "trainer.article-set" in "\n".join(p.format() for p in result.problems)
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = teacher.classes.import_files([empty, tmp_path / "missing"])
    assert nothing.files_read == 0
    assert [p.message for p in nothing.problems] == ["no progress files in this folder",
                                                     "no such file or folder"]


def _disk_full() -> Exception:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13  # type: ignore[attr-defined]
    return OperationalError("INSERT", {}, error)


def _constraint() -> Exception:
    from sqlalchemy.exc import IntegrityError

    return IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))


@pytest.mark.parametrize("failure", [_disk_full, _constraint], ids=["disk full", "constraint"])
def test_nothing_is_half_imported(failure: Callable[[], Exception], tmp_path: Path,
                                  teacher: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second insert of Ben's file fails: none of his rows stay, Ana's file (after his)
    is still imported."""
    usb = class_files(tmp_path)
    teacher.classes.import_files([usb / "Ana.mltprogress"])
    assert teacher.path is not None
    before = dump_database(teacher.path)
    real = classes._insert_rows
    calls: list[str] = []

    def second_insert_fails(session: Any, table: type[Any], rows: list[dict[str, Any]]) -> None:
        calls.append(table.__tablename__)
        if len(calls) == 2:
            raise failure()
        real(session, table, rows)

    monkeypatch.setattr(classes, "_insert_rows", second_insert_fails)
    result = teacher.classes.import_files([usb / "Ben.mltprogress", usb / "Ana.mltprogress"])
    assert calls[:2] == ["class_attempt", "class_drill"]
    assert [Path(p.file).name for p in result.problems] == ["Ben.mltprogress"]
    assert "nothing from this file was stored" in result.problems[0].format()
    assert (result.files_read, result.attempts_added, result.attempts_already_there,
            result.students_added) == (1, 0, 2, 0)
    after = dump_database(teacher.path)
    for table in ("class_student", "class_attempt", "class_drill"):
        assert [r[:2] for r in after[table]] == [r[:2] for r in before[table]], table
    assert len(after["class_import"]) == len(before["class_import"]) + 1  # Ana's, again
    assert [s.name for s in teacher.classes.students()] == ["Ana"]
