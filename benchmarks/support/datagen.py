"""Deterministic generated data for the storage benchmarks (and the crash tests).

Generated text is nonsense made of a small vocabulary; only sizes and shapes matter.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.core.model import Annotation, Article, ArticleSet, Source
from trainer.core.taxonomy import default_taxonomy

WORDS = ("officials", "said", "the", "plan", "would", "secretly", "change", "many", "expect",
         "sources", "claim", "government", "report", "analysts", "warn", "crisis", "local",
         "council", "budget", "school", "weather", "market", "prices", "rose", "fell")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def generate_article(rng: random.Random, index: int, spans: int, version: int = 1) -> Article:
    labels = [*sorted(default_taxonomy().techniques), "unverified", "framing"]
    sentences = [_sentence(rng) for _ in range(max(spans + 4, 12))]
    if version > 1:
        sentences[0] = f"Updated in version {version}. " + sentences[0]
    text = " ".join(sentences)
    annotations = []
    cursor = 0
    for i in range(spans):  # one span inside each of the first `spans` sentences
        start = text.index(sentences[i], cursor)
        end = start + min(len(sentences[i]) - 1, rng.randint(10, 40))
        annotations.append(Annotation(start=start, end=end, label=rng.choice(labels),
                                      explanation=f"Explanation {i}.", tip=f"Check {i}.",
                                      optional=rng.random() < 0.05))
        cursor = start + len(sentences[i])
    return Article(id=f"art-{index:05d}", title=f"Generated article {index}",
                   source=Source(outlet="The Example Post", date="2026-11-01"),
                   level=1 + index % 3, text=text, annotations=annotations)


def generate_set(articles: int, spans: int = 17, seed: int = 7, version: int = 1,
                 set_id: str = "generated") -> ArticleSet:
    """`articles` articles with `spans` key spans each, one in ten clean."""
    rng = random.Random(seed)
    items = [generate_article(rng, i, 0 if i % 10 == 9 else spans, version)
             for i in range(articles)]
    return ArticleSet(id=set_id, version=version, title=f"Generated set ({articles})",
                      articles=items)


def spans_in(article_set: ArticleSet) -> int:
    return sum(len(a.annotations) for a in article_set.articles)


def fill_attempts(path: Path, profiles: int, attempts_per_profile: int, seed: int = 11) -> None:
    """Write profiles and scored attempts straight into a migrated database, quickly.

    Rows have the shapes Store.submit writes (attempt, answer spans, per-technique tallies),
    so the read queries see a realistic database; scores are random.
    """
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    revisions = [r[0] for r in con.execute("SELECT id FROM article WHERE is_current")]
    labels = sorted(default_taxonomy().techniques)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with con:
        next_attempt = 1 + (con.execute("SELECT max(id) FROM attempt").fetchone()[0] or 0)
        for p in range(profiles):
            cur = con.execute(
                "INSERT INTO profile (uuid, name, created_at, last_used_at) VALUES (?,?,?,?)",
                (str(uuid.UUID(int=rng.getrandbits(128), version=4)), f"Student {p:02d}",
                 start.replace(tzinfo=None).isoformat(" "), None))
            profile_pk = cur.lastrowid
            attempts, answers, tallies = [], [], []
            for a in range(attempts_per_profile):
                when = (start + timedelta(minutes=7 * a + p)).replace(tzinfo=None)
                scores = [rng.random() for _ in range(9)]
                attempts.append((
                    next_attempt, str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    profile_pk, rng.choice(revisions), when.isoformat(" "),
                    (when + timedelta(seconds=240)).isoformat(" "), 240.0,
                    rng.choice(("family", "technique")), False, *scores,
                    rng.randint(0, 8), rng.randint(0, 8), rng.randint(0, 5), rng.randint(0, 9)))
                answers.extend((next_attempt, i, 10 * i, 10 * i + 8, rng.choice(labels))
                               for i in range(6))
                tallies.extend((next_attempt, label, rng.randint(0, 2), 2)
                               for label in rng.sample(labels, 5))
                next_attempt += 1
            con.executemany(
                "INSERT INTO attempt (id, uuid, profile_id, revision_id, started_at, "
                "submitted_at, duration_s, mode, nothing_to_flag, precision_any, recall_any, "
                "f1_any, precision_family, recall_family, f1_family, precision_technique, "
                "recall_technique, f1_technique, hits, misses, false_alarms, "
                "correct_rejections) VALUES (" + ",".join("?" * 22) + ")", attempts)
            con.executemany('INSERT INTO answer_span (attempt_id, position, start, "end", '
                            "label) VALUES (?,?,?,?,?)", answers)
            con.executemany("INSERT INTO attempt_technique (attempt_id, label, found, total) "
                            "VALUES (?,?,?,?)", tallies)
    con.close()
