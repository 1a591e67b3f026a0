"""Start-up snapshot: what the window last showed, so the next start can paint it at once.

Opening the store (SQLAlchemy, the schema check, the starter import) takes several times as
long as showing a window. The window therefore writes, whenever it shows the profile list or
a library from the store, a small plain-JSON copy of it to `<data folder>/ui-snapshot/`. The
next start shows that copy, opens the store right after the first paint and then replaces
the copy with fresh data (DESIGN §9; docs/PERFORMANCE.md).

The snapshot is only a cache: it is never the source of truth, reading it needs nothing but
`json`, and a missing, foreign or damaged file just means the slower, normal start. Writing
it never fails loudly either — at worst the next start is slower.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

FORMAT = "trainer.ui-snapshot"
VERSION = 1
FOLDER = "ui-snapshot"
START_FILE = "start.json"

if TYPE_CHECKING:  # only annotations use it
    from trainer.ui.library.library_model import Entry as EntryLike


# NamedTuples rather than dataclasses: they are quicker to define, and this module is on
# the start-up path.
class SnapshotEntry(NamedTuple):
    """One library row as it was last shown (same fields as LibraryEntry)."""

    revision_id: int
    set_id: str
    set_title: str
    article_id: str
    title: str
    level: int
    techniques: tuple[str, ...]
    is_clean: bool
    status: str
    best_f1: float | None
    outlet: str
    date: str


class SnapshotProfile(NamedTuple):
    id: str
    name: str


class StartSnapshot(NamedTuple):
    """The profile list and the app-wide look, as the picker last showed them."""

    theme: str
    text_size: int
    profiles: tuple[SnapshotProfile, ...]
    last_profile: str | None

    def profile_named(self, name: str) -> SnapshotProfile | None:
        return next((p for p in self.profiles if p.name == name), None)


class LibrarySnapshot(NamedTuple):
    profile_id: str
    profile_name: str
    level: int | None
    entries: tuple[SnapshotEntry, ...]


def _folder(data_dir: Path) -> Path:
    return data_dir / FOLDER


def _library_file(data_dir: Path, profile_id: str) -> Path:
    # Profile ids are uuid4 strings; anything else (a hand-edited database) gets no snapshot.
    return _folder(data_dir) / f"library-{profile_id}.json"


def _safe_id(profile_id: str) -> bool:
    return bool(profile_id) and all(c.isalnum() or c == "-" for c in profile_id)


# -- writing ----------------------------------------------------------------------------------

def _write(path: Path, database: str, body: dict[str, Any]) -> bool:
    import tempfile

    payload = {"format": FORMAT, "version": VERSION, "database": database, **body}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(payload, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)  # readers see the old file or the new one, never half
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def write_start(data_dir: Path, database: str, theme: str, text_size: int,
                profiles: Sequence[tuple[str, str]], last_profile: str | None) -> bool:
    return _write(_folder(data_dir) / START_FILE, database, {
        "theme": theme, "text_size": text_size, "last_profile": last_profile,
        "profiles": [[profile_id, name] for profile_id, name in profiles]})


def write_library(data_dir: Path, database: str, profile_id: str, profile_name: str,
                  level: int | None, entries: Sequence[EntryLike]) -> bool:
    if not _safe_id(profile_id):
        return False
    rows = [[e.revision_id, e.set_id, e.set_title, e.article_id, e.title, e.level,
             list(e.techniques), e.is_clean, e.status, e.best_f1, e.outlet, e.date]
            for e in entries]
    return _write(_library_file(data_dir, profile_id), database, {
        "profile_id": profile_id, "profile_name": profile_name, "level": level,
        "entries": rows})


def discard(data_dir: Path) -> None:
    """Forget every snapshot (for example after a restore replaced the data)."""
    folder = _folder(data_dir)
    if folder.is_dir():
        for path in folder.glob("*.json"):
            path.unlink(missing_ok=True)


# -- reading: anything unexpected means "no snapshot" ------------------------------------------

class _Bad(Exception):
    pass


def _load(path: Path, database: str) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            raw = json.loads(stream.read().decode("utf-8"))
    except (OSError, ValueError) as exc:  # missing, unreadable, not UTF-8, not JSON
        raise _Bad(str(exc)) from exc
    if (not isinstance(raw, dict) or raw.get("format") != FORMAT
            or raw.get("version") != VERSION or raw.get("database") != database):
        raise _Bad("not a snapshot of this database")
    return raw


def _typed(value: Any, kind: type | tuple[type, ...]) -> Any:
    # bool is an int in Python; a level or an id must not be a bool.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, (int, float))):
        raise _Bad(f"unexpected {type(value).__name__}")
    return value


# The exact JSON types allowed in each field of an entry row (exact: a bool is not an int).
_COLUMN_TYPES: tuple[set[type], ...] = (
    {int}, {str}, {str}, {str}, {str}, {int}, {list}, {bool}, {str}, {int, float, type(None)},
    {str}, {str})
_STATUSES = {"new", "in-progress", "done"}


def _entries(rows: Any) -> tuple[SnapshotEntry, ...]:
    # Checked column by column with builtins: the snapshot of a 2,000-passage library is
    # read before the first paint, and a per-field check in Python costs several ms.
    if not isinstance(rows, list):
        raise _Bad("entries is not a list")
    if not rows:
        return ()
    if set(map(type, rows)) != {list} or set(map(len, rows)) != {len(_COLUMN_TYPES)}:
        raise _Bad("bad entry")
    columns = list(zip(*rows, strict=True))
    for column, allowed in zip(columns, _COLUMN_TYPES, strict=True):
        if not set(map(type, column)) <= allowed:
            raise _Bad("bad entry field")
    if (not set(map(type, chain.from_iterable(columns[6]))) <= {str}
            or not set(columns[8]) <= _STATUSES):
        raise _Bad("bad techniques or status")
    return tuple(SnapshotEntry(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]), r[7], r[8],
                               None if r[9] is None else float(r[9]), r[10], r[11])
                 for r in rows)


def read_start(data_dir: Path, database: str) -> StartSnapshot | None:
    try:
        raw = _load(_folder(data_dir) / START_FILE, database)
        profiles = tuple(SnapshotProfile(_typed(p[0], str), _typed(p[1], str))
                         for p in _typed(raw.get("profiles"), list)
                         if _typed(p, list) and len(p) == 2)
        last = raw.get("last_profile")
        return StartSnapshot(theme=_typed(raw.get("theme"), str),
                             text_size=_typed(raw.get("text_size"), int),
                             profiles=profiles,
                             last_profile=last if isinstance(last, str) else None)
    except (_Bad, IndexError):
        return None


def read_library(data_dir: Path, database: str, profile_id: str) -> LibrarySnapshot | None:
    if not _safe_id(profile_id):
        return None
    try:
        raw = _load(_library_file(data_dir, profile_id), database)
        if raw.get("profile_id") != profile_id:
            raise _Bad("another profile's snapshot")
        level = raw.get("level")
        return LibrarySnapshot(
            profile_id=profile_id, profile_name=_typed(raw.get("profile_name"), str),
            level=level if level in (1, 2, 3) and not isinstance(level, bool) else None,
            entries=_entries(raw.get("entries")))
    except _Bad:
        return None
