"""Source cards in a Markdown set: `sources/*.md`, front matter id/name/kind/aliases, body = text.

The body uses the passage rules (blank line = paragraph, `\\` at a line's end = line break,
`\\[ \\] \\{ \\} \\\\` escapes) but cannot hold spans: a card is read, never marked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.core.errors import InvalidInput, Problem
from trainer.core.jsonset import decode_text_file
from trainer.core.limits import MAX_ARTICLE_FILE_BYTES
from trainer.core.markdown.article import LineIndex, front_matter, normalize_newlines
from trainer.core.markdown.body import parse_body
from trainer.core.markdown.yamlpos import parse_yaml
from trainer.core.readfile import read_regular_file

CARD_FRONT = ("id", "name", "kind")
MAX_CARDS = 5_000
AddPositions = Callable[[str, str, dict[str, tuple[int, int]]], None]
_FRONT_HINTS = {
    "id": "add e.g. 'id: harbour-gazette' (letters, digits, '.', '_' or '-')",
    "name": "add 'name: …' with the name a reader would search for",
    "kind": "add 'kind: outlet', 'kind: person', 'kind: organisation' or 'kind: document'",
}


def card_files(folder: Path) -> list[Path]:
    """The card files in file-name order (the order the set lists them)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.name.lower().endswith(".md")
                  and not p.name.startswith((".", "_")) and p.name.lower() != "readme.md")


def parse_card(src: str, file: str) -> tuple[dict[str, Any], dict[str, tuple[int, int]],
                                              list[Problem]]:
    """One card as raw JSON data, the positions of its fields, and its syntax problems."""
    src = normalize_newlines(src)
    yaml_text, body_start = front_matter(src, file)
    doc = parse_yaml(yaml_text, file, first_line=2)
    problems = list(doc.problems)
    front: dict[str, Any] = doc.value if isinstance(doc.value, dict) else {}
    if not isinstance(doc.value, dict):
        problems.append(Problem(file, "the front matter must be fields such as 'name: …'",
                                line=2, col=1))
    for key in CARD_FRONT:
        if key not in front:
            problems.append(Problem(file, f"the front matter has no '{key}'", line=1, col=1,
                                    hint=_FRONT_HINTS[key]))
    where = LineIndex(src)
    body = parse_body(src, body_start)
    for err in body.errors:
        line, col = where(err.pos)
        problems.append(Problem(file, err.message, line=line, col=col, hint=err.hint))
    for span in body.spans:
        line, col = where(span.pos)
        problems.append(Problem(file, "a source card cannot mark spans", line=line, col=col,
                                hint="write \\[ and \\] for literal brackets"))
    raw = {k: v for k, v in front.items() if v is not None}
    if raw.get("aliases") is None:
        raw.pop("aliases", None)
    raw["text"] = body.text
    positions = dict(doc.positions)
    positions["$.text"] = where(body_start)
    return raw, positions, problems


def _read(path: Path, label: str) -> str:
    return decode_text_file(read_regular_file(path, label, MAX_ARTICLE_FILE_BYTES), label)


def read_source_cards(folder: Path, label: str,
                      add_positions: AddPositions) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Every card in `folder` (none if it does not exist), with problems located by file."""
    files = card_files(folder)
    if len(files) > MAX_CARDS:
        return [], [Problem(label, f"{len(files)} source cards, more than {MAX_CARDS}",
                            hint="keep the cards the passages need")]
    cards: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for path in files:
        file = f"{label}/{path.name}"
        try:
            raw, positions, found = parse_card(_read(path, file), file)
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        add_positions(file, f"$.sources[{len(cards)}]", positions)
        problems.extend(found)
        cards.append(raw)
    return cards, problems
