"""JSON → Markdown → JSON keeps every field of every valid set (annotation order aside)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.setgen import article_sets, canonical
from trainer.core.markdown import load_markdown_set, write_markdown_folder, write_markdown_zip
from trainer.core.markdown.reader import load_markdown_folder
from trainer.core.model import ArticleSet

FAST = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FAST
@given(article_sets())
def test_folder_round_trip_is_lossless(tmp_path_factory: object, article_set: ArticleSet) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "set"
        write_markdown_folder(article_set, folder)
        again = load_markdown_folder(folder, "set")
    assert canonical(again) == canonical(article_set)


@settings(max_examples=20, deadline=None)
@given(article_sets())
def test_zip_round_trip_is_lossless(article_set: ArticleSet) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "set.zip"
        write_markdown_zip(article_set, path)
        again = load_markdown_set(path)
    assert canonical(again) == canonical(article_set)
