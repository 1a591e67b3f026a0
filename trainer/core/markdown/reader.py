"""Read a Markdown set (a folder or .zip with set.yaml and .md files) into an ArticleSet."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from trainer.core.errors import InvalidInput, Problem
from trainer.core.jsonset import check_file_size, decode_text_file
from trainer.core.markdown.article import (
    REQUIRED_FRONT,
    ParsedArticle,
    normalize_newlines,
    parse_article,
)
from trainer.core.markdown.sources import CARD_FRONT, read_source_cards
from trainer.core.markdown.yamlpos import parse_yaml
from trainer.core.model import FORMAT_TAG, FORMAT_VERSION, FORMAT_VERSIONS, ArticleSet
from trainer.core.setcheck import MAX_ARTICLES, set_problems, v2_features
from trainer.core.taxonomy import Taxonomy, default_taxonomy
from trainer.core.zipsafe import extracted_zip

SET_FILE = "set.yaml"
SOURCES_DIR = "sources"  # source cards, one .md file each (format version 2)
_IGNORED_NAMES = {"readme.md"}
_ARTICLE_PREFIX = re.compile(r"^\$\.(?:articles|sources)\[\d+\]")
_ARTICLE_REF = re.compile(r"\$\.(?:articles|sources)\[\d+\]")
_PATH_PART = re.compile(r"\.[^.\[]+|\[\d+\]")


def is_markdown_set(path: Path) -> bool:
    return (path.is_dir() and (path / SET_FILE).is_file()) or (
        path.is_file() and path.suffix.lower() == ".zip")


def _ignored(rel: PurePosixPath) -> bool:
    return any(part.startswith((".", "_")) for part in rel.parts) or (
        rel.name.lower() in _IGNORED_NAMES)


def article_files(root: Path) -> list[PurePosixPath]:
    """Relative paths of the article files, in the order the set lists them."""
    found: list[PurePosixPath] = []
    for folder, dirs, files in os.walk(root):  # never follows symbolic links to folders
        base = PurePosixPath(Path(folder).relative_to(root).as_posix())
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))
                   and not (folder == str(root) and d == SOURCES_DIR)]
        for name in files:
            rel = base / name
            if name.lower().endswith(".md") and not _ignored(rel):
                found.append(rel)
    return sorted(found, key=lambda p: p.parts)


def _read_text(path: Path, label: str) -> str:
    try:
        check_file_size(path.stat().st_size, label)
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(label, f"cannot read file: {exc.strerror}")]) from None
    return normalize_newlines(decode_text_file(data, label))


class _Locator:
    """Maps JSON paths in the assembled set back to the file, line and column they came from."""

    def __init__(self, set_file: str) -> None:
        self.set_file = set_file
        self.positions: dict[str, tuple[str, int, int]] = {"$": (set_file, 1, 1)}

    def add(self, file: str, prefix: str, positions: dict[str, tuple[int, int]]) -> None:
        for path, (line, col) in positions.items():
            self.positions[prefix + path[1:]] = (file, line, col)

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
        return Problem(file, message, line=line, col=col, hint=problem.hint)


def _model_problems(raw: dict[str, Any], locator: _Locator, file: str) -> list[Problem]:
    try:
        ArticleSet.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            if _told_by_front_matter(err["loc"], err["type"]):
                continue
            path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
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
    locator.add(set_label, "$", doc.positions)
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
    if "format_version" in header and (type(version) is not int
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


def load_markdown_folder(root: Path, label: str, taxonomy: Taxonomy | None = None) -> ArticleSet:
    """Load the set in `root`; `label` is how files are named in messages."""
    locator = _Locator(f"{label}/{SET_FILE}")
    header, problems = _header(root, label, locator)
    files = article_files(root)
    if len(files) > MAX_ARTICLES:
        raise InvalidInput([Problem(label, f"{len(files)} article files, more than "
                                           f"{MAX_ARTICLES}", hint="split the set")])
    articles: list[dict[str, Any]] = []
    for rel in files:
        file = f"{label}/{rel}"
        try:
            parsed: ParsedArticle = parse_article(_read_text(root / rel.as_posix(), file), file)
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        locator.add(file, f"$.articles[{len(articles)}]", parsed.positions)
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
    problems.extend(_model_problems(raw, locator, locator.set_file))
    problems.extend(locator.relocate(p)
                    for p in set_problems(raw, taxonomy or default_taxonomy(), locator.set_file))
    if problems:
        raise InvalidInput(_dedupe(problems))
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


def load_markdown_set(path: Path, taxonomy: Taxonomy | None = None) -> ArticleSet:
    if path.is_dir():
        return load_markdown_folder(path, str(path), taxonomy)
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
        return load_markdown_folder(root, label, taxonomy)
