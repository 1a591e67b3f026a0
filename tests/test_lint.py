"""Content lint (issue 5) on small generated sets, in-process and through `trainer lint`."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from trainer.core.formats import load_set
from trainer.core.jsonset import write_json_set
from trainer.core.lint import LintReport, coverage_table, lint_set, word_count
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.core.resources import resource_path
from trainer.core.taxonomy import default_taxonomy

ROOT = Path(__file__).resolve().parents[1]
TAX = default_taxonomy()
TECHNIQUES = list(TAX.techniques)
NOTE = "This phrase is flagged because the reader cannot check who said it or why."
TIP = "Look for the original document and see whether other outlets name the source."


def words_text(rnd: random.Random, count: int) -> tuple[str, list[tuple[int, int]]]:
    """Random made-up words (so passages never look alike) and each word's offsets."""
    words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(3, 9)))
             for _ in range(count)]
    text, bounds = "", []
    for i, word in enumerate(words):
        if i:
            text += ". " if i % 12 == 0 else " "
        bounds.append((len(text), len(text) + len(word)))
        text += word
    return text + ".", bounds


def make_article(rnd: random.Random, n: int, level: int = 1, labels: tuple[str, ...] = (),
                 words: int | None = None) -> Article:
    text, bounds = words_text(rnd, words or {1: 100, 2: 200, 3: 400}[level])
    annotations = []
    for k, label in enumerate(labels):
        first, last = bounds[5 + 8 * k], bounds[6 + 8 * k]
        annotations.append(Annotation(start=first[0], end=last[1], label=label,
                                      explanation=NOTE, tip=TIP))
    return Article(id=f"p{n}", title=f"Passage {n}", level=level, text=text,
                   annotations=annotations)


def good_set(seed: int = 1) -> ArticleSet:
    """One passage per technique, each with four key spans, plus 4 clean ones (about 20 %)."""
    rnd = random.Random(seed)
    articles = [make_article(rnd, i, level=1 + i % 3, labels=(t,) * 4)
                for i, t in enumerate(TECHNIQUES)]
    articles += [make_article(rnd, 100 + i, level=1 + i % 3) for i in range(4)]
    return ArticleSet(id="gen", title="Generated", articles=articles)


def replace(article_set: ArticleSet, index: int, article: Article) -> ArticleSet:
    articles = list(article_set.articles)
    articles[index] = article
    return article_set.model_copy(update={"articles": articles})


def messages(report: LintReport) -> list[tuple[str, str, str]]:
    return [(f.severity, f.path, f.message) for f in report.findings]


def test_a_good_set_has_no_findings() -> None:
    report = lint_set(good_set(), TAX)
    assert messages(report) == []
    assert report.coverage["anonymous-source"] == {1: 4}
    assert report.coverage["vague-attribution"] == {2: 4}
    assert sum(sum(row.values()) for row in report.coverage.values()) == 4 * len(TECHNIQUES)


def test_coverage_table_rows_and_columns() -> None:
    table = coverage_table(lint_set(good_set(), TAX), TAX).splitlines()
    assert table[0].split() == ["technique", "L1", "L2", "L3", "total"]
    rows = {line.split()[0]: line.split()[1:] for line in table[2:]}
    assert set(rows) == set(TECHNIQUES)
    assert rows["anonymous-source"] == ["4", "0", "0", "4"]
    assert rows["unverifiable-authority"] == ["0", "0", "4", "4"]


def _with_span(start_shift: int, end_shift: int, text: str = "Officials said the plan "
               "is a total disaster for everyone.") -> list[tuple[str, str, str]]:
    start, end = text.index("total"), text.index("disaster") + len("disaster")
    article = Article(id="x", title="X", text=text, annotations=[Annotation(
        start=start + start_shift, end=end + end_shift, label="exaggeration",
        explanation=NOTE, tip=TIP)])
    found = messages(lint_set(ArticleSet(id="s", title="S", articles=[article]), TAX))
    return [m for m in found if "annotations" in m[1]]


def test_span_boundaries_inside_words() -> None:
    assert _with_span(0, 0) == []
    assert _with_span(1, 0) == [("error", "$.articles[0].annotations[0]",
                                 "span 'otal disaster' starts inside a word")]
    assert _with_span(0, -2) == [("error", "$.articles[0].annotations[0]",
                                  "span 'total disast' ends inside a word")]
    assert [m[0] for m in _with_span(-1, 1)] == ["warning"]  # includes the spaces around
    assert "begins or ends with a space" in _with_span(-1, 1)[0][2]


def test_span_boundaries_respect_combining_marks_and_apostrophes() -> None:
    text = "The cafe\u0301 owner's claim was false."
    start = text.index("cafe")
    # Ending between "e" and its combining accent cuts the word "café".
    art = Article(id="x", title="X", text=text, annotations=[
        Annotation(start=start, end=start + 4, label="framing", explanation=NOTE, tip=TIP),
        Annotation(start=start + 6, end=start + 11, label="framing", explanation=NOTE, tip=TIP),
    ])
    found = messages(lint_set(ArticleSet(id="s", title="S", articles=[art]), TAX))
    spans = [m for m in found if "annotations" in m[1]]
    # "owner" ends before the apostrophe: a word boundary, so only the first span is flagged.
    assert spans == [("error", "$.articles[0].annotations[0]", "span 'cafe' ends inside a word")]


def test_missing_and_short_notes() -> None:
    article = Article(id="x", title="X", text="Sources say it is over.", annotations=[
        Annotation(start=0, end=11, label="anonymous-source", explanation="", tip="Ask who."),
        Annotation(start=12, end=22, label="speculation-as-fact", explanation=NOTE, tip=TIP,
                   optional=True),
    ])
    found = messages(lint_set(ArticleSet(id="s", title="S", articles=[article]), TAX))
    notes = [m for m in found if "annotations" in m[1]]
    assert notes == [
        ("error", "$.articles[0].annotations[0].explanation", "explanation is missing"),
        ("warning", "$.articles[0].annotations[0].tip", "tip is very short (8 characters)"),
    ]


def test_duplicate_and_near_duplicate_passages() -> None:
    base = good_set()
    first = base.articles[0]
    same = first.model_copy(update={"id": "copy", "text": "  " + first.text.upper() + " "})
    words = first.text.split(" ")
    words[40] = "changed"
    near = first.model_copy(update={"id": "near", "text": " ".join(words)})
    report = lint_set(replace(replace(base, 17, same), 18, near), TAX)
    dup = [m for m in messages(report) if m[2].startswith("passage")]
    assert dup == [
        ("error", "$.articles[17].text", "passage has the same text as 'p0' ($.articles[0])"),
        ("warning", "$.articles[18].text",
         dup[1][2]),  # similarity percentage checked below
    ]
    assert dup[1][2].startswith("passage is nearly the same as 'p0' ($.articles[0], ")


@pytest.mark.parametrize(("clean", "total", "flagged"),
                         [(0, 6, True), (1, 6, False), (2, 5, False), (3, 6, True),
                          (0, 4, False)])
def test_clean_passage_share(clean: int, total: int, flagged: bool) -> None:
    rnd = random.Random(7)
    articles = [make_article(rnd, i, labels=() if i < clean else ("labeling",))
                for i in range(total)]
    found = messages(lint_set(ArticleSet(id="s", title="S", articles=articles), TAX))
    share = [m for m in found if "clean" in m[2]]
    assert bool(share) == flagged
    if flagged:
        assert share[0][2].startswith(f"{clean} of {total} passages are clean")


@pytest.mark.parametrize(("level", "words", "flagged"),
                         [(1, 79, True), (1, 80, False), (1, 150, False), (1, 151, True),
                          (2, 149, True), (2, 300, False), (3, 299, True), (3, 600, False),
                          (3, 601, True)])
def test_passage_length_per_level(level: int, words: int, flagged: bool) -> None:
    article = make_article(random.Random(words), 1, level=level, words=words)
    assert word_count(article.text) == words
    found = messages(lint_set(ArticleSet(id="s", title="S", articles=[article]), TAX))
    length = [m for m in found if "words, outside" in m[2]]
    assert bool(length) == flagged


def test_techniques_with_fewer_than_four_spans() -> None:
    base = good_set()
    # p0 holds the four anonymous-source spans; keep three of them.
    first = base.articles[0]
    thinner = first.model_copy(update={"annotations": first.annotations[:3]})
    found = messages(lint_set(replace(base, 0, thinner), TAX))
    assert found == [("warning", "$.articles", "1 technique(s) have fewer than 4 key spans in "
                                               "the whole set: anonymous-source (3)")]


def _trainer(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_cli_lint_good_set(tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    write_json_set(good_set(), path)
    result = _trainer("lint", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    n = len(TECHNIQUES)
    assert f"{n + 4} passages (4 clean), {4 * n} key spans" in result.stdout
    assert "anonymous-source" in result.stdout
    assert result.stdout.splitlines()[-1] == "0 error(s), 0 warning(s)"


def test_cli_lint_errors_exit_1(tmp_path: Path) -> None:
    base = good_set()
    first = base.articles[0]
    broken_ann = first.annotations[0].model_copy(update={"explanation": ""})
    broken = first.model_copy(update={"annotations": [broken_ann, *first.annotations[1:]]})
    path = tmp_path / "bad.json"
    write_json_set(replace(base, 0, broken), path)
    result = _trainer("lint", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}: $.articles[0].annotations[0].explanation: error: explanation is missing "
        "(say in plain words why this phrase is flagged)",
        "1 error(s), 0 warning(s)",
    ]


def test_cli_lint_strict_fails_on_warnings(tmp_path: Path) -> None:
    rnd = random.Random(3)
    article_set = ArticleSet(id="s", title="S", articles=[make_article(rnd, 1, words=20)])
    path = tmp_path / "short.json"
    write_json_set(article_set, path)
    assert _trainer("lint", str(path)).returncode == 0
    strict = _trainer("lint", "--strict", str(path))
    assert strict.returncode == 1
    assert "warning: level 1 passage has 20 words" in strict.stderr


def test_cli_lint_invalid_set_reports_problems() -> None:
    result = _trainer("lint", str(ROOT / "tests/data/bad/offsets.json"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "end 500 is past the end of the text" in result.stderr


def test_bundled_json_library_passes_lint() -> None:
    path = resource_path("starter.json")
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert raw["articles"], "the bundled library is empty"
    result = _trainer("lint", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 error(s)" in result.stdout


def test_bundled_markdown_library_passes_strict_lint() -> None:
    result = _trainer("lint", "--strict", str(resource_path("starter")))
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_shipped_json_is_generated_from_the_markdown_source() -> None:
    # resources/starter/ is what people edit; resources/starter.json is what the program ships.
    source = load_set(resource_path("starter"))
    shipped = load_set(resource_path("starter.json"))
    assert shipped == source, (
        "resources/starter.json is stale: run "
        "`trainer convert --force resources/starter resources/starter.json`"
    )


def test_lint_on_a_markdown_folder_names_the_article_file(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "set"
    (folder / "articles").mkdir(parents=True)
    shutil.copy(resource_path("starter", "set.yaml"), folder / "set.yaml")
    source = resource_path("starter", "articles", "l1-02-school-lunch.md").read_text("utf-8")
    short, _ = re.subn(r'why="[^"]*"', 'why="Short."', source, count=1)
    (folder / "articles" / "lunch.md").write_text(short, encoding="utf-8")
    result = _trainer("lint", str(folder))
    # Like `validate`: file:line:col of the why= that is too short (issue 9 item 14).
    line = next(n for n, text in enumerate(short.splitlines(), 1) if 'why="Short."' in text)
    col = short.splitlines()[line - 1].index('why="Short."') + 1
    expected = (f"{folder / 'articles' / 'lunch.md'}:{line}:{col}: warning: explanation is "
                "very short")
    assert expected in result.stderr, result.stderr
