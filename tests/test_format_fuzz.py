"""Loaders given arbitrary bytes or text raise InvalidInput and nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mdfixtures import SET_YAML
from trainer.core.errors import InvalidInput
from trainer.core.formats import load_set
from trainer.core.markdown.article import parse_article

FUZZ = settings(max_examples=150, deadline=None)
MD_BITS = ["---\n", "id: a\n", "title: t\n", "level: 1\n", "[", "]", "{", "}", ".labeling",
           "why=", '"', "\\", "\n", "\n\n", " ", "x", "optional=true", ":", "- ", "😀", "\r",
           "{.", "]{", "tip=\"", "&", "*", "\t", "!!", "&a", "*a"]
md_text = st.lists(st.sampled_from(MD_BITS), max_size=40).map("".join)


@FUZZ
@given(st.one_of(md_text, st.text(max_size=200)))
def test_article_parser_raises_only_invalid_input(text: str) -> None:
    try:
        parse_article(text, "a.md")
    except InvalidInput as exc:
        assert exc.problems


def _only_invalid_input(path: Path) -> None:
    try:
        load_set(path)
    except InvalidInput as exc:
        assert exc.problems and all(p.message for p in exc.problems)


@FUZZ
@given(st.one_of(md_text.map(str.encode), st.binary(max_size=300)),
       st.one_of(st.just(SET_YAML), md_text))
def test_markdown_folder_loader(article_bytes: bytes, set_yaml: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "set.yaml").write_text(set_yaml, encoding="utf-8")
        (root / "a.md").write_bytes(article_bytes)
        _only_invalid_input(root)


@FUZZ
@given(st.binary(max_size=400))
def test_zip_and_json_loaders(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("x.zip", "x.json"):
            (Path(tmp) / name).write_bytes(data)
            _only_invalid_input(Path(tmp) / name)


ROW_BITS = ["1", "\t", "0", "5", "99", "-1", "Doubt", "Loaded_Language", "x", "\n", " ", "2",
            "1e3", "٣"]


@FUZZ
@given(st.lists(st.sampled_from(ROW_BITS), max_size=30).map("".join),
       st.one_of(st.text(max_size=60), st.just("Title\n\nBody text here.\n")))
def test_ptc_loader(labels: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "article1.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        (root / "article1.task-flc-tc.labels").write_text(labels, encoding="utf-8")
        _only_invalid_input(root)
