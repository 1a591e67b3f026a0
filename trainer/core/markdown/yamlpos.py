"""YAML that remembers where each value was written, for file:line:col messages.

The text is composed with PyYAML's safe loader (no Python objects can be created) and the
node tree is turned into plain values here, so that every key and value keeps its position.
Fields that are always text (titles, dates, ids) take the characters exactly as written:
`date: 2026-03-14` stays the string "2026-03-14" and `title: 1984` stays "1984".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trainer.core.errors import InvalidInput, Problem
from trainer.core.limits import MAX_NUMBER_DIGITS, MAX_STORED_INT, MAX_YAML_DEPTH

TEXT_KEYS = frozenset({
    "format", "id", "title", "language", "author", "license", "description", "outlet", "date",
    "url", "name", "definition", "example", "check", "family", "kind", "aliases",
})
_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_STANDARD_TAG + kind for kind in (
    "str", "int", "float", "bool", "null", "map", "seq", "timestamp"))
_MAX_NODES = 100_000
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class YamlDoc:
    """Plain values plus, for each JSON-style path ("$.source.url"), its line and column."""

    value: Any
    file: str
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Where each scalar value itself starts, and the column its first character has when
    # the value is quoted (to place messages about characters inside a title).
    value_starts: dict[str, tuple[int, int]] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)  # paths whose value has a problem already

    def where(self, path: str) -> tuple[int, int]:
        """Position of `path`, or of its nearest enclosing value that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.positions.get("$", (1, 1))


class _Converter:
    def __init__(self, doc: YamlDoc, first_line: int) -> None:
        self.doc = doc
        self.first_line = first_line
        self.count = 0
        self.open: set[int] = set()  # ids of the collections being converted (for cycles)

    def pos(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + self.first_line, node.start_mark.column + 1

    def problem(self, node: Node, message: str, hint: str = "", path: str = "") -> None:
        line, col = self.pos(node)
        self.doc.problems.append(Problem(self.doc.file, message, line=line, col=col, hint=hint))
        if path:
            self.doc.flagged.add(path)

    def convert(self, node: Node, path: str, text: bool = False) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            raise InvalidInput([Problem(self.doc.file, "YAML is too large or too deeply aliased")])
        self.doc.positions.setdefault(path, self.pos(node))
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, f"unsupported YAML tag {node.tag!r}", "remove the '!' tag", path)
            return None
        if isinstance(node, ScalarNode):
            line, col = self.pos(node)
            self.doc.value_starts[path] = (line, col + (1 if node.style in ("'", '"') else 0))
            return self.scalar(node, text, path)
        if id(node) in self.open:
            # `&a [*a]`: an alias inside the value it names would make an endless value.
            self.problem(node, "this value contains an alias (*name) of itself",
                         "remove the alias; write the value out instead", path)
            return None
        self.open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                # A list under a text key (aliases) holds text too.
                return [self.convert(item, f"{path}[{i}]", text)
                        for i, item in enumerate(node.value)]
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
            return None  # pragma: no cover - PyYAML has no other node kinds
        finally:
            self.open.discard(id(node))

    def integer(self, node: ScalarNode, path: str) -> Any:
        """The value of a YAML 1.1 integer, or the text as written when it cannot be one."""
        digits = sum(ch.isalnum() for ch in node.value)
        if digits > MAX_NUMBER_DIGITS + 2:  # + 2 for a 0x or 0b prefix
            self.problem(node, f"a number with {digits:,} digits is far too large",
                         f"numbers in a set are at most {MAX_STORED_INT:,}", path)
            return node.value
        try:
            return _CONSTRUCTOR.construct_yaml_int(node)
        except ValueError:  # `0x_`, `0b_`: the YAML 1.1 pattern allows a prefix with no digits
            self.problem(node, f"{node.value!r} is not a number", "write digits only, e.g. 2",
                         path)
            return node.value

    def scalar(self, node: ScalarNode, text: bool, path: str) -> Any:
        kind = node.tag[len(_STANDARD_TAG):]
        if kind == "null":
            return None
        if text:
            return node.value
        if kind == "int":
            return self.integer(node, path)
        if kind == "bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        return node.value  # floats, dates and the rest stay as written

    def mapping(self, node: MappingNode, path: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STANDARD_TAG + "str":
                self.problem(key_node, "a key must be a plain word such as title:")
                continue
            key = key_node.value
            if key in result:
                self.problem(key_node, f"{key!r} is given twice", "keep only one")
                continue
            child = f"{path}.{key}"
            self.doc.positions[child] = self.pos(key_node)
            result[key] = self.convert(value_node, child, text=key in TEXT_KEYS)
        return result


def _check_depth(text: str, file: str, first_line: int) -> None:
    """Refuse deep nesting before composing: PyYAML's composer recurses once per level."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                mark = event.start_mark
                line, col = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
                raise InvalidInput([Problem(file, f"YAML nested more than {MAX_YAML_DEPTH} "
                                                  "levels deep", line=line, col=col,
                                            hint="a set's fields are at most three levels "
                                                 "deep; check the brackets and indentation")])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_yaml(text: str, file: str, first_line: int = 1) -> YamlDoc:
    """Parse one YAML document; syntax errors raise InvalidInput with the line and column."""
    doc = YamlDoc(None, file)
    try:
        _check_depth(text, file, first_line)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        col = mark.column + 1 if mark else 1
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise InvalidInput([Problem(file, f"bad YAML: {what}", line=line, col=col,
                                    hint="check indentation and put text containing ':' or "
                                         "'#' in double quotes")]) from None
    except yaml.YAMLError as exc:
        raise InvalidInput([Problem(file, f"bad YAML: {exc}", line=first_line, col=1)]) from None
    doc.positions["$"] = (first_line, 1)
    if node is not None:
        doc.value = _Converter(doc, first_line).convert(node, "$")
    return doc


class _OneLineDumper(yaml.SafeDumper):
    """Writes every scalar on one line, so no value can break out of the front matter."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A block or plain scalar may span lines, and a line reading `---` would end the front
    # matter; double quotes turn line breaks into `\n` escapes.
    multi_line = any(ch in value for ch in "\n\r\t\x85\u2028\u2029")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style='"' if multi_line else None)


_OneLineDumper.add_representer(str, _represent_str)


def dump_yaml(data: dict[str, Any]) -> str:
    """YAML that `parse_yaml` reads back to exactly `data` (strings quoted where needed)."""
    dumped: str = yaml.dump(data, Dumper=_OneLineDumper, allow_unicode=True, sort_keys=False,
                            default_flow_style=False, width=2**31 - 1)
    return dumped
