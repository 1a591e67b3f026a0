"""Store service behaviour on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from storage_helpers import TEXT_ONE, small_set

from trainer.core.model import ArticleSet
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.storage.errors import ConflictingSetError, NotFoundError, StoreError
from trainer.storage.service import Store


def test_profiles_create_rename_delete(store: Store) -> None:
    ana = store.create_profile("  Ana  ")
    ben = store.create_profile("ben")
    assert ana.name == "Ana" and len(ana.id) == 36 and ana.created_at.tzinfo is not None
    assert [p.name for p in store.list_profiles()] == ["Ana", "ben"]
    with pytest.raises(StoreError, match="already a profile"):
        store.create_profile("ANA")
    with pytest.raises(StoreError, match="needs a name"):
        store.create_profile("   ")
    store.rename_profile(ben.id, "Ben")
    store.touch_profile(ben.id)
    assert store.profile(ben.id).name == "Ben"
    assert store.profile(ben.id).last_used_at is not None
    store.delete_profile(ana.id)
    assert [p.id for p in store.list_profiles()] == [ben.id]
    with pytest.raises(NotFoundError):
        store.rename_profile(ana.id, "Ghost")


def test_settings_round_trip(store: Store) -> None:
    assert store.get_setting("theme", "light") == "light"
    store.set_setting("theme", "dark")
    store.set_setting("sizes", {"text": 14, "ui": [1, 2]})
    assert store.get_setting("theme") == "dark"
    assert store.get_setting("sizes") == {"text": 14, "ui": [1, 2]}
    with pytest.raises(StoreError):
        store.set_setting("bad", object())


def test_import_is_idempotent_and_round_trips(store: Store, demo: ArticleSet) -> None:
    first = store.import_set(demo)
    assert (first.added, first.updated, first.unchanged) == (3, 0, 0)
    again = store.import_set(demo)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    [info] = store.list_sets()
    assert (info.id, info.version, info.article_count) == ("demo", 1, 3)
    profile = store.create_profile("Ana")
    for entry, original in zip(store.library(profile.id), demo.articles, strict=True):
        assert store.article(entry.revision_id).article == original
        assert entry.is_clean == original.is_clean
        assert entry.techniques == tuple(dict.fromkeys(a.label for a in original.annotations))


def test_new_version_adds_revisions_and_keeps_old_text(store: Store, demo: ArticleSet) -> None:
    store.import_set(demo)
    profile = store.create_profile("Ana")
    old_rev = store.library(profile.id)[0].revision_id
    attempt = store.submit(profile.id, old_rev, [Span(14, 22, "loaded-language")],
                           mode="technique", started_at=datetime.now(UTC))
    report = store.import_set(small_set(version=2, changed=True, extra=True))
    assert (report.added, report.updated, report.unchanged) == (1, 1, 2)
    library = store.library(profile.id)
    assert len(library) == 4
    new_rev = library[0].revision_id
    assert new_rev != old_rev
    assert "Wednesday" in store.article(new_rev).article.text
    assert store.article(old_rev).article.text == TEXT_ONE  # the attempt's exact text
    [summary] = store.history(profile.id)
    assert (summary.attempt_id, summary.revision_id) == (attempt.attempt_id, old_rev)
    assert library[0].status == "done"  # progress follows the article across revisions
    dropped = store.import_set(small_set(version=3, changed=True))
    assert dropped.removed == 1 and len(store.library(profile.id)) == 3


def test_same_version_with_other_content_is_refused(store: Store, db_path: object) -> None:
    store.import_set(small_set())
    before = store.list_sets()
    with pytest.raises(ConflictingSetError, match="Raise"):
        store.import_set(small_set(changed=True))
    store.import_set(small_set(version=3))
    with pytest.raises(ConflictingSetError, match="older"):
        store.import_set(small_set(version=2, changed=True))
    assert store.list_sets()[0].version == 3 and before[0].version == 1


def test_draft_submit_history_and_stats(store: Store, demo: ArticleSet) -> None:
    store.import_set(demo)
    ana = store.create_profile("Ana")
    entry = store.library(ana.id)[0]
    assert entry.status == "new" and entry.best_f1 is None
    marks = [Span(14, 22, "loaded-language"), Span(100, 110, "framing")]
    store.save_draft(ana.id, entry.revision_id, marks[:1])
    store.save_draft(ana.id, entry.revision_id, marks, nothing_to_flag=False)
    draft = store.load_draft(ana.id, entry.revision_id)
    assert draft is not None and draft.marks == tuple(marks)
    assert store.library(ana.id)[0].status == "in-progress"
    started = datetime.now(UTC) - timedelta(minutes=3)
    submitted = store.submit(ana.id, entry.revision_id, marks, mode="family",
                             started_at=started)
    expected = score_article(demo.articles[0], marks, store.article(entry.revision_id).taxonomy)
    assert submitted.result.counts == expected.counts
    assert store.load_draft(ana.id, entry.revision_id) is None  # submit drops the draft
    [summary] = store.history(ana.id)
    family = expected.counts["family"]
    assert summary.f1 == pytest.approx(family.f1)
    assert summary.precision == pytest.approx(family.precision)
    assert 170 < summary.duration_s < 200
    assert summary.d_prime == pytest.approx(expected.discernment.d_prime)  # type: ignore[union-attr]
    stats = {s.technique: (s.found, s.total) for s in store.technique_stats(ana.id)}
    assert stats == {"loaded-language": (1, 1), "anonymous-source": (0, 1)}
    done = store.library(ana.id)[0]
    assert done.status == "done" and done.best_f1 == pytest.approx(family.f1)
    ben = store.create_profile("Ben")
    assert store.history(ben.id) == [] and store.technique_stats(ben.id) == []
    overview = {o.name: o for o in store.profiles_overview()}
    assert overview["Ana"].attempts == 1 and overview["Ben"].mean_f1 is None
    assert store.all_technique_stats() == store.technique_stats(ana.id)
    store.save_draft(ana.id, entry.revision_id, marks)
    store.discard_draft(ana.id, entry.revision_id)
    assert store.load_draft(ana.id, entry.revision_id) is None


def test_history_is_newest_first_and_deleting_profile_cascades(store: Store,
                                                              demo: ArticleSet) -> None:
    store.import_set(demo)
    ana = store.create_profile("Ana")
    ids = [store.submit(ana.id, e.revision_id, [], mode="any",
                        started_at=datetime.now(UTC)).attempt_id
           for e in store.library(ana.id)]
    assert [h.attempt_id for h in store.history(ana.id)] == ids[::-1]
    store.delete_profile(ana.id)
    assert store.check().counts["attempt"] == 0
    assert store.check().counts["attempt_technique"] == 0


def test_submit_rejects_bad_arguments(store: Store, demo: ArticleSet) -> None:
    store.import_set(demo)
    ana = store.create_profile("Ana")
    rev = store.library(ana.id)[0].revision_id
    with pytest.raises(StoreError, match="mode"):
        store.submit(ana.id, rev, [], mode="strict", started_at=datetime.now(UTC))
    with pytest.raises(StoreError, match="timezone"):
        store.submit(ana.id, rev, [], mode="any", started_at=datetime(2026, 1, 1))
    with pytest.raises(NotFoundError):
        store.submit(ana.id, 9999, [], mode="any", started_at=datetime.now(UTC))
    with pytest.raises(NotFoundError):
        store.save_draft(ana.id, 9999, [])
    assert store.history(ana.id) == []


def test_closed_store_says_so(db_path: object) -> None:
    store = Store.open(f"sqlite:///{db_path}")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.list_profiles()


def test_threads_and_a_second_process_share_the_store(store: Store, db_path: object,
                                                      demo: ArticleSet) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store.import_set(demo)
    ana = store.create_profile("Ana")
    revisions = [e.revision_id for e in store.library(ana.id)]
    other = Store.open(f"sqlite:///{db_path}", daily=False)  # e.g. the CLI while the GUI runs

    def work(i: int) -> str:
        target = store if i % 2 else other
        return target.submit(ana.id, revisions[i % 3], [Span(0, 9, "framing")], mode="any",
                             started_at=datetime.now(UTC)).attempt_id

    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            ids = list(pool.map(work, range(40)))
    finally:
        other.close()
    assert {h.attempt_id for h in store.history(ana.id)} == set(ids)
