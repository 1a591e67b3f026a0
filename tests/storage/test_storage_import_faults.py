"""A failed or cancelled import leaves every table exactly as it was."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_helpers import dump_database, small_set

from trainer.core.errors import InvalidInput
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.storage.engine import sqlite_url
from trainer.storage.errors import ImportCancelled
from trainer.storage.service import Store


def _populated(store: Store) -> None:
    store.library.import_set(small_set())
    ana = store.profiles.create("Ana")
    store.settings.set("theme", "dark")
    store.practice.save_draft(ana.id, store.library.entries(ana.id)[0].revision_id, [])


def _big_update(articles: int = 600) -> ArticleSet:
    base = small_set(version=2, changed=True)
    more = [Article(id=f"more-{i}", title=f"More {i}", text=f"Passage number {i} here.",
                    annotations=[Annotation(start=0, end=7, label="framing")])
            for i in range(articles)]
    return base.model_copy(update={"articles": [*base.articles, *more]})


def test_invalid_offsets_change_nothing(store: Store, db_path: Path) -> None:
    _populated(store)
    before = dump_database(db_path)
    bad = small_set(version=2, changed=True)
    broken = bad.articles[1].model_copy(
        update={"annotations": [Annotation(start=5, end=500, label="framing")]})
    bad = bad.model_copy(update={"articles": [bad.articles[0], broken, bad.articles[2]]})
    with pytest.raises(InvalidInput) as caught:
        store.library.import_set(bad)
    assert "outside the text" in caught.value.problems[0].message
    assert caught.value.problems[0].path == "$.articles[1].annotations[0]"
    assert dump_database(db_path) == before


def test_exception_midway_rolls_back(store: Store, db_path: Path) -> None:
    _populated(store)
    before = dump_database(db_path)
    calls: list[int] = []

    def explode(done: int, total: int) -> bool:
        calls.append(done)
        if done >= 250:  # after the first bulk chunk was written inside the transaction
            raise RuntimeError("disk on fire")
        return True

    with pytest.raises(RuntimeError, match="disk on fire"):
        store.library.import_set(_big_update(), explode)
    assert calls[:2] == [0, 250]
    assert dump_database(db_path) == before


def test_cancel_rolls_back(store: Store, db_path: Path) -> None:
    _populated(store)
    before = dump_database(db_path)
    with pytest.raises(ImportCancelled, match="nothing was changed"):
        store.library.import_set(_big_update(), lambda done, total: done < 500)
    assert dump_database(db_path) == before
    seen: list[tuple[int, int]] = []
    report = store.library.import_set(_big_update(), lambda d, t: seen.append((d, t)) is None)
    assert report.added == 600 and seen[-1] == (601, 601)


labels = st.sampled_from(["framing", "unverified", "loaded-language", "anonymous-source"])


@st.composite
def article_sets(draw: st.DrawFn) -> ArticleSet:
    count = draw(st.integers(min_value=0, max_value=6))
    articles = []
    for i in range(count):
        text = draw(st.text(min_size=1, max_size=60).filter(lambda t: t.strip() != ""))
        notes = []
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            start = draw(st.integers(min_value=0, max_value=len(text) - 1))
            end = draw(st.integers(min_value=start + 1, max_value=len(text)))
            notes.append(Annotation(start=start, end=end, label=draw(labels),
                                    explanation=draw(st.text(max_size=10)),
                                    optional=draw(st.booleans())))
        one_line = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")
        title = draw(st.text(one_line, min_size=1, max_size=12).filter(str.strip))
        articles.append(Article(id=f"a{i}", title=title,
                                level=draw(st.integers(1, 3)), text=text, annotations=notes))
    return ArticleSet(id="prop", version=draw(st.integers(1, 5)), title="Property set",
                      articles=articles)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=article_sets(), second=article_sets())
def test_import_idempotent_and_round_trips(first: ArticleSet, second: ArticleSet) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.sqlite3"
        with Store.open(sqlite_url(path), daily=False) as store:
            report = store.library.import_set(first)
            assert report.added == len(first.articles)
            snapshot = dump_database(path)
            again = store.library.import_set(first)
            assert (again.added, again.updated, again.unchanged) == (0, 0, len(first.articles))
            assert dump_database(path) == snapshot
            ana = store.profiles.create("Ana")
            stored = [store.library.article(e.revision_id).article
                      for e in store.library.entries(ana.id)]
            assert stored == first.articles
            newer = second.model_copy(update={"version": first.version + 1})
            update = store.library.import_set(newer)
            old = {a.id: a for a in first.articles}
            assert update.added == sum(a.id not in old for a in newer.articles)
            assert update.unchanged == sum(old.get(a.id) == a for a in newer.articles)
            assert update.added + update.updated + update.unchanged == len(newer.articles)
            assert update.removed == len(old.keys() - {a.id for a in newer.articles})
            current = [store.library.article(e.revision_id).article
                       for e in store.library.entries(ana.id)]
            assert current == newer.articles
