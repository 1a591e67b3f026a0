"""Read and write the canonical JSON article-set file, reporting every problem found."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trainer.core.errors import InvalidInput, Problem
from trainer.core.model import FORMAT_TAG, FORMAT_VERSION, ArticleSet
from trainer.core.setcheck import set_problems
from trainer.core.taxonomy import Taxonomy, default_taxonomy

MAX_FILE_BYTES = 50 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


def _line_col(data: bytes | str, index: int) -> tuple[int, int]:
    before = data[:index]
    newline: Any = b"\n" if isinstance(data, bytes) else "\n"
    line = before.count(newline) + 1
    col = index - (before.rfind(newline) + 1) + 1
    return line, col


def check_file_size(size: int, file: str) -> None:
    if size > MAX_FILE_BYTES:
        raise InvalidInput([Problem(file, f"file is {size:,} bytes, more than the "
                                          f"{MAX_FILE_BYTES // (1024 * 1024)} MB limit",
                                    hint="split the set into smaller files")])


def decode_text_file(data: bytes, file: str) -> str:
    """UTF-8 text with an optional byte-order mark; anything else is refused, never guessed."""
    check_file_size(len(data), file)
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise InvalidInput([Problem(file, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                                    line=line, col=col,
                                    hint="save the file as UTF-8 in your editor")]) from None


def _pydantic_path(loc: tuple[int | str, ...]) -> str:
    path = "$"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _model_problems(exc: ValidationError, file: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        message = err["msg"]
        if err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field"
        problems.append(Problem(file, message, path=_pydantic_path(loc),
                                hint=_HINTS.get(err["type"], "")))
    return problems


_HINTS = {
    "missing": "add it; see resources/schema/article-set.schema.json",
    "extra_forbidden": "remove it or check its spelling",
    "int_type": "write a whole number without quotes",
    "string_type": "write text in double quotes",
    "string_pattern_mismatch": "use letters, digits, '.', '_' or '-'",
}


def _header_problems(raw: dict[str, Any], file: str) -> list[Problem]:
    if raw.get("format") != FORMAT_TAG:
        return [Problem(file, f"not an article set: \"format\" is {raw.get('format')!r}",
                        path="$.format", hint=f"it must be \"{FORMAT_TAG}\"")]
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        return [Problem(file, f"unsupported format_version {version!r}", path="$.format_version",
                        hint=f"this program reads version {FORMAT_VERSION}; a newer file needs a "
                             "newer program")]
    return []


def parse_json_set(data: bytes, file: str, taxonomy: Taxonomy | None = None) -> ArticleSet:
    text = decode_text_file(data, file)
    if not text.strip():
        raise InvalidInput([Problem(file, "file is empty", hint="export the set again")])
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput([Problem(file, f"not valid JSON: {exc.msg}", line=exc.lineno,
                                    col=exc.colno)]) from None
    if not isinstance(raw, dict):
        raise InvalidInput([Problem(file, "not an article set: the top level must be an object",
                                    path="$")])
    header = _header_problems(raw, file)
    if header:
        raise InvalidInput(header)
    problems: list[Problem] = []
    model: ArticleSet | None = None
    try:
        model = ArticleSet.model_validate(raw)
    except ValidationError as exc:
        problems.extend(_model_problems(exc, file))
    problems.extend(set_problems(raw, taxonomy or default_taxonomy(), file))
    if problems or model is None:
        raise InvalidInput(problems)
    return model


def load_json_set(path: Path, taxonomy: Taxonomy | None = None) -> ArticleSet:
    try:
        check_file_size(path.stat().st_size, str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(str(path), f"cannot read file: {exc.strerror}")]) from None
    return parse_json_set(data, str(path), taxonomy)


def dump_json_set(article_set: ArticleSet) -> str:
    return json.dumps(article_set.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def write_json_set(article_set: ArticleSet, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dump_json_set(article_set), encoding="utf-8")
    tmp.replace(path)
