"""`trainer self-test` from the source install: every step passes; a broken install fails
with one line per step and exit code 1, never a traceback, and leaves no data behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEPS = ["program", "resources", "database", "starter content", "scoring", "main window",
         "progress file", "close"]


def self_test(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path), **env}
    return subprocess.run([sys.executable, "-m", "trainer", "self-test"], capture_output=True,
                          text=True, cwd=ROOT, env=environ, timeout=300)


def step_lines(output: str) -> dict[str, str]:
    """{step name: status} from the one line each step prints."""
    found = {}
    for line in output.splitlines():
        status, _, rest = line.partition(" ")
        name = rest.strip().split(":", 1)[0]
        if status in ("ok", "FAIL") and name in STEPS:
            found[name] = status
    return found


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = self_test(tmp_path, TRAINER_HOME=str(home))
    assert result.returncode == 0, result.stdout + result.stderr
    steps = step_lines(result.stdout)
    assert list(steps) == STEPS
    assert all(status == "ok" for status in steps.values()), result.stdout
    assert result.stdout.splitlines()[-1].startswith("self-test passed")
    assert "Traceback" not in result.stderr
    # The user's data folder is never touched, and the temporary one is removed.
    assert list(tmp_path.iterdir()) == []


def test_self_test_reports_a_broken_install(tmp_path: Path) -> None:
    empty = tmp_path / "no-resources"
    empty.mkdir()
    result = self_test(tmp_path, TRAINER_RESOURCES=str(empty))
    assert result.returncode == 1
    steps = step_lines(result.stdout)
    assert steps["resources"] == "FAIL"
    assert steps["close"] == "ok"
    assert "missing:" in result.stdout and "taxonomy.json" in result.stdout
    assert "self-test FAILED" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["no-resources"]


def test_self_test_keep_leaves_the_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "self-test", "--keep"], capture_output=True,
        text=True, cwd=ROOT, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("trainer-self-test-")]
    assert len(kept) == 1 and (kept[0] / "trainer.sqlite3").is_file()
    assert str(kept[0]) in result.stdout
