"""Read and write the canonical JSON article-set file, reporting every problem found."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trainer.core.errors import InvalidInput, Problem
from trainer.core.limits import MAX_FILE_BYTES, MAX_NUMBER_DIGITS, MAX_STORED_INT
from trainer.core.model import FORMAT_TAG, FORMAT_VERSION, FORMAT_VERSIONS, ArticleSet
from trainer.core.readfile import read_regular_file, too_large
from trainer.core.setcheck import RANGE_CHECKED, set_problems
from trainer.core.taxonomy import Taxonomy, default_taxonomy

__all__ = ["MAX_FILE_BYTES", "check_file_size", "decode_text_file", "load_json_set",
           "parse_json_set", "parse_json_text"]

_BOM = b"\xef\xbb\xbf"


def _line_col(data: bytes | str, index: int) -> tuple[int, int]:
    before = data[:index]
    newline: Any = b"\n" if isinstance(data, bytes) else "\n"
    line = before.count(newline) + 1
    col = index - (before.rfind(newline) + 1) + 1
    return line, col


def check_file_size(size: int, file: str) -> None:
    if size > MAX_FILE_BYTES:
        raise too_large(file, size, MAX_FILE_BYTES)


def decode_text_file(data: bytes, file: str) -> str:
    """UTF-8 text with an optional byte-order mark; anything else is refused, never guessed."""
    check_file_size(len(data), file)
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        # Name the encoding only where the bytes prove it; otherwise refuse without guessing.
        found = " (it is UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise InvalidInput([Problem(file, f"not valid UTF-8{found}: byte "
                                          f"0x{data[exc.start]:02x} cannot be read",
                                    line=line, col=col,
                                    hint="save the file as UTF-8 in your editor")]) from None
    if b"\x00" in data:
        # Zero bytes are valid UTF-8 but never occur in text; UTF-16 without a byte-order mark
        # is the usual cause (every other byte of English text is 0x00).
        line, col = _line_col(data, data.index(b"\x00"))
        raise InvalidInput([Problem(file, "not a UTF-8 text file: it contains zero bytes "
                                          "(probably UTF-16)", line=line, col=col,
                                    hint="save the file as UTF-8 in your editor")])
    return text


def _pydantic_path(loc: tuple[int | str, ...]) -> str:
    path = "$"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _model_problems(exc: ValidationError, file: str, reported: set[str]) -> list[Problem]:
    """Pydantic's errors as Problems, skipping fields the semantic checks describe better."""
    problems = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        path = _pydantic_path(loc)
        message = err["msg"]
        if path in reported and err["type"] in RANGE_CHECKED:
            continue  # setcheck already said it in our own words (surrogate, level range…)
        if err["type"] == "string_unicode":
            message = "contains an unpaired surrogate (half of an emoji or other character)"
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "extra_forbidden":
            message = "unknown field"
        elif err["type"] == "string_too_short":
            message = "must not be empty"
        elif err["type"] == "value_error":
            message = str(err.get("ctx", {}).get("error", message))  # our own words, no prefix
        hint = _HINTS.get(err["type"], "")
        if loc and loc[-1] == "language" and err["type"] == "string_pattern_mismatch":
            hint = "use a BCP 47 language tag such as en, de or pt-BR"
        problems.append(Problem(file, message, path=path, hint=hint))
    return problems


# ASCII digits only, and few: a field name may hold "[²]" or "[999…]" (int() would fail).
_PATH_PART = re.compile(r"\.([^.\[]+)|\[([0-9]{1,18})\]")


def document_order(raw: Any, path: str | None) -> tuple[int, ...]:
    """Where the value at a JSON path sits in the file: its key's rank at each level.

    Sorting problems by it lists them in the order a reader meets them in the file (JSON
    objects keep their keys' order when parsed); a missing field sorts at the end of its
    object, where it would be added.
    """
    order: list[int] = []
    node = raw
    for key, index in _PATH_PART.findall((path or "$")[1:]):
        if isinstance(node, dict) and key:
            keys = list(node)
            order.append(keys.index(key) if key in node else len(keys))
            node = node.get(key)
        elif isinstance(node, list) and index:
            order.append(int(index))
            node = node[int(index)] if int(index) < len(node) else None
        else:
            break
    return tuple(order)


_HINTS = {
    "missing": "add it; see resources/schema/article-set.schema.json",
    "extra_forbidden": "remove it or check its spelling",
    "string_too_short": "write the text, e.g. a title",
    "int_type": "write a whole number without quotes",
    "string_type": "write text in double quotes",
    "bool_type": "write true or false without quotes",
    "list_type": "write a list in square brackets [ ]",
    "dict_type": "write an object in curly braces { }",
    "string_pattern_mismatch": "use letters, digits, '.', '_' or '-'",
    "literal_error": "write one of the values named, in double quotes",
}


def _header_problems(raw: dict[str, Any], file: str) -> list[Problem]:
    if "format" not in raw:
        return [Problem(file, 'not an article set: the "format" field is missing', path="$",
                        hint=f'add "format": "{FORMAT_TAG}"')]
    if raw.get("format") != FORMAT_TAG:
        return [Problem(file, f"not an article set: \"format\" is {raw.get('format')!r}",
                        path="$.format", hint=f"it must be \"{FORMAT_TAG}\"")]
    version = raw.get("format_version")
    if type(version) is not int or version not in FORMAT_VERSIONS:
        return [Problem(file, f"unsupported format_version {version!r}", path="$.format_version",
                        hint=f"this program reads versions 1 to {FORMAT_VERSION}; a newer file "
                             "needs a newer program")]
    return []


class _LongNumber:
    """Stands in for an integer literal too long to convert (see limits.MAX_NUMBER_DIGITS)."""

    def __init__(self, literal: str) -> None:
        self.digits = len(literal.lstrip("-"))


# How a too-long number is told: (file, JSON path, digits) → Problem. A set's words by default;
# the progress and assignment readers give their own (trainer.core.file_numbers).
LongNumberWords = Callable[[str, str, int], Problem]


def _set_long_number(file: str, path: str, digits: int) -> Problem:
    return Problem(file, f"a number with {digits:,} digits is far too large", path=path,
                   hint=f"numbers in a set are at most {MAX_STORED_INT:,}")


def _long_number_problems(raw: Any, file: str,
                          words: LongNumberWords = _set_long_number) -> list[Problem]:
    """Every stand-in for a too-long number, by JSON path (a walk without recursion)."""
    problems = []
    stack: list[tuple[str, Any]] = [("$", raw)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _LongNumber):
            problems.append(words(file, path, node.digits))
        elif isinstance(node, dict):
            stack.extend((f"{path}.{k}", v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(node))))
    return problems


def parse_json_text(text: str, file: str,
                    long_number: LongNumberWords = _set_long_number) -> Any:
    """json.loads with every failure turned into a Problem (`long_number` tells a number
    too long to read)."""
    long_seen: list[_LongNumber] = []

    def parse_int(literal: str) -> int | _LongNumber:
        if len(literal) > MAX_NUMBER_DIGITS + 1:  # +1 for a minus sign
            long_seen.append(_LongNumber(literal))
            return long_seen[-1]
        return int(literal)

    try:
        raw = json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg}"
        if exc.pos >= len(text.rstrip()):
            message = "not valid JSON: the file ends too early"
        raise InvalidInput([Problem(file, message, line=exc.lineno, col=exc.colno,
                                    hint="is the file complete? check for a missing } or ]"
                                    if "early" in message else "")]) from None
    except RecursionError:
        # json's C decoder recurses per nesting level; a hostile file can exhaust the stack.
        raise InvalidInput([Problem(file, "not valid JSON: nested too deeply",
                                    hint="an article set is only a few levels deep")]) from None
    if long_seen:  # only then walk the whole value to name their paths
        raise InvalidInput(_long_number_problems(raw, file, long_number))
    return raw


def parse_json_set(data: bytes, file: str, taxonomy: Taxonomy | None = None) -> ArticleSet:
    text = decode_text_file(data, file)
    if not text.strip():
        raise InvalidInput([Problem(file, "file is empty", hint="export the set again")])
    raw = parse_json_text(text, file)
    if not isinstance(raw, dict):
        raise InvalidInput([Problem(file, "not an article set: the top level must be an object",
                                    path="$")])
    header = _header_problems(raw, file)
    if header:
        raise InvalidInput(header)
    problems = set_problems(raw, taxonomy or default_taxonomy(), file)
    model: ArticleSet | None = None
    try:
        model = ArticleSet.model_validate(raw)
    except ValidationError as exc:
        problems.extend(_model_problems(exc, file, {p.path for p in problems if p.path}))
    if problems or model is None:
        raise InvalidInput(sorted(problems, key=lambda p: document_order(raw, p.path)))
    return model


def load_json_set(path: Path, taxonomy: Taxonomy | None = None) -> ArticleSet:
    data = read_regular_file(path, str(path), MAX_FILE_BYTES)
    return parse_json_set(data, str(path), taxonomy)


def dump_json_set(article_set: ArticleSet) -> str:
    return json.dumps(article_set.to_data(), ensure_ascii=False, indent=2) + "\n"


def write_json_set(article_set: ArticleSet, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dump_json_set(article_set), encoding="utf-8")
    tmp.replace(path)
