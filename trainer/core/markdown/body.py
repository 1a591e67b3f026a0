"""Tokenizer for an article's passage: plain text, escapes, line breaks and key spans.

Rules (docs/MARKDOWN_FORMAT.md): paragraphs are separated by blank lines and stored as
"\\n\\n"; a backslash at the end of a line is a hard break stored as "\\n"; any other single
newline is a soft break, joined with one space. `\\[ \\] \\{ \\} \\\\` are literal characters.
`[phrase]{attributes}` is a key span; any other `[` is literal text. Positions are indexes
into the whole file so that problems can be reported as file:line:col.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.core.markdown.attrs import AttrBlock, AttrError, AttrParser

ESCAPABLE = "[]{}\\"
_WS = " \t"


@dataclass
class RawSpan:
    start: int  # offsets into the passage text
    end: int
    pos: int  # index of '[' in the file
    blocks: list[AttrBlock] = field(default_factory=list)


@dataclass
class Body:
    text: str
    spans: list[RawSpan]
    errors: list[AttrError]


def _is_blank(line: str) -> bool:
    return line.strip(_WS) == ""


class BodyParser:
    def __init__(self, src: str, start: int, inline: bool = False) -> None:
        self.inline = inline  # a one-line value (a title): a final backslash is just a character
        self.src = src
        self.n = len(src)
        self.i = start
        self.out: list[str] = []
        self.protect = 0  # soft breaks may trim trailing spaces only after this output index
        self.spans: list[RawSpan] = []
        self.errors: list[AttrError] = []

    def error(self, pos: int, message: str, hint: str = "") -> None:
        self.errors.append(AttrError(pos, message, hint))

    # -- line structure -------------------------------------------------------------------
    def _line_end(self, k: int) -> int:
        end = self.src.find("\n", k)
        return self.n if end < 0 else end

    def _skip_blank_lines(self, k: int) -> tuple[int, int]:
        """From the start of a line, skip blank lines: (index of next content line, count).

        The index is `n` when only blank lines remain.
        """
        count = 0
        while k < self.n:
            end = self._line_end(k)
            if not _is_blank(self.src[k:end]):
                return k, count
            count += 1
            k = end + 1
        return self.n, count

    def _newline(self, after: int, hard: bool) -> None:
        """Handle the line break whose "\\n" ends just before `after`."""
        if hard:
            self.out.append("\n")
        nxt, blanks = self._skip_blank_lines(after)
        if nxt >= self.n:
            self.i = self.n
        elif blanks:
            self.out.extend(("\n", "\n"))
            self.i = nxt
        elif hard:
            self.i = after
        else:  # soft break: one space, as Markdown joins the lines of a paragraph
            while len(self.out) > self.protect and self.out[-1] in _WS:
                self.out.pop()
            self.out.append(" ")
            k = after
            while k < self.n and self.src[k] in _WS:
                k += 1
            self.i = k

    # -- text ------------------------------------------------------------------------------
    def _text_char(self) -> None:
        """Consume one unit of passage text at `i` (not a bracket)."""
        src, i = self.src, self.i
        ch = src[i]
        if ch == "\\":
            if i + 1 >= self.n:
                self.out.append("\\" if self.inline else "\n")
                self.i = self.n
            elif src[i + 1] == "\n":
                self._newline(i + 2, hard=True)
            elif src[i + 1] in ESCAPABLE:
                self.out.append(src[i + 1])
                self.i = i + 2
            else:
                self.out.append("\\")
                self.i = i + 1
        elif ch == "\n":
            self._newline(i + 1, hard=False)
        else:
            self.out.append(ch)
            self.i = i + 1

    def parse(self) -> Body:
        if not self.inline:
            self.i, _ = self._skip_blank_lines(self.i)
        while self.i < self.n:
            ch = self.src[self.i]
            if ch == "[":
                self._bracket()
            elif ch == "]" and self.src.startswith("{", self.i + 1):
                self.error(self.i, "found ']{' without a matching '[' before it (spans cannot "
                                   "nest or cross a blank line)",
                           "start the phrase with [, or write \\] for a literal bracket")
                self.i += 1
                self._attr_blocks()  # read and drop them, so they are not reported twice
            else:
                self._text_char()
        return Body("".join(self.out), self.spans, self.errors)

    # -- spans -----------------------------------------------------------------------------
    def _find_close(self, open_pos: int) -> int | None:
        """Index of the ']' that closes a span opened at `open_pos`, or None if it is literal."""
        src, k = self.src, open_pos + 1
        while k < self.n:
            ch = src[k]
            if ch == "\\":
                if (k + 1 < self.n and src[k + 1] == "\n"
                        and self._skip_blank_lines(k + 2)[1]):
                    return None
                k += 2
            elif ch == "\n":
                if self._skip_blank_lines(k + 1)[1]:
                    return None
                k += 1
            elif ch == "[":
                return None
            elif ch == "]":
                j = k + 1
                while j < self.n and src[j] in _WS:
                    j += 1
                if j > k + 1 and src.startswith("{.", j):
                    self.error(k, "a space between ']' and '{' (the span is not recognised)",
                               "write ]{ with nothing in between")
                return k if src.startswith("{", k + 1) else None
            elif src.startswith("{.", k):
                self.error(open_pos, "unclosed '[': the phrase has no ']' before its attributes",
                           "write [phrase]{.technique-id …}")
                return None
            else:
                k += 1
        return None

    def _bracket(self) -> None:
        open_pos = self.i
        close = self._find_close(open_pos)
        if close is None:
            self.out.append("[")
            self.i = open_pos + 1
            return
        span = RawSpan(len(self.out), 0, open_pos)
        self.protect = len(self.out)
        self.i = open_pos + 1
        while self.i < close:
            self._text_char()
        span.end = len(self.out)
        self.protect = len(self.out)
        self.i = close + 1
        span.blocks = self._attr_blocks()
        self.spans.append(span)

    def _attr_blocks(self) -> list[AttrBlock]:
        blocks: list[AttrBlock] = []
        while self.i < self.n and self.src[self.i] == "{":
            parser = AttrParser(self.src, self.i).parse()
            self.errors.extend(parser.errors)
            self.i = parser.i
            blocks.append(parser.block)
            if not parser.closed:
                break
        return blocks


def parse_body(src: str, start: int) -> Body:
    return BodyParser(src, start).parse()


def parse_inline(value: str) -> Body:
    """A one-line value with the passage's span and escape syntax (an article's title)."""
    return BodyParser(value, 0, inline=True).parse()
