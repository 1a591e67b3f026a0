"""`store.assignments`: assignment files a student opened (DESIGN §4).

An assignment is remembered as one setting keyed `assignment.<id>` holding the file's header
(everything but the embedded set, which goes into the library like any set). Progress is
counted per profile from the attempts that carry the assignment id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.storage.base import Database, StorePart, utcnow
from trainer.storage.content import Library
from trainer.storage.errors import NotFoundError, StoreError
from trainer.storage.importer import run_import
from trainer.storage.models import ArticleRevision, ArticleSetRow, Attempt, Setting

if TYPE_CHECKING:
    from trainer.core.assignment_file import AssignmentFile
    from trainer.core.model import ArticleSet
    from trainer.storage.records import ImportReport

KEY_PREFIX = "assignment."


@dataclass(frozen=True)
class AssignmentPassageInfo:
    set_id: str
    article_id: str
    title: str  # empty when the library lacks the article
    revision_id: int | None  # the current revision, None when missing
    done: bool  # submitted at least once for this assignment


@dataclass(frozen=True)
class AssignmentInfo:
    id: str
    title: str
    teacher: str
    due: date | None
    level: int
    feedback: str
    passages: tuple[AssignmentPassageInfo, ...]

    @property
    def done(self) -> int:
        return sum(p.done for p in self.passages)

    @property
    def total(self) -> int:
        return len(self.passages)

    def next_passage(self, after: int | None = None) -> AssignmentPassageInfo | None:
        """The first passage not done yet, looking from the one after revision `after`."""
        ids = [p.revision_id for p in self.passages]
        start = ids.index(after) + 1 if after in ids else 0
        ordered = self.passages[start:] + self.passages[:start]
        return next((p for p in ordered if not p.done and p.revision_id is not None), None)


class Assignments(StorePart):
    def __init__(self, db: Database, library: Library) -> None:
        super().__init__(db)
        self._library = library

    def add(self, assignment: AssignmentFile) -> list[ImportReport]:
        """Import every embedded set (unless the library already holds its articles) and
        remember the assignment, all in one transaction: a set that cannot be imported leaves
        the library and the assignments as they were. Opening the same file again changes
        nothing. Returns a report per set that was imported."""
        header = assignment.header()
        header["opened_at"] = utcnow().isoformat()
        with self._write() as session:
            reports = [report for embedded in assignment.sets()
                       if (report := self._import_set(session, assignment, embedded))]
            key = KEY_PREFIX + assignment.id
            if session.get(Setting, key) is None:
                session.add(Setting(key=key, value_json=json.dumps(header, ensure_ascii=False),
                                    updated_at=utcnow()))
        return reports

    def _import_set(self, session: Session, assignment: AssignmentFile,
                    embedded: ArticleSet) -> ImportReport | None:
        wanted = [p.article_id for p in assignment.passages if p.set_id == embedded.id]
        stored = session.scalar(select(ArticleSetRow.version)
                                .where(ArticleSetRow.id == embedded.id))
        current = set(session.scalars(select(ArticleRevision.article_id).where(
            ArticleRevision.set_id == embedded.id, ArticleRevision.is_current)))
        if stored is None or not current:  # new here, or removed from the library
            return run_import(session, embedded, utcnow())
        missing = [a for a in wanted if a not in current]
        if stored >= embedded.version:
            if missing:
                raise StoreError(
                    f"the library holds version {stored} of set {embedded.id!r}, "
                    f"which lacks {', '.join(missing)} that this assignment needs. Ask your "
                    "teacher for the assignment made from the same version of the set.")
            return None
        # A newer version holding only the assigned articles: keep the others the student has
        # (importing the subset alone would retire them from the library).
        chosen = {a.id for a in embedded.articles}
        kept = session.scalars(
            select(ArticleRevision)
            .where(ArticleRevision.set_id == embedded.id, ArticleRevision.is_current)
            .order_by(ArticleRevision.position)).all()
        merged = embedded.model_copy(update={"articles": [
            *embedded.articles, *(Library.build_article(session, row) for row in kept
                                  if row.article_id not in chosen)]})
        return run_import(session, merged, utcnow())

    def list(self, profile_id: str) -> list[AssignmentInfo]:
        """Every remembered assignment, most recently opened first, with this profile's
        progress."""
        with self._read() as session:
            rows = session.execute(select(Setting.key, Setting.value_json).where(
                Setting.key.startswith(KEY_PREFIX, autoescape=True))).all()
        headers = [json.loads(raw) for _key, raw in rows]
        headers.sort(key=lambda h: str(h.get("opened_at", "")), reverse=True)
        return [self._info(profile_id, h) for h in headers]

    def get(self, profile_id: str, assignment_id: str) -> AssignmentInfo:
        with self._read() as session:
            raw = session.scalar(select(Setting.value_json)
                                 .where(Setting.key == KEY_PREFIX + assignment_id))
        if raw is None:
            raise NotFoundError(f"no assignment {assignment_id!r} has been opened here")
        return self._info(profile_id, json.loads(raw))

    def _info(self, profile_id: str, header: dict[str, Any]) -> AssignmentInfo:
        passages = header.get("passages", [])
        with self._read() as session:
            pk = self._profile_pk(session, profile_id)
            done = {(s, a) for s, a in session.execute(
                select(ArticleRevision.set_id, ArticleRevision.article_id).distinct()
                .join(Attempt, Attempt.revision_id == ArticleRevision.id)
                .where(Attempt.profile_id == pk, Attempt.assignment_id == header["id"]))}
            found = []
            for passage in passages:
                row = session.execute(
                    select(ArticleRevision.id, ArticleRevision.title)
                    .where(ArticleRevision.set_id == passage["set_id"],
                           ArticleRevision.article_id == passage["article_id"],
                           ArticleRevision.is_current)).first()
                key = (passage["set_id"], passage["article_id"])
                found.append(AssignmentPassageInfo(
                    passage["set_id"], passage["article_id"], row[1] if row else "",
                    row[0] if row else None, key in done))
        due = header.get("due")
        return AssignmentInfo(header["id"], header.get("title", ""), header.get("teacher", ""),
                              date.fromisoformat(due) if due else None,
                              int(header.get("level", 1)), header.get("feedback", "each"),
                              tuple(found))
