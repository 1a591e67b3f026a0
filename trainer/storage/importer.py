"""Importing an article set: one transaction, idempotent, versioned, bulk-inserted.

Rules (docs/STORAGE.md): an article whose content hash is unchanged is left alone; a set
with a higher version adds new revisions for changed articles and retires articles it no
longer contains; the same or a lower version with different content is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from trainer.core.errors import InvalidInput, Problem
from trainer.storage.errors import ConflictingSetError, ImportCancelled
from trainer.storage.models import ArticleRevision, ArticleSetRow, Base
from trainer.storage.records import ImportReport

if TYPE_CHECKING:
    from trainer.core.model import Annotation, Article, ArticleSet, Note

Progress = Callable[[int, int], bool]
# Core (not ORM) inserts: the ORM's per-row bookkeeping would triple the import time.
_ARTICLE_TABLE = Base.metadata.tables["article"]
_KEY_SPAN_TABLE = Base.metadata.tables["key_span"]
CHUNK = 250  # articles between progress callbacks (and the unit of a bulk insert)


def article_hash(article: Article) -> str:
    # to_data leaves out version-2 defaults, so hashes of version-1 articles never change.
    canonical = json.dumps(article.to_data(), sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def techniques_json(article_set: ArticleSet) -> str:
    return json.dumps([t.model_dump(mode="json") for t in article_set.techniques],
                      ensure_ascii=False, sort_keys=True)


def sources_json(article_set: ArticleSet) -> str:
    return json.dumps([c.model_dump(mode="json") for c in article_set.sources],
                      ensure_ascii=False, sort_keys=True)


def notes_json(article: Article) -> str:
    return json.dumps([n.model_dump(mode="json") for n in article.notes], ensure_ascii=False,
                      sort_keys=True)


def set_values(article_set: ArticleSet) -> dict[str, object]:
    return {
        "version": article_set.version, "title": article_set.title,
        "language": article_set.language, "level_min": article_set.level.min,
        "level_max": article_set.level.max, "author": article_set.author,
        "license": article_set.license, "description": article_set.description,
        "techniques_json": techniques_json(article_set),
        "sources_json": sources_json(article_set),
    }


def offset_problems(article_set: ArticleSet) -> list[Problem]:
    """Spans must lie inside their text: a set built in code has not passed the file checks."""
    problems = []
    for i, article in enumerate(article_set.articles):
        spans: list[tuple[str, int, Annotation | Note]] = [
            ("annotations", j, a) for j, a in enumerate(article.annotations)]
        spans += [("notes", j, n) for j, n in enumerate(article.notes)]
        for kind, j, note in spans:
            size = len(article.part_text(note.part))
            if not 0 <= note.start < note.end <= size:
                problems.append(Problem(
                    article_set.id, f"span {note.start}..{note.end} is outside the {note.part} "
                    f"(0..{size}) or empty", path=f"$.articles[{i}].{kind}[{j}]",
                    hint="fix the offsets; they count Unicode code points"))
    ids = [a.id for a in article_set.articles]
    if len(ids) != len(set(ids)):
        problems.append(Problem(article_set.id, "two articles share an id", path="$.articles"))
    return problems


@dataclass
class Plan:
    added: list[int] = field(default_factory=list)  # indexes into article_set.articles
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    retired: list[int] = field(default_factory=list)  # revision ids no longer current
    next_revision: dict[str, int] = field(default_factory=dict)


def _plan(session: Session, article_set: ArticleSet, hashes: Sequence[str]) -> Plan:
    current = {
        article_id: (rev_id, content_hash)
        for rev_id, article_id, content_hash in session.execute(
            select(ArticleRevision.id, ArticleRevision.article_id, ArticleRevision.content_hash)
            .where(ArticleRevision.set_id == article_set.id, ArticleRevision.is_current))
    }
    plan = Plan()
    plan.next_revision = {
        article_id: top + 1 for article_id, top in session.execute(
            select(ArticleRevision.article_id, func.max(ArticleRevision.revision))
            .where(ArticleRevision.set_id == article_set.id)
            .group_by(ArticleRevision.article_id))
    }
    seen = set()
    for index, (article, digest) in enumerate(zip(article_set.articles, hashes, strict=True)):
        seen.add(article.id)
        known = current.get(article.id)
        if known is None:
            plan.added.append(index)
        elif known[1] != digest:
            plan.updated.append(index)
            plan.retired.append(known[0])
        else:
            plan.unchanged.append(index)
    plan.retired.extend(rev_id for article_id, (rev_id, _) in current.items()
                        if article_id not in seen)
    return plan


def _refuse_if_conflicting(stored: ArticleSetRow, article_set: ArticleSet, plan: Plan) -> None:
    same_meta = all(getattr(stored, k) == v for k, v in set_values(article_set).items()
                    if k != "version")
    identical = not (plan.added or plan.updated or plan.retired) and same_meta
    if identical or article_set.version > stored.version:
        return
    if article_set.version == stored.version:
        raise ConflictingSetError(
            f"set {article_set.id!r} version {stored.version} is already imported with "
            "different content. Nothing was changed. Raise \"version\" in the set file "
            f"to {stored.version + 1} to publish the changes as a new version.")
    raise ConflictingSetError(
        f"set {article_set.id!r}: version {article_set.version} is older than the imported "
        f"version {stored.version}. Nothing was changed. Raise \"version\" in the set file "
        f"to {stored.version + 1} to make it the new version.")


def _revision_rows(article_set: ArticleSet, indexes: Sequence[int], hashes: Sequence[str],
                   plan: Plan, first_id: int, now: datetime) -> tuple[list[dict[str, object]],
                                                                   list[dict[str, object]]]:
    revisions: list[dict[str, object]] = []
    spans: list[dict[str, object]] = []
    for offset, index in enumerate(indexes):
        article = article_set.articles[index]
        rev_id = first_id + offset
        revisions.append({
            "id": rev_id, "set_id": article_set.id, "article_id": article.id,
            "revision": plan.next_revision.get(article.id, 1),
            "set_version": article_set.version, "content_hash": hashes[index],
            "is_current": True, "position": index, "title": article.title,
            "level": article.level, "outlet": article.source.outlet,
            "date": article.source.date, "url": article.source.url, "text": article.text,
            "notes_json": notes_json(article), "created_at": now,
        })
        spans.extend({
            "revision_id": rev_id, "position": pos, "start": note.start, "end": note.end,
            "label": note.label, "explanation": note.explanation, "tip": note.tip,
            "optional": note.optional, "part": note.part,
        } for pos, note in enumerate(article.annotations))
    return revisions, spans


def run_import(session: Session, article_set: ArticleSet, now: datetime,
               progress: Progress | None = None) -> ImportReport:
    """Everything happens in `session`'s transaction; the caller commits or rolls back."""
    problems = offset_problems(article_set)
    if problems:
        raise InvalidInput(problems)
    hashes = [article_hash(a) for a in article_set.articles]
    stored = session.get(ArticleSetRow, article_set.id)
    plan = _plan(session, article_set, hashes)
    report = ImportReport(article_set.id, len(plan.added), len(plan.updated),
                          len(plan.unchanged), len(plan.retired) - len(plan.updated))
    # A set removed from the library (Library.remove_set) has no current article: importing it
    # again, at any version, adds it back like a new set next to its kept old revisions.
    removed = stored is not None and bool(plan.added) \
        and not (plan.unchanged or plan.updated or plan.retired)
    if stored is not None:
        if not removed:
            _refuse_if_conflicting(stored, article_set, plan)
            if article_set.version <= stored.version:
                return report  # identical content: nothing to write
        session.execute(update(ArticleSetRow).where(ArticleSetRow.id == article_set.id)
                        .values(updated_at=now, **set_values(article_set)))
    else:
        session.execute(insert(ArticleSetRow).values(
            id=article_set.id, imported_at=now, updated_at=now, **set_values(article_set)))
    if plan.retired:
        session.execute(update(ArticleRevision).where(ArticleRevision.id.in_(plan.retired))
                        .values(is_current=False))
    if plan.unchanged:  # keep the library in the order of the newest version
        session.execute(update(ArticleRevision), [
            {"id": rev_id, "position": index} for index, rev_id in _current_ids(
                session, article_set, plan.unchanged)])
    todo = sorted(plan.added + plan.updated)
    next_id = (session.scalar(select(func.max(ArticleRevision.id))) or 0) + 1
    total = len(todo)
    for start in range(0, max(total, 1), CHUNK):
        if progress is not None and not progress(start, total):
            raise ImportCancelled(f"import of {article_set.id!r} cancelled; nothing was changed")
        chunk = todo[start:start + CHUNK]
        if not chunk:
            break
        revisions, spans = _revision_rows(article_set, chunk, hashes, plan,
                                          next_id + start, now)
        session.execute(insert(_ARTICLE_TABLE), revisions)
        if spans:
            session.execute(insert(_KEY_SPAN_TABLE), spans)
    if progress is not None and not progress(total, total):
        raise ImportCancelled(f"import of {article_set.id!r} cancelled; nothing was changed")
    return report


def _current_ids(session: Session, article_set: ArticleSet,
                 indexes: Sequence[int]) -> list[tuple[int, int]]:
    by_article = {article_id: rev_id for article_id, rev_id in session.execute(
        select(ArticleRevision.article_id, ArticleRevision.id)
        .where(ArticleRevision.set_id == article_set.id, ArticleRevision.is_current))}
    return [(i, by_article[article_set.articles[i].id]) for i in indexes]
