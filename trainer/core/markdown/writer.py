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
from trainer.core.markdown.reader import SET_FILE
from trainer.core.markdown.yamlpos import dump_yaml
from trainer.core.model import Annotation, Article, ArticleSet

ARTICLES_DIR = "articles"
SET_COMMENT = "# Article set for the Media Literacy Trainer; see docs/MARKDOWN_FORMAT.md\n"


def _escape_text(text: str) -> str:
    return "".join("\\" + ch if ch in ESCAPABLE else ch for ch in text)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _blocks(annotations: list[Annotation]) -> str:
    """`{…}` blocks for the annotations on one phrase: one block per why/tip/optional."""
    groups: dict[tuple[str, str, bool], list[str]] = {}
    for ann in annotations:
        groups.setdefault((ann.explanation, ann.tip, ann.optional), []).append(ann.label)
    out = []
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
    ranges = sorted({(a.start, a.end) for a in article.annotations})
    for (s1, e1), (s2, e2) in itertools.pairwise(ranges):
        if s2 < e1:
            problems.append(f"spans {s1}-{e1} ({article.text[s1:e1]!r}) and {s2}-{e2} "
                            f"({article.text[s2:e2]!r}) overlap; Markdown spans cannot overlap "
                            "or nest")
    for ann in article.annotations:
        if ann.start >= ann.end or ann.end > len(article.text):
            problems.append(f"span {ann.start}-{ann.end} is empty or outside the text")
        for text in (ann.explanation, ann.tip):
            if "\r" in text:
                problems.append("an explanation or tip contains a carriage return")
    return problems


def render_body(article: Article) -> str:
    """The passage with its spans, as the lines of the article file after the front matter."""
    text = article.text
    by_range: dict[tuple[int, int], list[Annotation]] = {}
    for ann in article.annotations:
        by_range.setdefault((ann.start, ann.end), []).append(ann)
    opens = {start: "[" for start, _ in by_range}
    closes = {end: "]" + _blocks(anns) for (_, end), anns in by_range.items()}
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
    front: dict[str, Any] = {"id": article.id, "title": article.title, "level": article.level}
    source = {k: v for k, v in article.source.model_dump().items() if v}
    if source:
        front["source"] = source
    return f"---\n{dump_yaml(front)}---\n{body}\n"


def set_yaml(article_set: ArticleSet) -> str:
    header = article_set.model_dump(mode="json", exclude={"articles"})
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
    if problems:
        raise InvalidInput(problems)
    return files


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
