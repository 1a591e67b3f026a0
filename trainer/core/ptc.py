"""The SemEval-2020 Task 11 PTC layout: article<ID>.txt files and tab-separated label files.

Label rows are `ID<TAB>start<TAB>end` (span-only) or `ID<TAB>technique<TAB>start<TAB>end`,
in per-article files (article<ID>.task-si.labels, article<ID>.task-flc-tc.labels, …) or in
one combined .labels file. Offsets count code points over the whole article file, title line
included, and a leading byte-order mark counts as character 0; the article text keeps that title
line and that mark (as U+FEFF), so offsets need no shifting.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trainer.core.errors import InvalidInput, Problem
from trainer.core.fileout import check_new_folder, write_new_folder
from trainer.core.jsonset import check_file_size, decode_text_file
from trainer.core.limits import MAX_NUMBER_DIGITS
from trainer.core.model import ID_PATTERN, Annotation, ArticleSet
from trainer.core.ptc_names import PtcTable, ptc_table
from trainer.core.setcheck import MAX_ARTICLES, boundary_splits_character, set_problems
from trainer.core.taxonomy import Taxonomy, Technique, default_taxonomy

__all__ = ["PtcTable", "is_ptc_folder", "load_ptc_folder", "ptc_files", "ptc_table", "span_rows",
           "write_ptc_folder"]

ARTICLE_FILE = re.compile(r"^article(.+)\.txt$")
LABELS_SUFFIX = ".labels"
# The per-article file names of the SemEval-2020 release, so that an exported folder has the
# same files as the corpus it came from.
TC_SUFFIX = ".task2-TC.labels"
SI_SUFFIX = ".task1-SI.labels"
PTC_LEVEL = 3  # technique-level labels: the hardest level
BOM = "\ufeff"
# Control characters other than tab and line breaks: refused in sets, but real corpora hold
# them (mis-decoded punctuation such as U+009D); they become U+FFFD, one code point for one.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def is_ptc_folder(path: Path) -> bool:
    return path.is_dir() and any(ARTICLE_FILE.match(p.name) for p in path.iterdir())


@dataclass
class _Article:
    id: str
    file: str
    text: str
    raw_to_text: list[int]  # indexes of removed "\r" (of "\r\n") in the raw file
    raw_length: int
    # (start, end, label, PTC name, index of the labels file), in the order of the files
    technique_rows: list[tuple[int, int, str, str, int]] = field(default_factory=list)
    span_rows: list[tuple[int, int]] = field(default_factory=list)

    def offset(self, raw: int) -> int:
        return raw - bisect_left(self.raw_to_text, raw)


def _read_article(path: Path, article_id: str, warnings: list[Problem]) -> _Article:
    file = str(path)
    try:
        check_file_size(path.stat().st_size, file)
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(file, f"cannot read file: {exc.strerror}")]) from None
    raw = decode_text_file(data, file)
    if data.startswith(BOM.encode()):
        raw = BOM + raw  # the corpus counts the mark: every offset after it is one further on
    if _CONTROL.search(raw):
        raw = _replace_controls(raw, file, warnings)
    removed = [i for i, ch in enumerate(raw) if ch == "\r" and raw[i + 1:i + 2] == "\n"]
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _Article(article_id, file, text, removed, len(raw))


def _replace_controls(raw: str, file: str, warnings: list[Problem]) -> str:
    for match in _CONTROL.finditer(raw):
        index = match.start()
        line = raw.count("\n", 0, index) + 1
        col = index - raw.rfind("\n", 0, index)
        warnings.append(Problem(
            file, f"control character U+{ord(match.group()):04X} replaced by U+FFFD (\ufffd)",
            line=line, col=col, severity="warning",
            hint="offsets are unchanged; the file probably went through a wrong text encoding "
                 "once, so check the characters around it"))
    return _CONTROL.sub(REPLACEMENT, raw)


class _LabelReader:
    def __init__(self, articles: dict[str, _Article], taxonomy: Taxonomy) -> None:
        self.articles = articles
        self.taxonomy = taxonomy
        self.table = ptc_table()
        self.problems: list[Problem] = []
        self.used_techniques: set[str] = set()
        self.file_index = 0

    def problem(self, file: str, line: int, col: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, message, line=line, col=col, hint=hint))

    def label_for(self, name: str) -> str | None:
        mapped = self.table.to_label.get(name.lower())
        if mapped is None and self.taxonomy.is_label(name):
            return name  # our own ids, as written by `trainer convert --to ptc`
        if mapped in self.table.techniques:
            self.used_techniques.add(mapped)
        return mapped

    def read(self, path: Path, file_index: int) -> None:
        self.file_index = file_index
        file = str(path)
        try:
            check_file_size(path.stat().st_size, file)
            text = decode_text_file(path.read_bytes(), file)
        except OSError as exc:
            raise InvalidInput([Problem(file, f"cannot read file: {exc.strerror}")]) from None
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for number, line in enumerate(lines, start=1):
            if line.strip():
                self.row(file, number, line)

    def row(self, file: str, number: int, line: str) -> None:
        cells = line.split("\t")
        cols = [1]
        for cell in cells[:-1]:
            cols.append(cols[-1] + len(cell) + 1)
        if len(cells) not in (3, 4):
            self.problem(file, number, 1, f"expected 3 columns (ID, start, end) or 4 (ID, "
                                          f"technique, start, end) separated by tabs, found "
                                          f"{len(cells)}", "separate the columns with one tab")
            return
        if len(cells) == 3 and not cells[1].strip().isdecimal():
            self.problem(file, number, cols[1], f"a row with 3 columns must be ID, start, end, "
                                                f"but column 2 is {cells[1]!r}",
                         "a technique row has 4 columns: ID, technique, start, end")
            return
        article = self.articles.get(cells[0].strip())
        if article is None:
            self.problem(file, number, 1, f"no article{cells[0].strip()}.txt for this row",
                         "check the article ID in the first column")
            return
        offsets = []
        for cell, col in zip(cells[-2:], cols[-2:], strict=True):
            if not cell.strip().isdecimal():
                self.problem(file, number, col, f"offset {cell!r} is not a whole number")
                return
            if len(cell.strip()) > MAX_NUMBER_DIGITS:  # int() refuses over 4,300 digits
                self.problem(file, number, col, f"offset with {len(cell.strip()):,} digits is "
                                                "far too large")
                return
            offsets.append(int(cell.strip()))
        start, end = offsets
        if end > article.raw_length or start >= end:
            what = (f"end {end} is past the end of {Path(article.file).name} "
                    f"({article.raw_length} characters)" if end > article.raw_length
                    else f"span {start}-{end} is empty or inverted")
            self.problem(file, number, cols[-1], what,
                         "offsets count characters (code points) over the whole file, "
                         "title line included")
            return
        if len(cells) == 3:
            article.span_rows.append((article.offset(start), article.offset(end)))
            return
        name = cells[1].strip()
        label = self.label_for(name)
        if label is None:
            self.problem(file, number, cols[1], f"unknown PTC technique {name!r}",
                         "use a SemEval-2020 Task 11 name (see resources/ptc_techniques.json)")
            return
        article.technique_rows.append((article.offset(start), article.offset(end), label, name,
                                       self.file_index))


def _annotations(article: _Article, span_only_label: str) -> list[dict[str, Any]]:
    """Annotations in the order of the label rows, so that an export writes the same rows.

    A row repeated within one file stays (the corpus has one; its file must round-trip); a row
    repeated in another file (per-article files next to a combined one) is read once.
    """
    seen: dict[tuple[int, int, str], int] = {}
    kept: list[tuple[int, int, str, str]] = []
    for start, end, label, name, file_index in article.technique_rows:
        first_file = seen.setdefault((start, end, label), file_index)
        if first_file == file_index:
            kept.append((start, end, label, name))
    if not article.technique_rows:  # span-only rows add nothing where techniques are given
        spans = dict.fromkeys(article.span_rows)
        kept = [(start, end, span_only_label, "") for start, end in spans]
    return [{"start": s, "end": e, "label": label,
             "explanation": f"Marked “{name}” in the PTC corpus." if name and name != label
             else "", "tip": "", "optional": False}
            for s, e, label, name in kept]


def _first_line(text: str) -> str:
    """The first non-blank line, without the byte-order mark the corpus keeps."""
    for line in text.split("\n"):
        stripped = line.strip().strip(BOM).strip()
        if stripped:
            return stripped
    return ""


def _title(article: _Article) -> str | None:
    return _first_line(article.text) or None


def _sort_key(article_id: str) -> tuple[int, int, str]:
    # The id breaks ties ("0" and "000"), so the order never depends on the folder listing.
    return (0, int(article_id), article_id) if article_id.isdecimal() else (1, 0, article_id)


def _set_id(folder: Path) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", folder.resolve().name).strip("-._")[:100]
    return slug if re.match(ID_PATTERN, slug) else "ptc"


def load_ptc_folder(folder: Path, taxonomy: Taxonomy | None = None,
                    warnings: list[Problem] | None = None) -> ArticleSet:
    """Read a PTC folder; repairs (control characters) are appended to `warnings`."""
    taxonomy = taxonomy or default_taxonomy()
    warnings = [] if warnings is None else warnings
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    ids = {m.group(1): name for name in names if (m := ARTICLE_FILE.match(name))}
    if not ids:
        raise InvalidInput([Problem(str(folder), "no article<ID>.txt files in this folder")])
    if len(ids) > MAX_ARTICLES:
        raise InvalidInput([Problem(str(folder), f"{len(ids)} articles, more than {MAX_ARTICLES}",
                                    hint="split the folder")])
    articles = {i: _read_article(folder / name, i, warnings) for i, name in ids.items()}
    reader = _LabelReader(articles, taxonomy)
    label_files = [n for n in names if n.endswith(LABELS_SUFFIX)]
    for index, name in enumerate(label_files):
        reader.read(folder / name, index)
    problems = reader.problems
    combined = [n for n in label_files if not any(n.startswith(f"article{i}.") for i in ids)]
    if not label_files:
        problems.append(Problem(str(folder), "no .labels files in this folder",
                                hint=f"add article<ID>{TC_SUFFIX} files or one combined "
                                     ".labels file"))
    elif not combined:
        for article_id, name in ids.items():
            if not any(n.startswith(f"article{article_id}.") for n in label_files):
                problems.append(Problem(str(folder / name), "this article has no labels file",
                                        hint=f"add article{article_id}{TC_SUFFIX} (it may be "
                                             "empty for an article without spans)"))
    ordered = [articles[i] for i in sorted(ids, key=_sort_key)]
    raw_articles = []
    for article in ordered:
        title = _title(article)
        if title is None:
            problems.append(Problem(article.file, "the article is empty", line=1, col=1))
            continue
        raw_articles.append({"id": article.id, "title": title, "level": PTC_LEVEL,
                             "text": article.text,
                             "annotations": _annotations(article, reader.table.span_only_label)})
    raw = {"id": _set_id(folder), "title": f"PTC articles from {folder.resolve().name}",
           "level": {"min": PTC_LEVEL, "max": PTC_LEVEL},
           "description": "Imported from the SemEval-2020 Task 11 PTC layout.",
           "techniques": [_technique_entry(t) for t_id, t in reader.table.techniques.items()
                          if t_id in reader.used_techniques],
           "articles": raw_articles}
    problems.extend(_semantic_problems(raw, [a.file for a in ordered if _title(a)], taxonomy,
                                       str(folder)))
    if problems:
        raise InvalidInput(problems)
    return ArticleSet.model_validate(raw)


def _technique_entry(technique: Technique) -> dict[str, str]:
    return {"id": technique.id, "family": technique.family, "name": technique.name,
            "definition": technique.definition, "example": technique.example,
            "check": technique.check}


def _semantic_problems(raw: dict[str, Any], files: list[str], taxonomy: Taxonomy,
                       folder: str) -> list[Problem]:
    found = set_problems(raw, taxonomy, folder)
    try:
        ArticleSet.model_validate(raw)
    except ValidationError as exc:
        found.extend(Problem(folder, err["msg"], path="$" + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]))
            for err in exc.errors())
    out = []
    for problem in found:
        match = re.match(r"\$\.articles\[(\d+)\]\.?(.*)", problem.path or "")
        if match:
            tail = match.group(2)
            message = f"{tail}: {problem.message}" if tail else problem.message
            out.append(Problem(files[int(match.group(1))], message, hint=problem.hint))
        else:
            out.append(problem)
    return out


def ptc_files(article_set: ArticleSet) -> dict[str, str]:
    """File name → content of the PTC layout for a set.

    The PTC has no room for explanations, tips, good-practice notes, source cards or the set's
    own fields; those are not exported. The title becomes the first line when the text does
    not start with it, and headline spans are moved onto that line (the PTC marks the title
    line as text).
    """
    table = ptc_table()
    files: dict[str, str] = {}
    for article in article_set.articles:
        text, shift = article.text, 0
        title = article.title.strip()
        if _first_line(text) != title:
            prefix = article.title.replace("\n", " ").strip() + "\n\n"
            text, shift = prefix + text, len(prefix)
            title_at = 0
        else:
            title_at = shift + text.index(title)
        lead = len(article.title) - len(article.title.lstrip())
        rows = [(*_exported_span(a, shift, title_at, lead, len(title)),
                 table.export.get(a.label, a.label)) for a in article.annotations]
        # A headline span that cannot sit on the title line (empty once trimmed, or cutting a
        # character there) is dropped: the layout cannot hold it.
        rows = [row for row in rows if row[0] < row[1] and not any(
            boundary_splits_character(text, k) for k in row[:2])]
        files[f"article{article.id}.txt"] = text
        files[f"article{article.id}{TC_SUFFIX}"] = "".join(
            f"{article.id}\t{name}\t{s}\t{e}\n" for s, e, name in rows)
        files[f"article{article.id}{SI_SUFFIX}"] = "".join(
            f"{article.id}\t{s}\t{e}\n" for s, e in span_rows([(s, e) for s, e, _ in rows]))
    return files


def _exported_span(ann: Annotation, shift: int, title_at: int, lead: int,
                   size: int) -> tuple[int, int]:
    """Offsets of a span in the exported file; a headline span lands on the title line,
    trimmed to the title's visible characters."""
    if ann.part != "title":
        return ann.start + shift, ann.end + shift
    start = min(max(ann.start - lead, 0), size)
    end = min(max(ann.end - lead, 0), size)
    return title_at + start, title_at + end


def span_rows(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The span-only rows for technique rows, the way the corpus derives its task-1 files.

    In row order; a span equal to or inside one already kept is left out, and a span that
    holds kept ones takes the place of the first of them. This reproduces most of the
    corpus's own files; the rest were merged by hand there.
    """
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if any(s <= start and end <= e for s, e in kept):
            continue
        inside = [i for i, (s, e) in enumerate(kept) if start <= s and e <= end]
        if inside:
            kept[inside[0]] = (start, end)
            kept = [span for i, span in enumerate(kept) if i not in inside[1:]]
        else:
            kept.append((start, end))
    return kept


def write_ptc_folder(article_set: ArticleSet, folder: Path) -> None:
    check_new_folder(folder)
    write_new_folder(ptc_files(article_set), folder)
