"""Read a Markdown set (a folder or .zip with set.yaml and .md files) into an ArticleSet."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from trainer.core.errors import InvalidInput, LoadNotes, Problem
from trainer.core.jsonset import decode_text_file
from trainer.core.limits import MAX_ARTICLE_FILE_BYTES
from trainer.core.markdown.article import (
    REQUIRED_FRONT,
    ParsedArticle,
    normalize_newlines,
    parse_article,
)
from trainer.core.markdown.sources import CARD_FRONT, read_source_cards
from trainer.core.markdown.yamlpos import parse_yaml
from trainer.core.model import FORMAT_TAG, FORMAT_VERSION, FORMAT_VERSIONS, ArticleSet
from trainer.core.readfile import read_regular_file
from trainer.core.setcheck import MAX_ARTICLES, RANGE_CHECKED, set_problems, v2_features
from trainer.core.taxonomy import Taxonomy, default_taxonomy
from trainer.core.zipsafe import extracted_zip

SET_FILE = "set.yaml"
SOURCES_DIR = "sources"  # source cards, one .md file each (format version 2)
_IGNORED_NAMES = {"readme.md"}
# Names an article gets by mistake: Notepad saves "article.md" as "article.md.txt" unless
# "All files" is chosen, and some editors use the long extension.
_MISNAMED = (".md.txt", ".markdown", ".md.rtf")
_ARTICLE_PREFIX = re.compile(r"^\$\.(?:articles|sources)\[\d+\]")
_ARTICLE_REF = re.compile(r"\$\.(?:articles|sources)\[\d+\]")
_PATH_PART = re.compile(r"\.[^.\[]+|\[\d+\]")


def is_markdown_set(path: Path) -> bool:
    return (path.is_dir() and (path / SET_FILE).is_file()) or (
        path.is_file() and path.suffix.lower() == ".zip")


def _ignored(rel: PurePosixPath) -> bool:
    return any(part.startswith((".", "_")) for part in rel.parts) or (
        rel.name.lower() in _IGNORED_NAMES)


def _walk(root: Path, suffixes: tuple[str, ...]) -> list[PurePosixPath]:
    found: list[PurePosixPath] = []
    for folder, dirs, files in os.walk(root):  # never follows symbolic links to folders
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))
                   and not (folder == str(root) and d == SOURCES_DIR)]
        for name in files:
            rel = base / name
            if name.lower().endswith(suffixes) and not _ignored(rel):
                found.append(rel)
    return sorted(found, key=lambda p: p.parts)


def article_files(root: Path) -> list[PurePosixPath]:
    """Relative paths of the article files, in the order the set lists them."""
    return _walk(root, (".md",))


def misnamed_files(root: Path, label: str) -> list[Problem]:
    """Warnings for files that look like articles but are not read (e.g. `a.md.txt`)."""
    return [Problem(f"{label}/{rel}", "this file is not read: article files must end in .md",
                    hint=f"rename it to {rel.name[:rel.name.lower().index('.m')]}.md"
                         + ("; Notepad adds .txt unless you choose 'All files'"
                            if rel.name.lower().endswith(".txt") else ""),
                    severity="warning")
            for rel in _walk(root, _MISNAMED)]


def _read_text(path: Path, label: str) -> str:
    data = read_regular_file(path, label, MAX_ARTICLE_FILE_BYTES)
    return normalize_newlines(decode_text_file(data, label))


class _Locator:
    """Maps JSON paths in the assembled set back to the file, line and column they came from."""

    def __init__(self, set_file: str) -> None:
        self.set_file = set_file
        self.positions: dict[str, tuple[str, int, int]] = {"$": (set_file, 1, 1)}
        self.flagged: set[str] = set()  # paths whose value already has a problem
        self.rank: dict[str, int] = {set_file: 0}  # files in the order they are read

    def add(self, file: str, prefix: str, positions: dict[str, tuple[int, int]],
            flagged: set[str] | None = None) -> None:
        self.rank.setdefault(file, len(self.rank))
        for path, (line, col) in positions.items():
            self.positions[prefix + path[1:]] = (file, line, col)
        self.flagged.update(prefix + path[1:] for path in flagged or ())

    def file_order(self, problem: Problem) -> tuple[int, int, int]:
        """Sort key: files in reading order (the folder itself first), then line and column."""
        return (self.rank.get(problem.file, -1), problem.line or 0, problem.col or 0)

    def locate(self, path: str) -> tuple[str, int, int]:
        parts = _PATH_PART.findall(path[1:])
        for cut in range(len(parts), -1, -1):
            head = "$" + "".join(parts[:cut])
            if head in self.positions:
                return self.positions[head]
        return self.set_file, 1, 1

    def file_of(self, match: re.Match[str]) -> str:
        file = self.positions.get(match.group(0), (match.group(0),))[0]
        return file.rsplit("/", 1)[-1]

    def relocate(self, problem: Problem) -> Problem:
        """The problem at the file, line and column its JSON path came from."""
        if problem.path is None:
            return problem
        file, line, col = self.locate(problem.path)
        field = _ARTICLE_PREFIX.sub("", problem.path).lstrip("$.")
        message = _ARTICLE_REF.sub(self.file_of, problem.message)
        if field and not field.startswith("annotations["):  # spans are located by their '['
            message = f"{field}: {message}"
        return Problem(file, message, line=line, col=col, hint=problem.hint,
                       severity=problem.severity)


def _model_problems(raw: dict[str, Any], locator: _Locator, file: str,
                    checked: set[str]) -> list[Problem]:
    """Pydantic's errors, except where a parser or `set_problems` has already said it."""
    try:
        ArticleSet.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            if _told_by_front_matter(err["loc"], err["type"]):
                continue
            path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
            if path in locator.flagged or (path in checked and err["type"] in RANGE_CHECKED):
                continue
            message = {"missing": "required field is missing",
                       "extra_forbidden": "unknown field",
                       "string_too_short": "must not be empty"}.get(err["type"], err["msg"])
            hint = {"extra_forbidden": "remove it or check its spelling",
                    "literal_error": "write one of the values named",
                    "int_type": "write a whole number", "string_pattern_mismatch":
                    "use letters, digits, '.', '_' or '-'"}.get(err["type"], "")
            problems.append(locator.relocate(Problem(file, message, path=path, hint=hint)))
        return problems
    return []


def _told_by_front_matter(loc: tuple[int | str, ...], kind: str) -> bool:
    """parse_article already reported this missing id/title/level, with a better hint."""
    return kind == "missing" and len(loc) == 3 and (
        (loc[0] == "articles" and loc[2] in REQUIRED_FRONT)
        or (loc[0] == "sources" and loc[2] in CARD_FRONT))


def _header(root: Path, label: str, locator: _Locator) -> tuple[dict[str, Any], list[Problem]]:
    set_path = root / SET_FILE
    set_label = f"{label}/{SET_FILE}"
    if not set_path.is_file():
        hint = "rename set.yml to set.yaml" if (root / "set.yml").is_file() else (
            "add a set.yaml with id, title and the other set fields")
        raise InvalidInput([Problem(label, "no set.yaml in this folder", hint=hint)])
    doc = parse_yaml(_read_text(set_path, set_label), set_label)
    locator.add(set_label, "$", doc.positions, doc.flagged)
    problems = list(doc.problems)
    if not isinstance(doc.value, dict):
        raise InvalidInput([*problems, Problem(set_label, "set.yaml must be fields such as "
                                                          "'title: …'", line=1, col=1)])
    header: dict[str, Any] = {k: v for k, v in doc.value.items() if v is not None}
    if header.setdefault("format", FORMAT_TAG) != FORMAT_TAG:
        line, col = doc.where("$.format")
        problems.append(Problem(set_label, f"format is {header['format']!r}", line=line,
                                col=col, hint=f"it must be {FORMAT_TAG}"))
    version = header.get("format_version")
    if "$.format_version" in doc.flagged:
        del header["format_version"]  # its value was unreadable, and that was said
    elif "format_version" in header and (type(version) is not int
                                       or version not in FORMAT_VERSIONS):
        line, col = doc.where("$.format_version")
        problems.append(Problem(set_label, f"format_version is {version!r}", line=line, col=col,
                                hint=f"this program reads versions 1 to {FORMAT_VERSION}"))
        del header["format_version"]
    if "articles" in header:
        line, col = doc.where("$.articles")
        problems.append(Problem(set_label, "set.yaml cannot list articles", line=line, col=col,
                                hint="put each article in its own .md file next to set.yaml"))
        del header["articles"]
    return header, problems


def load_markdown_folder(root: Path, label: str, taxonomy: Taxonomy | None = None,
                         warnings: list[Problem] | None = None,
                         notes: LoadNotes | None = None) -> ArticleSet:
    """Load the set in `root`; `label` is how files are named in messages.

    Warnings (files that look like articles but are not read) go to `warnings`, before any
    problem is raised; `notes` learns where each JSON path was written.
    """
    locator = _Locator(f"{label}/{SET_FILE}")
    if warnings is not None:
        warnings.extend(misnamed_files(root, label))
    if notes is not None:
        notes.locate = locator.relocate
    header, problems = _header(root, label, locator)
    files = article_files(root)
    if len(files) > MAX_ARTICLES:
        raise InvalidInput([Problem(label, f"{len(files)} article files, more than "
                                           f"{MAX_ARTICLES}", hint="split the set")])
    if not files:
        problems.append(Problem(label, "no article files (.md) in this folder",
                                hint="a set needs at least one article: write one .md file per "
                                     "article next to set.yaml"))
    articles: list[dict[str, Any]] = []
    for rel in files:
        file = f"{label}/{rel}"
        locator.rank.setdefault(file, len(locator.rank))
        try:
            parsed: ParsedArticle = parse_article(_read_text(root / rel.as_posix(), file), file)
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        locator.add(file, f"$.articles[{len(articles)}]", parsed.positions, parsed.flagged)
        problems.extend(parsed.problems)
        articles.append(parsed.raw)
    raw = {**header, "articles": articles}
    cards, card_problems = read_source_cards(root / SOURCES_DIR, f"{label}/{SOURCES_DIR}",
                                            locator.add)
    problems.extend(card_problems)
    if cards:
        raw["sources"] = cards
        first = locator.positions.get("$.sources[0]")
        if first:  # "the set's cards" are best shown at the first card
            locator.positions["$.sources"] = (first[0], 1, 1)
    # Without a format_version, the set is the lowest version that holds what it uses.
    raw.setdefault("format_version", 2 if v2_features(raw) else 1)
    checked = [p for p in set_problems(raw, taxonomy or default_taxonomy(), locator.set_file)
               if articles or p.path != "$.articles"]  # the files' own problems say why
    problems.extend(_model_problems(raw, locator, locator.set_file,
                                    {p.path for p in checked if p.path}))
    problems.extend(locator.relocate(p) for p in checked)
    if problems:
        raise InvalidInput(sorted(_dedupe(problems), key=locator.file_order))
    return ArticleSet.model_validate(raw)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _set_root(folder: Path) -> Path:
    """The folder holding set.yaml: the top of the archive or its single top-level folder."""
    if (folder / SET_FILE).is_file():
        return folder
    tops = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))]
    if len(tops) == 1 and (tops[0] / SET_FILE).is_file():
        return tops[0]
    return folder


def load_markdown_set(path: Path, taxonomy: Taxonomy | None = None,
                      warnings: list[Problem] | None = None,
                      notes: LoadNotes | None = None) -> ArticleSet:
    if path.is_dir():
        return load_markdown_folder(path, str(path), taxonomy, warnings, notes)
    with extracted_zip(path) as folder:
        root = _set_root(folder)
        if not (root / SET_FILE).is_file():
            tops = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
                          if not p.name.startswith((".", "_")))
            raise InvalidInput([Problem(
                str(path), "no set.yaml at the top of the archive or in its one top-level "
                           f"folder (it holds: {', '.join(tops[:5]) or 'nothing'})",
                hint="zip the set's own folder, one set per .zip")])
        inner = root.relative_to(folder).as_posix()
        label = str(path) if inner == "." else f"{path}/{inner}"
        return load_markdown_folder(root, label, taxonomy, warnings, notes)
