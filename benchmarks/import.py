"""Import speed: Store.import_set vs the same rows written with plain sqlite3 (DESIGN §9).

Both write into a freshly migrated database with the same schema and pragmas (WAL,
synchronous=NORMAL), in one transaction. The baseline gets its rows already built, so the
ratio charges the store for everything it does (hashing, change detection, ORM layer).
Run: python benchmarks/import.py   — the last line is the JSON result.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.support.datagen import generate_set, spans_in
from trainer.core.model import ArticleSet
from trainer.storage.engine import sqlite_url
from trainer.storage.importer import article_hash
from trainer.storage.service import Store

REPEATS = 3
TARGET = 5.0


def fresh_db(folder: Path, name: str) -> Path:
    path = folder / f"{name}.sqlite3"
    Store.open(sqlite_url(path), daily=False).close()
    return path


def time_store(folder: Path, article_set: ArticleSet, run: int) -> float:
    path = fresh_db(folder, f"store-{len(article_set.articles)}-{run}")
    store = Store.open(sqlite_url(path), daily=False)
    try:
        began = time.perf_counter()
        store.library.import_set(article_set)
        return time.perf_counter() - began
    finally:
        store.close()


def baseline_rows(article_set: ArticleSet) -> tuple[tuple[object, ...], list[tuple[object, ...]],
                                                     list[tuple[object, ...]]]:
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    s = article_set
    set_row = (s.id, s.version, s.title, s.language, s.level.min, s.level.max, s.author,
               s.license, s.description, "[]", now, now)
    articles, spans = [], []
    for i, a in enumerate(s.articles):
        rev = i + 1
        articles.append((rev, s.id, a.id, 1, s.version, article_hash(a), True, i, a.title,
                         a.level, a.source.outlet, a.source.date, a.source.url, a.text, now))
        spans.extend((rev, j, n.start, n.end, n.label, n.explanation, n.tip, n.optional)
                     for j, n in enumerate(a.annotations))
    return set_row, articles, spans


def time_sqlite(folder: Path, article_set: ArticleSet, run: int) -> float:
    path = fresh_db(folder, f"plain-{len(article_set.articles)}-{run}")
    set_row, articles, spans = baseline_rows(article_set)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA foreign_keys = ON")
        began = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO article_set (id, version, title, language, level_min, "
                    "level_max, author, license, description, techniques_json, imported_at, "
                    "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", set_row)
        con.executemany("INSERT INTO article (id, set_id, article_id, revision, set_version, "
                        "content_hash, is_current, position, title, level, outlet, date, url, "
                        "text, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", articles)
        con.executemany('INSERT INTO key_span (revision_id, position, start, "end", label, '
                        "explanation, tip, optional) VALUES (?,?,?,?,?,?,?,?)", spans)
        con.execute("COMMIT")
        return time.perf_counter() - began
    finally:
        con.close()


def measure(folder: Path, articles: int) -> dict[str, float]:
    article_set = generate_set(articles)
    store = min(time_store(folder, article_set, r) for r in range(REPEATS))
    plain = min(time_sqlite(folder, article_set, r) for r in range(REPEATS))
    print(f"{articles} articles, {spans_in(article_set)} key spans: store {store * 1000:.0f} ms,"
          f" plain sqlite3 {plain * 1000:.0f} ms, ratio {store / plain:.2f}")
    return {"store": store, "plain": plain}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = measure(folder, 2000)
        large = measure(folder, 4000)
    growth = large["store"] / small["store"]
    print(f"time growth for twice the articles: {growth:.2f} (linear: 2.0)")
    ratio = small["store"] / small["plain"]
    print(json.dumps({
        "benchmark": "import-2000-articles", "value": round(small["store"], 4), "unit": "s",
        "baseline": round(small["plain"], 4), "ratio": round(ratio, 3), "target": TARGET,
        "ok": ratio <= TARGET and growth <= 2.6, "growth_4000_vs_2000": round(growth, 3)}))


if __name__ == "__main__":
    main()
