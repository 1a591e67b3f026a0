"""`make dist-linux`'s tarball and its install.sh / uninstall.sh, on a stand-in bundle.

The real bundle takes half a minute to build (tests/test_bundle.py covers it); what is tested
here is the packaging around it: that install.sh puts a working launcher, the icons and the
file association in a user's home, and that uninstall.sh takes them away again and keeps the
students' data.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from trainer.core.filetypes import FILE_TYPES
from trainer.core.resources import DATA_FOLDERS

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "io.github.medialiteracytrainer.Trainer"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux packaging")


def fake_bundle(folder: Path) -> Path:
    bundle = folder / "trainer"
    for data in DATA_FOLDERS:
        (bundle / "_internal" / data).mkdir(parents=True)
    program = bundle / "trainer"
    program.write_text('#!/bin/sh\necho "stand-in trainer $*"\n', encoding="utf-8")
    program.chmod(0o755)
    return bundle


def build_tarball(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "packaging" / "linux"))
    from build_dist import build

    return build(fake_bundle(tmp_path / "dist"), tmp_path / "out", tmp_path / "staging")


def home_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(home)
    return env


def test_tarball_holds_bundle_desktop_files_and_scripts(tmp_path: Path) -> None:
    tarball = build_tarball(tmp_path)
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
        modes = {m.name: m.mode for m in tar.getmembers()}
    top = tarball.name.removesuffix(".tar.gz")
    for name in ("install.sh", "uninstall.sh", "README.txt", "trainer/trainer",
                 f"share/applications/{APP_ID}.desktop",
                 f"share/metainfo/{APP_ID}.metainfo.xml", f"share/mime/packages/{APP_ID}.xml",
                 f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
                 f"share/icons/hicolor/48x48/apps/{APP_ID}.png",
                 f"share/icons/hicolor/48x48/mimetypes/{APP_ID}-document.png"):
        assert f"{top}/{name}" in names, name
    assert modes[f"{top}/install.sh"] & 0o111


@pytest.mark.parametrize("home_name", ["home", "my home"])
def test_install_and_uninstall_in_a_home_folder(tmp_path: Path, home_name: str) -> None:
    tarball = build_tarball(tmp_path)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="tar")
    folder = unpacked / tarball.name.removesuffix(".tar.gz")
    home = tmp_path / home_name
    data = home / ".local" / "share" / "media-literacy-trainer"
    data.mkdir(parents=True)
    (data / "trainer.sqlite3").write_bytes(b"students' progress")
    env = home_env(home)

    result = subprocess.run(["sh", str(folder / "install.sh")], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    app = home / ".local" / "lib" / "media-literacy-trainer"
    launcher = home / ".local" / "bin" / "trainer"
    share = home / ".local" / "share"
    ran = subprocess.run([str(launcher), "self-test"], capture_output=True, text=True, timeout=60)
    assert ran.stdout.strip() == "stand-in trainer self-test"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    program = f"{app}/trainer" if home_name == "home" else f'"{app}/trainer"'
    assert f"Exec={program} %F" in desktop.read_text(encoding="utf-8")
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True, timeout=60)
        assert check.returncode == 0, check.stdout
    if shutil.which("update-mime-database"):
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        for file_type in FILE_TYPES:
            assert f"{file_type.mime}:*.{file_type.extension}" in globs
    if shutil.which("xdg-mime") and " " not in str(home):  # xdg-utils' generic mode
        sample = tmp_path / "week-3.mltassignment"
        sample.write_text('{"format": "trainer.assignment"}', encoding="utf-8")
        for args, expected in ((["filetype", str(sample)], "application/x-trainer-assignment"),
                               (["default", "application/x-trainer-assignment"],
                                f"{APP_ID}.desktop")):
            query = subprocess.run(["xdg-mime", "query", *args], capture_output=True,
                                   text=True, env=env, timeout=60)
            assert query.stdout.strip() == expected

    result = subprocess.run(["sh", str(app / "uninstall.sh")], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not app.exists() and not launcher.exists() and not launcher.is_symlink()
    assert not desktop.exists()
    assert not (share / "mime" / "packages" / f"{APP_ID}.xml").exists()
    assert not list((share / "icons").rglob("*.png"))
    mimeapps = home / ".config" / "mimeapps.list"
    assert not mimeapps.exists() or "x-trainer" not in mimeapps.read_text(encoding="utf-8")
    assert (data / "trainer.sqlite3").read_bytes() == b"students' progress"


def test_install_refuses_unknown_options(tmp_path: Path) -> None:
    tarball = build_tarball(tmp_path)
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "x", filter="tar")
    script = next((tmp_path / "x").glob("*/install.sh"))
    result = subprocess.run(["sh", str(script), "--everywhere"], capture_output=True, text=True,
                            env=home_env(tmp_path / "home"), timeout=60)
    assert result.returncode == 2
    assert "unknown option --everywhere" in result.stderr
    assert not (tmp_path / "home" / ".local").exists()
