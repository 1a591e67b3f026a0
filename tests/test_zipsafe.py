"""Untrusted archives: every dangerous case is refused and nothing escapes the temp folder."""

from __future__ import annotations

import stat
import struct
import zipfile
from pathlib import Path

import pytest

from trainer.core.errors import InvalidInput
from trainer.core.zipsafe import extract_zip, extracted_zip


def make_zip(path: Path, entries: list[tuple[str, bytes]], *, mode: int | None = None,
             compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            info.external_attr = (mode if mode is not None else stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data)
    return path


def refused(path: Path, dest: Path, **limits: int) -> str:
    dest.mkdir()
    with pytest.raises(InvalidInput) as info:
        extract_zip(path, dest, **limits)
    assert not any(dest.iterdir()), "nothing may be written when an archive is refused"
    return "\n".join(p.format() for p in info.value.problems)


def test_ordinary_archive_is_extracted_and_cleaned_up(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "ok.zip", [("set/set.yaml", b"id: x\n"), ("set/a/b.md", b"hi")])
    with extracted_zip(path) as folder:
        assert (folder / "set" / "a" / "b.md").read_bytes() == b"hi"
        kept = folder
    assert not kept.exists()


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "..\\evil.txt"])
def test_parent_paths_are_refused(tmp_path: Path, name: str) -> None:
    message = refused(make_zip(tmp_path / "bad.zip", [("ok.md", b"x"), (name, b"x")]),
                      tmp_path / "out")
    assert f"entry {name!r} has '..' in its path" in message
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize("name", ["/etc/evil.txt", "C:/evil.txt", "\\evil.txt"])
def test_absolute_paths_are_refused(tmp_path: Path, name: str) -> None:
    message = refused(make_zip(tmp_path / "bad.zip", [(name, b"x")]), tmp_path / "out")
    assert "has an absolute path; refused" in message


def test_symlinks_are_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bad.zip", [("link.md", b"/etc/passwd")],
                    mode=stat.S_IFLNK | 0o777)
    assert "entry 'link.md' is a symbolic link; refused" in refused(path, tmp_path / "out")


def test_too_many_entries(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "many.zip", [(f"{i}.md", b"") for i in range(11)])
    message = refused(path, tmp_path / "out", max_entries=10)
    assert "archive has 11 entries, more than the limit of 10" in message


def test_declared_size_over_the_limit(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bomb.zip", [("a.md", b"0" * (3 * 1024 * 1024))])
    message = refused(path, tmp_path / "out", max_total_bytes=1024 * 1024)
    assert "archive would expand to 3 MB, more than the 1 MB limit; refused" in message


def _forge_sizes(path: Path, claimed: int) -> None:
    """Make every header claim `claimed` uncompressed bytes, as a zip bomb would."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + offset:start + offset + 4] = struct.pack("<I", claimed)
            start += 4
    path.write_bytes(bytes(data))


def test_actual_bytes_are_counted_not_the_headers_claims(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "liar.zip", [("a.md", b"0" * (3 * 1024 * 1024))])
    _forge_sizes(path, 10)
    with zipfile.ZipFile(path) as archive:
        assert archive.infolist()[0].file_size == 10  # the forgery is what the listing claims
    message = refused(path, tmp_path / "out", max_total_bytes=1024 * 1024)
    # Either our byte count or the CRC check stops it; it is never written out in full.
    assert "refused" in message or "not a readable .zip archive" in message


def test_byte_budget_stops_extraction(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "two.zip", [("a.md", b"0" * 700_000), ("b.md", b"0" * 700_000)])
    dest = tmp_path / "out"
    dest.mkdir()
    from trainer.core import zipsafe

    listing = zipsafe._listing_problems
    zipsafe._listing_problems = lambda *args: []  # type: ignore[assignment]
    try:
        with pytest.raises(InvalidInput) as info:
            extract_zip(path, dest, max_total_bytes=1_000_000)
    finally:
        zipsafe._listing_problems = listing
    assert "its size headers understate it" in info.value.problems[0].format()


@pytest.mark.parametrize("name", ["inner.zip", "data.tar.gz", "x.7z"])
def test_nested_archives_by_name(tmp_path: Path, name: str) -> None:
    message = refused(make_zip(tmp_path / "outer.zip", [(name, b"whatever")]), tmp_path / "out")
    assert "is itself an archive" in message


def test_nested_archive_by_content(tmp_path: Path) -> None:
    inner = make_zip(tmp_path / "inner.zip", [("a.md", b"x")]).read_bytes()
    path = make_zip(tmp_path / "outer.zip", [("looks-like-text.md", inner)])
    message = refused(path, tmp_path / "out")
    assert "entry 'looks-like-text.md' is itself an archive" in message


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_bytes(b"this is not an archive")
    assert "not a readable .zip archive" in refused(path, tmp_path / "out")


def test_duplicate_entries(tmp_path: Path) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = make_zip(tmp_path / "dup.zip", [("a.md", b"1"), ("a.md", b"2")])
    assert "entry 'a.md' appears twice" in refused(path, tmp_path / "out")
