"""`trainer score KEY ANSWERS [--json]`: score answers against an article set's key.

Kept quick as a whole process (DESIGN §9: a few times a bare interpreter loading the two JSON
files): a JSON key is read by `scorekey`'s fast path, nothing here imports pydantic, every
figure of an article comes from one pass (core/scoring_fast.py), verdicts are computed only
for `--json`, and the JSON is written compact, by the C encoder except for the verdict rows
(report_json). The report is built by one function per block (`_article_entry`,
`_overall`), so a new block is one more entry in each.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

from trainer.core.answers import load_marks
from trainer.core.discernment import DiscernmentCounts
from trainer.core.scorekey import load_score_key
from trainer.core.scoring_counts import MODES, Counts, Mode, sum_counts
from trainer.core.scoring_fast import (
    VERDICT_FIELDS,
    ArticleFigures,
    VerdictRow,
    score_article_fast,
)
from trainer.core.student_counts import StudentScore, mode_for_level, total
from trainer.core.taxonomy import Taxonomy

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:  # `trainer score KEY ANSWERS` does not import argparse (main.quick_args)
    import argparse
    from typing import Any

_DESCRIPTION = """\
Score ANSWERS against the key in KEY. KEY is an article set in any format `trainer validate`
reads. ANSWERS is JSON: {"<article id>": [{"start": 0, "end": 12, "label": "…"}, …], …};
an article of KEY missing from ANSWERS counts as answered with no marks. A label is a
technique or family id, a technique the key set defines itself, or a PTC technique name
(e.g. Loaded_Language, Flag-Waving). A span without a label ("" or no "label") counts in
`any` mode only: in `family` and `technique` modes it matches no key span, though it still
counts as one of the marks.
"""

_JSON_HELP = ("print one JSON object on one line: per article and overall, for each mode "
              "(any, family, technique), precision, recall, f1 and \"counts\" (precision_num, "
              "precision_den, recall_num, recall_den), plus the student score, the verdicts "
              "and discernment")


def register(commands: Any) -> None:
    parser = commands.add_parser("score", help="score an answers file against an article set",
                                 description=_DESCRIPTION)
    parser.add_argument("key", type=Path, metavar="KEY")
    parser.add_argument("answers", type=Path, metavar="ANSWERS")
    parser.add_argument("--json", action="store_true", help=_JSON_HELP)
    parser.set_defaults(handler=run)


def mode_block(counts: Counts) -> dict[str, Any]:
    """precision, recall, f1 (DESIGN §8) and the sums they come from, for micro-averaging."""
    return {**counts.as_dict(), "counts": counts.sums()}


def _article_entry(figures: ArticleFigures) -> dict[str, Any]:
    entry: dict[str, Any] = {"student": figures.student.as_dict()}
    entry |= {mode: mode_block(figures.counts[mode]) for mode in MODES}
    return entry


def _overall(totals: dict[Mode, list[Counts]], students: list[StudentScore]) -> dict[str, Any]:
    return {"student": total(students).as_dict(),
            **{mode: mode_block(sum_counts(totals[mode])) for mode in MODES}}


def _report(key_path: Path, answers_path: Path, verdicts: bool
            ) -> tuple[dict[str, Any], dict[str, list[VerdictRow]]]:
    """The report without its verdicts, and each article's verdict rows (if asked)."""
    key = load_score_key(key_path)
    taxonomy: Taxonomy = key.taxonomy
    answers = load_marks(answers_path, key, taxonomy)
    family_of = taxonomy.family_map
    articles: dict[str, Any] = {}
    rows: dict[str, list[VerdictRow]] = {}
    totals: dict[Mode, list[Counts]] = {mode: [] for mode in MODES}
    trials: list[DiscernmentCounts] = []
    students: list[StudentScore] = []
    for article in key.articles:
        figures = score_article_fast(article, answers[article.id], family_of,
                                     mode_for_level(article.level), verdicts,
                                     cached_split=False)
        students.append(figures.student)
        articles[article.id] = _article_entry(figures)
        if figures.verdicts is not None:
            rows[article.id] = figures.verdicts
        for mode in MODES:
            totals[mode].append(figures.counts[mode])
        trials.append(figures.discernment)
    discernment = DiscernmentCounts(
        sum(d.hits for d in trials), sum(d.misses for d in trials),
        sum(d.false_alarms for d in trials), sum(d.correct_rejections for d in trials))
    report = {"articles": articles, "overall": _overall(totals, students),
              "discernment": discernment.as_dict()}
    return report, rows


def build_report(key_path: Path, answers_path: Path, verdicts: bool = True) -> dict[str, Any]:
    """The `--json` report as a dict; without `verdicts` (the table does not print them) the
    articles have none."""
    report, rows = _report(key_path, answers_path, verdicts)
    for article_id, entry in report["articles"].items():
        if article_id in rows:
            entry["verdicts"] = [dict(zip(VERDICT_FIELDS, row, strict=True))
                                 for row in rows[article_id]]
    return report


def _dumps(value: object) -> str:
    # The C encoder, compact; no circularity check: the report is a tree we built.
    return json.dumps(value, ensure_ascii=False, check_circular=False, separators=(",", ":"))


# Stands for an article's verdicts while the rest of the report is encoded in one call; the
# encoder writes it as "\u0000", which nothing else in that part can be (ids, numbers, words).
_SLOT = "\0"
_SLOT_JSON = '"\\u0000"'


def report_json(key_path: Path, answers_path: Path) -> str:
    """build_report as one line of JSON, written without a dict per verdict.

    The verdicts are most of the report (one per key span and stray mark, thousands on a
    research corpus); each row is formatted directly, and the strings they repeat (labels,
    explanations, tips) are encoded once. tests/test_score_json.py checks that this parses
    to build_report's dict.
    """
    report, rows = _report(key_path, answers_path, verdicts=True)
    for entry in report["articles"].values():
        entry["verdicts"] = _SLOT
    pieces = _dumps(report).split(_SLOT_JSON)
    if len(pieces) != len(rows) + 1:  # cannot happen with valid ids; never write it wrong
        for article_id, entry in report["articles"].items():
            entry["verdicts"] = [dict(zip(VERDICT_FIELDS, row, strict=True))
                                 for row in rows[article_id]]
        return _dumps(report) + "\n"
    quoted: dict[str, str] = {}  # the JSON of each label, explanation and tip, made once
    numbers: dict[float, str] = {}  # and of each coverage
    out = [pieces[0]]
    for article_rows, piece in zip(rows.values(), pieces[1:], strict=True):
        out.append(_verdicts_json(article_rows, quoted, numbers))
        out.append(piece)
    out.append("\n")
    return "".join(out)


def _verdicts_json(rows: list[VerdictRow], quoted: dict[str, str],
                   numbers: dict[float, str]) -> str:
    """The JSON array of Verdict.as_dict objects for these rows (see report_json)."""
    items = []
    for kind, start, end, label, source, coverage, optional, explanation, tip in rows:
        # kind and source are fixed words of ours; whole numbers print as json does (repr).
        items.append(
            f'{{"verdict":"{kind}","start":{start!r},"end":{end!r},'
            f'"label":{quoted.get(label) or _quote(label, quoted)},"source":"{source}",'
            f'"coverage":{numbers.get(coverage) or _number(coverage, numbers)},'
            f'"optional":{"true" if optional else "false"},'
            f'"explanation":{quoted.get(explanation) or _quote(explanation, quoted)},'
            f'"tip":{quoted.get(tip) or _quote(tip, quoted)}}}')
    return "[" + ",".join(items) + "]"


def _quote(text: str, quoted: dict[str, str]) -> str:
    # Labels, explanations and tips repeat across a corpus's rows: each is encoded once.
    quoted[text] = result = _dumps(text)
    return result


def _number(value: float, numbers: dict[float, str]) -> str:
    # Coverages are rounded to 4 places, so a corpus repeats them (0.0, 1.0, 0.5, …), and a
    # float's repr (what json writes) costs several times a dict lookup.
    numbers[value] = result = repr(value)
    return result


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
    # The cyclic garbage collector would walk the key's thousands of parsed objects again and
    # again while they are made (≈ 5 % of a run on a PTC-sized key); scoring makes no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    if args.json:
        # One line; indent= would fall back to the Python encoder, which costs more than
        # scoring on a PTC-sized key.
        sys.stdout.write(report_json(args.key, args.answers))
    else:
        print(_table(build_report(args.key, args.answers, verdicts=False)))
    return 0
