"""Format-version-2 content in the store: headline spans, notes, source cards, cards opened."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storage_helpers import small_set

from tests.setgen import canonical
from trainer.core.model import Annotation, ArticleSet, Note, SourceCard
from trainer.core.parts import mark_to_scoring
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.errors import ConflictingSetError
from trainer.storage.importer import article_hash
from trainer.storage.service import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "db"
STARTED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def v2_set(version: int = 1, why: str = "Names the document behind the figure.") -> ArticleSet:
    base = small_set(version=version)
    first = base.articles[0]
    title_span = Annotation(start=2, end=8, label="loaded-language", part="title",
                            explanation="'secret' in a headline presumes a hidden motive",
                            tip="Read the body: does it show anything was hidden?")
    note = Note(start=first.text.index("The council"), end=len(first.text) - 1, why=why)
    articles = [first.model_copy(update={"annotations": [*first.annotations, title_span],
                                         "notes": [note]}), *base.articles[1:]]
    cards = [SourceCard(id="daily-example", name="The Daily Example", kind="outlet",
                        aliases=["Daily Example"], text="A national tabloid.")]
    return base.model_copy(update={"articles": articles, "sources": cards,
                                   "format_version": 2})


def test_export_reproduces_headline_spans_notes_and_cards(store: Store) -> None:
    original = v2_set()
    store.library.import_set(original)
    exported = store.library.export_set("demo")
    assert canonical(exported) == canonical(original.model_copy(update={"format_version": 1}))
    assert exported.written_version() == 2
    view = store.library.article(store.library.entries(
        store.profiles.create("Ana").id)[0].revision_id)
    assert [c.id for c in view.sources] == ["daily-example"]
    assert [a.part for a in view.article.annotations][-1] == "title"
    assert view.article.notes == original.articles[0].notes


def test_the_content_hash_covers_notes_and_parts(store: Store) -> None:
    store.library.import_set(v2_set())
    with pytest.raises(ConflictingSetError):
        store.library.import_set(v2_set(why="Another reason, same version."))
    report = store.library.import_set(v2_set(version=2, why="Another reason, newer version."))
    assert report.updated == 1
    moved = v2_set().articles[0]
    as_text = moved.model_copy(update={"annotations": [
        a.model_copy(update={"part": "text"}) for a in moved.annotations]})
    assert article_hash(moved) != article_hash(as_text)
    # Version-1 articles hash as before: see the upgrade test below (nothing to re-import).


def test_a_headline_mark_and_the_cards_opened_are_stored(store: Store, db_path: Path) -> None:
    store.library.import_set(v2_set())
    ana = store.profiles.create("Ana")
    entry = store.library.entries(ana.id)[0]
    article = store.library.article(entry.revision_id).article
    mark = mark_to_scoring(article, Span(2, 8, "loaded-language"), "title")
    result = store.practice.submit(ana.id, entry.revision_id, [mark], mode="technique",
                                   started_at=STARTED, sources_opened=["daily-example"])
    assert result.result.counts["technique"].precision == 1.0
    assert store.practice.sources_opened(result.attempt_id) == ["daily-example"]
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT start, end, part FROM answer_span").fetchall() == [(2, 8, "title")]
    con.close()
    progress = store.progress.export_file(ana.id)
    [mark_out] = progress.attempts[0].marks
    assert (mark_out.start, mark_out.end, mark_out.part) == (2, 8, "title")


def test_a_progress_file_with_headline_marks_is_scored_on_import(tmp_path: Path) -> None:
    with Store.open(sqlite_url(tmp_path / 'a.sqlite3')) as first:
        first.library.import_set(v2_set())
        ana = first.profiles.create("Ana")
        entry = first.library.entries(ana.id)[0]
        article = first.library.article(entry.revision_id).article
        first.practice.submit(ana.id, entry.revision_id,
                              [mark_to_scoring(article, Span(2, 8, "loaded-language"), "title")],
                              mode="technique", started_at=STARTED)
        progress = first.progress.export_file(ana.id)
    with Store.open(sqlite_url(tmp_path / 'b.sqlite3')) as second:
        second.library.import_set(v2_set())
        report = second.progress.import_file(progress)
        assert (report.added, report.kept, report.disagreements) == (1, [], [])


@pytest.mark.parametrize("revision", ["0003"])
def test_a_database_of_the_previous_revision_keeps_its_sets(revision: str,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    shutil.copyfile(FIXTURES / f"{revision}.sqlite3", path)
    with Store.open(sqlite_url(path)) as store:
        exported = store.library.export_set("demo")
        assert exported.sources == [] and exported.written_version() == 1
        assert all(a.part == "text" for art in exported.articles for a in art.annotations)
        assert all(not art.notes for art in exported.articles)
        # Same content, same version: the stored hashes still match, nothing to do.
        again = store.library.import_set(small_set(version=2, changed=True, extra=True))
        assert again.added == again.updated == 0
