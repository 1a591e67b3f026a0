"""Packaging recipes agree with the program and with each other (issue 14).

The Linux build is the reference: its data folders come from trainer.core.resources, its file
types from trainer.core.filetypes. The Windows (WiX) and macOS (Info.plist, build.sh) recipes
must name the same folders and the same types, and every place that shows the version must
show pyproject's.
"""

from __future__ import annotations

import configparser
import plistlib
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trainer.core.filetypes import FILE_TYPES
from trainer.core.resources import BUNDLED_DATA, DATA_FOLDERS

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.medialiteracytrainer.Trainer"
LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
WIX_NS = {"w": "http://wixtoolset.org/schemas/v4/wxs"}

EXPECTED_TYPES = {(t.mime, t.extension) for t in FILE_TYPES}


def pyproject_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def shell_list(path: Path, pattern: str) -> list[str]:
    found = re.search(pattern, path.read_text(encoding="utf-8"))
    assert found, f"{path} does not list its data folders"
    return re.findall(r"[\w/.-]+", found.group(1).replace('"', " "))


# -- data folders -------------------------------------------------------------------------------
def test_the_spec_carries_every_data_folder() -> None:
    destinations = {dest for _source, dest in BUNDLED_DATA}
    assert set(DATA_FOLDERS) <= destinations
    for source, _dest in BUNDLED_DATA:
        assert (ROOT / source).exists(), source


def test_windows_and_macos_recipes_check_the_same_data_folders() -> None:
    windows = shell_list(PACKAGING / "windows" / "build.ps1", r"\$DataFolders = @\(([^)]*)\)")
    macos = shell_list(PACKAGING / "macos" / "build.sh", r'DATA_FOLDERS="([^"]*)"')
    assert windows == list(DATA_FOLDERS)
    assert macos == list(DATA_FOLDERS)


# -- file types ----------------------------------------------------------------------------------
def linux_types() -> set[tuple[str, str]]:
    root = ET.parse(MIME).getroot()
    found = set()
    for node in root.findall("m:mime-type", MIME_NS):
        globs = [g.get("pattern", "") for g in node.findall("m:glob", MIME_NS)]
        assert len(globs) == 1 and globs[0].startswith("*.")
        found.add((node.get("type", ""), globs[0][2:]))
        magic = node.find("m:magic/m:match", MIME_NS)
        fmt = next(t.format for t in FILE_TYPES if t.mime == node.get("type"))
        assert magic is not None and magic.get("value") == f'"{fmt}"'
        assert node.find("m:sub-class-of", MIME_NS) is not None
    return found


def test_linux_mime_types_are_the_programs() -> None:
    assert linux_types() == EXPECTED_TYPES


def test_desktop_file_and_metainfo_name_the_same_types() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(DESKTOP, encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert set(filter(None, entry["MimeType"].split(";"))) == {t.mime for t in FILE_TYPES}
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].startswith("trainer ") and "%F" in entry["Exec"]
    root = ET.parse(METAINFO).getroot()
    assert {m.text for m in root.iter("mediatype")} == {t.mime for t in FILE_TYPES}
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name  # type: ignore[union-attr]


def test_windows_installer_registers_the_same_types() -> None:
    root = ET.parse(PACKAGING / "windows" / "trainer.wxs").getroot()
    found = {(e.get("ContentType"), e.get("Id")) for e in root.iter(f"{{{WIX_NS['w']}}}Extension")}
    assert found == EXPECTED_TYPES
    package = root.find("w:Package", WIX_NS)
    assert package is not None
    assert package.get("Scope") == "perMachine"
    assert package.get("Version") == "$(AppVersion)"  # from the built program, never typed in


def test_macos_info_plist_declares_the_same_types() -> None:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as handle:
        info = plistlib.load(handle)
    assert info["CFBundleIdentifier"] == APP_ID
    declared = {}
    for uti in info["UTExportedTypeDeclarations"]:
        tags = uti["UTTypeTagSpecification"]
        (extension,), (mime,) = tags["public.filename-extension"], tags["public.mime-type"]
        assert "public.json" in uti["UTTypeConformsTo"]
        declared[uti["UTTypeIdentifier"]] = (mime, extension)
    assert set(declared.values()) == EXPECTED_TYPES
    handled = {uti for doc in info["CFBundleDocumentTypes"] for uti in doc["LSItemContentTypes"]}
    assert handled == set(declared)
    assert "CFBundleShortVersionString" not in info  # the spec adds pyproject's version


# -- version -------------------------------------------------------------------------------------
def test_metainfo_release_is_the_pyproject_version() -> None:
    root = ET.parse(METAINFO).getroot()
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == pyproject_version()


def test_tarball_name_carries_the_version() -> None:
    sys.path.insert(0, str(LINUX))
    from build_dist import tarball_name

    from trainer import version

    assert tarball_name(version(), "x86_64") == f"trainer-{pyproject_version()}-linux-x86_64"


# -- validators (run where installed; .ci/run installs them) ------------------------------------
@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (desktop-file-utils)")
def test_desktop_file_is_valid() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli not installed (appstream)")
def test_metainfo_is_valid() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
