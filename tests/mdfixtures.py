"""Helpers to build small Markdown sets on disk for tests."""

from __future__ import annotations

from pathlib import Path

SET_YAML = """\
format: trainer.article-set
format_version: 1
id: demo
version: 1
title: Demo set
language: en
"""


def article(body: str, front: str = "id: a1\ntitle: A title\nlevel: 1\n") -> str:
    return f"---\n{front}---\n{body}"


def make_set(root: Path, articles: dict[str, str], set_yaml: str = SET_YAML) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "set.yaml").write_text(set_yaml, encoding="utf-8")
    for name, content in articles.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root
