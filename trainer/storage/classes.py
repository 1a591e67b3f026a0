"""`store.classes`: the class's progress files kept on the teacher's computer (issue 12).

Students' attempts live in tables of their own (class_student, class_attempt, class_drill,
class_import), never mixed with the profiles and attempts of this computer's own practice.
Attempts are stored as the files stated them and scored again whenever a report is made, so
that an attempt on an article revision the teacher lacks is kept and counts as soon as the set
is imported.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import delete, exists, func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trainer.core.errors import InvalidInput, Problem
from trainer.storage.base import Database, StorePart, utcnow
from trainer.storage.class_reading import (
    ATTEMPT_COLUMNS,
    CHUNK,
    ClassScorer,
    StoredAttempt,
    StoredFile,
    StoredProfile,
    chunks,
    existing,
    kept_version,
)
from trainer.storage.content import Library
from trainer.storage.errors import NotFoundError, ReadOnlyError, StoreError
from trainer.storage.models import (
    ClassAttemptRow,
    ClassDrillRow,
    ClassImportRow,
    ClassScoreRow,
    ClassStudentRow,
    Setting,
)

if TYPE_CHECKING:
    # The progress file's pydantic model and the report are loaded only when used (start-up
    # memory, DESIGN §9).
    from trainer.core.class_attempts import AttemptFigures
    from trainer.core.class_report import ClassReport
    from trainer.core.drill import DrillAnswer
    from trainer.core.progress_file import ProgressFile
    from trainer.core.spans import Span

MAX_CODE_LENGTH = 200


@dataclass(frozen=True)
class ClassImportResult:
    files_read: int  # files stored into the class (a file that failed is not counted)
    attempts_added: int
    attempts_already_there: int
    students_added: int
    problems: list[Problem] = field(default_factory=list)  # one or more per failed file
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ClassStudent:
    id: str  # the profile UUID of the student's progress files
    name: str  # as last seen in a file
    code: str | None  # the teacher's code, else the one the newest file stated
    attempts: int
    imported_at: datetime  # the last time a file of this student was imported


@dataclass(frozen=True)
class _Stored:
    student_name: str
    previous_name: str | None  # the name this student had before, when the file renamed them
    student_added: bool
    added: int
    already_there: int


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A report builds hundreds of thousands of small objects that all stay alive until it
    is done; the cycle collector would walk them again and again (a third of the time), and
    they hold no cycles to find. Paused only for that, and restored as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _insert_rows(session: Session, table: type[Any], rows: list[dict[str, Any]]) -> None:
    """One executemany INSERT on the session's connection (the ORM's bulk path ran one
    statement per few rows here); a test makes it fail to prove a file is stored all or
    nothing."""
    if rows:
        session.connection().execute(insert(table.__table__), rows)


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def store_file(session: Session, progress: ProgressFile, file_name: str, now: datetime,
               figures: Mapping[str, tuple[str, str]] | None = None) -> _Stored:
    """One progress file into the class tables, inside the caller's transaction. `figures`:
    (scored against, figures JSON) of its attempts, by lower-case attempt id."""
    profile = progress.profile
    sid = profile.id.lower()
    student = session.get(ClassStudentRow, sid)
    previous = None
    created = student is None
    if student is None:
        student = ClassStudentRow(uuid=sid, name=profile.name, teacher_code=None,
                                  file_code=profile.student_code, first_imported_at=now,
                                  imported_at=now)
        session.add(student)
        session.flush()
    else:
        if student.name != profile.name:
            previous = student.name
        student.name = profile.name
        # A file without a code does not forget the one an earlier file stated.
        student.file_code = profile.student_code or student.file_code
        student.imported_at = now
    attempts = {a.id.lower(): a for a in progress.attempts}
    there = existing(session, ClassAttemptRow.uuid, list(attempts))
    _insert_rows(session, ClassAttemptRow, [{
        "uuid": uuid, "student_id": sid, "set_id": a.set_id, "set_version": a.set_version,
        "article_id": a.article_id, "text_hash": a.text_hash, "level": a.level,
        "mode": a.mode, "assignment_id": a.assignment_id, "started_at": a.started_at,
        "submitted_at": a.submitted_at, "duration_s": a.duration_s,
        "nothing_to_flag": a.nothing_to_flag,
        "marks_json": _compact([[m.start, m.end, m.label, m.part] for m in a.marks]),
        "notes_json": _compact([[n.start, n.end, n.part, n.text] for n in a.notes]),
        "scores_json": _compact(a.scores), "imported_at": now}
        for uuid, a in attempts.items() if uuid not in there])
    drills = {d.id.lower(): d for d in progress.drills}
    drills_there = existing(session, ClassDrillRow.uuid, list(drills))
    _insert_rows(session, ClassDrillRow, [{
        "uuid": uuid, "student_id": sid, "set_id": d.set_id, "article_id": d.article_id,
        "text_hash": d.text_hash, "start": d.start, "end": d.end, "mode": d.mode,
        "technique": d.technique, "expected": d.expected, "answer": d.answer,
        "answered_at": d.answered_at}
        for uuid, d in drills.items() if uuid not in drills_there])
    new = [uuid for uuid in attempts if uuid not in there and figures and uuid in figures]
    if figures and new:
        ids: dict[str, int] = {}
        for chunk in chunks(new):
            ids.update((uuid, pk) for uuid, pk in session.execute(
                select(ClassAttemptRow.uuid, ClassAttemptRow.id)
                .where(ClassAttemptRow.uuid.in_(chunk))))
        _insert_rows(session, ClassScoreRow, [
            {"attempt_id": ids[uuid], "scored_against": figures[uuid][0],
             "figures_json": figures[uuid][1]} for uuid in new])
    added = len(attempts) - len(there)
    session.add(ClassImportRow(student_id=sid, file_name=file_name, imported_at=now,
                               attempts_added=added, attempts_already_there=len(there),
                               drills_added=len(drills) - len(drills_there)))
    return _Stored(profile.name, previous, created, added, len(there))


class Classes(StorePart):
    def __init__(self, db: Database, library: Library,
                 starter: Callable[[], str | None] | None = None) -> None:
        super().__init__(db)
        self._library = library
        self._starter = starter

    def import_files(self, paths: Sequence[Path],
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> ClassImportResult:
        """Store progress files (folders expanded) into the class, each file in its own
        transaction: a bad file changes nothing and the good ones are still imported.
        `progress(done, total)` is called after each file; `cancelled()` is asked between
        files."""
        from trainer.core.progress_file import for_teacher, read_progress
        from trainer.core.progress_paths import progress_paths

        if self._db.read_only is not None:
            raise ReadOnlyError(self._db.read_only)
        files, problems = progress_paths(paths)
        warnings: list[Problem] = []
        read = added = already = new_students = 0
        scorer = ClassScorer()
        for done, path in enumerate(files):
            if cancelled is not None and cancelled():
                warnings.append(Problem(str(path), f"import cancelled: {len(files) - done} of "
                                        f"{len(files)} files were not read", severity="warning"))
                break
            try:
                parsed, file_warnings = read_progress(path)
            except InvalidInput as exc:
                problems += for_teacher(exc.problems[:5])
            else:
                warnings += file_warnings
                try:
                    # Scored before the write transaction, so that others wait only for
                    # the rows to be written.
                    with self._read() as session:
                        figures = scorer.new_attempts(session, parsed.attempts)
                    with self._write() as session:
                        stored = store_file(session, parsed, path.name, utcnow(), figures)
                except (StoreError, SQLAlchemyError) as exc:
                    reason = exc.message if isinstance(exc, StoreError) else str(exc)
                    problems.append(Problem(str(path), f"could not be stored: {reason}",
                                            hint="nothing from this file was stored; try "
                                                 "again"))
                else:
                    read += 1
                    added += stored.added
                    already += stored.already_there
                    new_students += stored.student_added
                    earlier = stored.previous_name
                    if earlier is not None:
                        warnings.append(Problem(
                            str(path), f"the same student appears as {earlier!r} and "
                                       f"{stored.student_name!r}; kept as one student named "
                                       f"{stored.student_name!r}", severity="warning",
                            hint="one profile id means one student; if these are two "
                                 "students, one of them copied the other's progress"))
            if progress is not None:
                progress(done + 1, len(files))
        return ClassImportResult(read, added, already, new_students, problems, warnings)

    def students(self) -> list[ClassStudent]:
        counts = (select(ClassAttemptRow.student_id, func.count().label("n"))
                  .group_by(ClassAttemptRow.student_id).subquery())
        query = (select(ClassStudentRow, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.student_id == ClassStudentRow.uuid)
                 .order_by(func.lower(ClassStudentRow.name), ClassStudentRow.uuid))
        with self._read() as session:
            return [ClassStudent(row.uuid, row.name,
                                 row.teacher_code if row.teacher_code is not None
                                 else row.file_code, int(n), row.imported_at)
                    for row, n in session.execute(query)]

    def set_student_code(self, student_id: str, code: str | None) -> None:
        """The gradebook ID of a student, kept over any code a file states; None or an empty
        code clears the teacher's, so that the files' own code shows again."""
        cleaned = (code or "").strip() or None
        if cleaned is not None and len(cleaned) > MAX_CODE_LENGTH:
            raise InvalidInput([Problem("student code", f"longer than {MAX_CODE_LENGTH} "
                                        "characters", hint="use the ID the gradebook uses")])
        with self._write() as session:
            row = session.get(ClassStudentRow, student_id.lower())
            if row is None:
                raise NotFoundError(f"no student with id {student_id} in the class")
            row.teacher_code = cleaned

    def remove_student(self, student_id: str) -> None:
        """The student and everything imported of them (attempts, drills, import log)."""
        with self._write() as session:
            sid = student_id.lower()
            if session.get(ClassStudentRow, sid) is None:
                raise NotFoundError(f"no student with id {student_id} in the class")
            # Explicit deletes: the ORM row would otherwise try to null the children first.
            for table in (ClassAttemptRow, ClassDrillRow, ClassImportRow):
                session.execute(delete(table).where(table.student_id == sid))
            session.execute(delete(ClassStudentRow).where(ClassStudentRow.uuid == sid))

    def assignment_ids(self) -> list[tuple[str, str]]:
        """(assignment id, title or "") of every assignment the class's attempts name; the
        title is known when the assignment was opened or made on this computer."""
        from trainer.storage.assignments import KEY_PREFIX

        with self._read() as session:
            ids = [i for i in session.scalars(
                select(ClassAttemptRow.assignment_id).distinct()
                .where(ClassAttemptRow.assignment_id.is_not(None))
                .order_by(ClassAttemptRow.assignment_id)) if i is not None]
            titles: dict[str, str] = {}
            for key, raw in session.execute(select(Setting.key, Setting.value_json).where(
                    Setting.key.in_([KEY_PREFIX + i for i in ids]))):
                try:
                    title = json.loads(raw).get("title", "")
                except (ValueError, AttributeError):
                    title = ""
                titles[key[len(KEY_PREFIX):]] = title if isinstance(title, str) else ""
        return [(i, titles.get(i, "")) for i in ids]

    def is_empty(self) -> bool:
        with self._read() as session:
            return not session.scalar(select(exists().select_from(ClassStudentRow)))

    def report(self, assignment_id: str | None = None) -> ClassReport:
        """The class report over every stored attempt (or one assignment's), scored against
        this computer's library (trainer.core.class_report). Figures kept from an earlier
        scoring are used when the attempt still resolves to the same revision and set
        version; the others are scored now and kept."""
        if self._starter is not None:
            # The built-in passages count even where the program was never opened.
            self._starter()
            self._starter = None
        with _collector_paused():
            return self._report(assignment_id)

    def _report(self, assignment_id: str | None) -> ClassReport:
        from trainer.core.class_attempts import AttemptFigures, still_right
        from trainer.core.class_report import build_report
        from trainer.core.taxonomy import default_taxonomy

        scorer = ClassScorer()
        query = (select(*ATTEMPT_COLUMNS, ClassAttemptRow.id, ClassScoreRow.scored_against,
                        ClassScoreRow.figures_json)
                 .outerjoin(ClassScoreRow, ClassScoreRow.attempt_id == ClassAttemptRow.id)
                 .order_by(ClassAttemptRow.student_id, ClassAttemptRow.submitted_at,
                           ClassAttemptRow.id))
        if assignment_id is not None:
            query = query.where(ClassAttemptRow.assignment_id == assignment_id)
        figures: dict[str, AttemptFigures] = {}
        spans: dict[tuple[int, int, str], Span] = {}
        stale: list[tuple[int, StoredAttempt]] = []
        renamed: list[tuple[int, str, str]] = []  # still right: kept under the new token
        with self._read() as session:
            students = {uuid: StoredProfile(uuid, name, teacher if teacher is not None
                                            else code)
                        for uuid, name, teacher, code in session.execute(
                            select(ClassStudentRow.uuid, ClassStudentRow.name,
                                   ClassStudentRow.teacher_code, ClassStudentRow.file_code))}
            by_student: dict[str, list[StoredAttempt]] = {sid: [] for sid in students}
            drills = self._drills(session)
            for row in session.execute(query):
                *stated, student_id, pk, against, kept = cast("tuple[Any, ...]", row)
                attempt = StoredAttempt(*stated)
                by_student[student_id].append(attempt)
                found = scorer.resolve(session, attempt)
                if found is None:
                    continue
                if against == found[1]:
                    figures[attempt.id] = AttemptFigures.from_json(kept, spans)
                    continue
                older = None if against is None else kept_version(against, found[1])
                if older is not None:  # kept by an older program: maybe still right
                    reused = AttemptFigures.from_json(kept, spans)
                    if still_right(older, reused):
                        figures[attempt.id] = reused
                        renamed.append((pk, found[1], kept))
                        continue
                stale.append((pk, attempt))
        fresh = scorer.score([attempt for _pk, attempt in stale]) if stale else {}
        figures.update((uuid, done[0]) for uuid, done in fresh.items())
        if stale or renamed:
            self._keep_figures(renamed + [(pk, *fresh[a.id][1:]) for pk, a in stale])
        files = [StoredFile(profile, by_student[sid])
                 for sid, profile in sorted(students.items(),
                                            key=lambda s: (s[1].name.casefold(), s[0]))]
        techniques = list(default_taxonomy().techniques)
        return build_report(files, scorer.resolved, utcnow(), assignment_id, techniques,
                            figures, drills)

    @staticmethod
    def _drills(session: Session) -> dict[str, list[tuple[DrillAnswer, datetime]]]:
        """Each student's quick-drill answers: they count towards mastery as on the
        student's own dashboard."""
        from trainer.core.drill import DrillAnswer

        drills: dict[str, list[tuple[DrillAnswer, datetime]]] = {}
        for student, technique, expected, answer, when in session.execute(
                select(ClassDrillRow.student_id, ClassDrillRow.technique,
                       ClassDrillRow.expected, ClassDrillRow.answer,
                       ClassDrillRow.answered_at)
                .order_by(ClassDrillRow.answered_at, ClassDrillRow.id)):
            drills.setdefault(student, []).append(
                (DrillAnswer(technique, expected, answer), when))
        return drills

    def _keep_figures(self, rows: list[tuple[int, str, str]]) -> None:
        """Best effort: figures that cannot be kept (a read-only folder, a lock held too
        long) are simply computed again next time."""
        if self._db.read_only is not None:
            return
        try:
            with self._write() as session:
                for chunk in range(0, len(rows), CHUNK):
                    part = rows[chunk:chunk + CHUNK]
                    session.execute(delete(ClassScoreRow).where(
                        ClassScoreRow.attempt_id.in_([pk for pk, _a, _f in part])))
                _insert_rows(session, ClassScoreRow, [
                    {"attempt_id": pk, "scored_against": against, "figures_json": text}
                    for pk, against, text in rows])
        except (StoreError, SQLAlchemyError):
            pass
