"""`trainer class import|students|set-code|remove` and `trainer class-report` on the stored
class, run as the teacher would: as subprocesses."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from class_helpers import class_files, student_file
from storage_helpers import run_cli, small_set

from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store


def _teacher(tmp_path: Path) -> Path:
    home = tmp_path / "teacher"
    with Store.open(sqlite_url(home / "trainer.sqlite3"), daily=False) as store:
        store.library.import_set(small_set())
    return home


def test_import_students_codes_and_the_stored_report(tmp_path: Path) -> None:
    usb = class_files(tmp_path)
    home = _teacher(tmp_path)
    empty = run_cli("class-report", "--json", home=home)
    assert empty.returncode == 0 and "no class is stored" in empty.stderr
    assert json.loads(empty.stdout)["students"] == []
    first = run_cli("class", "import", str(usb), home=home)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == ("2 files read, 4 attempts added, 0 already there, "
                                    "2 new students")
    again = run_cli("class", "import", str(usb / "Ana.mltprogress"), home=home)
    assert again.stdout.strip() == ("1 file read, 0 attempts added, 2 already there, "
                                    "0 new students")
    listing = run_cli("class", "students", home=home, check=True)
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["id", "name", "code", "attempts"]
    assert "Ana" in lines[1] and "A-1" in lines[1] and lines[1].split()[-1] == "2"
    students = json.loads(run_cli("class", "students", "--json", home=home).stdout)
    ben = next(s for s in students if s["name"] == "Ben")
    assert run_cli("class", "set-code", ben["id"], "2026-018", home=home,
                   check=True).stdout.strip() == "code set to 2026-018"
    report = run_cli("class-report", "--json", home=home, check=True)
    data = json.loads(report.stdout)
    assert {s["name"]: (s["code"], s["mean_student_score"]) for s in data["students"]} == {
        "Ana": ("A-1", 1.0), "Ben": ("2026-018", 0.75)}
    assert "no class is stored" not in report.stderr
    only = json.loads(run_cli("class-report", "--assignment", "week-1", "--json",
                              home=home, check=True).stdout)
    assert [s["name"] for s in only["students"]] == ["Ana"]
    out = tmp_path / "csv"
    run_cli("class-report", "--csv", str(out), home=home, check=True)
    assert "2026-018" in (out / "students.csv").read_text(encoding="utf-8-sig")
    cleared = run_cli("class", "set-code", ben["id"], "", home=home, check=True)
    assert cleared.stdout.strip() == "code cleared"
    unknown = run_cli("class", "set-code", "nobody", "1", home=home)
    assert unknown.returncode == 1 and "class students" in unknown.stderr
    assert run_cli("class", "remove", ben["id"], home=home, check=True).returncode == 0
    names = [s["name"] for s in json.loads(run_cli("class", "students", "--json",
                                                   home=home).stdout)]
    assert names == ["Ana"]
    # class-report with files still reads them only: the stored class stays as it is.
    files_only = run_cli("class-report", str(usb / "Ben.mltprogress"), "--json", home=home,
                         check=True)
    assert [s["name"] for s in json.loads(files_only.stdout)["students"]] == ["Ben"]
    assert [s["name"] for s in json.loads(run_cli("class", "students", "--json",
                                                  home=home).stdout)] == ["Ana"]


def test_import_names_each_failed_file_and_exits_1(tmp_path: Path) -> None:
    usb = class_files(tmp_path)
    home = _teacher(tmp_path)
    (usb / "garbage.json").write_bytes(b"\x00\xff not json")
    newer = json.loads((usb / "Ben.mltprogress").read_text(encoding="utf-8"))
    newer["format_version"] = 3
    (usb / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    result = run_cli("class", "import", str(usb), home=home)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "garbage.json" in result.stderr and "newer.json" in result.stderr
    assert "saved by a newer version of the trainer" in result.stderr
    assert result.stdout.strip() == ("2 files read, 4 attempts added, 0 already there, "
                                     "2 new students, 2 failed")
    nothing = run_cli("class", "import", str(tmp_path / "nowhere"), home=home)
    assert nothing.returncode == 1 and "no such file or folder" in nothing.stderr


def test_class_report_of_files_uses_the_stored_codes_and_warns_of_missing_ones(
        tmp_path: Path) -> None:
    """Review finding 4: codes the teacher set for the stored class are used when reporting
    on files (matched by profile UUID); students still without a code are counted."""
    usb = class_files(tmp_path)
    home = _teacher(tmp_path)
    run_cli("class", "import", str(usb / "Ben.mltprogress"), home=home, check=True)
    ben = json.loads(run_cli("class", "students", "--json", home=home).stdout)[0]
    run_cli("class", "set-code", ben["id"], "0007", home=home, check=True)
    out = tmp_path / "csv"
    result = run_cli("class-report", str(usb), "--csv", str(out), home=home, check=True)
    with (out / "students.csv").open(encoding="utf-8-sig", newline="") as handle:
        codes = {row["student_name"]: row["student_code"] for row in csv.DictReader(handle)}
    assert codes == {"Ana": "A-1", "Ben": "0007"}
    assert "over 1 attempt;" in run_cli("class-report", str(usb / "Ben.mltprogress"),
                                        home=home, check=True).stdout  # not "1 attempts"
    assert "no student code" not in result.stderr
    student_file(tmp_path / "cleo", "Cleo", [], usb)
    student_file(tmp_path / "dan", "Dan", [], usb)
    warned = run_cli("class-report", str(usb), "--csv", str(out), home=home, check=True)
    assert ("2 students have no student code (set them in Teacher → Class report or "
            "`trainer class set-code`)") in warned.stderr


def test_damaged_files_ask_for_a_new_export_not_for_an_editor(tmp_path: Path) -> None:
    """Review finding 18: a teacher does not repair JSON; the advice is to ask again."""
    usb = class_files(tmp_path)
    home = _teacher(tmp_path)
    (usb / "garbage.json").write_bytes(b"\x00\xff not json")
    (usb / "cut.json").write_text((usb / "Ana.mltprogress").read_text(encoding="utf-8")[:200],
                                  encoding="utf-8")
    (usb / "notes.json").write_text('{"shopping": ["milk"]}', encoding="utf-8")
    advice = {"garbage.json": "the file is damaged or is not a progress file: ask the "
                              "student to export it again",
              "cut.json": "the file is cut short or damaged at line ",
              "notes.json": "the file is damaged or is not a progress file: ask the student "
                            "to export it again"}
    for command in (("class", "import", str(usb)), ("class-report", str(usb))):
        result = run_cli(*command, home=home)
        assert result.returncode == 1
        for name, words in advice.items():
            line = next(x for x in result.stderr.splitlines() if name in x)
            assert words in line and "JSON" not in line and "$." not in line, line
        assert "editor" not in result.stderr and "missing }" not in result.stderr


def test_attempts_on_a_missing_article_are_counted_in_one_line(tmp_path: Path) -> None:
    """Finding 18 (plurals): three attempts of one student on an article this computer lacks
    make one line that counts them ("3 attempts on …"), not three lines "attempt on …"."""
    import uuid

    usb = class_files(tmp_path)
    home = _teacher(tmp_path)
    cleo = student_file(tmp_path / "cleo", "Cleo", [], usb, changed=True)
    data = json.loads(cleo.read_text(encoding="utf-8"))
    attempt = next(a for a in data["attempts"] if a["article_id"] == "secret-plan")
    data["attempts"] += [{**attempt, "id": str(uuid.uuid4())} for _ in range(2)]
    cleo.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("class-report", str(cleo), home=home, check=True)
    lines = [x for x in result.stderr.splitlines() if "secret-plan" in x]
    assert lines == ["trainer: Cleo: 3 attempts on demo/secret-plan kept out of the report: "
                     "that revision of the article is not in this library (import the set, "
                     "or the assignment, first)"], result.stderr
