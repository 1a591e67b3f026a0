"""Helpers shared by the storage tests: small sets, dumps of every table, a child runner."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from trainer.core.model import Annotation, Article, ArticleSet, Source

ROOT = Path(__file__).resolve().parents[2]

TEXT_ONE = ("Officials are secretly planning a deployment, diplomatic sources said. "
            "Many expect an intervention soon. The council met on Tuesday.")
TEXT_TWO = "The library opens at nine. It closes at five on weekdays."
TEXT_EMOJI = "Fans 🎉 cheered the so-called heroes. Critics, of course, disagreed."


def at(text: str, phrase: str, label: str, **extra: Any) -> Annotation:
    start = text.index(phrase)
    return Annotation(start=start, end=start + len(phrase), label=label, **extra)


def small_set(version: int = 1, set_id: str = "demo", changed: bool = False,
              extra: bool = False) -> ArticleSet:
    one = TEXT_ONE.replace("Tuesday", "Wednesday") if changed else TEXT_ONE
    articles = [
        Article(id="secret-plan", title="A secret plan", level=1, text=one,
                source=Source(outlet="The Daily Example", date="2026-11-20"),
                annotations=[
                    at(one, "secretly", "loaded-language",
                       explanation="'secretly' presumes hidden motives", tip="Ask who"),
                    at(one, "diplomatic sources said", "anonymous-source"),
                    at(one, "Many expect", "vague-attribution", optional=True),
                ]),
        Article(id="library-hours", title="Library hours", level=2, text=TEXT_TWO),
        Article(id="heroes", title="So-called heroes", level=3, text=TEXT_EMOJI,
                annotations=[at(TEXT_EMOJI, "so-called heroes", "framing")]),
    ]
    if extra:
        articles.append(Article(id="extra", title="Extra", text="An added passage."))
    return ArticleSet(id=set_id, version=version, title=f"Demo set {set_id}",
                      articles=articles)


def dump_database(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for 'nothing changed' comparisons."""
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {n: con.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall()
                if n != "alembic_version" else con.execute(f'SELECT * FROM "{n}"').fetchall()
                for n in names}
    finally:
        con.close()


def run_cli(*args: str, home: Path, check: bool = False,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "TRAINER_HOME": str(home),
           "HOME": str(home), **(env or {})}
    result = subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result
