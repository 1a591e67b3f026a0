"""Write an ArticleSet as a Markdown set that reads back to exactly the same set.

Every "\\n" of a passage becomes either a blank line (a paragraph break, where the text has
"\\n\\n" between two non-blank lines outside any span) or a hard break (a backslash at the end
of the line). Brackets, braces and backslashes in the text are escaped, so nothing in a
passage can be mistaken for a span.
"""

from __future__ import annotations

import itertools
import stat
import zipfile
from pathlib import Path
from typing import Any

from trainer.core.errors import InvalidInput, Problem
from trainer.core.fileout import check_new_folder, write_new_folder
from trainer.core.markdown.body import ESCAPABLE
from trainer.core.markdown.reader import SET_FILE, SOURCES_DIR
from trainer.core.markdown.yamlpos import dump_yaml
from trainer.core.model import PARTS, Annotation, Article, ArticleSet, Note, SourceCard

ARTICLES_DIR = "articles"
SET_COMMENT = "# Article set for the Media Literacy Trainer; see docs/MARKDOWN_FORMAT.md\n"


def _escape_text(text: str) -> str:
    return "".join("\\" + ch if ch in ESCAPABLE else ch for ch in text)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _blocks(annotations: list[Annotation], notes: list[Note]) -> str:
    """`{…}` blocks for the annotations and notes on one phrase: one block per
    why/tip/optional, notes first (each note its own block)."""
    out = ["{.good-practice why=" + _quote(note.why) + "}" for note in notes]
    groups: dict[tuple[str, str, bool], list[str]] = {}
    for ann in annotations:
        groups.setdefault((ann.explanation, ann.tip, ann.optional), []).append(ann.label)
    for (why, tip, optional), labels in groups.items():
        parts = ["." + label for label in labels]
        if why:
            parts.append("why=" + _quote(why))
        if tip:
            parts.append("tip=" + _quote(tip))
        if optional:
            parts.append("optional=true")
        out.append("{" + " ".join(parts) + "}")
    return "".join(out)


def _span_problems(article: Article) -> list[str]:
    problems = []
    spans: list[Annotation | Note] = [*article.annotations, *article.notes]
    for part in PARTS:
        text = article.part_text(part)
        ranges = sorted({(a.start, a.end) for a in spans if a.part == part})
        for (s1, e1), (s2, e2) in itertools.pairwise(ranges):
            if s2 < e1:
                problems.append(f"spans {s1}-{e1} ({text[s1:e1]!r}) and {s2}-{e2} "
                                f"({text[s2:e2]!r}) of the {part} overlap; Markdown spans "
                                "cannot overlap or nest")
        for span in spans:
            if span.part == part and (span.start >= span.end or span.end > len(text)):
                problems.append(f"span {span.start}-{span.end} is empty or outside the {part}")
    for ann in article.annotations:
        for text in (ann.explanation, ann.tip):
            if "\r" in text:
                problems.append("an explanation or tip contains a carriage return")
    if any("\r" in note.why for note in article.notes):
        problems.append("a good-practice note contains a carriage return")
    return problems


def _closing_blocks(article: Article, part: str) -> dict[tuple[int, int], str]:
    """(start, end) → the `]{…}` that closes the phrase, for the spans of one part."""
    anns: dict[tuple[int, int], list[Annotation]] = {}
    notes: dict[tuple[int, int], list[Note]] = {}
    for ann in article.annotations:
        if ann.part == part:
            anns.setdefault((ann.start, ann.end), []).append(ann)
    for note in article.notes:
        if note.part == part:
            notes.setdefault((note.start, note.end), []).append(note)
    return {key: "]" + _blocks(anns.get(key, []), notes.get(key, []))
            for key in [*anns, *(k for k in notes if k not in anns)]}


def render_title(article: Article) -> str:
    """The headline with its spans, escaped like the passage (it is read the same way)."""
    return render_text(article.title, _closing_blocks(article, "title"))


def render_body(article: Article) -> str:
    """The passage with its spans, as the lines of the article file after the front matter."""
    return render_text(article.text, _closing_blocks(article, "text"))


def render_text(text: str, by_range: dict[tuple[int, int], str]) -> str:
    """`text` with `[` before and the given `]{…}` after each range, lines joined so that
    the reader gets `text` back."""
    opens = {start: "[" for start, _ in by_range}
    closes = {end: close for (_, end), close in by_range.items()}
    inside = [False] * len(text)
    for start, end in by_range:
        for k in range(start, end):
            inside[k] = True
    lines: list[str] = []
    newline_inside: list[bool] = []
    current: list[str] = []
    for k in range(len(text) + 1):
        current.append(closes.get(k, "") + opens.get(k, ""))
        if k == len(text):
            break
        if text[k] == "\n":
            lines.append("".join(current))
            newline_inside.append(inside[k])
            current = []
        else:
            current.append(_escape_text(text[k]))
    lines.append("".join(current))
    return "\n".join(_join_lines(lines, newline_inside))


def _blank(line: str) -> bool:
    return line.strip(" \t") == ""


def _join_lines(lines: list[str], newline_inside: list[bool]) -> list[str]:
    out: list[str] = []
    last = len(lines) - 1
    i = 0
    while i <= last:
        line = lines[i]
        if i == last:
            out.append(line)
            break
        paragraph_break = (
            lines[i + 1] == "" and i + 2 <= last and not _blank(line)
            and not newline_inside[i] and not newline_inside[i + 1]
            and (i + 2 < last or not _blank(lines[i + 2]))
        )
        if paragraph_break:
            out.extend((line, ""))
            i += 2
        else:
            out.append(line + "\\")
            i += 1
    return out


def article_markdown(article: Article) -> str:
    problems = _span_problems(article)
    body = render_body(article) if not problems else ""
    if not problems and body and _blank(body.rsplit("\n", 1)[-1]) and body.rsplit("\n", 1)[-1]:
        problems.append("the text ends with a line of only spaces or tabs, which Markdown "
                        "cannot keep")
    if problems:
        raise InvalidInput([Problem(f"article {article.id!r}", p,
                                    hint="save this set as JSON instead") for p in problems])
    front: dict[str, Any] = {"id": article.id, "title": render_title(article),
                             "level": article.level}
    source = {k: v for k, v in article.source.model_dump().items() if v}
    if source:
        front["source"] = source
    return f"---\n{dump_yaml(front)}---\n{body}\n"


def set_yaml(article_set: ArticleSet) -> str:
    header = article_set.model_dump(mode="json", exclude={"articles", "sources"})
    header["format_version"] = article_set.written_version()
    if not header["techniques"]:
        del header["techniques"]
    return SET_COMMENT + dump_yaml(header)


def markdown_files(article_set: ArticleSet) -> dict[str, str]:
    """Relative path → file content; articles are numbered so their order is kept."""
    files = {SET_FILE: set_yaml(article_set)}
    width = max(3, len(str(len(article_set.articles))))
    problems: list[Problem] = []
    for index, article in enumerate(article_set.articles, start=1):
        try:
            files[f"{ARTICLES_DIR}/{index:0{width}d}-{article.id}.md"] = article_markdown(article)
        except InvalidInput as exc:
            problems.extend(exc.problems)
    width = max(3, len(str(len(article_set.sources))))
    for index, card in enumerate(article_set.sources, start=1):
        try:
            files[f"{SOURCES_DIR}/{index:0{width}d}-{card.id}.md"] = card_markdown(card)
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return files


def card_markdown(card: SourceCard) -> str:
    body = render_text(card.text, {})
    last = body.rsplit("\n", 1)[-1]
    if last and _blank(last):
        raise InvalidInput([Problem(f"source card {card.id!r}", "the text ends with a line of "
                                    "only spaces or tabs, which Markdown cannot keep",
                                    hint="save this set as JSON instead")])
    front: dict[str, Any] = {"id": card.id, "name": card.name, "kind": card.kind}
    if card.aliases:
        front["aliases"] = list(card.aliases)
    return f"---\n{dump_yaml(front)}---\n{body}\n"


def write_markdown_folder(article_set: ArticleSet, folder: Path) -> None:
    check_new_folder(folder)
    write_new_folder(markdown_files(article_set), folder)


def write_markdown_zip(article_set: ArticleSet, path: Path) -> None:
    files = markdown_files(article_set)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for rel, content in files.items():
            info = zipfile.ZipInfo(rel, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content.encode("utf-8"))
    tmp.replace(path)
