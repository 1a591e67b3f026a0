"""One article file: YAML front matter between `---` lines, then the passage."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from trainer.core.errors import InvalidInput, Problem
from trainer.core.markdown.attrs import AttrBlock
from trainer.core.markdown.body import RawSpan, parse_body, parse_inline
from trainer.core.markdown.yamlpos import parse_yaml
from trainer.core.setcheck import GOOD_PRACTICE

FENCE = "---"
_CLOSING_FENCES = ("---", "...")
REQUIRED_FRONT = ("id", "title", "level")


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class LineIndex:
    """Turns an index into the text into a 1-based (line, column) in code points."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def __call__(self, index: int) -> tuple[int, int]:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


@dataclass
class ParsedArticle:
    """The raw article dict plus, per JSON path inside it, where it was written."""

    raw: dict[str, Any]
    file: str
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    flagged: set[str] = field(default_factory=set)  # paths whose value has a problem already


def front_matter(src: str, file: str) -> tuple[str, int]:
    """The YAML text and the index where the passage starts."""
    first_end = src.find("\n")
    first = src if first_end < 0 else src[:first_end]
    if first.strip(" \t") != FENCE:
        raise InvalidInput([Problem(file, "the file must start with a line '---' that opens the "
                                          "front matter", line=1, col=1,
                                    hint="put id, title and level between two '---' lines at "
                                         "the top")])
    k = first_end + 1
    while 0 < k <= len(src):
        end = src.find("\n", k)
        end = len(src) if end < 0 else end
        if src[k:end].strip(" \t") in _CLOSING_FENCES:
            return src[first_end + 1:k], min(end + 1, len(src))
        k = end + 1
    raise InvalidInput([Problem(file, "the front matter opened here is never closed with '---'",
                                line=1, col=1, hint="add a line '---' after the last field")])


def parse_article(src: str, file: str) -> ParsedArticle:
    """Parse one article; syntax problems are collected, fatal ones raise InvalidInput."""
    src = normalize_newlines(src)
    if not src.strip():
        raise InvalidInput([Problem(file, "the file is empty", hint="write the front matter "
                                    "(id, title, level between '---' lines) and the article's "
                                    "text, or delete the file")])
    yaml_text, body_start = front_matter(src, file)
    doc = parse_yaml(yaml_text, file, first_line=2)
    where = LineIndex(src)
    result = ParsedArticle({}, file, problems=list(doc.problems), flagged=set(doc.flagged))
    if not isinstance(doc.value, dict):
        result.problems.append(Problem(file, "the front matter must be fields such as 'id: …'",
                                       line=2, col=1))
        front: dict[str, Any] = {}
    else:
        front = doc.value
    result.positions.update(doc.positions)
    for key in REQUIRED_FRONT:
        if key not in front:
            result.problems.append(Problem(file, f"the front matter has no '{key}'", line=1, col=1,
                                           hint=_FRONT_HINTS[key]))
    if isinstance(front.get("source"), dict):
        front["source"] = {k: ("" if v is None else v) for k, v in front["source"].items()}
    body = parse_body(src, body_start)
    for err in body.errors:
        line, col = where(err.pos)
        result.problems.append(Problem(file, err.message, line=line, col=col, hint=err.hint))
    result.raw = {k: v for k, v in front.items() if v is not None or k in REQUIRED_FRONT}
    result.raw["text"] = body.text
    result.positions["$.text"] = where(body_start)
    if not body.text:
        line, col = where(body_start)
        result.problems.append(Problem(file, "the article has no text after the front matter",
                                       line=line, col=col,
                                       hint="write the passage below the closing '---'"))
        result.flagged.add("$.text")
    spans = _Spans(result)
    title = front.get("title")
    if isinstance(title, str):
        # The headline takes the passage's span syntax; its offsets index the plain title.
        line, col = doc.value_starts.get("$.title", doc.where("$.title"))
        head = parse_inline(title)
        for err in head.errors:
            result.problems.append(Problem(file, err.message, line=line, col=col + err.pos,
                                           hint=err.hint))
        result.raw["title"] = head.text
        spans.add(head.spans, "title", lambda pos: (line, col + pos))
    spans.add(body.spans, "text", where)
    result.raw["annotations"] = spans.annotations
    if spans.notes:
        result.raw["notes"] = spans.notes
    return result


class _Spans:
    """Turns parsed `[…]{…}` spans into annotations and good-practice notes, in file order."""

    def __init__(self, result: ParsedArticle) -> None:
        self.result = result
        self.annotations: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []

    def add(self, spans: list[RawSpan], part: str,
            where: Callable[[int], tuple[int, int]]) -> None:
        positions = self.result.positions
        for span in spans:
            for block in span.blocks:
                for label, label_pos in block.classes:
                    if label == GOOD_PRACTICE:
                        self._note(span, block, part, label_pos, where)
                        continue
                    path = f"$.annotations[{len(self.annotations)}]"
                    positions[path] = where(span.pos)
                    positions[path + ".label"] = where(label_pos)
                    for key, key_pos in block.value_pos.items():
                        positions[f"{path}.{_FIELD[key]}"] = where(key_pos)
                    annotation: dict[str, Any] = {
                        "start": span.start, "end": span.end, "label": label,
                        "explanation": block.values.get("why", ""),
                        "tip": block.values.get("tip", ""), "optional": block.optional,
                    }
                    if part != "text":
                        annotation["part"] = part
                    self.annotations.append(annotation)

    def _note(self, span: RawSpan, block: AttrBlock, part: str, label_pos: int,
              where: Callable[[int], tuple[int, int]]) -> None:
        path = f"$.notes[{len(self.notes)}]"
        self.result.positions[path] = where(span.pos)
        self.result.positions.setdefault("$.notes", where(span.pos))
        self.result.positions[path + ".why"] = where(block.value_pos.get("why", label_pos))
        for key in ("tip", "optional"):
            if key in block.value_pos:
                line, col = where(block.value_pos[key])
                self.result.problems.append(Problem(
                    self.result.file, f"a good-practice note takes only why=, not {key}=",
                    line=line, col=col, hint="put the technique class in its own {…} block "
                                             "if the phrase is also a key span"))
        note: dict[str, Any] = {"start": span.start, "end": span.end, "part": part}
        if "why" in block.values:
            note["why"] = block.values["why"]
        self.notes.append(note)


_FIELD = {"why": "explanation", "tip": "tip", "optional": "optional"}
_FRONT_HINTS = {
    "id": "add e.g. 'id: l1-03-bus-fares' (letters, digits, '.', '_' or '-')",
    "title": "add 'title: …' with the headline",
    "level": "add 'level: 1', 'level: 2' or 'level: 3'",
}
