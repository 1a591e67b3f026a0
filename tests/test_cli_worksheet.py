"""`trainer worksheet SET --pdf OUT`, run as a subprocess the way a teacher runs it, with the
PDF read back (issue 12 item 5); and the commands that must not load Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.pdftext import A4_PT, LETTER_PT, read_pdf
from trainer.core.model import Annotation, Article, ArticleSet

ROOT = Path(__file__).resolve().parents[1]


def trainer(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRAINER_HOME": str(home),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("TRAINER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


def _set_file(tmp_path: Path) -> Path:
    text = ("Officials <b>secretly</b> agreed the plan &amp; sources say it will fail.\n\n"
            "The council published the minutes on Monday.")
    start = text.index("sources say")
    article = Article(id="tags", title="Plan <i>agreed</i> & signed", text=text, annotations=[
        Annotation(start=start, end=start + len("sources say"), label="anonymous-source",
                   explanation="Which sources?", tip="Ask the council for the minutes.")])
    clean = Article(id="quiet", title="Minutes online", text="The minutes are online.")
    path = tmp_path / "tags.json"
    data = ArticleSet(id="tags-set", title="Tags & entities", articles=[article, clean])
    path.write_text(json.dumps(data.to_data()), encoding="utf-8")
    return path


def test_worksheet_of_a_set_file_prints_tags_literally(tmp_path: Path, qtbot: QtBot) -> None:
    out = tmp_path / "sheet.pdf"
    result = trainer(tmp_path / "home", "worksheet", str(_set_file(tmp_path)), "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout and "2 passages" in result.stdout
    pdf = read_pdf(out)
    assert "Officials <b>secretly</b> agreed the plan &amp; sources say" in " ".join(
        pdf.text.split())
    assert "Plan <i>agreed</i> & signed" in pdf.text
    assert "Name:" in pdf.pages[0] and "Tags & entities" in pdf.pages[0]
    assert "Answer key" not in pdf.text
    assert "Ask the council" not in pdf.text  # no tips without --key
    assert pdf.sizes_pt[0] == pytest.approx(A4_PT, abs=1)


def test_worksheet_from_the_library_with_key_on_letter(tmp_path: Path, qtbot: QtBot) -> None:
    out = tmp_path / "starter.pdf"
    result = trainer(tmp_path / "home", "worksheet", "starter", "--articles",
                     "l1-02-school-lunch,l1-01-bus-fares", "--key", "--level", "2",
                     "--page-size", "letter", "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert "answer key included, Letter" in result.stdout
    pdf = read_pdf(out)
    assert all(size == pytest.approx(LETTER_PT, abs=1) for size in pdf.sizes_pt)
    keyed = [i for i, page in enumerate(pdf.pages) if "Answer key" in page]
    assert keyed and keyed[0] > 0
    assert "How would you check this?" in "".join(pdf.pages[keyed[0]:])
    assert "How would you check this?" not in "".join(pdf.pages[:keyed[0]])
    assert "Anonymous source" in pdf.pages[0]  # level 2 lists the techniques
    # The passages come in the order asked for.
    assert pdf.text.index("Passage 1") < pdf.text.index("Passage 2")


@pytest.mark.parametrize(("args", "expected"), [
    (["no-such-set"], "no article set with this id"),
    (["starter", "--articles", "zz-missing"], "no article 'zz-missing' in this set"),
])
def test_worksheet_bad_choice_says_so(tmp_path: Path, args: list[str], expected: str) -> None:
    out = tmp_path / "x.pdf"
    result = trainer(tmp_path / "home", "worksheet", *args, "--pdf", str(out))
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_worksheet_bad_set_file_is_reported_like_validate(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "trainer.article-set", "id": "x"', encoding="utf-8")
    out = tmp_path / "x.pdf"
    result = trainer(tmp_path / "home", "worksheet", str(bad), "--pdf", str(out))
    assert result.returncode == 1
    assert f"{bad}:" in result.stderr and "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_worksheet_unwritable_output(tmp_path: Path) -> None:
    set_file = _set_file(tmp_path)
    missing = tmp_path / "no-folder" / "x.pdf"
    result = trainer(tmp_path / "home", "worksheet", str(set_file), "--pdf", str(missing))
    assert result.returncode == 1
    assert "cannot write the file" in result.stderr and "Traceback" not in result.stderr
    result = trainer(tmp_path / "home", "worksheet", str(set_file), "--pdf", str(tmp_path))
    assert result.returncode == 1 and "is a folder" in result.stderr


def test_worksheet_usage_errors(tmp_path: Path) -> None:
    result = trainer(tmp_path / "home", "worksheet", "starter", "--page-size", "A3",
                     "--pdf", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and "A4 or Letter" in result.stderr
    result = trainer(tmp_path / "home", "worksheet", "starter")
    assert result.returncode == 2 and "--pdf" in result.stderr


_PROBE = r"""
import contextlib, io, json, sys
from trainer.cli.main import run
codes = []
for argv in json.loads(sys.argv[1]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            codes.append(run(argv))
        except SystemExit as exc:
            codes.append(exc.code)
print(json.dumps({"codes": codes,
                  "qt": sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken")))}))
"""


def test_commands_without_pdf_load_no_qt(tmp_path: Path) -> None:
    """`trainer --help`, `trainer score` and a class report without --pdf stay Qt-free; the
    printing package is imported only by the commands that write a PDF."""
    key = ROOT / "tests" / "data" / "good" / "sample.json"
    answers = ROOT / "tests" / "data" / "good" / "sample.answers.json"
    empty = tmp_path / "stick"
    empty.mkdir()
    runs = [["--help"], ["score", str(key), str(answers)], ["class-report", str(empty)],
            ["worksheet", "--help"]]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRAINER_HOME": str(tmp_path / "home")}
    result = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(runs)], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["codes"] == [0, 0, 1, 0]  # the empty folder is reported, as it should be
    assert report["qt"] == []
