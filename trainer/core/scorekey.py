"""The answer key of `trainer score`, read quickly when it is a plain JSON set (issue 9).

`trainer score` as a whole process should take a few times what a bare interpreter needs to
load the two JSON files. The full loaders import pydantic and validate every field through
the model, which alone costs several times that on a PTC-sized key. So a JSON key first goes
through a fast path: the checks of `jsonset.parse_json_set` (the model's types and limits,
then `setcheck.set_problems`) written out by hand, on the parsed JSON, and conservative.
Whatever the fast path is not sure about — an unknown field, a `\\uD8xx` escape, a control
character, an unusual number — sends the file to the full loader, which accepts it or raises
InvalidInput with the usual messages. The fast path therefore never reports a problem itself
and never accepts a file the full loader refuses (tests/test_scorekey.py checks both ways on
generated and mutated sets).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import namedtuple
from collections.abc import Sequence
from pathlib import Path

from trainer.core.parts import SEPARATOR, title_base
from trainer.core.record import field, record, replace
from trainer.core.setcheck import MAX_ARTICLES, MAX_TEXT_CHARS, splits_nothing
from trainer.core.taxonomy import FAMILY_IDS, Taxonomy, Technique, default_taxonomy

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Any, NamedTuple

    from trainer.core.model import ArticleSet

# Below the loaders' own file-size limit; a larger key simply takes the full path.
FAST_PATH_MAX_BYTES = 20 * 1024 * 1024
_MAX_VERSION = 2**31 - 1  # conservative: the store keeps versions in a 64-bit column
_BOM = b"\xef\xbb\xbf"
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_BAD_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # controls other than tab and newline
_BAD_LINE = re.compile(r"[\r\n]")
# A JSON escape of a UTF-16 surrogate: may decode to half a character, which the model refuses.
_SURROGATE_ESCAPE = re.compile(rb"\\[uU][dD][89a-fA-F]")
# What can put a control character into a parsed string (_may_hold_controls): an escape of
# one (\b, \f, \r, \u0000-\u001f, \u007f-\u009f; a little more, to stay simple), or the UTF-8
# of a C1 control.
_CONTROL_ESCAPE = re.compile(rb"\\(?:[bfr]|u00[01789])")
_C1_IN_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
# Either of the two escapes above: one scan of a large key instead of two, as most hold neither.
_RARE_ESCAPE = re.compile(rb"\\(?:[bfr]|u00[01789]|[uU][dD][89a-fA-F])")
_new_tuple = tuple.__new__
_SET_KEYS = frozenset({"format", "format_version", "id", "version", "title", "language",
                       "level", "author", "license", "description", "techniques", "articles"})
_ARTICLE_KEYS = frozenset({"id", "title", "source", "level", "text", "annotations"})
_ANNOTATION_KEYS = frozenset({"start", "end", "label", "explanation", "tip", "optional"})
_ANNOTATION_KEYS_V2 = _ANNOTATION_KEYS | {"part"}  # notes and source cards: the full path
_SOURCE_KEYS = frozenset({"outlet", "date", "url"})
_TECHNIQUE_KEYS = frozenset({"id", "family", "name", "definition", "example", "check"})


if TYPE_CHECKING:
    class KeyAnnotation(NamedTuple):
        """A key span; a named tuple because a PTC-sized key has thousands (a frozen dataclass
        costs three times as much to create)."""

        start: int
        end: int
        label: str
        explanation: str = ""
        tip: str = ""
        optional: bool = False
        part: str = "text"
else:  # the same named tuple without typing.NamedTuple (tests/test_scorekey.py compares)
    KeyAnnotation = namedtuple(
        "KeyAnnotation", ("start", "end", "label", "explanation", "tip", "optional", "part"),
        defaults=("", "", False, "text"), module=__name__)


@record
class KeyArticle:
    id: str
    title: str
    level: int
    text: str
    annotations: tuple[KeyAnnotation, ...] = ()

    def part_text(self, part: str) -> str:
        """The string a span's offsets index: the title or the text."""
        return self.title if part == "title" else self.text

    def scoring_view(self) -> KeyArticle:
        """In scoring coordinates (trainer.core.parts): the title after the text."""
        base = title_base(self)
        return replace(self, text=self.text + SEPARATOR + self.title, annotations=tuple(
            a._replace(start=a.start + base, end=a.end + base, part="text")
            if a.part == "title" else a for a in self.annotations))


@record
class ScoreKey:
    """What scoring needs of a set: its articles, and the taxonomy with the set's techniques."""

    articles: tuple[KeyArticle, ...]
    taxonomy: Taxonomy
    by_id: dict[str, KeyArticle] = field(default_factory=dict)

    def article(self, article_id: str) -> KeyArticle | None:
        return self.by_id.get(article_id)

    @classmethod
    def build(cls, articles: Sequence[KeyArticle], taxonomy: Taxonomy) -> ScoreKey:
        return cls(tuple(articles), taxonomy, {a.id: a for a in articles})

    @classmethod
    def from_set(cls, article_set: ArticleSet, base: Taxonomy) -> ScoreKey:
        articles = [KeyArticle(a.id, a.title, a.level, a.text, tuple(
            KeyAnnotation(n.start, n.end, n.label, n.explanation, n.tip, n.optional, n.part)
            for n in a.annotations)) for a in article_set.articles]
        return cls.build(articles, article_set.taxonomy(base))


def load_score_key(path: Path, base: Taxonomy | None = None) -> ScoreKey:
    """The key in any format `load_set` reads; raises InvalidInput like `load_set`."""
    base = base or default_taxonomy()
    if path.suffix.lower() == ".json":
        read = _read_json_bytes(path)
        raw = _parse(read[0]) if read is not None else None
        if raw is not None and read is not None:
            key = fast_key(raw, base, check_controls=_may_hold_controls(*read))
            if key is not None:
                return key
    from trainer.core.formats import load_set  # the full loaders: every problem, in words

    return ScoreKey.from_set(load_set(path, base), base)


def read_json_quickly(path: Path) -> Any:
    """The parsed JSON of a regular UTF-8 file of reasonable size, or None to take the full path.

    None for anything unusual (not a regular file, too large, not UTF-8, zero bytes, invalid
    JSON, surrogate escapes): the full loader then says what is wrong.
    """
    read = _read_json_bytes(path)
    return _parse(read[0]) if read is not None else None


def _read_json_bytes(path: Path) -> tuple[bytes, bool] | None:
    """The file's bytes without a BOM, and whether they hold a _RARE_ESCAPE; or None when
    read_json_quickly would give None."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > FAST_PATH_MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            data = handle.read(FAST_PATH_MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > FAST_PATH_MAX_BYTES or b"\x00" in data:
        return None
    rare = _RARE_ESCAPE.search(data) is not None
    if rare and _SURROGATE_ESCAPE.search(data):
        return None
    return data.removeprefix(_BOM), rare


def _parse(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _may_hold_controls(data: bytes, rare_escape: bool = True) -> bool:
    """Whether a parsed string of this JSON file can hold a character _BAD_TEXT refuses.

    json.loads refuses a raw character below U+0020 inside a string, so one can only come
    from an escape (\\b, \\f, \\r, \\u00xx); DEL and C1 controls may also come raw. Three
    quick byte searches then spare a search through every article's text; `rare_escape` False
    (no _RARE_ESCAPE in `data`) spares the first.
    """
    return ((rare_escape and _CONTROL_ESCAPE.search(data) is not None) or b"\x7f" in data
            # `in` first: a byte search is ten times quicker than the regex's scan
            or (b"\xc2" in data and _C1_IN_UTF8.search(data) is not None))


def _is_int(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _is_text(value: object, min_length: int = 0) -> bool:
    return type(value) is str and len(value) >= min_length


def _is_id(value: object) -> bool:
    return type(value) is str and _ID.fullmatch(value) is not None


def _is_title(value: object) -> bool:
    return (type(value) is str and value != "" and not value.isspace()
            and _BAD_LINE.search(value) is None)


def _header_ok(raw: dict[str, Any]) -> bool:
    level = raw.get("level", {})
    language = raw.get("language", "en")
    return (raw.keys() <= _SET_KEYS
            and raw.get("format") == "trainer.article-set" and type(raw["format"]) is str
            and _is_int(raw.get("format_version"), 1, 2)
            and _is_id(raw.get("id")) and _is_title(raw.get("title"))
            and _is_int(raw.get("version", 1), 1, _MAX_VERSION)
            and type(language) is str and _LANGUAGE.fullmatch(language) is not None
            and type(level) is dict and level.keys() <= {"min", "max"}
            and all(_is_int(v, 1, 3) for v in level.values())
            and all(_is_text(raw.get(k, "")) for k in ("author", "license", "description")))


def _techniques(raw: object, base: Taxonomy) -> list[Technique] | None:
    if type(raw) is not list:
        return None
    found: list[Technique] = []
    for item in raw:
        if not (type(item) is dict and item.keys() <= _TECHNIQUE_KEYS and _is_id(item.get("id"))
                and item.get("family") in FAMILY_IDS and _is_text(item.get("name"), 1)
                and _is_text(item.get("definition"), 1) and _is_text(item.get("example", ""))
                and _is_text(item.get("check", ""))):
            return None
        found.append(Technique(item["id"], item["family"], item["name"], item["definition"],
                               item.get("example", ""), item.get("check", "")))
    ids = [t.id for t in found]
    if len(set(ids)) != len(ids) or any(base.is_label(i) for i in ids):
        return None  # legal today, but unusual enough to leave to the full loader
    return found


def _annotations(raw: object, text: str, title: str, labels: frozenset[str],
                 keys: frozenset[str]) -> tuple[KeyAnnotation, ...] | None:
    if type(raw) is not list:
        return None
    found = []
    plain = text.isascii() and title.isascii()  # no boundary can split an ASCII character
    for item in raw:
        if type(item) is not dict:
            return None
        if item.keys() == _ANNOTATION_KEYS:  # what `trainer convert` writes: read directly
            start, end, label = item["start"], item["end"], item["label"]
            explanation, tip, optional = item["explanation"], item["tip"], item["optional"]
            part, target = "text", text
        elif keys.issuperset(item):
            get = item.get
            start, end, label = get("start"), get("end"), get("label")
            explanation, tip = get("explanation", ""), get("tip", "")
            optional, part = get("optional", False), get("part", "text")
            if part == "text" and type(part) is str:
                target = text
            elif part == "title" and type(part) is str:
                target = title
            else:
                return None
        else:
            return None
        if not (type(start) is int and type(end) is int and 0 <= start < end <= len(target)
                and type(label) is str and label in labels
                and type(explanation) is str and type(tip) is str and type(optional) is bool):
            return None
        if not (plain or splits_nothing(target, start, end)):
            return None
        # tuple.__new__ straight: the named tuple's own __new__ is a Python call per span.
        found.append(_new_tuple(KeyAnnotation, (start, end, label, explanation, tip, optional,
                                                part)))
    return tuple(found)


def _source_ok(raw: object) -> bool:
    return type(raw) is dict and raw.keys() <= _SOURCE_KEYS and all(
        type(v) is str for v in raw.values())


def _article(raw: object, labels: frozenset[str], keys: frozenset[str],
             check_controls: bool) -> KeyArticle | None:
    if type(raw) is not dict or not raw.keys() <= _ARTICLE_KEYS:
        return None
    text, title, level = raw.get("text"), raw.get("title"), raw.get("level", 1)
    if not (_is_id(raw.get("id")) and type(title) is str and _is_title(title)
            and _is_int(level, 1, 3)
            and type(text) is str and 0 < len(text) <= MAX_TEXT_CHARS and not text.isspace()
            and not (check_controls and _BAD_TEXT.search(text))
            and _source_ok(raw.get("source", {}))):
        return None
    annotations = _annotations(raw.get("annotations", []), text, title, labels, keys)
    if annotations is None:
        return None
    return KeyArticle(raw["id"], title, level, text, annotations)


def fast_key(raw: Any, base: Taxonomy, check_controls: bool = True) -> ScoreKey | None:
    """The key of a parsed JSON set the full loader would accept as it is, or None.

    `check_controls=False` when the file's bytes show no text can hold a control character
    (load_score_key).
    """
    if type(raw) is not dict or not _header_ok(raw):
        return None
    extra = _techniques(raw.get("techniques", []), base)
    articles_raw = raw.get("articles", [])
    if (extra is None or type(articles_raw) is not list or not articles_raw
            or len(articles_raw) > MAX_ARTICLES):  # a set without articles is invalid
        return None
    taxonomy = base.with_extra(extra)
    # version 1 cannot hold headline spans: the full loader names each one
    keys = _ANNOTATION_KEYS_V2 if raw["format_version"] == 2 else _ANNOTATION_KEYS
    labels = frozenset(taxonomy.families) | frozenset(taxonomy.techniques)  # is_label
    articles = []
    for item in articles_raw:
        article = _article(item, labels, keys, check_controls)
        if article is None:
            return None
        articles.append(article)
    if len({a.id for a in articles}) != len(articles):
        return None
    return ScoreKey.build(articles, taxonomy)
