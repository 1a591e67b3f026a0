"""Every loader, fed mutations of a valid file, raises only InvalidInput (issue 9, "Done when").

Each loader gets 1,000 examples in CI: byte flips, truncation, deletions, and insertions of what
broke the loaders before (numbers past Python's 4,300-digit limit, deep nesting, YAML aliases
and `0x_`, control characters, typographic quotes, byte-order marks). The examples are fixed
(derandomized) so CI is repeatable; set TRAINER_FUZZ_EXAMPLES=20000 to search further with
fresh random examples.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mdfixtures import SET_YAML
from trainer.core.answers import load_answers
from trainer.core.errors import InvalidInput, printable
from trainer.core.formats import load_set
from trainer.core.progress_file import read_progress, text_hash
from trainer.core.taxonomy import default_taxonomy

GOOD = Path(__file__).parent / "data" / "good"
_EXTRA = int(os.environ.get("TRAINER_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_EXTRA or 1000, deadline=None, derandomize=not _EXTRA,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOKENS = [
    b"9" * 5000, b"-" + b"9" * 4400, b"1" * 25, b"9223372036854775808", b"1e999", b"NaN",
    b"[" * 3000, b"{" * 2000, b'{"a":' * 1200, b"- " * 400, b"  " * 300,
    b"&a [*a]", b"*a", b"&x", b"!!python/object:os.system", b"0x_", b"0b_", b"0o", b"0x1F",
    b"\x00", b"\x1b[31m", b"\x07", b"\r", b"\r\n", b"\t", b"\x7f", "\u009d".encode(),
    b"\x9d", b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\xbd", "\u202e".encode(),
    "“".encode(), "”".encode(), "😀".encode(), b"\n", b"\n\n", b"---\n", b"...\n", b'"',
    b"\\", b"[", b"]", b"]{.", b"{.loaded-language}", b"why=", b"}", b":", b"#", b",",
    b"\t0\t", b"\t99999\t", b"Doubt", b"null", b"true", b"-1", b"0", b"3", b"4",
    b"PK\x03\x04", b"\x00" * 64, b"\xff" * 16,
]

_POS = st.integers(0, 1 << 20)
mutation = st.one_of(
    st.tuples(st.just("flip"), _POS, st.integers(1, 255)),
    st.tuples(st.just("cut"), _POS, st.just(0)),
    st.tuples(st.just("delete"), _POS, st.integers(1, 64)),
    st.tuples(st.just("insert"), _POS, st.sampled_from(range(len(TOKENS)))),
)
mutations = st.lists(mutation, min_size=1, max_size=4)


def mutate(data: bytes, steps: list[tuple[str, int, int]]) -> bytes:
    out = bytearray(data)
    for kind, position, value in steps:
        at = position % (len(out) + 1)
        if kind == "flip" and at < len(out):
            out[at] ^= value
        elif kind == "cut":
            del out[at:]
        elif kind == "delete":
            del out[at:at + value]
        elif kind == "insert":
            out[at:at] = TOKENS[value]
    return bytes(out)


def only_invalid_input(load: Callable[[], Any]) -> None:
    """The one acceptable failure: InvalidInput with printable, one-line, non-empty problems."""
    try:
        load()
    except InvalidInput as exc:
        assert exc.problems
        for problem in exc.problems:
            line = problem.format()
            assert problem.message and printable(line) == line, line  # nothing left to escape


def _which(data: dict[str, bytes], choice: int) -> str:
    return sorted(data)[choice % len(data)]


# -- the valid inputs -----------------------------------------------------------------------

JSON_SET = (GOOD / "sample.json").read_bytes()
ANSWERS = (GOOD / "sample.answers.json").read_bytes()
ARTICLE = """---
id: a1
title: Pool closure angers swimmers
level: 1
source:
  outlet: Lakeside Chronicle
  date: 2026-04-02
---
The pool will close for [six weeks]{.exaggeration why="Only four." tip="Ask."} of repairs.

[Furious]{.loaded-language why="An emotional word." tip="Swap in a neutral word."} swimmers.
"""
CLEAN = "---\nid: a2\ntitle: Library hours\nlevel: 2\n---\nThe library stays open until 8 pm.\n"
MARKDOWN = {"set.yaml": (SET_YAML + "level:\n  min: 1\n  max: 3\ntechniques:\n  - id: rumour\n"
                         "    family: unverified\n    name: Rumour\n    definition: Hearsay.\n"
                         ).encode(),
            "articles/01-a1.md": ARTICLE.encode(), "articles/02-a2.md": CLEAN.encode()}
PTC = {"article111.txt": b"Pool closure angers swimmers\n\nFurious swimmers say so.\n",
       "article111.task-flc-tc.labels": b"111\tLoaded_Language\t31\t38\n111\tDoubt\t0\t4\n",
       "article111.task-si.labels": b"111\t31\t38\n"}
PROGRESS = json.dumps({
    "format": "trainer.progress", "format_version": 1, "program_version": "0.1.0",
    "exported_at": "2026-11-30T10:00:00+00:00",
    "profile": {"id": "0b5c1f9e-6d2a-4e43-9a51-3f1d2c7e8a90", "name": "Ana",
                "student_code": None},
    "attempts": [{
        "id": "7f6e5d4c-3b2a-4190-8877-665544332211", "set_id": "starter", "set_version": 1,
        "article_id": "l1-01", "text_hash": text_hash("Title", "Text."), "level": 1,
        "mode": "family", "assignment_id": None, "started_at": "2026-11-30T09:00:00+01:00",
        "submitted_at": "2026-11-30T09:01:00+01:00", "duration_s": 60.0,
        "nothing_to_flag": False, "marks": [{"start": 0, "end": 4, "label": "framing",
                                            "part": "text"}],
        "notes": [], "scores": {}}],
    "drills": []}, indent=1).encode()


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "set.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                archive.writestr(f"demo/{name}", content)
        return path.read_bytes()


MARKDOWN_ZIP = _zip_bytes(MARKDOWN)


def test_the_valid_inputs_load() -> None:
    """The mutations start from files that load, so every failure below is the mutation's."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root / "md", MARKDOWN)
        _write(root / "ptc", PTC)
        (root / "set.zip").write_bytes(MARKDOWN_ZIP)
        (root / "p.json").write_bytes(PROGRESS)
        assert len(load_set(root / "md").articles) == 2
        assert len(load_set(root / "set.zip").articles) == 2
        assert load_set(root / "ptc").articles[0].annotations
        read_progress(root / "p.json")
    load_set(GOOD / "sample.json")


# -- one fuzz test per loader -----------------------------------------------------------------

@FUZZ
@given(mutations)
def test_json_set_loader(steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "set.json"
        path.write_bytes(mutate(JSON_SET, steps))
        only_invalid_input(lambda: load_set(path))


@FUZZ
@given(st.integers(0, 2), mutations)
def test_markdown_folder_loader(choice: int, steps: list[tuple[str, int, int]]) -> None:
    files = dict(MARKDOWN)
    name = _which(files, choice)
    files[name] = mutate(files[name], steps)
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), files)
        only_invalid_input(lambda: load_set(Path(tmp)))


@FUZZ
@given(st.one_of(
    mutations.map(lambda steps: mutate(MARKDOWN_ZIP, steps)),
    # Mutate a file, then zip it: the archive is sound and the damage is inside.
    st.tuples(st.integers(0, 2), mutations).map(
        lambda cs: _zip_bytes({**MARKDOWN, _which(MARKDOWN, cs[0]):
                               mutate(MARKDOWN[_which(MARKDOWN, cs[0])], cs[1])}))))
def test_markdown_zip_loader(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "set.zip"
        path.write_bytes(data)
        only_invalid_input(lambda: load_set(path))


@FUZZ
@given(st.integers(0, 2), mutations)
def test_ptc_folder_loader(choice: int, steps: list[tuple[str, int, int]]) -> None:
    files = dict(PTC)
    name = _which(files, choice)
    files[name] = mutate(files[name], steps)
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), files)
        only_invalid_input(lambda: load_set(Path(tmp)))


_KEY = load_set(GOOD / "sample.json")
_TAXONOMY = _KEY.taxonomy(default_taxonomy())


@FUZZ
@given(mutations)
def test_answers_loader(steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.json"
        path.write_bytes(mutate(ANSWERS, steps))
        only_invalid_input(lambda: load_answers(path, _KEY, _TAXONOMY))


@FUZZ
@given(mutations)
def test_progress_file_loader(steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "progress.json"
        path.write_bytes(mutate(PROGRESS, steps))
        only_invalid_input(lambda: read_progress(path))
