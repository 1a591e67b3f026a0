"""The `trainer` command line, run as a subprocess the way a teacher runs it."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from statistics import NormalDist

import pytest

from trainer import __version__
from trainer.cli.main import build_parser, quick_args

ROOT = Path(__file__).resolve().parents[1]
GOOD = Path(__file__).parent / "data" / "good"
KEY = GOOD / "sample.json"
ANSWERS = GOOD / "sample.answers.json"


def trainer(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("TRAINER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def subcommands() -> list[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    return []


def test_version() -> None:
    result = trainer("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"trainer {__version__}"


def test_top_level_help_lists_every_command() -> None:
    result = trainer("--help")
    assert result.returncode == 0
    for name in subcommands():
        assert name in result.stdout


@pytest.mark.parametrize("command", subcommands())
def test_every_subcommand_has_help(command: str) -> None:
    result = trainer(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: trainer {command}")


def test_subcommands_include_the_basics() -> None:
    assert {"validate", "score", "lint"} <= set(subcommands())


def test_score_json_has_exactly_the_design_shape() -> None:
    result = trainer("score", str(KEY), str(ANSWERS), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"articles", "overall", "discernment"}
    assert set(report["articles"]) == {"a1", "a2", "clean-1"}
    student_keys = {"precision", "recall", "score", "found", "partly", "missed", "key_spans",
                    "marks", "hits", "false_alarms", "too_broad", "wrong_labels", "mode"}
    for entry in report["articles"].values():
        assert set(entry) == {"student", "any", "family", "technique", "verdicts"}
        assert set(entry["student"]) == student_keys
        for mode in ("any", "family", "technique"):
            assert set(entry[mode]) == {"precision", "recall", "f1", "counts"}
        for verdict in entry["verdicts"]:
            assert {"verdict", "start", "end", "label"} <= set(verdict)
    assert set(report["overall"]) == {"student", "any", "family", "technique"}
    assert set(report["overall"]["student"]) == student_keys
    for mode in ("any", "family", "technique"):
        assert set(report["overall"][mode]) == {"precision", "recall", "f1", "counts"}
    assert set(report["discernment"]) == {"hits", "misses", "false_alarms",
                                          "correct_rejections", "d_prime"}


def test_score_json_values_hand_computed() -> None:
    report = json.loads(trainer("score", str(KEY), str(ANSWERS), "--json").stdout)
    a1 = report["articles"]["a1"]
    # a1 key: [0,29) anonymous-source, [81,100) loaded-language, [34,61) optional.
    # answers: [0,20) unverified, [81,87) loaded-language, [63,70) labeling (touches nothing).
    # any: P = (20/20 + 6/6 + 0)/3 = 2/3, R = (20/29 + 6/19)/2
    assert a1["any"]["precision"] == pytest.approx(2 / 3)
    assert a1["any"]["recall"] == pytest.approx((20 / 29 + 6 / 19) / 2)
    # technique: "unverified" is not "anonymous-source": P = 1/3, R = (6/19)/2
    assert a1["technique"]["precision"] == pytest.approx(1 / 3)
    assert a1["technique"]["recall"] == pytest.approx(3 / 19)
    assert [(v["start"], v["verdict"]) for v in a1["verdicts"]] == [
        (0, "found"), (34, "debatable"), (63, "false-alarm"), (81, "partly-found")]
    # clean-1 is missing from ANSWERS: an unmarked clean passage is a perfect score.
    clean = report["articles"]["clean-1"]["any"]
    assert {k: clean[k] for k in ("precision", "recall", "f1")} == {"precision": 1.0, "recall": 1.0,
                                                                   "f1": 1.0}
    # micro-average over a1, a2 (one of its two key spans answered exactly), clean-1:
    # technique P = (1 + 1)/(3 + 1), R = (6/19 + 1)/(2 + 2)
    overall = report["overall"]["technique"]
    assert overall["precision"] == pytest.approx(0.5)
    assert overall["recall"] == pytest.approx((6 / 19 + 1) / 4)
    # sentences: a1 → hit, hit, correct rejection; a2 → hit, miss; clean-1 → rejection.
    d = report["discernment"]
    assert (d["hits"], d["misses"], d["false_alarms"], d["correct_rejections"]) == (3, 1, 0, 2)
    z = NormalDist().inv_cdf
    assert d["d_prime"] == pytest.approx(z(3.5 / 5) - z(0.5 / 3), abs=1e-4)


def test_score_json_student_score_hand_computed() -> None:
    report = json.loads(trainer("score", str(KEY), str(ANSWERS), "--json").stdout)
    # a1 (level 1, family): [0,20) unverified hits [0,29) and covers 20/29 -> found;
    # [81,87) framing hits [81,100) covering 6/19 -> partly; [63,70) "Critics" -> false alarm.
    a1 = report["articles"]["a1"]["student"]
    assert (a1["found"], a1["partly"], a1["missed"], a1["key_spans"]) == (1, 1, 0, 2)
    assert (a1["marks"], a1["hits"], a1["false_alarms"], a1["too_broad"]) == (3, 2, 1, 0)
    assert a1["precision"] == pytest.approx(2 / 3) and a1["recall"] == pytest.approx(0.75)
    assert a1["score"] == pytest.approx(12 / 17)
    assert a1["mode"] == "family"
    # a2 (level 2): one of two phrases found exactly, no wasted mark.
    a2 = report["articles"]["a2"]["student"]
    assert (a2["found"], a2["missed"], a2["hits"], a2["marks"]) == (1, 1, 1, 1)
    # clean-1 unmarked: a correct "nothing to flag".
    assert report["articles"]["clean-1"]["student"]["score"] == 1.0
    # overall: sums first (hits 3 of 4 marks; found 2 + ½ of 4 phrases), then the score.
    overall = report["overall"]["student"]
    assert (overall["hits"], overall["marks"], overall["found"], overall["partly"],
            overall["key_spans"]) == (3, 4, 2, 1, 4)
    assert overall["score"] == pytest.approx(2 * 0.75 * 0.625 / (0.75 + 0.625))
    assert overall["mode"] == "family"


def test_score_table() -> None:
    result = trainer("score", str(KEY), str(ANSWERS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["article", "student", "found", "partly", "hits", "mode",
                                "any", "F1", "family", "F1", "technique", "F1"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:] if line.strip()}
    assert rows["a1"][:5] == ["0.706", "1/2", "1", "2/3", "family"]
    assert rows["clean-1"] == ["1.000", "0/0", "0", "0/0", "family", "1.000", "1.000", "1.000"]
    assert "OVERALL" in rows
    assert lines[-1].startswith("discernment: d' = 1.49 (hits 3, misses 1")


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ("", ["file is empty"]),
        ("{nope", [":1:2: not valid JSON"]),
        (b"{\"a1\": [\"\xe9\"]}", [":1:10: not valid UTF-8"]),
        ("[]", ["$: answers must be an object"]),
        ('{"zz": []}', ["$[\"zz\"]: article 'zz' is not in the key"]),
        ('{"a1": 5}', ["$[\"a1\"]: must be a list of spans"]),
        ('{"a1": [{"start": 0, "end": 5, "label": "nonsense"}, 3, '
         '{"start": "0", "end": 5}, {"start": 9, "end": 2, "label": "framing"}],'
         ' "a2": [{"start": 0, "end": 999, "label": "framing"},'
         ' {"start": 17, "end": 20, "label": "framing"}]}',
         ["$[\"a1\"][0].label: unknown label 'nonsense'",
          "$[\"a1\"][1]: span must be an object",
          "$[\"a1\"][2]: start and end must be whole numbers",
          "$[\"a1\"][3]: span 9..2 is empty, inverted or outside the text",
          "$[\"a2\"][0]: span 0..999 is empty, inverted or outside the text",
          "$[\"a2\"][1]: span cuts a character in two"]),
    ],
)
def test_score_bad_answers(tmp_path: Path, answers: str | bytes, expected: list[str]) -> None:
    path = _write(tmp_path, "answers.json", answers)
    result = trainer("score", str(KEY), str(path), "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), result.stderr
    for line, text in zip(lines, expected, strict=True):
        assert line.startswith(str(path)), line
        assert text in line, line


@pytest.mark.parametrize(("label", "guess"), [
    ("loaded-framing", "did you mean 'framing' (Loaded framing)?"),
    ("Loaded framing", "did you mean 'framing' (Loaded framing)?"),
    ("Unverified claim", "did you mean 'unverified' (Unverified claim)?"),
    ("framng", "did you mean 'framing'?")])
def test_score_suggests_the_id_of_a_label_written_as_its_name(
        tmp_path: Path, label: str, guess: str) -> None:
    # The program shows families and techniques by name; answers use their ids.
    path = _write(tmp_path, "answers.json",
                  json.dumps({"a1": [{"start": 0, "end": 5, "label": label}]}))
    result = trainer("score", str(KEY), str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"unknown label {label!r}" in result.stderr and guess in result.stderr


def test_score_bad_key(tmp_path: Path) -> None:
    result = trainer("score", str(ROOT / "tests/data/bad/offsets.json"), str(ANSWERS))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 5
    missing = trainer("score", str(tmp_path / "none.json"), str(ANSWERS))
    assert missing.returncode == 1
    assert "no such file" in missing.stderr
    no_answers = trainer("score", str(KEY), str(tmp_path / "none.json"))
    assert no_answers.returncode == 1
    assert "cannot read file" in no_answers.stderr
    assert "Traceback" not in missing.stderr + no_answers.stderr


def test_usage_errors_exit_nonzero_without_traceback() -> None:
    result = trainer("score", str(KEY))
    assert result.returncode == 2  # argparse's usage error
    assert "usage: trainer score" in result.stderr
    assert "Traceback" not in result.stderr


def test_score_overall_student_mode_is_mixed_across_levels(tmp_path: Path) -> None:
    from trainer.cli.score_cmd import build_report

    text = "They say the plan is a disaster. The vote is on Monday."
    key = {"format": "trainer.article-set", "format_version": 1, "id": "mix", "title": "Mix",
           "articles": [
               {"id": f"l{level}", "title": "T", "level": level, "text": text,
                "annotations": [{"start": 0, "end": 8, "label": "vague-attribution"}]}
               for level in (1, 3)]}
    marks = [{"start": 0, "end": 8, "label": "anonymous-source"}]
    key_path = _write(tmp_path, "key.json", json.dumps(key))
    answers_path = _write(tmp_path, "answers.json", json.dumps({"l1": marks, "l3": marks}))
    report = build_report(key_path, answers_path)
    # Same family, other technique: a hit at level 1, a wrong label at level 3.
    assert report["articles"]["l1"]["student"]["mode"] == "family"
    assert report["articles"]["l1"]["student"]["hits"] == 1
    assert report["articles"]["l3"]["student"]["mode"] == "technique"
    assert report["articles"]["l3"]["student"]["wrong_labels"] == 1
    overall = report["overall"]["student"]
    assert (overall["mode"], overall["hits"], overall["marks"], overall["found"]) == (
        "mixed", 1, 2, 1)


def test_score_json_adds_the_counts_of_each_mode() -> None:
    report = json.loads(trainer("score", str(KEY), str(ANSWERS), "--json").stdout)
    names = {"precision_num", "precision_den", "recall_num", "recall_den"}
    entries = [*report["articles"].values(), report["overall"]]
    for entry in entries:
        for mode in ("any", "family", "technique"):
            block = entry[mode]
            assert set(block["counts"]) == names
            counts = block["counts"]
            if counts["precision_den"]:
                assert block["precision"] == pytest.approx(
                    counts["precision_num"] / counts["precision_den"])
            if counts["recall_den"]:
                assert block["recall"] == pytest.approx(counts["recall_num"] / counts["recall_den"])
    for mode in ("any", "family", "technique"):  # micro-average: overall = sum of articles
        for name in names:
            assert report["overall"][mode]["counts"][name] == pytest.approx(
                sum(e[mode]["counts"][name] for e in report["articles"].values()))


def test_score_help_says_where_an_unlabelled_span_counts() -> None:
    text = " ".join(trainer("score", "--help").stdout.split())
    assert "A span without a label" in text and "counts in `any` mode only" in text
    assert "PTC technique name" in text and '"counts"' in text


def _ptc_key(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "ptc"
    folder.mkdir()
    text = "Headline here\n\nOur great nation will never bow. The corrupt elites lied.\n"
    (folder / "article42.txt").write_text(text, encoding="utf-8")
    rows = [("Flag-Waving", text.index("Our great"), text.index(" will")),
            ("Loaded_Language", text.index("corrupt"), text.index(" lied"))]
    (folder / "article42.task2-TC.labels").write_text(
        "".join(f"42\t{n}\t{s}\t{e}\n" for n, s, e in rows), encoding="utf-8")
    return folder, text


def test_score_accepts_ptc_names_and_the_sets_own_techniques(tmp_path: Path) -> None:
    key, text = _ptc_key(tmp_path)
    converted = tmp_path / "key.json"
    assert trainer("convert", str(key), str(converted)).returncode == 0
    flag = (text.index("Our great"), text.index(" will"))
    elites = (text.index("corrupt"), text.index(" lied"))
    for labels in (("Flag-Waving", "Loaded_Language"), ("flag-waving", "loaded-language"),
                   ("FLAG-WAVING", "loaded_language")):
        answers = _write(tmp_path, "answers.json", json.dumps({"42": [
            {"start": flag[0], "end": flag[1], "label": labels[0]},
            {"start": elites[0], "end": elites[1], "label": labels[1]}]}))
        for source in (key, converted):
            result = trainer("score", str(source), str(answers), "--json")
            assert result.returncode == 0, result.stderr
            overall = json.loads(result.stdout)["overall"]
            assert overall["technique"]["f1"] == 1.0, (labels, source)


def test_score_unlabelled_span_counts_in_any_mode_only(tmp_path: Path) -> None:
    key, text = _ptc_key(tmp_path)
    flag = (text.index("Our great"), text.index(" will"))
    answers = _write(tmp_path, "answers.json",
                     json.dumps({"42": [{"start": flag[0], "end": flag[1]}]}))
    overall = json.loads(trainer("score", str(key), str(answers), "--json").stdout)["overall"]
    assert overall["any"]["counts"]["precision_num"] == 1.0
    assert overall["family"]["counts"]["precision_num"] == 0.0
    assert overall["technique"]["counts"]["precision_num"] == 0.0


def _loaded_by_score(modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a `trainer score KEY ANSWERS --json` run in a fresh interpreter
    loads (it must also succeed)."""
    code = ("import sys; from trainer.cli.main import run; "
            f"code = run(['score', {str(KEY)!r}, {str(ANSWERS)!r}, '--json']); "
            f"loaded = [m for m in {modules!r} if m in sys.modules]; "
            "print('LOADED', code, ' '.join(loaded), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    line = next((ln for ln in result.stderr.splitlines() if ln.startswith("LOADED ")), "")
    assert line.startswith("LOADED 0 "), result.stderr
    return line.removeprefix("LOADED 0 ").split()


def test_score_loads_no_heavy_library(tmp_path: Path) -> None:
    assert _loaded_by_score(("pydantic", "sqlalchemy", "yaml", "alembic", "PySide6",
                             "jsonschema", "platformdirs")) == []


def test_score_imports_only_its_light_scoring_modules() -> None:
    # The reference modules (Span objects, verdict and student-result dataclasses) cost
    # import time that `trainer score` does not need: it scores through core/scoring_fast.py.
    assert _loaded_by_score(("trainer.core.scoring", "trainer.core.student_score",
                             "trainer.core.verdicts", "trainer.storage.service")) == []


def test_score_reports_a_bad_json_key_like_validate(tmp_path: Path) -> None:
    raw = json.loads(KEY.read_text(encoding="utf-8"))
    raw["colour"] = "red"
    raw["articles"][0]["annotations"][0]["end"] = 10_000
    key = _write(tmp_path, "key.json", json.dumps(raw))
    scored = trainer("score", str(key), str(ANSWERS), "--json")
    validated = trainer("validate", str(key))
    assert scored.returncode == 1 and scored.stdout == ""
    problems = [line for line in validated.stderr.splitlines() if line.startswith(str(key))]
    assert len(problems) == 2 and scored.stderr.splitlines() == problems


def test_score_skips_modules_it_does_not_need() -> None:
    # statistics (d′ comes from _statistics' C function), difflib (only for a bad label's
    # "did you mean"), filetypes (a command line is never a document), dataclasses (core
    # types are records), argparse (main.quick_args) and typing (TYPE_CHECKING = False in
    # the modules on the path): ≈ 20 ms a run.
    assert _loaded_by_score(("statistics", "difflib", "trainer.core.filetypes", "dataclasses",
                             "inspect", "argparse", "shutil", "typing")) == []


@pytest.mark.parametrize("argv", [
    ["score", "k.json", "a.json"], ["score", "k.json", "a.json", "--json"],
    ["score", "--json", "k.json", "a.json"], ["score", "k.json", "--json", "a.json"],
    ["score", "dir/k b.json", "ä.json"], ["score", "score", "score"]])
def test_quick_args_are_the_parsers(argv: list[str]) -> None:
    quick = quick_args(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser("score_cmd").parse_args(argv))


@pytest.mark.parametrize("argv", [
    ["score"], ["score", "k.json"], ["score", "k", "a", "b"], ["score", "-k", "a"],
    ["score", "k", "a", "--js"], ["score", "k", "a", "--json", "--json"], ["score", "", "a"],
    ["score", "k", "a", "--help"], ["--data-dir", "d", "score", "k"], ["validate", "k", "a"],
    ["score", "--", "k", "a"], ["score", "k", "-"]])
def test_quick_args_leave_the_rest_to_argparse(argv: list[str]) -> None:
    assert quick_args(argv) is None


def test_score_process_ends_early_with_everything_written(tmp_path: Path) -> None:
    # __main__ leaves a `trainer score` process with os._exit after flushing its output.
    from trainer.cli.score_cmd import report_json

    done = trainer("score", str(KEY), str(ANSWERS), "--json")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == report_json(KEY, ANSWERS)
    table = trainer("score", str(KEY), str(ANSWERS))
    assert table.returncode == 0 and table.stdout.rstrip("\n").endswith(")")
    missing = trainer("score", str(KEY), str(tmp_path / "none.json"), "--json")
    assert missing.returncode == 1 and "none.json" in missing.stderr and missing.stdout == ""
