"""The attribute block of a key span: `{.technique-id why="…" tip="…" optional=true}`."""

from __future__ import annotations

from dataclasses import dataclass, field

KEYS = ("why", "tip", "optional")
_SPACE = " \t\n"
# Opening quote → the quotes that close it. Word processors and phones turn "…" into “…”
# (or ”…” after "=", or „…“ in German); a value so quoted is unambiguous, so it is accepted.
# Inside typographic quotes a straight " is an ordinary character.
QUOTES = {'"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\u201e": "\u201c\u201d"}


def _name(quote: str, straight: str = "double quote") -> str:
    return straight if quote == '"' else quote


@dataclass
class AttrBlock:
    """One `{…}` block; every class in it becomes one annotation with the block's why/tip."""

    pos: int
    classes: list[tuple[str, int]] = field(default_factory=list)  # (id, source index)
    values: dict[str, str] = field(default_factory=dict)
    value_pos: dict[str, int] = field(default_factory=dict)
    optional: bool = False


@dataclass
class AttrError:
    pos: int
    message: str
    hint: str = ""


class AttrParser:
    """Reads one block starting at `src[start] == "{"`; `end` is the index after its `}`."""

    def __init__(self, src: str, start: int) -> None:
        self.src = src
        self.i = start + 1
        self.block = AttrBlock(start)
        self.errors: list[AttrError] = []
        self.closed = False
        self.aborted = False  # an unclosed quote swallowed the rest of the file

    def error(self, pos: int, message: str, hint: str = "") -> None:
        self.errors.append(AttrError(pos, message, hint))

    def parse(self) -> AttrParser:
        src, n = self.src, len(self.src)
        while True:
            while self.i < n and src[self.i] in _SPACE:
                self.i += 1
            if self.aborted:
                return self
            if self.i >= n:
                self.error(self.block.pos, "the attributes opened by '{' are never closed with '}'",
                           "end the span's attributes with }")
                return self
            ch = src[self.i]
            if ch == "}":
                self.i += 1
                self.closed = True
                if not self.block.classes:
                    self.error(self.block.pos, "this span has no technique class",
                               "add one, e.g. {.loaded-language why=\"…\"}")
                return self
            if ch == ".":
                self.read_class()
            elif ch.isalnum() or ch == "_":
                self.read_pair()
            else:
                start = self.i
                self.skip_token()
                self.error(start, f"unexpected {src[start:self.i]!r} in the span's attributes",
                           "write .technique-id, why=\"…\", tip=\"…\" or optional=true")

    def skip_token(self) -> None:
        while self.i < len(self.src) and self.src[self.i] not in _SPACE + "}":
            self.i += 1

    def skip_rest_of_block(self) -> None:
        """After a stray quote the rest of the block is prose, not attributes: one error is
        enough, so resume at the block's '}' if it is in the same paragraph."""
        close = self.src.find("}", self.i)
        para_end = self.src.find("\n\n", self.i)
        if close >= 0 and (para_end < 0 or close < para_end):
            self.i = close
        else:
            self.skip_token()

    def read_class(self) -> None:
        start = self.i
        self.i += 1
        self.skip_token()
        name = self.src[start + 1:self.i]
        if not name:
            self.error(start, "'.' must be followed by a technique id, e.g. .loaded-language")
        else:
            self.block.classes.append((name, start))

    def read_pair(self) -> None:
        start = self.i
        while self.i < len(self.src) and (self.src[self.i].isalnum() or self.src[self.i] in "_-"):
            self.i += 1
        key = self.src[start:self.i]
        if self.i >= len(self.src) or self.src[self.i] != "=":
            self.skip_token()
            self.error(start, f"expected {key}=\"…\" but found {self.src[start:self.i]!r}",
                       "attributes are written key=\"value\" with no spaces around =")
            return
        self.i += 1
        value = self.read_value(key, start)
        if value is None:
            return
        if key not in KEYS:
            self.error(start, f"unknown attribute {key!r}", "use why=\"…\", tip=\"…\" or "
                                                           "optional=true")
        elif key in self.block.value_pos:
            self.error(start, f"{key} is given twice in this span", "keep only one")
        elif key == "optional":
            flag = value.lower()
            if flag not in ("true", "false"):
                self.error(start, f"optional={value} is not true or false", "write optional=true")
            self.block.optional = flag == "true"
            self.block.value_pos[key] = start
        else:
            self.block.values[key] = value
            self.block.value_pos[key] = start

    def read_value(self, key: str, key_pos: int) -> str | None:
        src, n = self.src, len(self.src)
        if self.i < n and src[self.i] in QUOTES:
            return self.read_quoted(key)
        start = self.i
        self.skip_token()
        if self.i == start:
            self.error(key_pos, f"{key}= has no value", f"write {key}=\"…\"")
            return None
        return src[start:self.i]

    def read_quoted(self, key: str) -> str | None:
        src, n = self.src, len(self.src)
        quote = self.i
        closers = QUOTES[src[quote]]
        escapable = closers + "\\"
        self.i += 1
        out: list[str] = []
        while self.i < n:
            ch = src[self.i]
            if ch == "\\" and self.i + 1 < n and src[self.i + 1] in escapable:
                out.append(src[self.i + 1])
                self.i += 2
            elif ch in closers:
                self.i += 1
                if self.i < n and src[self.i] not in _SPACE + "}":
                    self.error(quote, f"unbalanced quotes: the value of {key}= that starts here "
                                      f"ends at a '{ch}' followed by {src[self.i]!r}",
                               f"write \\{ch} for a {_name(ch)} inside the text")
                    self.skip_rest_of_block()
                    return None
                return "".join(out)
            else:
                out.append(ch)
                self.i += 1
        self.aborted = True
        close = closers[-1]
        self.error(quote, f"unbalanced quotes: the value of {key}= that starts here is never "
                          f"closed with '{close}'", f"end the text with {close} and write "
                                                   f"\\{close} for a {_name(close, 'quote')} "
                                                   "inside it")
        return None
