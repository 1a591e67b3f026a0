"""The set being edited: plain mutable records that turn into the canonical JSON data.

The editor works on these rather than on the frozen pydantic models so that a half-finished
set (an empty title, a span without a technique) can exist while the teacher types; the
validation panel then reports exactly what `trainer validate` would say about it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from trainer.core.model import FORMAT_TAG, ArticleSet
from trainer.core.taxonomy import Taxonomy, Technique, default_taxonomy


@dataclass
class AnnotationDraft:
    start: int
    end: int
    label: str
    explanation: str = ""
    tip: str = ""
    optional: bool = False
    part: str = "text"

    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)

    def to_raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label,
                               "explanation": self.explanation, "tip": self.tip,
                               "optional": self.optional}
        if self.part != "text":
            raw["part"] = self.part
        return raw


@dataclass
class NoteDraft:
    """A good-practice note; kept as loaded, but moved with edits like a key span."""

    start: int
    end: int
    why: str
    part: str = "text"

    def to_raw(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "part": self.part, "why": self.why}


@dataclass
class ArticleDraft:
    id: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    level: int = 1
    text: str = ""
    annotations: list[AnnotationDraft] = field(default_factory=list)  # spans in the text
    # Headline spans and good-practice notes are kept as loaded and saved again unchanged;
    # the validation panel reports them if a title edit leaves them outside the title.
    title_annotations: list[AnnotationDraft] = field(default_factory=list)
    notes: list[NoteDraft] = field(default_factory=list)

    def add_annotation(self, annotation: AnnotationDraft) -> int:
        """Insert in reading order (the order a saved file lists them); returns the row."""
        row = 0
        while (row < len(self.annotations)
               and self.annotations[row].sort_key() <= annotation.sort_key()):
            row += 1
        self.annotations.insert(row, annotation)
        return row

    def to_raw(self) -> dict[str, Any]:
        raw = {"id": self.id, "title": self.title,
               "source": {"outlet": self.outlet, "date": self.date, "url": self.url},
               "level": self.level, "text": self.text,
               "annotations": [a.to_raw() for a in [*self.annotations,
                                                    *self.title_annotations]]}
        if self.notes:
            raw["notes"] = [n.to_raw() for n in self.notes]
        return raw

    def uses_version_2(self) -> bool:
        return bool(self.title_annotations or self.notes)


@dataclass
class SetDraft:
    id: str = "new-set"
    version: int = 1
    title: str = ""
    language: str = "en"
    level_min: int = 1
    level_max: int = 3
    author: str = ""
    license: str = ""
    description: str = ""
    # Extra techniques are kept as loaded; the editor does not edit them (see docs/EDITOR.md).
    techniques: list[dict[str, Any]] = field(default_factory=list)
    articles: list[ArticleDraft] = field(default_factory=list)
    # Source cards are kept as loaded (format version 2); the version is the lowest that
    # holds the set, or the loaded one if higher (see docs/FORMATS.md).
    sources: list[dict[str, Any]] = field(default_factory=list)
    format_version: int = 1
    # A new set's id follows its title (slug) until the teacher types an id, and is made
    # unique against the library when it is first added (see library.py). Not saved.
    auto_id: bool = field(default=True, compare=False)

    def to_raw(self) -> dict[str, Any]:
        needs_2 = bool(self.sources) or any(a.uses_version_2() for a in self.articles)
        raw = {"format": FORMAT_TAG,
               "format_version": max(self.format_version, 2 if needs_2 else 1),
               "id": self.id,
               "version": self.version, "title": self.title, "language": self.language,
               "level": {"min": self.level_min, "max": self.level_max},
               "author": self.author, "license": self.license,
               "description": self.description, "techniques": list(self.techniques),
               "articles": [a.to_raw() for a in self.articles]}
        if self.sources:
            raw["sources"] = [dict(s) for s in self.sources]
        return raw

    def content_fingerprint(self) -> str:
        """A hash of everything but the version, to tell whether a re-import is needed."""
        raw = self.to_raw()
        del raw["version"]
        blob = json.dumps(raw, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def new_article_id(self) -> str:
        taken = {a.id for a in self.articles}
        n = len(self.articles) + 1
        while f"article-{n}" in taken:
            n += 1
        return f"article-{n}"

    @classmethod
    def from_set(cls, article_set: ArticleSet) -> SetDraft:
        return cls(
            id=article_set.id, version=article_set.version, title=article_set.title,
            language=article_set.language, level_min=article_set.level.min,
            level_max=article_set.level.max, author=article_set.author,
            license=article_set.license, description=article_set.description,
            techniques=[t.model_dump(mode="json") for t in article_set.techniques],
            articles=[
                ArticleDraft(
                    id=a.id, title=a.title, outlet=a.source.outlet, date=a.source.date,
                    url=a.source.url, level=a.level, text=a.text,
                    annotations=sorted(
                        (AnnotationDraft(n.start, n.end, n.label, n.explanation, n.tip,
                                         n.optional) for n in a.annotations if n.part == "text"),
                        key=AnnotationDraft.sort_key),
                    title_annotations=[
                        AnnotationDraft(n.start, n.end, n.label, n.explanation, n.tip,
                                        n.optional, n.part)
                        for n in a.annotations if n.part != "text"],
                    notes=[NoteDraft(n.start, n.end, n.why, n.part) for n in a.notes],
                )
                for a in article_set.articles
            ],
            sources=[c.model_dump(mode="json") for c in article_set.sources],
            format_version=article_set.format_version,
            auto_id=False,
        )


def _text(raw: Any, key: str, default: str = "") -> str:
    value = raw.get(key, default) if isinstance(raw, dict) else default
    return value if isinstance(value, str) else default


def _int(raw: Any, key: str, default: int) -> int:
    value = raw.get(key, default) if isinstance(raw, dict) else default
    return value if type(value) is int else default


def draft_from_raw(raw: dict[str, Any]) -> SetDraft:
    """Best-effort draft from JSON data that failed validation, so unfinished work reopens.

    Whatever has the wrong type falls back to a default; the validation panel then lists
    what is still wrong (run on the draft, not on this lenient reading).
    """
    level = raw.get("level") if isinstance(raw.get("level"), dict) else {}
    techniques = raw.get("techniques")
    articles = raw.get("articles")
    draft = SetDraft(
        id=_text(raw, "id"), version=_int(raw, "version", 1), title=_text(raw, "title"),
        language=_text(raw, "language", "en"), level_min=_int(level, "min", 1),
        level_max=_int(level, "max", 3), author=_text(raw, "author"),
        license=_text(raw, "license"), description=_text(raw, "description"),
        techniques=[t for t in techniques if isinstance(t, dict)]
        if isinstance(techniques, list) else [],
        sources=[c for c in raw["sources"] if isinstance(c, dict)]
        if isinstance(raw.get("sources"), list) else [],
        format_version=2 if raw.get("format_version") == 2 else 1, auto_id=False)
    for item in articles if isinstance(articles, list) else []:
        if not isinstance(item, dict):
            continue
        source = item.get("source") if isinstance(item.get("source"), dict) else {}
        article = ArticleDraft(
            id=_text(item, "id"), title=_text(item, "title"), outlet=_text(source, "outlet"),
            date=_text(source, "date"), url=_text(source, "url"),
            level=_int(item, "level", 1), text=_text(item, "text"))
        anns = item.get("annotations")
        for ann in anns if isinstance(anns, list) else []:
            if isinstance(ann, dict):
                optional = ann.get("optional")
                draft_ann = AnnotationDraft(
                    _int(ann, "start", 0), _int(ann, "end", 0), _text(ann, "label"),
                    _text(ann, "explanation"), _text(ann, "tip"),
                    optional if isinstance(optional, bool) else False,
                    _text(ann, "part", "text"))
                if draft_ann.part == "text":
                    article.add_annotation(draft_ann)
                else:
                    article.title_annotations.append(draft_ann)
        notes = item.get("notes")
        article.notes = [NoteDraft(_int(n, "start", 0), _int(n, "end", 0), _text(n, "why"),
                                   _text(n, "part", "text"))
                         for n in (notes if isinstance(notes, list) else [])
                         if isinstance(n, dict)]
        draft.articles.append(article)
    return draft


def draft_taxonomy(draft: SetDraft) -> Taxonomy:
    """The built-in taxonomy plus the set's own techniques (for the technique chooser)."""
    extra = [Technique(t["id"], t["family"], t.get("name") or t["id"], t.get("definition", ""))
             for t in draft.techniques
             if isinstance(t.get("id"), str) and t.get("family") in ("unverified", "framing")]
    return default_taxonomy().with_extra(extra)
