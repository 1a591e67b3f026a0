"""Class report exports (issue 12), all offline: three gradebook-friendly CSV files and xAPI
1.0.3 statements a learning record store can take later."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from trainer.core.class_report import AttemptRow, ClassReport
from trainer.core.fileout import write_text_atomically

ATTEMPT_COLUMNS = (
    "student_id", "student_name", "student_code", "assignment_id", "set_id", "set_version",
    "article_id", "level", "mode", "submitted_at", "duration_s", "key_spans", "marks", "found",
    "partly", "false_alarms", "too_broad", "student_score", "research_f1", "hits", "misses",
    "false_alarm_sentences", "correct_rejections")
STUDENT_COLUMNS = ("student_code", "student_name", "attempts", "mean_student_score", "d_prime",
                   "c")
TECHNIQUE_COLUMNS = ("student_id", "student_name", "technique", "examples", "found", "mastery")


def _number(value: float | None) -> str:
    # One decimal point, no thousands separator, no locale: spreadsheets read it as a number.
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def attempt_values(row: AttemptRow) -> list[object]:
    a, s, d = row.attempt, row.student, row.discernment
    return [row.student_id, row.student_name, row.student_code or "", a.assignment_id or "",
            a.set_id, a.set_version, a.article_id, a.level, a.mode,
            a.submitted_at.isoformat(), _number(a.duration_s), s.key_spans, s.marks, s.found,
            s.partly, s.false_alarms, s.too_broad, _number(s.score), _number(row.research_f1),
            d.hits, d.misses, d.false_alarms, d.correct_rejections]


def _write(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    tmp = path.with_name(f".{path.name}.partial")
    # With a byte order mark: Excel on Windows reads the file as UTF-8 only with one (else
    # "Chloé" comes out garbled); every other reader skips it.
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)


def write_csv(report: ClassReport, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    attempts = folder / "attempts.csv"
    _write(attempts, ATTEMPT_COLUMNS, (attempt_values(r) for r in report.attempts))
    students = folder / "students.csv"
    _write(students, STUDENT_COLUMNS, (
        [s.student_code or "", s.student_name, s.attempts, _number(s.mean_student_score),
         _number(s.discernment.d_prime), _number(s.discernment.bias)]
        for s in report.students))
    techniques = folder / "techniques.csv"
    _write(techniques, TECHNIQUE_COLUMNS, (
        [s.student_id, s.student_name, m.technique, m.examples, _number(m.found),
         _number(m.mastery)]
        for s in report.students for m in s.mastery.values() if m.examples))
    return [attempts, students, techniques]


def without_code(report: ClassReport) -> list[str]:
    """Names of the students whose students.csv row has no student code: a gradebook, which
    matches rows by code, cannot place them (the CLI and the window both warn)."""
    return [s.student_name for s in report.students if not s.student_code]


def _duration(seconds: float) -> str:
    return f"PT{seconds:.2f}S"


def xapi_statements(report: ClassReport) -> list[dict[str, Any]]:
    statements = []
    for row in report.attempts:
        a, s, d = row.attempt, row.student, row.discernment
        statements.append({
            "id": a.id.lower(),
            "actor": {"objectType": "Agent",
                      "account": {"homePage": "urn:trainer", "name": row.student_id},
                      "name": row.student_name},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered",
                     "display": {"en-US": "answered"}},
            "object": {"objectType": "Activity",
                       "id": f"urn:trainer:article:{a.set_id}:{a.article_id}"},
            "result": {
                "score": {"scaled": round(s.score, 6), "raw": s.found + 0.5 * s.partly,
                          "min": 0, "max": s.key_spans},
                "duration": _duration(a.duration_s),
                "extensions": {
                    "urn:trainer:research-f1": round(row.research_f1, 6),
                    "urn:trainer:discernment": {
                        "hits": d.hits, "misses": d.misses, "false_alarms": d.false_alarms,
                        "correct_rejections": d.correct_rejections}},
            },
            "timestamp": a.submitted_at.isoformat(),
        })
    return statements


def write_xapi(report: ClassReport, path: Path) -> None:
    write_text_atomically(
        json.dumps(xapi_statements(report), ensure_ascii=False, indent=1) + "\n", path)
