"""SIGKILL a real process mid-import and mid-submit stream; nothing acknowledged is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storage_helpers import ROOT, small_set

from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store

pytestmark = pytest.mark.slow

IMPORT_CHILD = textwrap.dedent("""
    import sys
    from benchmarks.support.datagen import generate_set
    from tests.storage.storage_helpers import small_set
    from trainer.storage.service import Store
    store = Store.open(sys.argv[1], daily=False)
    store.library.import_set(small_set())
    store.profiles.create("Ana")
    big = generate_set(4000, set_id="big")
    def progress(done, total):
        print("progress", done, total, flush=True)
        return True
    store.library.import_set(big, progress)
    print("committed", flush=True)
""")

SUBMIT_CHILD = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from tests.storage.storage_helpers import small_set
    from trainer.core.spans import Span
    from trainer.storage.service import Store
    store = Store.open(sys.argv[1], daily=False)
    store.library.import_set(small_set())
    ana = store.profiles.create("Ana")
    revisions = [e.revision_id for e in store.library.entries(ana.id)]
    i = 0
    while True:
        rev = revisions[i % len(revisions)]
        store.practice.save_draft(ana.id, rev, [Span(0, 5 + i % 7, "framing")])
        done = store.practice.submit(ana.id, rev, [Span(0, 5 + i % 7, "framing")], mode="family",
                            started_at=datetime.now(UTC))
        print("ack", ana.id, done.attempt_id, flush=True)
        i += 1
""")


def _spawn(code: str, url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL


def test_kill_during_large_import_is_all_or_nothing(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / 'trainer.sqlite3')
    child = _spawn(IMPORT_CHILD, url)
    assert child.stdout is not None
    try:
        for line in child.stdout:
            parts = line.split()
            if parts[0] == "progress" and int(parts[1]) >= int(parts[2]) // 4:
                break
        else:
            pytest.fail(f"child ended early: {child.stderr.read() if child.stderr else ''}")
    finally:
        _kill(child)
    with Store.open(url, daily=False) as store:
        report = store.check()
        assert report.ok, report.messages
        sets = {s.id: s.article_count for s in store.library.list_sets()}
        assert sets.get("demo") == 3 and [p.name for p in store.profiles.list()] == ["Ana"]
        if "big" in sets:  # committed before the kill landed: then it is complete
            assert sets["big"] == 4000
        else:
            assert report.counts["article"] == 3
            assert report.counts["key_span"] == 4
        assert store.library.import_set(small_set(set_id="after")).added == 3  # still writable


def test_kill_during_submits_keeps_every_acknowledged_attempt(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / 'trainer.sqlite3')
    child = _spawn(SUBMIT_CHILD, url)
    assert child.stdout is not None
    acknowledged: list[str] = []
    profile = ""
    try:
        for line in child.stdout:
            _, profile, attempt_id = line.split()
            acknowledged.append(attempt_id)
            if len(acknowledged) >= 60:
                break
        else:
            pytest.fail(f"child ended early: {child.stderr.read() if child.stderr else ''}")
    finally:
        _kill(child)
    with Store.open(url, daily=False) as store:
        report = store.check()
        assert report.ok, report.messages
        stored = {h.attempt_id for h in store.progress.history(profile)}
        assert set(acknowledged) <= stored
        assert len(stored) <= len(acknowledged) + 1  # at most the one in flight
        assert report.counts["answer_span"] == len(stored)
        history = store.progress.history(profile)
        required = {h.revision_id: sum(not a.optional for a in
                                       store.library.article(h.revision_id).article.annotations)
                    for h in history}
        seen = sum(s.total for s in store.progress.technique_stats(profile))
        assert seen == sum(required[h.revision_id] for h in history)  # scores stored with it
