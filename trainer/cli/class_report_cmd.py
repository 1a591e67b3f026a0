"""`trainer class-report FILES_OR_FOLDERS…`: the class report from students' progress files,
scored again against this computer's library (issue 12)."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.cli.class_report_pdf import add_pdf_options, write_pdf
from trainer.cli.common import err, open_store, out, plural, report_problems
from trainer.core.errors import InvalidInput, Problem
from trainer.core.progress_paths import progress_paths

if TYPE_CHECKING:
    from trainer.core.class_report import ClassReport
    from trainer.storage.service import Store


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "class-report", help="the class report (stored class, or progress files)",
        description="Read progress files (or folders of them, e.g. a USB stick), score every "
                    "attempt again against the articles in this computer's library, and print "
                    "per student and per article results. A file whose own scores disagree "
                    "with its marks is flagged. Files that cannot be read are listed; the "
                    "others are still used (exit code 1 if any file failed). Without files, "
                    "the report covers the class stored on this computer.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="FILE_OR_FOLDER",
                        help="progress files or folders, read without storing anything; "
                             "none: the class stored with `trainer class import`")
    parser.add_argument("--assignment", metavar="ID", help="only attempts of this assignment")
    parser.add_argument("--csv", type=Path, metavar="DIR",
                        help="write attempts.csv, students.csv and techniques.csv into DIR")
    parser.add_argument("--xapi", type=Path, metavar="FILE",
                        help="write xAPI 1.0.3 statements, one per attempt, as a JSON array")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_pdf_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    for target in (args.csv,):
        if target is not None and target.exists() and not target.is_dir():
            report_problems([Problem(str(target), "exists and is not a folder",
                                     hint="--csv names a folder for the three CSV files")])
            return 1
    problems: list[Problem] = []
    if args.paths:
        report, problems = _report_from_files(args.paths, args.assignment)
    else:
        with open_store(daily=False) as store:
            _ensure_starter(store)
            if store.classes.is_empty():
                err("trainer: note: no class is stored on this computer yet; import the "
                    "students' progress files with: trainer class import FILES_OR_FOLDERS")
            report = store.classes.report(args.assignment)
    wrote = ""
    if args.pdf:  # first: a bad --heatmap choice stops before any file is written
        wrote = write_pdf(args, report)
    if args.csv:
        from trainer.core.class_export import write_csv

        write_csv(report, args.csv)
        _warn_missing_codes(report)
    if args.xapi:
        from trainer.core.class_export import write_xapi

        write_xapi(report, args.xapi)
    if args.json:
        print(json.dumps(_as_json(report), ensure_ascii=False, indent=2))
    else:
        _print_table(report)
    if wrote:  # on stderr with --json, which keeps stdout one JSON object
        (err if args.json else out)(wrote)
    # One line per student and article, counting the attempts (as the window's Problems do).
    for (name, set_id, article_id), n in sorted(Counter(report.missing).items()):
        err(f"trainer: {name}: {plural(n, 'attempt')} on {set_id}/{article_id} kept out of "
            "the report: that revision of the article is not in this library (import the set, "
            "or the assignment, first)")
    for name, attempt_id in report.disagreements:
        err(f"trainer: {name}: attempt {attempt_id}: the scores in the file disagree with its "
            "marks; the report uses scores computed again from the marks")
    for sid, first, second in report.same_id_other_name:
        err(f"trainer: the same student ({sid}) appears as {first!r} and {second!r}")
    report_problems(problems)
    return 1 if problems else 0


def _warn_missing_codes(report: ClassReport) -> None:
    """students.csv is keyed by student code for a gradebook: a row without one cannot be
    matched there."""
    from trainer.core.class_export import without_code

    missing = len(without_code(report))
    if missing:
        who = "1 student has" if missing == 1 else f"{missing} students have"
        err(f"trainer: warning: {who} no student code (set them in Teacher → Class report "
            "or `trainer class set-code`)")


def _ensure_starter(store: Store) -> None:
    from trainer.storage.starter import ensure_starter

    # The built-in starter passages count even where the program was never opened.
    problem = ensure_starter(store)
    if problem:
        err(f"trainer: warning: the starter passages could not be loaded: {problem}")


def _report_from_files(paths: list[Path],
                       assignment: str | None) -> tuple[ClassReport, list[Problem]]:
    """The report of the given files only; nothing is stored."""
    from trainer.core.class_attempts import AttemptLike
    from trainer.core.class_report import Resolved, build_report, file_drills
    from trainer.core.progress_file import ProgressFile, for_teacher, read_progress
    from trainer.core.taxonomy import default_taxonomy
    from trainer.storage.base import utcnow

    found, problems = progress_paths(paths)
    files: list[ProgressFile] = []
    for path in found:
        try:
            progress, warnings = read_progress(path)
        except InvalidInput as exc:
            problems += for_teacher(exc.problems[:5])
            continue
        report_problems(warnings)
        files.append(progress)
    with open_store(daily=False) as store:
        _ensure_starter(store)
        # The codes the teacher set for the stored class (Teacher → Class report, `trainer
        # class set-code`) belong to the student, whichever files are reported on.
        stored = {s.id.lower(): s.code for s in store.classes.students() if s.code}
        files = [f if f.profile.id.lower() not in stored else f.model_copy(update={
                     "profile": f.profile.model_copy(
                         update={"student_code": stored[f.profile.id.lower()]})})
                 for f in files]

        def resolve(attempt: AttemptLike) -> Resolved | None:
            view = store.library.view_by_hash(attempt.set_id, attempt.article_id,
                                              attempt.text_hash)
            return None if view is None else Resolved(view.article, view.taxonomy)

        techniques = list(default_taxonomy().techniques)
        drills = file_drills((f.profile.id, f.drills) for f in files)
        return build_report(files, resolve, utcnow(), assignment, techniques,
                            drills=drills), problems


def _as_json(report: Any) -> dict[str, Any]:
    return {
        "students": [{"id": s.student_id, "name": s.student_name, "code": s.student_code,
                      "attempts": s.attempts, "mean_student_score": s.mean_student_score,
                      "d_prime": s.discernment.d_prime, "c": s.discernment.bias,
                      "pattern": s.pattern} for s in report.students],
        "articles": [{"set_id": a.set_id, "article_id": a.article_id, "title": a.title,
                      "attempts": a.attempts, "mean_student_score": a.mean_student_score,
                      "most_missed": a.most_missed,
                      "most_common_false_alarm": a.most_common_false_alarm}
                     for a in report.articles],
        "confusion": [{"key": k, "given": g, "count": n}
                      for (k, g), n in sorted(report.confusion.items())],
        "disagreements": [{"student": n, "attempt": a} for n, a in report.disagreements],
        "missing": [{"student": n, "set_id": s, "article_id": a}
                    for n, s, a in report.missing],
    }


def _print_table(report: Any) -> None:
    print(f"{'student':<24} {'code':<10} {'attempts':>8} {'score':>6} {'d′':>6} {'c':>6}")
    for s in report.students:
        out(f"{s.student_name[:24]:<24} {(s.student_code or '')[:10]:<10} {s.attempts:>8} "
              f"{s.mean_student_score:>6.0%} {s.discernment.d_prime:>6.2f} "
              f"{s.discernment.bias:>+6.2f}  {s.pattern}")
    if report.articles:
        print()
        print("articles, hardest first:")
    for a in report.articles:
        out(f"  {a.set_id}/{a.article_id}: mean {a.mean_student_score:.0%} over "
            f"{plural(a.attempts, 'attempt')}; "
            f"most missed: {a.most_missed or '—'}; most common false alarm: "
            f"{a.most_common_false_alarm or '—'}")
