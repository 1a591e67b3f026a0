"""`store.library`: article sets (import, listing, export), the library and article revisions."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import Float, case, delete, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from trainer.core.taxonomy import Taxonomy, Technique, default_taxonomy
from trainer.storage.base import StorePart, utcnow
from trainer.storage.errors import NotFoundError
from trainer.storage.importer import Progress, run_import
from trainer.storage.models import ArticleRevision, ArticleSetRow, Attempt, DraftRow, KeySpan
from trainer.storage.records import ArticleView, ImportReport, LibraryEntry, SetInfo, Status

if TYPE_CHECKING:
    from trainer.core.model import Article, ArticleSet

# The pydantic model (trainer.core.model) is imported inside the methods that build models:
# listing the library does not need it, and leaving it out keeps the desktop program's
# start-up memory down (DESIGN §9).


def attempt_f1() -> ColumnElement[float]:
    """F1 of an attempt in the mode it was scored in."""
    return case((Attempt.mode == "any", Attempt.f1_any),
                (Attempt.mode == "family", Attempt.f1_family),
                else_=Attempt.f1_technique).cast(Float)


def set_taxonomy(techniques_json: str) -> Taxonomy:
    from trainer.core.model import ExtraTechnique

    extra = [ExtraTechnique.model_validate(t) for t in json.loads(techniques_json)]
    return default_taxonomy().with_extra(
        Technique(t.id, t.family, t.name, t.definition, t.example, t.check) for t in extra)


class Library(StorePart):
    def import_set(self, article_set: ArticleSet,
                   progress: Progress | None = None) -> ImportReport:
        """All or nothing. `progress(done, total)` returning False cancels (ImportCancelled)."""
        with self._write() as session:
            return run_import(session, article_set, utcnow(), progress)

    def remove_set(self, set_id: str) -> int:
        """Take a set out of the library; returns how many passages it held.

        Nothing a student did is deleted: its revisions stay (attempts, the history and class
        reports still show their exact text) but none is current any more, so the set leaves
        the library, the lists and exports. Unsubmitted drafts on it are dropped. Importing
        the set again brings it back (trainer.storage.importer treats a set without current
        articles as new)."""
        with self._write() as session:
            current = list(session.scalars(select(ArticleRevision.id).where(
                ArticleRevision.set_id == set_id, ArticleRevision.is_current)))
            if not current:
                raise NotFoundError(f"no article set {set_id!r} in the library")
            session.execute(delete(DraftRow).where(DraftRow.revision_id.in_(current)))
            session.execute(update(ArticleRevision).where(ArticleRevision.id.in_(current))
                            .values(is_current=False))
            session.execute(update(ArticleSetRow).where(ArticleSetRow.id == set_id)
                            .values(updated_at=utcnow()))
        return len(current)

    def list_sets(self) -> list[SetInfo]:
        counts = (select(ArticleRevision.set_id, func.count().label("n"))
                  .where(ArticleRevision.is_current).group_by(ArticleRevision.set_id).subquery())
        query = (select(ArticleSetRow.id, ArticleSetRow.title, ArticleSetRow.version,
                        func.coalesce(counts.c.n, 0), ArticleSetRow.imported_at)
                 .join(counts, counts.c.set_id == ArticleSetRow.id)  # removed sets have none
                 .order_by(func.lower(ArticleSetRow.title), ArticleSetRow.id))
        with self._read() as session:
            return [SetInfo(*row) for row in session.execute(query)]

    def entries(self, profile_id: str) -> list[LibraryEntry]:
        """The current revision of every article, with this profile's status and best F1."""
        with self._read() as session:
            pk = self._profile_pk(session, profile_id)
            articles = session.execute(
                select(ArticleRevision.id, ArticleRevision.set_id, ArticleSetRow.title,
                       ArticleRevision.article_id, ArticleRevision.title, ArticleRevision.level,
                       ArticleRevision.outlet, ArticleRevision.date)
                .join(ArticleSetRow, ArticleSetRow.id == ArticleRevision.set_id)
                .where(ArticleRevision.is_current)
                .order_by(func.lower(ArticleSetRow.title), ArticleSetRow.id,
                          ArticleRevision.position)).all()
            labels: dict[int, list[str]] = defaultdict(list)
            for rev_id, label in session.execute(
                    select(KeySpan.revision_id, KeySpan.label)
                    .join(ArticleRevision, ArticleRevision.id == KeySpan.revision_id)
                    .where(ArticleRevision.is_current)
                    .order_by(KeySpan.revision_id, KeySpan.position)):
                labels[rev_id].append(label)
            # Best score over every revision of the same article: a corrected text keeps
            # the student's earlier achievement.
            best = dict(((s, a), f) for s, a, f in session.execute(
                select(ArticleRevision.set_id, ArticleRevision.article_id,
                       func.max(Attempt.student_score))
                .join(Attempt, Attempt.revision_id == ArticleRevision.id)
                .where(Attempt.profile_id == pk)
                .group_by(ArticleRevision.set_id, ArticleRevision.article_id)))
            drafts = set(session.scalars(
                select(DraftRow.revision_id).where(DraftRow.profile_id == pk)))
        entries = []
        for rev_id, set_id, set_title, article_id, title, level, outlet, date in articles:
            best_f1 = best.get((set_id, article_id))
            status: Status = ("in-progress" if rev_id in drafts
                              else "done" if best_f1 is not None else "new")
            found = labels.get(rev_id, [])
            entries.append(LibraryEntry(
                rev_id, set_id, set_title, article_id, title, level,
                tuple(dict.fromkeys(found)), not found, status, best_f1, outlet, date))
        return entries

    @staticmethod
    def _revision_exists(session: Session, revision_id: int) -> None:
        if session.get(ArticleRevision, revision_id) is None:
            raise NotFoundError(f"no article revision {revision_id}")

    @staticmethod
    def build_article(session: Session, row: ArticleRevision) -> Article:
        from trainer.core.model import Annotation, Article, Note, Source

        spans = session.scalars(select(KeySpan).where(KeySpan.revision_id == row.id)
                                .order_by(KeySpan.position)).all()
        return Article(
            id=row.article_id, title=row.title, level=row.level, text=row.text,
            source=Source(outlet=row.outlet, date=row.date, url=row.url),
            annotations=[Annotation(start=s.start, end=s.end, label=s.label,
                                    explanation=s.explanation, tip=s.tip,
                                    optional=s.optional, part=s.part)  # type: ignore[arg-type]
                         for s in spans],
            notes=[Note.model_validate(n) for n in json.loads(row.notes_json)])

    def article(self, revision_id: int) -> ArticleView:
        """The exact text and key of one revision, whether or not it is still current."""
        with self._read() as session:
            row = session.get(ArticleRevision, revision_id)
            if row is None:
                raise NotFoundError(f"no article revision {revision_id}")
            return self.build_view(session, row)

    @staticmethod
    def find_revision(session: Session, set_id: str, article_id: str,
                      wanted_hash: str) -> ArticleRevision | None:
        """The revision a student saw: same set and article, and the same title and text
        (text_hash of a progress file)."""
        from trainer.core.progress_file import text_hash

        for revision in session.scalars(
                select(ArticleRevision).where(ArticleRevision.set_id == set_id,
                                              ArticleRevision.article_id == article_id)
                .order_by(ArticleRevision.revision.desc())):
            if text_hash(revision.title, revision.text) == wanted_hash:
                return revision
        return None

    def view_by_hash(self, set_id: str, article_id: str, wanted_hash: str) -> ArticleView | None:
        with self._read() as session:
            revision = self.find_revision(session, set_id, article_id, wanted_hash)
            return None if revision is None else self.build_view(session, revision)

    @classmethod
    def build_view(cls, session: Session, row: ArticleRevision) -> ArticleView:
        """One revision's article and its set's taxonomy, inside the caller's session."""
        from trainer.core.model import SourceCard

        found = session.execute(select(ArticleSetRow.techniques_json, ArticleSetRow.sources_json)
                                .where(ArticleSetRow.id == row.set_id)).first()
        techniques, sources = found if found is not None else ("[]", "[]")
        return ArticleView(row.id, row.set_id, cls.build_article(session, row),
                           set_taxonomy(techniques),
                           tuple(SourceCard.model_validate(c) for c in json.loads(sources)))

    def export_set(self, set_id: str) -> ArticleSet:
        """The current version of a stored set, header included, ready to write as one file."""
        from trainer.core.model import ArticleSet, ExtraTechnique, LevelRange, SourceCard

        with self._read() as session:
            head = session.get(ArticleSetRow, set_id)
            if head is None:
                raise NotFoundError(f"no article set {set_id!r} in the library")
            rows = session.scalars(
                select(ArticleRevision)
                .where(ArticleRevision.set_id == set_id, ArticleRevision.is_current)
                .order_by(ArticleRevision.position)).all()
            if not rows:
                raise NotFoundError(f"set {set_id!r} was removed from the library")
            return ArticleSet(
                id=head.id, version=head.version, title=head.title, language=head.language,
                level=LevelRange(min=head.level_min, max=head.level_max), author=head.author,
                license=head.license, description=head.description,
                techniques=[ExtraTechnique.model_validate(t)
                            for t in json.loads(head.techniques_json)],
                articles=[self.build_article(session, row) for row in rows],
                sources=[SourceCard.model_validate(c) for c in json.loads(head.sources_json)])
