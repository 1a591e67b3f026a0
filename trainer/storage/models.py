"""SQLAlchemy 2 typed ORM tables. Changing anything here needs a new Alembic revision
(tests/storage/test_migrations.py fails until models and migrations agree)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints keep batch ("move and copy") migrations on SQLite deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (SQLite has no time zones); always returned timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use datetime.now(UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Profile(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The ID the school gradebook uses; written into progress files when set.
    student_code: Mapped[str | None] = mapped_column(String(200))


class ArticleSetRow(Base):
    __tablename__ = "article_set"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(35))
    level_min: Mapped[int] = mapped_column(Integer)
    level_max: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(Text)
    license: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    techniques_json: Mapped[str] = mapped_column(Text)  # the set's extra techniques
    # The set's source cards (format version 2) as JSON; replaced with each newer version.
    sources_json: Mapped[str] = mapped_column(Text, server_default="[]")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ArticleRevision(Base):
    """One immutable revision of an article; attempts point here, so their text never moves."""

    __tablename__ = "article"
    __table_args__ = (
        UniqueConstraint("set_id", "article_id", "revision"),
        Index(None, "set_id", "is_current", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[str] = mapped_column(ForeignKey("article_set.id"))
    article_id: Mapped[str] = mapped_column(String(128))
    revision: Mapped[int] = mapped_column(Integer)
    set_version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    is_current: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    outlet: Mapped[str] = mapped_column(Text)
    date: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # Good-practice notes (format version 2) as JSON; like the text, never changed in place.
    notes_json: Mapped[str] = mapped_column(Text, server_default="[]")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KeySpan(Base):
    __tablename__ = "key_span"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(128))
    explanation: Mapped[str] = mapped_column(Text)
    tip: Mapped[str] = mapped_column(Text)
    optional: Mapped[bool] = mapped_column(Boolean)
    part: Mapped[str] = mapped_column(String(8), server_default="text")  # "text" or "title"


class Attempt(Base):
    __tablename__ = "attempt"
    __table_args__ = (
        Index(None, "profile_id", "submitted_at"),
        Index(None, "profile_id", "revision_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    revision_id: Mapped[int] = mapped_column(ForeignKey("article.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_s: Mapped[float] = mapped_column(Float)
    mode: Mapped[str] = mapped_column(String(16))
    nothing_to_flag: Mapped[bool] = mapped_column(Boolean)
    precision_any: Mapped[float] = mapped_column(Float)
    recall_any: Mapped[float] = mapped_column(Float)
    f1_any: Mapped[float] = mapped_column(Float)
    precision_family: Mapped[float] = mapped_column(Float)
    recall_family: Mapped[float] = mapped_column(Float)
    f1_family: Mapped[float] = mapped_column(Float)
    precision_technique: Mapped[float] = mapped_column(Float)
    recall_technique: Mapped[float] = mapped_column(Float)
    f1_technique: Mapped[float] = mapped_column(Float)
    hits: Mapped[int] = mapped_column(Integer)
    misses: Mapped[int] = mapped_column(Integer)
    false_alarms: Mapped[int] = mapped_column(Integer)
    correct_rejections: Mapped[int] = mapped_column(Integer)
    # The level practised at (1-3); None for attempts stored before revision 0003.
    level: Mapped[int | None] = mapped_column(Integer)
    assignment_id: Mapped[str | None] = mapped_column(String(128))
    # Ids of the source cards the student opened during the attempt, in order, as JSON.
    sources_opened_json: Mapped[str] = mapped_column(Text, server_default="[]")
    # The student score (trainer.core.student_score) in `mode`, as counts so that any set of
    # attempts can be summed; `student_score` is the attempt's own score, for sorting.
    student_score: Mapped[float] = mapped_column(Float, server_default="0")
    student_found: Mapped[int] = mapped_column(Integer, server_default="0")
    student_partly: Mapped[int] = mapped_column(Integer, server_default="0")
    student_missed: Mapped[int] = mapped_column(Integer, server_default="0")
    student_key_spans: Mapped[int] = mapped_column(Integer, server_default="0")
    student_marks: Mapped[int] = mapped_column(Integer, server_default="0")
    student_hits: Mapped[int] = mapped_column(Integer, server_default="0")
    student_false_alarms: Mapped[int] = mapped_column(Integer, server_default="0")
    student_too_broad: Mapped[int] = mapped_column(Integer, server_default="0")
    student_wrong_labels: Mapped[int] = mapped_column(Integer, server_default="0")


class AnswerSpan(Base):
    __tablename__ = "answer_span"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(128))
    part: Mapped[str] = mapped_column(String(8), server_default="text")  # offsets index this


class AttemptNote(Base):
    """A student's "I disagree" note on one verdict of an attempt (the verdict's phrase:
    part and code-point offsets). One note per phrase; an empty note is deleted."""

    __tablename__ = "attempt_note"
    __table_args__ = (UniqueConstraint("attempt_id", "part", "start", "end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(8))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttemptTechnique(Base):
    """Per attempt and key label: required key spans found vs seen (mastery statistics)."""

    __tablename__ = "attempt_technique"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempt.id", ondelete="CASCADE"), primary_key=True)
    label: Mapped[str] = mapped_column(String(128), primary_key=True)
    found: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)


class DraftRow(Base):
    __tablename__ = "draft"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    marks_json: Mapped[str] = mapped_column(Text)
    nothing_to_flag: Mapped[bool] = mapped_column(Boolean)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Review(Base):
    """Spaced-repetition state per profile and logical article (all revisions share it)."""

    __tablename__ = "review"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True)
    set_id: Mapped[str] = mapped_column(ForeignKey("article_set.id"), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interval_days: Mapped[float] = mapped_column(Float)
    ease: Mapped[float] = mapped_column(Float)
    repetitions: Mapped[int] = mapped_column(Integer)
    lapses: Mapped[int] = mapped_column(Integer)
    last_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KeptAttempt(Base):
    """An imported attempt on an article revision this computer does not have: kept as it came
    (the progress file's JSON), so that nothing is lost and a later export carries it on."""

    __tablename__ = "kept_attempt"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    set_id: Mapped[str] = mapped_column(String(128))
    article_id: Mapped[str] = mapped_column(String(128))
    text_hash: Mapped[str] = mapped_column(String(80))
    attempt_json: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TechniqueReview(Base):
    """Spaced-repetition state per profile and technique (Leitner box, trainer.core.schedule).
    Rebuilt from the profile's attempts whenever one is stored, so it cannot drift."""

    __tablename__ = "technique_review"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profile.id", ondelete="CASCADE"), primary_key=True)
    technique: Mapped[str] = mapped_column(String(128), primary_key=True)
    box: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_found: Mapped[float] = mapped_column(Float)
    last_total: Mapped[int] = mapped_column(Integer)


class DrillAnswerRow(Base):
    """One quick-drill answer: a sentence of an article revision, answered with a label or
    "fair" (trainer.core.drill)."""

    __tablename__ = "drill_answer"
    __table_args__ = (Index(None, "profile_id", "answered_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"))
    set_id: Mapped[str] = mapped_column(String(128))
    article_id: Mapped[str] = mapped_column(String(128))
    text_hash: Mapped[str] = mapped_column(String(80))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(16))
    technique: Mapped[str | None] = mapped_column(String(128))  # None: a fair sentence
    expected: Mapped[str] = mapped_column(String(128))
    answer: Mapped[str] = mapped_column(String(128))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)


# The class (issue 12): students' progress files imported on the teacher's computer. Kept in
# tables of their own, never mixed with the profiles and attempts of this computer's own
# practice (docs/STORAGE.md).


class ClassStudentRow(Base):
    """A student of the class, matched by the profile UUID of their progress files."""

    __tablename__ = "class_student"

    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # as last seen in a file
    # The gradebook ID the teacher set (never overwritten by a file), and the one the newest
    # file stated (used only while the teacher set none).
    teacher_code: Mapped[str | None] = mapped_column(String(200))
    file_code: Mapped[str | None] = mapped_column(String(200))
    first_imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClassAttemptRow(Base):
    """One attempt from a progress file, as the file stated it. Marks, notes and the file's
    own scores are JSON: written once, always read whole, never queried by their parts."""

    __tablename__ = "class_attempt"
    __table_args__ = (
        Index(None, "student_id", "submitted_at"),
        Index(None, "assignment_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    student_id: Mapped[str] = mapped_column(
        ForeignKey("class_student.uuid", ondelete="CASCADE"))
    set_id: Mapped[str] = mapped_column(String(128))
    set_version: Mapped[int] = mapped_column(Integer)
    article_id: Mapped[str] = mapped_column(String(128))
    text_hash: Mapped[str] = mapped_column(String(80))
    level: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(16))
    assignment_id: Mapped[str | None] = mapped_column(String(128))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_s: Mapped[float] = mapped_column(Float)
    nothing_to_flag: Mapped[bool] = mapped_column(Boolean)
    marks_json: Mapped[str] = mapped_column(Text)
    notes_json: Mapped[str] = mapped_column(Text)
    scores_json: Mapped[str] = mapped_column(Text)  # what the file stated; never trusted
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClassDrillRow(Base):
    """One quick-drill answer from a progress file (trainer.core.progress_file.ProgressDrill)."""

    __tablename__ = "class_drill"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    student_id: Mapped[str] = mapped_column(
        ForeignKey("class_student.uuid", ondelete="CASCADE"), index=True)
    set_id: Mapped[str] = mapped_column(String(128))
    article_id: Mapped[str] = mapped_column(String(128))
    text_hash: Mapped[str] = mapped_column(String(80))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(16))
    technique: Mapped[str | None] = mapped_column(String(128))
    expected: Mapped[str] = mapped_column(String(128))
    answer: Mapped[str] = mapped_column(String(128))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ClassImportRow(Base):
    """The import log: one row per progress file stored into the class."""

    __tablename__ = "class_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    student_id: Mapped[str] = mapped_column(
        ForeignKey("class_student.uuid", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts_added: Mapped[int] = mapped_column(Integer)
    attempts_already_there: Mapped[int] = mapped_column(Integer)
    drills_added: Mapped[int] = mapped_column(Integer)


class ClassScoreRow(Base):
    """A class attempt's figures (trainer.core.class_attempts.AttemptFigures as JSON), scored
    against the article revision and set version `scored_against` names. Only a cache: the
    report scores an attempt again whenever the teacher's copy it resolves to differs."""

    __tablename__ = "class_score"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("class_attempt.id", ondelete="CASCADE"), primary_key=True)
    scored_against: Mapped[str] = mapped_column(String(200))
    figures_json: Mapped[str] = mapped_column(Text)
