"""`trainer score KEY ANSWERS [--json]`: score answers against an article set's key."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from trainer.core.answers import load_answers
from trainer.core.discernment import DiscernmentCounts
from trainer.core.formats import load_set
from trainer.core.scoring import MODES, Counts, score_article, sum_counts
from trainer.core.student_score import StudentScore, mode_for_level, student_score, total
from trainer.core.taxonomy import default_taxonomy


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "score", help="score an answers file against an article set",
        description="Score ANSWERS ({\"<article id>\": [{\"start\", \"end\", \"label\"}, …]}) "
                    "against the key in KEY. Articles missing from ANSWERS count as unmarked.")
    parser.add_argument("key", type=Path, metavar="KEY")
    parser.add_argument("answers", type=Path, metavar="ANSWERS")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def build_report(key_path: Path, answers_path: Path) -> dict[str, Any]:
    key = load_set(key_path)
    taxonomy = key.taxonomy(default_taxonomy())
    answers = load_answers(answers_path, key, taxonomy)
    articles: dict[str, Any] = {}
    totals: dict[str, list[Counts]] = {mode: [] for mode in MODES}
    discernment = DiscernmentCounts()
    students: list[StudentScore] = []
    for article in key.articles:
        marks = answers[article.id]
        result = score_article(article, marks, taxonomy)
        student = student_score(article, marks, mode_for_level(article.level), taxonomy)
        students.append(student)
        entry: dict[str, Any] = {"student": student.as_dict()}
        entry |= {mode: result.counts[mode].as_dict() for mode in MODES}
        entry["verdicts"] = [v.as_dict() for v in result.verdicts]
        articles[article.id] = entry
        for mode in MODES:
            totals[mode].append(result.counts[mode])
        if result.discernment is not None:
            discernment = discernment + result.discernment
    return {
        "articles": articles,
        "overall": {"student": total(students).as_dict(),
                    **{mode: sum_counts(totals[mode]).as_dict() for mode in MODES}},
        "discernment": discernment.as_dict(),
    }


def _student_cells(student: dict[str, Any]) -> str:
    found = f"{student['found']}/{student['key_spans']}"
    hits = f"{student['hits']}/{student['marks']}"
    return (f"{student['score']:>7.3f} {found:>7} {student['partly']:>6} {hits:>7} "
            f"{student['mode']:>9}")


def _table(report: dict[str, Any]) -> str:
    # The student score (phrases) leads; the research F1 columns (characters) follow.
    header = (f"{'article':<28} {'student':>7} {'found':>7} {'partly':>6} {'hits':>7} "
              f"{'mode':>9} " + " ".join(f"{m + ' F1':>13}" for m in MODES))
    lines = [header, "-" * len(header)]
    rows = [*report["articles"].items(), ("OVERALL", report["overall"])]
    for article_id, entry in rows:
        cells = " ".join(f"{entry[m]['f1']:>13.3f}" for m in MODES)
        lines.append(f"{article_id[:28]:<28} {_student_cells(entry['student'])} {cells}")
    lines.append("")
    lines.append("student: phrases found (partly found counts half) and marks that hit, labels "
                 "compared in each article's level mode; F1: research score (characters)")
    d = report["discernment"]
    lines.append(f"discernment: d' = {d['d_prime']:.2f} (hits {d['hits']}, misses {d['misses']}, "
                 f"false alarms {d['false_alarms']}, correct rejections "
                 f"{d['correct_rejections']})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    report = build_report(args.key, args.answers)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else _table(report))
    return 0
