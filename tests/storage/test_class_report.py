"""Class report: two students' laptops → progress files → the teacher's computer → report,
CSV and xAPI; bad files named one by one while the good ones are still used."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

from storage_helpers import run_cli, small_set

from trainer.core.class_export import ATTEMPT_COLUMNS, STUDENT_COLUMNS, TECHNIQUE_COLUMNS
from trainer.core.progress_file import write_progress
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store

STARTED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _student(folder: Path, name: str, marks: list[Span], usb: Path) -> Path:
    with Store.open(sqlite_url(folder / "trainer.sqlite3"), daily=False) as store:
        store.library.import_set(small_set())
        profile = store.profiles.create(name)
        entries = {e.article_id: e for e in store.library.entries(profile.id)}
        store.practice.submit(profile.id, entries["secret-plan"].revision_id, marks,
                              mode="family", started_at=STARTED)
        store.practice.submit(profile.id, entries["library-hours"].revision_id, [],
                              mode="family", started_at=STARTED, nothing_to_flag=True)
        exported = store.progress.export_file(profile.id)
    target = usb / f"{name}.json"
    write_progress(exported, target)
    return target


def _class(tmp_path: Path) -> tuple[Path, Path]:
    usb = tmp_path / "usb"
    usb.mkdir()
    text = small_set().articles[0].text
    secretly = text.index("secretly")
    sources = text.index("diplomatic sources said")
    # Ana finds both key spans; Ben finds one and flags a fair sentence.
    _student(tmp_path / "ana", "Ana", [Span(secretly, secretly + 8, "framing"),
                                       Span(sources, sources + 23, "unverified")], usb)
    council = text.index("The council met")
    _student(tmp_path / "ben", "Ben", [Span(secretly, secretly + 8, "framing"),
                                       Span(council, council + 15, "framing")], usb)
    teacher = tmp_path / "teacher"
    with Store.open(sqlite_url(teacher / "trainer.sqlite3"), daily=False) as store:
        store.library.import_set(small_set())
    return usb, teacher


def test_report_csv_and_xapi_from_two_students(tmp_path: Path) -> None:
    usb, teacher = _class(tmp_path)
    out = tmp_path / "out"
    result = run_cli("class-report", str(usb), "--csv", str(out), "--xapi",
                     str(tmp_path / "xapi.json"), "--json", home=teacher)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    students = {s["name"]: s for s in data["students"]}
    # Ana: 2 of 2 found, no false alarm → 1.0; the clean passage left alone → 1.0.
    assert students["Ana"]["mean_student_score"] == 1.0
    # Ben: 1 of 2 found (recall ½), 1 of 2 marks hit (precision ½) → ½; clean passage → 1.
    assert students["Ben"]["mean_student_score"] == 0.75
    hardest = data["articles"][0]
    assert hardest["article_id"] == "secret-plan"
    assert hardest["most_missed"] == "diplomatic sources said"
    assert hardest["most_common_false_alarm"] == "The council met"
    assert {"key": "anonymous-source", "given": "(missed)", "count": 1} in data["confusion"]
    with (out / "attempts.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == ATTEMPT_COLUMNS and len(rows) == 5
    record = dict(zip(ATTEMPT_COLUMNS, rows[1], strict=True))
    float(record["student_score"]), float(record["duration_s"])  # numbers, decimal point
    datetime.fromisoformat(record["submitted_at"])
    with (out / "students.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == STUDENT_COLUMNS
    with (out / "techniques.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == TECHNIQUE_COLUMNS
    statements = json.loads((tmp_path / "xapi.json").read_text(encoding="utf-8"))
    assert len(statements) == 4
    for statement in statements:
        assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
        assert statement["actor"]["objectType"] == "Agent"
        assert statement["actor"]["account"]["homePage"] == "urn:trainer"
        assert statement["object"]["id"].startswith("urn:trainer:article:demo:")
        score = statement["result"]["score"]
        assert score["min"] == 0 and 0 <= score["scaled"] <= 1
        assert statement["result"]["duration"].startswith("PT")
        assert "urn:trainer:research-f1" in statement["result"]["extensions"]
        datetime.fromisoformat(statement["timestamp"])
    ana_clean = next(s for s in statements
                     if s["actor"]["account"]["name"] == students["Ana"]["id"]
                     and s["object"]["id"].endswith("library-hours"))
    assert ana_clean["result"]["score"] == {"scaled": 1.0, "raw": 0, "min": 0, "max": 0}


def test_bad_files_are_named_and_the_good_ones_still_count(tmp_path: Path) -> None:
    usb, teacher = _class(tmp_path)
    (usb / "garbage.json").write_bytes(b"\x00\xff not json")
    (usb / "truncated.json").write_text((usb / "Ana.json").read_text()[:200], encoding="utf-8")
    newer = json.loads((usb / "Ben.json").read_text())
    newer["format_version"] = 9
    (usb / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    (usb / "notes.json").write_text('{"shopping": ["milk"]}', encoding="utf-8")
    edited = json.loads((usb / "Ben.json").read_text())
    edited["attempts"][0]["scores"]["research"]["family"]["f1"] = 1.0
    edited["profile"]["name"] = "Benjamin"
    (usb / "Ben.json").write_text(json.dumps(edited), encoding="utf-8")
    result = run_cli("class-report", str(usb), home=teacher)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for name in ("garbage.json", "truncated.json", "newer.json", "notes.json"):
        assert name in result.stderr
    assert "saved by a newer version of the trainer" in result.stderr
    assert "disagree with its marks" in result.stderr
    assert "Ana" in result.stdout and "Benjamin" in result.stdout


def test_starter_passages_count_where_the_program_never_ran(tmp_path: Path) -> None:
    from trainer.core.formats import load_set
    from trainer.core.resources import resource_path
    from trainer.storage.starter import ensure_starter

    usb = tmp_path / "usb"
    usb.mkdir()
    with Store.open(sqlite_url(tmp_path / "ana" / "trainer.sqlite3"), daily=False) as store:
        assert ensure_starter(store) is None
        ana = store.profiles.create("Ana")
        first = store.library.entries(ana.id)[0]
        store.practice.submit(ana.id, first.revision_id, [], mode="family", started_at=STARTED)
        write_progress(store.progress.export_file(ana.id), usb / "Ana.mltprogress")
    fresh = tmp_path / "teacher-fresh"
    result = run_cli("class-report", str(usb), "--json", home=fresh)
    assert result.returncode == 0, result.stderr
    assert "not in this library" not in result.stderr
    assert [s["attempts"] for s in json.loads(result.stdout)["students"]] == [1]
    assert load_set(resource_path("starter.json")).articles  # the bundled set it found
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run_cli("class-report", str(empty), home=fresh)
    assert nothing.returncode == 1 and "no progress files in this folder" in nothing.stderr
    clash = tmp_path / "out.csv"
    clash.write_text("x", encoding="utf-8")
    refused = run_cli("class-report", str(usb), "--csv", str(clash), home=fresh)
    assert refused.returncode == 1 and "not a folder" in refused.stderr
    assert "Traceback" not in refused.stderr + nothing.stderr
