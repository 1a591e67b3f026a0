"""Store service behaviour on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from storage_helpers import TEXT_ONE, small_set

from trainer.core.model import ArticleSet
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.storage.engine import sqlite_url
from trainer.storage.errors import ConflictingSetError, NotFoundError, StoreError
from trainer.storage.service import Store


def test_profiles_create_rename_delete(store: Store) -> None:
    ana = store.profiles.create("  Ana  ")
    ben = store.profiles.create("ben")
    assert ana.name == "Ana" and len(ana.id) == 36 and ana.created_at.tzinfo is not None
    assert [p.name for p in store.profiles.list()] == ["Ana", "ben"]
    with pytest.raises(StoreError, match="already a profile"):
        store.profiles.create("ANA")
    with pytest.raises(StoreError, match="needs a name"):
        store.profiles.create("   ")
    store.profiles.rename(ben.id, "Ben")
    store.profiles.touch(ben.id)
    assert store.profiles.get(ben.id).name == "Ben"
    assert store.profiles.get(ben.id).last_used_at is not None
    store.profiles.delete(ana.id)
    assert [p.id for p in store.profiles.list()] == [ben.id]
    with pytest.raises(NotFoundError):
        store.profiles.rename(ana.id, "Ghost")


def test_settings_round_trip(store: Store) -> None:
    assert store.settings.get("theme", "light") == "light"
    store.settings.set("theme", "dark")
    store.settings.set("sizes", {"text": 14, "ui": [1, 2]})
    assert store.settings.get("theme") == "dark"
    assert store.settings.get("sizes") == {"text": 14, "ui": [1, 2]}
    with pytest.raises(StoreError):
        store.settings.set("bad", object())


def test_import_is_idempotent_and_round_trips(store: Store, demo: ArticleSet) -> None:
    first = store.library.import_set(demo)
    assert (first.added, first.updated, first.unchanged) == (3, 0, 0)
    again = store.library.import_set(demo)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    [info] = store.library.list_sets()
    assert (info.id, info.version, info.article_count) == ("demo", 1, 3)
    profile = store.profiles.create("Ana")
    for entry, original in zip(store.library.entries(profile.id), demo.articles, strict=True):
        assert store.library.article(entry.revision_id).article == original
        assert entry.is_clean == original.is_clean
        assert entry.techniques == tuple(dict.fromkeys(a.label for a in original.annotations))


def test_new_version_adds_revisions_and_keeps_old_text(store: Store, demo: ArticleSet) -> None:
    store.library.import_set(demo)
    profile = store.profiles.create("Ana")
    old_rev = store.library.entries(profile.id)[0].revision_id
    attempt = store.practice.submit(profile.id, old_rev, [Span(14, 22, "loaded-language")],
                           mode="technique", started_at=datetime.now(UTC))
    report = store.library.import_set(small_set(version=2, changed=True, extra=True))
    assert (report.added, report.updated, report.unchanged) == (1, 1, 2)
    library = store.library.entries(profile.id)
    assert len(library) == 4
    new_rev = library[0].revision_id
    assert new_rev != old_rev
    assert "Wednesday" in store.library.article(new_rev).article.text
    assert store.library.article(old_rev).article.text == TEXT_ONE  # the attempt's exact text
    [summary] = store.progress.history(profile.id)
    assert (summary.attempt_id, summary.revision_id) == (attempt.attempt_id, old_rev)
    assert library[0].status == "done"  # progress follows the article across revisions
    dropped = store.library.import_set(small_set(version=3, changed=True))
    assert dropped.removed == 1 and len(store.library.entries(profile.id)) == 3


def test_same_version_with_other_content_is_refused(store: Store, db_path: object) -> None:
    store.library.import_set(small_set())
    before = store.library.list_sets()
    with pytest.raises(ConflictingSetError, match="Raise"):
        store.library.import_set(small_set(changed=True))
    store.library.import_set(small_set(version=3))
    with pytest.raises(ConflictingSetError, match="older"):
        store.library.import_set(small_set(version=2, changed=True))
    assert store.library.list_sets()[0].version == 3 and before[0].version == 1


def test_draft_submit_history_and_stats(store: Store, demo: ArticleSet) -> None:
    store.library.import_set(demo)
    ana = store.profiles.create("Ana")
    entry = store.library.entries(ana.id)[0]
    assert entry.status == "new" and entry.best_f1 is None
    marks = [Span(14, 22, "loaded-language"), Span(100, 110, "framing")]
    store.practice.save_draft(ana.id, entry.revision_id, marks[:1])
    store.practice.save_draft(ana.id, entry.revision_id, marks, nothing_to_flag=False)
    draft = store.practice.load_draft(ana.id, entry.revision_id)
    assert draft is not None and draft.marks == tuple(marks)
    assert store.library.entries(ana.id)[0].status == "in-progress"
    started = datetime.now(UTC) - timedelta(minutes=3)
    submitted = store.practice.submit(ana.id, entry.revision_id, marks, mode="family",
                             started_at=started)
    taxonomy = store.library.article(entry.revision_id).taxonomy
    expected = score_article(demo.articles[0], marks, taxonomy)
    assert submitted.result.counts == expected.counts
    assert store.practice.load_draft(ana.id, entry.revision_id) is None  # submit drops the draft
    [summary] = store.progress.history(ana.id)
    family = expected.counts["family"]
    assert summary.f1 == pytest.approx(family.f1)
    assert summary.precision == pytest.approx(family.precision)
    assert 170 < summary.duration_s < 200
    assert summary.d_prime == pytest.approx(expected.discernment.d_prime)  # type: ignore[union-attr]
    stats = {s.technique: (s.found, s.total) for s in store.progress.technique_stats(ana.id)}
    assert stats == {"loaded-language": (1, 1), "anonymous-source": (0, 1)}
    done = store.library.entries(ana.id)[0]
    assert done.status == "done" and done.best_f1 == pytest.approx(family.f1)
    ben = store.profiles.create("Ben")
    assert store.progress.history(ben.id) == [] and store.progress.technique_stats(ben.id) == []
    overview = {o.name: o for o in store.progress.profiles_overview()}
    assert overview["Ana"].attempts == 1 and overview["Ben"].mean_f1 is None
    assert store.progress.all_technique_stats() == store.progress.technique_stats(ana.id)
    store.practice.save_draft(ana.id, entry.revision_id, marks)
    store.practice.discard_draft(ana.id, entry.revision_id)
    assert store.practice.load_draft(ana.id, entry.revision_id) is None


def test_history_is_newest_first_and_deleting_profile_cascades(store: Store,
                                                              demo: ArticleSet) -> None:
    store.library.import_set(demo)
    ana = store.profiles.create("Ana")
    ids = [store.practice.submit(ana.id, e.revision_id, [], mode="any",
                        started_at=datetime.now(UTC)).attempt_id
           for e in store.library.entries(ana.id)]
    assert [h.attempt_id for h in store.progress.history(ana.id)] == ids[::-1]
    store.profiles.delete(ana.id)
    assert store.check().counts["attempt"] == 0
    assert store.check().counts["attempt_technique"] == 0


def test_submit_rejects_bad_arguments(store: Store, demo: ArticleSet) -> None:
    store.library.import_set(demo)
    ana = store.profiles.create("Ana")
    rev = store.library.entries(ana.id)[0].revision_id
    with pytest.raises(StoreError, match="mode"):
        store.practice.submit(ana.id, rev, [], mode="strict", started_at=datetime.now(UTC))
    with pytest.raises(StoreError, match="timezone"):
        store.practice.submit(ana.id, rev, [], mode="any", started_at=datetime(2026, 1, 1))
    with pytest.raises(NotFoundError):
        store.practice.submit(ana.id, 9999, [], mode="any", started_at=datetime.now(UTC))
    with pytest.raises(NotFoundError):
        store.practice.save_draft(ana.id, 9999, [])
    assert store.progress.history(ana.id) == []


def test_closed_store_says_so(db_path: object) -> None:
    store = Store.open(sqlite_url(db_path))
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.profiles.list()


def test_threads_and_a_second_process_share_the_store(store: Store, db_path: object,
                                                      demo: ArticleSet) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store.library.import_set(demo)
    ana = store.profiles.create("Ana")
    revisions = [e.revision_id for e in store.library.entries(ana.id)]
    other = Store.open(sqlite_url(db_path), daily=False)  # e.g. the CLI while the GUI runs

    def work(i: int) -> str:
        target = store if i % 2 else other
        return target.practice.submit(ana.id, revisions[i % 3], [Span(0, 9, "framing")], mode="any",
                             started_at=datetime.now(UTC)).attempt_id

    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            ids = list(pool.map(work, range(40)))
    finally:
        other.close()
    assert {h.attempt_id for h in store.progress.history(ana.id)} == set(ids)


def test_export_set_returns_the_current_version_with_its_header(
        store: Store, demo: ArticleSet) -> None:
    store.library.import_set(demo)
    assert store.library.export_set("demo") == demo
    changed = demo.model_copy(update={
        "version": 2, "author": "Ms Okoro",
        "articles": demo.articles[:1]})
    store.library.import_set(changed)
    # The store keeps old revisions for old attempts, but exports only what is current.
    assert store.library.export_set("demo") == changed
    with pytest.raises(NotFoundError):
        store.library.export_set("no-such-set")
