"""The PyInstaller bundle: built from packaging/trainer.spec, it passes `trainer self-test`.

Marked `bundle` (about half a minute): `pytest -m "not bundle"` leaves it out during
development. Skipped where PyInstaller is not installed (it is in the `test` extra).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainer import version

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from bundle_size import TARGET_BYTES, unpacked_bytes  # noqa: E402

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install -e '.[test]')"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(ROOT / "packaging" / "trainer.spec")],
        capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "dist" / "trainer"


def run_bundle(bundle: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Started from outside the repository, with no way back to the source tree.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "TRAINER_RESOURCES", "TRAINER_HOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([str(bundle / "trainer"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_bundle_passes_self_test(bundle: Path, tmp_path: Path) -> None:
    result = run_bundle(bundle, "self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    steps = [line.split()[0] for line in lines[:-1]]
    assert len(steps) == 8 and all(s == "ok" for s in steps), result.stdout
    assert "bundle in" in lines[0]
    assert any(line.startswith("ok") and "main window" in line for line in lines)
    assert lines[-1].startswith("self-test passed")
    assert list(tmp_path.iterdir()) == []  # nothing written where it was started


def test_bundle_reports_the_package_version(bundle: Path, tmp_path: Path) -> None:
    result = run_bundle(bundle, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"trainer {version()}"


def test_bundle_carries_its_data_and_leaves_out_unused_qt(bundle: Path) -> None:
    from trainer.core.resources import DATA_FOLDERS

    internal = bundle / "_internal"
    for folder in DATA_FOLDERS:
        assert (internal / folder).is_dir(), folder
    assert not list(internal.rglob("__pycache__"))
    names = {p.name for p in internal.rglob("*")}
    unused = {"libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6",
              "libQt6Pdf.so.6"}
    if "libQt6TextToSpeech.so.6" not in names:  # read-aloud is the one user of QtMultimedia
        unused.add("libQt6Multimedia.so.6")
    assert unused.isdisjoint(names)
    assert unpacked_bytes(bundle) <= TARGET_BYTES


def test_bundle_prints_worksheets(bundle: Path, tmp_path: Path) -> None:
    """Printing needs QtPrintSupport (the print dialog) and writes PDFs on the offscreen
    platform, from the command line too."""
    names = {p.name for p in (bundle / "_internal").rglob("*")}
    assert "libQt6PrintSupport.so.6" in names
    out = tmp_path / "sheet.pdf"
    result = run_bundle(bundle, "--data-dir", str(tmp_path / "home"), "worksheet", "starter",
                        "--articles", "l1-01-bus-fares", "--key", "--pdf", str(out),
                        cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes().startswith(b"%PDF") and "answer key included" in result.stdout
