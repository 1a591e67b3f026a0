"""Extract an untrusted .zip into a private temporary folder, refusing anything dangerous.

A set shared on a USB stick or by e-mail is untrusted input. Everything is checked from the
central directory before a byte is written, and the bytes actually decompressed are counted
again while writing, because the sizes in the directory are only the archive's own claims.
"""

from __future__ import annotations

import shutil
import stat
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from trainer.core.errors import InvalidInput, Problem
from trainer.core.limits import MAX_ARTICLE_FILE_BYTES
from trainer.core.readfile import open_regular_file

MAX_ENTRIES = 2_000
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_BYTES = 100 * 1024 * 1024
# Every file in a set archive is set.yaml, an article or a note: one article's limit is
# enough, and checking it while decompressing refuses a 49 MB "article" after 4 MB of work.
MAX_ENTRY_BYTES = MAX_ARTICLE_FILE_BYTES
# What a damaged archive (a bad USB copy, a truncated download) raises while being read.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, struct.error, ValueError, OverflowError)
_CHUNK = 64 * 1024
ARCHIVE_SUFFIXES = (
    ".zip", ".jar", ".apk", ".docx", ".xlsx", ".odt", ".epub", ".7z", ".rar", ".tar", ".tgz",
    ".gz", ".bz2", ".xz", ".zst", ".cab", ".iso",
)
# Magic numbers of archive and compressed formats, so a renamed archive is caught too.
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"\x1f\x8b",
                  b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why this entry may not be extracted, or None."""
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in parts:
        return "has '..' in its path (it would be written outside the set's folder)"
    if "\x00" in name or not parts:
        return "has an invalid name"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    kind = stat.S_IFMT(mode)
    if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
        return "is a special file (device, pipe or socket)"
    if info.flag_bits & 0x1:
        return "is password-protected"
    if not info.is_dir() and name.lower().endswith(ARCHIVE_SUFFIXES):
        return "is itself an archive (archives inside archives are not opened)"
    return None


def _listing_problems(archive: zipfile.ZipFile, file: str, max_entries: int,
                      max_total_bytes: int) -> list[Problem]:
    infos = archive.infolist()
    if len(infos) > max_entries:
        return [Problem(file, f"archive has {len(infos):,} entries, more than the limit of "
                              f"{max_entries:,}", hint="a set needs one file per article; "
                                                      "split it into several archives")]
    problems: list[Problem] = []
    seen: set[str] = set()
    declared = 0
    for info in infos:
        why = _entry_problem(info)
        if why:
            problems.append(Problem(file, f"entry {info.filename!r} {why}; refused",
                                    hint="re-create the archive from a plain folder of files"))
            continue
        key = info.filename.replace("\\", "/").rstrip("/").lower()
        if key in seen and not info.is_dir():
            problems.append(Problem(file, f"entry {info.filename!r} appears twice; refused"))
        seen.add(key)
        if info.file_size > MAX_ENTRY_BYTES:
            problems.append(_entry_too_large(file, info, info.file_size))
        declared += info.file_size
    if declared > max_total_bytes:
        problems.append(Problem(file, f"archive would expand to {_mb(declared)}, more than the "
                                      f"{_mb(max_total_bytes)} limit; refused",
                                hint="a set of articles is far smaller; is this the right file?"))
    return problems


def _entry_too_large(file: str, info: zipfile.ZipInfo, size: int | None) -> Problem:
    found = f"is {_mb(size)}" if size is not None else "expands to more than that"
    return Problem(file, f"entry {info.filename!r} {found}, more than the {_mb(MAX_ENTRY_BYTES)} "
                         "limit for one file in a set; refused",
                   hint="an article is at most 200,000 characters; split long ones")


def _copy_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, file: str,
                budget: list[int]) -> None:
    with archive.open(info) as source, target.open("xb") as out:
        first = True
        written = 0
        # Never ask for more than one byte past the entry's limit: the header may lie.
        while chunk := source.read(min(_CHUNK, MAX_ENTRY_BYTES + 1 - written)):
            written += len(chunk)
            if written > MAX_ENTRY_BYTES:
                raise InvalidInput([_entry_too_large(file, info, None)])
            if first and chunk.startswith(_ARCHIVE_MAGIC):
                raise InvalidInput([Problem(file, f"entry {info.filename!r} is itself an archive "
                                                  "(archives inside archives are not opened); "
                                                  "refused")])
            first = False
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise InvalidInput([Problem(file, "archive expands to more than the "
                                                  f"{_mb(budget[1])} limit (its size headers "
                                                  "understate it); refused",
                                            hint="this looks like a 'zip bomb'; do not use it")])
            out.write(chunk)


def extract_zip(path: Path, dest: Path, *, max_entries: int = MAX_ENTRIES,
                max_total_bytes: int = MAX_TOTAL_BYTES) -> None:
    """Extract `path` into the existing empty folder `dest`, or raise InvalidInput.

    On failure `dest` is emptied again: a refused archive leaves nothing behind.
    """
    if any(dest.iterdir()):
        raise ValueError(f"{dest} must be an empty folder")
    try:
        _extract(path, dest, max_entries, max_total_bytes)
    except BaseException:
        for child in dest.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        raise


def _extract(path: Path, dest: Path, max_entries: int, max_total_bytes: int) -> None:
    file = str(path)
    root = dest.resolve()
    current: list[zipfile.ZipInfo] = []  # the entry being read, to name it if it is damaged
    with open_regular_file(path, file, MAX_ARCHIVE_BYTES) as handle:
        try:
            _extract_from(handle, file, root, max_entries, max_total_bytes, current)
        except _DAMAGE as exc:
            where = f"entry {current[-1].filename!r} is damaged" if current else "damaged"
            raise InvalidInput([Problem(file, f"not a readable .zip archive: {where} ({exc})",
                                        hint="the file may be damaged or only partly copied; "
                                             "copy it again")]) from None
        except (NotImplementedError, RuntimeError) as exc:
            raise InvalidInput([Problem(file, f"cannot unpack this archive: {exc}",
                                        hint="create it again with ordinary (deflate) "
                                             "compression and no password")]) from None
        except OSError as exc:  # also lzma/bz2 data errors, which are OSError subclasses
            raise InvalidInput([Problem(file, f"cannot unpack this archive: {exc}")]) from None


def _extract_from(handle: BinaryIO, file: str, root: Path, max_entries: int,
                  max_total_bytes: int, current: list[zipfile.ZipInfo]) -> None:
    with zipfile.ZipFile(handle) as archive:
        problems = _listing_problems(archive, file, max_entries, max_total_bytes)
        if problems:
            raise InvalidInput(problems)
        budget = [max_total_bytes, max_total_bytes]
        for info in archive.infolist():
            target = (root / info.filename.replace("\\", "/")).resolve()
            if not target.is_relative_to(root):  # belt and braces after the name checks
                raise InvalidInput([Problem(file, f"entry {info.filename!r} would be written "
                                                  "outside the folder; refused")])
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            current.append(info)
            _copy_entry(archive, info, target, file, budget)


@contextmanager
def extracted_zip(path: Path, *, max_entries: int = MAX_ENTRIES,
                  max_total_bytes: int = MAX_TOTAL_BYTES) -> Iterator[Path]:
    """A temporary folder holding the archive's files, removed afterwards whatever happens."""
    tmp = Path(tempfile.mkdtemp(prefix="trainer-zip-"))
    try:
        extract_zip(path, tmp, max_entries=max_entries, max_total_bytes=max_total_bytes)
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
