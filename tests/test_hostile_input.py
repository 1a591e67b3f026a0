"""Hostile input (issue 9 items 8–11): every case is a located message, never a crash or hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.mdfixtures import SET_YAML, article, make_set
from trainer.core.errors import InvalidInput, Problem, printable
from trainer.core.formats import load_set
from trainer.core.jsonset import parse_json_set
from trainer.core.limits import MAX_ARTICLE_FILE_BYTES, MAX_STORED_INT
from trainer.core.markdown import write_markdown_zip
from trainer.core.model import ArticleSet

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "data" / "good"
SAMPLE: dict[str, Any] = json.loads((GOOD / "sample.json").read_text(encoding="utf-8"))
HUGE = "9" * 5000  # past Python's 4,300-digit limit for int("…")


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        load_set(path)
    return [p.format() for p in info.value.problems]


def trainer(*args: str, cwd: Path | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRAINER_HOME": str(cwd or ROOT / "no-home")}
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=env,
                          timeout=timeout, cwd=cwd)


# -- item 8: numbers, YAML, damaged archives, database limits ---------------------------------

def test_json_integer_over_4300_digits_is_a_field_problem() -> None:
    text = json.dumps(SAMPLE).replace('"version": 2', f'"version": {HUGE}', 1)
    with pytest.raises(InvalidInput) as info:
        parse_json_set(text.encode(), "big.json")
    [problem] = info.value.problems
    assert problem.path == "$.version"
    assert "5,000 digits" in problem.message and len(problem.format()) < 300


def test_answers_with_a_huge_offset_are_a_field_problem(tmp_path: Path) -> None:
    from trainer.core.answers import load_answers
    from trainer.core.taxonomy import default_taxonomy

    key = load_set(GOOD / "sample.json")
    answers = tmp_path / "answers.json"
    answers.write_text(f'{{"a1": [{{"start": 0, "end": {HUGE}, "label": ""}}]}}', "utf-8")
    with pytest.raises(InvalidInput) as info:
        load_answers(answers, key, default_taxonomy())
    assert [p.path for p in info.value.problems] == ["$.a1[0].end"]
    # In an answers file's words, not a set's ("numbers in a set are at most …").
    problem = info.value.problems[0]
    assert "5,000 digits" in problem.message and "in a set" not in problem.format()
    assert "characters of the passage" in problem.hint


@pytest.mark.parametrize(("value", "message"), [
    (HUGE, "a number with 5,000 digits is far too large"),
    ("0x_", "'0x_' is not a number"),
    ("0b_", "'0b_' is not a number"),
])
def test_yaml_numbers_that_int_cannot_read(tmp_path: Path, value: str, message: str) -> None:
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n",
                                                     f"id: a1\ntitle: T\nlevel: {value}\n")})
    found = problems_of(root)
    # One message, at the value, not a second one from the model for the same field.
    assert found == [f"{root}/a.md:4:8: {message}" + found[0].split(message, 1)[1]], found


def test_yaml_version_over_4300_digits_in_set_yaml(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n")},
                    SET_YAML.replace("\nversion: 1", f"\nversion: {HUGE}"))
    [line] = problems_of(root)
    assert line.startswith(f"{root}/set.yaml:4:10: a number with 5,000 digits")


def test_deeply_nested_yaml_is_located(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n")},
                    SET_YAML + "description: " + "[" * 3000 + "]" * 3000 + "\n")
    [line] = problems_of(root)
    assert line.startswith(f"{root}/set.yaml:7:")
    assert "nested more than 32 levels deep" in line


def test_self_referencing_yaml_alias(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n")},
                    SET_YAML + "techniques: &loop\n  - *loop\n")
    found = problems_of(root)
    assert any("set.yaml:7:" in line and "alias (*name) of itself" in line for line in found)


def test_huge_ptc_offset_is_located(tmp_path: Path) -> None:
    (tmp_path / "article1.txt").write_text("Title\n\nBody text.\n", encoding="utf-8")
    labels = tmp_path / "article1.task-flc-tc.labels"
    labels.write_text(f"1\tDoubt\t0\t{HUGE}\n", encoding="utf-8")
    [line] = problems_of(tmp_path)
    assert line.startswith(f"{labels}:1:11: offset with 5,000 digits is far too large")


def _sample_set() -> ArticleSet:
    return load_set(GOOD / "sample.json")


def test_damaged_deflate_stream_in_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "set.zip"
    write_markdown_zip(_sample_set(), path)
    with zipfile.ZipFile(path) as archive:
        info = max(archive.infolist(), key=lambda i: i.compress_size)
    data = bytearray(path.read_bytes())
    # A bad USB copy: garbage in the middle of the entry's compressed bytes.
    start = info.header_offset + 30 + len(info.filename.encode()) + 5
    data[start:start + 40] = bytes((b ^ 0x5A) for b in data[start:start + 40])
    path.write_bytes(bytes(data))
    [line] = problems_of(path)
    assert line.startswith(f"{path}: not a readable .zip archive: entry {info.filename!r} is "
                           "damaged"), line


def test_every_byte_flip_of_a_zip_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "set.zip"
    write_markdown_zip(_sample_set(), path)
    good = path.read_bytes()
    for index in range(0, len(good), max(1, len(good) // 300)):
        data = bytearray(good)
        data[index] ^= 0xFF
        path.write_bytes(bytes(data))
        try:
            load_set(path)
        except InvalidInput as exc:
            assert exc.problems


def test_a_version_sqlite_cannot_store_is_refused_by_validate() -> None:
    raw = {**SAMPLE, "version": MAX_STORED_INT + 1}
    with pytest.raises(InvalidInput) as info:
        parse_json_set(json.dumps(raw).encode(), "v.json")
    [problem] = info.value.problems
    assert problem.path == "$.version"
    assert f"from 1 to {MAX_STORED_INT:,}" in problem.hint
    with pytest.raises(ValidationError):  # the model itself holds the same limit
        ArticleSet.model_validate(raw)


def test_the_largest_valid_version_imports(tmp_path: Path) -> None:
    from trainer.storage.service import Store

    biggest = _sample_set().model_copy(update={"version": MAX_STORED_INT})
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite'}", daily=False) as store:
        store.library.import_set(biggest)
        assert store.library.list_sets()[0].version == MAX_STORED_INT


def test_cli_exits_1_not_2_on_an_overflowing_version(tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text(json.dumps({**SAMPLE, "version": 2**64}), encoding="utf-8")
    for command in ("validate", "import"):
        result = trainer(command, str(path), cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "unexpected error" not in result.stderr
        assert f"{path}: $.version: version 18,446,744,073,709,551,616 is out of range" \
            in result.stderr


# -- item 9: only regular files, size capped before reading -----------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
needs_dev = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")


@needs_fifo
def test_a_fifo_named_zip_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.zip")
    result = trainer("validate", str(tmp_path / "x.zip"), timeout=60)
    assert result.returncode == 1
    assert f"{tmp_path / 'x.zip'}: is a pipe (FIFO), not a file" in result.stderr


@needs_fifo
def test_a_fifo_article_in_a_markdown_folder_is_refused(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {"b.md": article("Text.\n")})
    os.mkfifo(root / "a.md")
    result = trainer("validate", str(root), timeout=60)
    assert result.returncode == 1
    assert f"{root}/a.md: is a pipe (FIFO), not a file" in result.stderr


@needs_dev
@pytest.mark.parametrize(("name", "device"), [(".zip", "/dev/zero"), ("x.zip", "/dev/zero"),
                                              (".json", "/dev/urandom"),
                                              ("set.json", "/dev/urandom")])
def test_a_symlink_to_an_endless_device_is_refused(tmp_path: Path, name: str,
                                                   device: str) -> None:
    (tmp_path / name).symlink_to(device)
    result = trainer("validate", str(tmp_path / name), timeout=60)
    assert result.returncode == 1
    assert f"{tmp_path / name}: is a device, not a file" in result.stderr


@needs_fifo
def test_an_answers_file_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "answers.json")
    result = trainer("score", str(GOOD / "sample.json"), str(tmp_path / "answers.json"))
    assert result.returncode == 1
    assert f"{tmp_path / 'answers.json'}: is a pipe (FIFO), not a file" in result.stderr


def test_read_stops_at_the_cap(tmp_path: Path) -> None:
    from trainer.core.readfile import read_regular_file

    path = tmp_path / "f.json"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, "f", cap=100) == b"x" * 100
    with pytest.raises(InvalidInput) as info:
        read_regular_file(path, "f", cap=99)
    assert "more than the 99 bytes limit" in info.value.problems[0].message


# -- item 10: a small zip holding one huge article --------------------------------------------

def test_a_zip_bomb_article_is_refused_before_decompressing(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.zip"
    body = article("word " * (49 * 1024 * 1024 // 5) + "\n").encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("set.yaml", SET_YAML)
        archive.writestr("a.md", body)
    assert path.stat().st_size < 200_000
    decompressed = [0]
    real_read = zipfile.ZipExtFile.read

    def counting_read(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = real_read(self, n)
        decompressed[0] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)
    [line] = problems_of(path)
    assert line.startswith(f"{path}: entry 'a.md' is 49 MB, more than the 4 MB limit")
    assert decompressed[0] == 0


def test_a_lying_size_header_is_caught_while_streaming(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.core import zipsafe

    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("set.yaml", SET_YAML)
        archive.writestr("a.md", b"x" * (3 * 64 * 1024))
    # The listing check trusts the header; the streaming count must still stop the copy.
    monkeypatch.setattr(zipsafe, "_listing_problems", lambda *args: [])
    monkeypatch.setattr(zipsafe, "MAX_ENTRY_BYTES", 100_000)
    [line] = problems_of(path)
    assert "entry 'a.md' expands to more than that" in line
    assert MAX_ARTICLE_FILE_BYTES == 4 * 1024 * 1024


def test_a_huge_article_in_a_folder_is_refused_before_reading(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n")})
    with (root / "a.md").open("ab") as handle:
        handle.truncate(MAX_ARTICLE_FILE_BYTES + 1)
    [line] = problems_of(root)
    assert line.startswith(f"{root}/a.md: file is 4 MB, more than the 4 MB limit")


# -- item 11: control characters never reach the terminal raw ---------------------------------

def test_printable_escapes_controls_but_keeps_text() -> None:
    assert printable("a\x1b[31mb\rc\x9d\u202ed\u2028") == "a\\x1b[31mb\\rc\\x9d\\u202ed\\u2028"
    assert printable("Café 😀 ‍ — ok\u200d") == "Café 😀 ‍ — ok\u200d"


def test_problem_format_escapes_the_file_name() -> None:
    problem = Problem("set.zip/\x1b[2Jevil\r.md", "bad\nthing", line=1, col=2)
    assert problem.format() == "set.zip/\\x1b[2Jevil\\r.md:1:2: bad\\nthing"


def test_zip_entry_names_with_control_characters_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("set.yaml", SET_YAML)
        archive.writestr("\x1b[31mred\x07.md", "not front matter\n")
    result = trainer("validate", str(path))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert f"{path}/\\x1b[31mred\\x07.md:1:1: the file must start with" in result.stderr


def test_field_names_that_look_like_huge_or_odd_indexes_sort_without_crashing() -> None:
    raw = {**SAMPLE, "x[²]": 1, f"y[{HUGE}]": 2, "z": "t"}
    with pytest.raises(InvalidInput) as info:
        parse_json_set(json.dumps(raw).encode(), "odd.json")
    assert sorted(p.path or "" for p in info.value.problems) == ["$.x[²]", f"$.y[{HUGE}]", "$.z"]
