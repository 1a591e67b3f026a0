"""`trainer convert` and `trainer validate` on Markdown and PTC inputs, run as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.mdfixtures import article, make_set

ROOT = Path(__file__).resolve().parents[1]


def trainer(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "trainer", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def good_set(tmp_path: Path) -> Path:
    return make_set(tmp_path / "md", {
        "articles/01.md": article('Fares [slapped on]{.loaded-language why="w" tip="t"} us.\n'),
        "articles/02.md": article("A clean passage.\n", "id: a2\ntitle: Clean\nlevel: 2\n"),
    })


def test_markdown_json_markdown_json_is_identical(tmp_path: Path) -> None:
    md = good_set(tmp_path)
    first = trainer("convert", md, tmp_path / "a.json")
    assert first.returncode == 0, first.stderr
    assert "wrote json" in first.stdout and "2 articles, 1 key spans" in first.stdout
    assert trainer("convert", tmp_path / "a.json", tmp_path / "again").returncode == 0
    assert trainer("convert", tmp_path / "again", tmp_path / "b.json").returncode == 0
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()
    data = json.loads((tmp_path / "a.json").read_text())
    ann = data["articles"][0]["annotations"][0]
    assert data["articles"][0]["text"][ann["start"]:ann["end"]] == "slapped on"


def test_zip_output_and_validate(tmp_path: Path) -> None:
    md = good_set(tmp_path)
    assert trainer("convert", md, tmp_path / "set.zip").returncode == 0
    result = trainer("validate", tmp_path / "set.zip", md)
    assert result.returncode == 0, result.stderr
    assert "2 file(s) valid" in result.stdout


def test_ptc_round_trip_through_the_cli(tmp_path: Path) -> None:
    md = good_set(tmp_path)
    assert trainer("convert", md, tmp_path / "ptc", "--to", "ptc").returncode == 0
    assert (tmp_path / "ptc" / "articlea1.task2-TC.labels").read_text().startswith(
        "a1\tLoaded_Language\t")
    result = trainer("validate", tmp_path / "ptc")
    assert result.returncode == 0 and "2 articles, 1 key spans" in result.stdout
    assert trainer("convert", tmp_path / "ptc", tmp_path / "p.json").returncode == 0


def test_validate_reports_markdown_problems_with_line_and_column(tmp_path: Path) -> None:
    bad = make_set(tmp_path / "bad", {"a.md": article("Text [phrase{.loaded-language} and "
                                                      "[x]{.no-such-thing}.\n")})
    result = trainer("validate", bad)
    assert result.returncode == 1
    assert f"{bad}/a.md:6:6: unclosed '['" in result.stderr
    assert f"{bad}/a.md:6:40: unknown label 'no-such-thing'" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_reports_ptc_problems(tmp_path: Path) -> None:
    ptc = tmp_path / "ptc"
    ptc.mkdir()
    (ptc / "article5.txt").write_text("Title\n\nBody.\n")
    (ptc / "article5.task-flc-tc.labels").write_text("5\tLoaded_Language\t0\t99\n")
    result = trainer("validate", ptc)
    assert result.returncode == 1
    assert "article5.task-flc-tc.labels:1:21: end 99 is past the end of article5.txt" in (
        result.stderr)


def test_convert_refuses_bad_input_and_existing_output(tmp_path: Path) -> None:
    bad = make_set(tmp_path / "bad", {"a.md": "no front matter\n"})
    result = trainer("convert", bad, tmp_path / "out.json")
    assert result.returncode == 1 and not (tmp_path / "out.json").exists()
    assert "a.md:1:1: the file must start with a line '---'" in result.stderr
    md = good_set(tmp_path)
    (tmp_path / "exists.json").write_text("{}")
    result = trainer("convert", md, tmp_path / "exists.json")
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (tmp_path / "exists.json").read_text() == "{}"
    assert trainer("convert", md, tmp_path / "exists.json", "--force").returncode == 0
    result = trainer("convert", md, md)
    assert result.returncode == 1 and "is the input itself" in result.stderr


def test_unknown_folder_is_explained(tmp_path: Path) -> None:
    result = trainer("validate", tmp_path)
    assert result.returncode == 1
    assert "this folder is not an article set" in result.stderr


def _ptc_with_c1(tmp_path: Path) -> Path:
    ptc = tmp_path / "corpus"
    ptc.mkdir()
    text = "\ufeffTitle\n\nThey said “no”\x9d to it.\n"
    (ptc / "article7.txt").write_bytes(text.encode("utf-8"))
    start = text.index("They")
    (ptc / "article7.task2-TC.labels").write_text(f"7\tFlag-Waving\t{start}\t{start + 4}\n")
    return ptc


def test_validate_and_convert_show_warnings_and_succeed(tmp_path: Path) -> None:
    ptc = _ptc_with_c1(tmp_path)
    warning = f"{ptc}/article7.txt:3:15: warning: control character U+009D replaced by U+FFFD"
    result = trainer("validate", ptc)
    assert result.returncode == 0, result.stderr
    assert warning in result.stderr
    assert "OK" in result.stdout and "1 key spans, 1 warning" in result.stdout
    converted = trainer("convert", ptc, tmp_path / "c.json")
    assert converted.returncode == 0, converted.stderr
    assert warning in converted.stderr and ", 1 warning" in converted.stdout
    back = trainer("convert", tmp_path / "c.json", tmp_path / "back", "--to", "ptc")
    assert back.returncode == 0, back.stderr
    assert (tmp_path / "back" / "article7.task2-TC.labels").read_bytes() == (
        ptc / "article7.task2-TC.labels").read_bytes()
    assert (tmp_path / "back" / "article7.txt").read_bytes().startswith(b"\xef\xbb\xbfTitle")


def test_import_shows_warnings(tmp_path: Path) -> None:
    ptc = _ptc_with_c1(tmp_path)
    result = trainer("--data-dir", tmp_path / "data", "import", ptc)
    assert result.returncode == 0, result.stderr
    assert "article7.txt:3:15: warning: control character U+009D" in result.stderr
    assert "1 added" in result.stdout and ", 1 warning" in result.stdout


def test_warnings_are_listed_with_the_errors(tmp_path: Path) -> None:
    ptc = _ptc_with_c1(tmp_path)
    (ptc / "article7.task2-TC.labels").write_text("7\tNo_Such_Name\t0\t4\n")
    result = trainer("validate", ptc)
    assert result.returncode == 1
    assert "article7.txt:3:15: warning:" in result.stderr
    assert "unknown PTC technique 'No_Such_Name'" in result.stderr
    assert "1 problem(s) in 1 of 1 file(s)" in result.stderr
