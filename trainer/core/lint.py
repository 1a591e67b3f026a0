"""Content lint for article sets: what a careful editor would flag before students see them.

`trainer validate` answers "can the program load this?"; lint answers "is this good
practice material?" (issue 5). Errors are mistakes a student would trip over; warnings
are judgement calls an author should look at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from trainer.core.errors import Problem, printable
from trainer.core.lint_wording import common_word_findings, key_spans, repeated_phrase_findings
from trainer.core.model import Annotation, Article, ArticleSet, Note
from trainer.core.taxonomy import Taxonomy

Severity = Literal["error", "warning"]

MIN_NOTE_CHARS = 40
MIN_SPANS_PER_TECHNIQUE = 4
CLEAN_SHARE = (0.15, 0.40)
MIN_ARTICLES_FOR_SHARE = 5  # below this the share of clean passages says nothing
LEVEL_WORDS: dict[int, tuple[int, int]] = {1: (80, 150), 2: (150, 300), 3: (300, 600)}
NEAR_DUPLICATE = 0.8  # Jaccard similarity of word trigrams
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: str
    path: str = ""
    hint: str = ""

    def format(self, file: str) -> str:
        where = f"{file}: {self.path}" if self.path else file
        text = f"{where}: {self.severity}: {self.message}"
        return printable(f"{text} ({self.hint})" if self.hint else text)

    def problem(self, file: str, severity: Severity | None = None) -> Problem:
        """The finding as a Problem in `file` (the line `trainer lint` prints); `severity`
        overrides lint's own (the set editor shows every finding as a warning)."""
        return Problem(file, self.message, path=self.path or None, hint=self.hint,
                       severity=severity or self.severity)


@dataclass(frozen=True)
class LintReport:
    findings: list[Finding]
    # label -> level -> number of required key spans; family labels are rows too
    coverage: dict[str, dict[int, int]] = field(default_factory=dict)
    levels: tuple[int, ...] = (1, 2, 3)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def _boundary_findings(article: Article, ann: Annotation | Note, path: str) -> list[Finding]:
    text, start, end = article.part_text(ann.part), ann.start, ann.end
    if not 0 <= start < end <= len(text):
        return []  # validate reports broken offsets; lint assumes a loadable set
    findings = []
    phrase = _quote(text[start:end])
    if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        findings.append(Finding("error", f"span {phrase} starts inside a word", path,
                                "move the start to the beginning of the word"))
    if end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        findings.append(Finding("error", f"span {phrase} ends inside a word", path,
                                "move the end to the end of the word"))
    if text[start].isspace() or text[end - 1].isspace():
        findings.append(Finding("warning", f"span {phrase} begins or ends with a space", path,
                                "trim the span to the words themselves"))
    return findings


def _note_findings(ann: Annotation, path: str) -> list[Finding]:
    findings = []
    for name, value, hint in (
        ("explanation", ann.explanation, "say in plain words why this phrase is flagged"),
        ("tip", ann.tip, "say what exactly a reader would check, and how"),
    ):
        size = len(value.strip())
        if size == 0:
            findings.append(Finding("error", f"{name} is missing", f"{path}.{name}", hint))
        elif size < MIN_NOTE_CHARS:
            findings.append(Finding("warning", f"{name} is very short ({size} characters)",
                                    f"{path}.{name}", hint))
    return findings


def _length_findings(article: Article, path: str) -> list[Finding]:
    low, high = LEVEL_WORDS.get(article.level, (0, 10**9))
    words = word_count(article.text)
    if low <= words <= high:
        return []
    return [Finding("warning", f"level {article.level} passage has {words} words, outside "
                               f"{low}–{high}", f"{path}.text",
                    "shorten or lengthen it, or change its level")]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _duplicate_findings(articles: list[Article]) -> list[Finding]:
    findings: list[Finding] = []
    first_seen: dict[str, int] = {}
    shingles = [_shingles(a.text) for a in articles]
    for i, article in enumerate(articles):
        normal = " ".join(_WORD.findall(article.text.casefold()))
        if normal in first_seen:
            j = first_seen[normal]
            findings.append(Finding("error", f"passage has the same text as {articles[j].id!r} "
                                             f"($.articles[{j}])", f"$.articles[{i}].text",
                                    "remove one of them"))
            continue
        first_seen[normal] = i
        for j in range(i):
            a, b = shingles[i], shingles[j]
            if min(len(a), len(b)) < NEAR_DUPLICATE * max(len(a), len(b)):
                continue  # lengths too different to reach the threshold
            similarity = len(a & b) / len(a | b)
            if similarity >= NEAR_DUPLICATE and normal != " ".join(
                _WORD.findall(articles[j].text.casefold())
            ):
                findings.append(Finding(
                    "warning", f"passage is nearly the same as {articles[j].id!r} "
                               f"($.articles[{j}], {similarity:.0%} alike)",
                    f"$.articles[{i}].text", "students would practise the same text twice"))
                break
    return findings


def _share_findings(articles: list[Article]) -> list[Finding]:
    if len(articles) < MIN_ARTICLES_FOR_SHARE:
        return []
    clean = sum(1 for a in articles if a.is_clean)
    share = clean / len(articles)
    low, high = CLEAN_SHARE
    if low <= share <= high:
        return []
    advice = ("add clean passages: students must learn that not everything is suspect"
              if share < low else "add passages with something to find")
    return [Finding("warning", f"{clean} of {len(articles)} passages are clean ({share:.0%}); "
                               f"aim for {low:.0%}–{high:.0%}", "$.articles", advice)]


def _coverage(articles: Iterable[Article]) -> dict[str, dict[int, int]]:
    table: dict[str, dict[int, int]] = {}
    for article in articles:
        for ann in article.annotations:
            if not ann.optional:
                row = table.setdefault(ann.label, {})
                row[article.level] = row.get(article.level, 0) + 1
    return table


def _technique_findings(coverage: dict[str, dict[int, int]],
                        taxonomy: Taxonomy) -> list[Finding]:
    """One finding naming every technique with too few examples (one line, not sixteen)."""
    thin = [(t.id, sum(coverage.get(t.id, {}).values())) for t in taxonomy.techniques.values()]
    thin = [(label, total) for label, total in thin if total < MIN_SPANS_PER_TECHNIQUE]
    if not thin:
        return []
    listed = ", ".join(f"{label} ({total})" for label, total in thin)
    return [Finding("warning", f"{len(thin)} technique(s) have fewer than "
                               f"{MIN_SPANS_PER_TECHNIQUE} key spans in the whole set: {listed}",
                    "$.articles", "students need several examples to learn a technique")]


def lint_set(article_set: ArticleSet, taxonomy: Taxonomy) -> LintReport:
    """Every content finding for a set that already loads (validate has passed)."""
    taxonomy = article_set.taxonomy(taxonomy)
    findings: list[Finding] = []
    for i, article in enumerate(article_set.articles):
        path = f"$.articles[{i}]"
        findings.extend(_length_findings(article, path))
        for j, ann in enumerate(article.annotations):
            ann_path = f"{path}.annotations[{j}]"
            findings.extend(_boundary_findings(article, ann, ann_path))
            findings.extend(_note_findings(ann, ann_path))
        for j, note in enumerate(article.notes):
            note_path = f"{path}.notes[{j}]"
            findings.extend(_boundary_findings(article, note, note_path))
            if len(note.why.strip()) < MIN_NOTE_CHARS:
                findings.append(Finding("warning", f"good-practice note is very short "
                                                   f"({len(note.why.strip())} characters)",
                                        f"{note_path}.why", "say what makes this careful "
                                                            "reporting"))
    findings.extend(_duplicate_findings(article_set.articles))
    findings.extend(_share_findings(article_set.articles))
    coverage = _coverage(article_set.articles)
    findings.extend(_technique_findings(coverage, taxonomy))
    spans = list(key_spans(article_set.articles))
    for wording in [*repeated_phrase_findings(article_set.articles, spans),
                    *common_word_findings(article_set.articles, spans)]:
        findings.append(Finding("warning", wording.message, wording.path, wording.hint))
    levels = tuple(range(article_set.level.min, article_set.level.max + 1)) or (1, 2, 3)
    levels = tuple(sorted(set(levels) | {a.level for a in article_set.articles}))
    return LintReport(findings, coverage, levels)


def coverage_table(report: LintReport, taxonomy: Taxonomy) -> str:
    """Techniques × levels, counting required key spans; families and set-only labels last."""
    rows = [t.id for t in taxonomy.techniques.values()]
    rows += sorted(label for label in report.coverage if label not in rows)
    width = max(len(r) for r in [*rows, "technique"])
    header = f"{'technique':<{width}} " + " ".join(f"{'L' + str(n):>4}" for n in report.levels)
    lines = [header + "  total", "-" * (len(header) + 7)]
    for label in rows:
        counts = report.coverage.get(label, {})
        cells = " ".join(f"{counts.get(n, 0):>4}" for n in report.levels)
        total = sum(counts.values())
        flag = "  !" if label in taxonomy.techniques and total < MIN_SPANS_PER_TECHNIQUE else ""
        lines.append(f"{label:<{width}} {cells}  {total:>5}{flag}")
    return "\n".join(lines)
