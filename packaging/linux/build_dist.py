"""`make dist-linux`: dist/trainer-<version>-linux-<arch>.tar.gz from the bundle in dist/trainer.

The tarball unpacks to one folder holding the bundle (trainer/), the desktop files under
share/ (launcher, AppStream metainfo, MIME types, icons rendered from packaging/icons/),
install.sh and uninstall.sh. Run from the repository root with the project's Python.
"""

from __future__ import annotations

import platform
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "packaging" / "linux"
sys.path[:0] = [str(ROOT), str(ROOT / "packaging")]

from bundle_size import unpacked_bytes, write_tarball  # noqa: E402
from render_icons import APP_ID, render_all  # noqa: E402

from trainer import version  # noqa: E402
from trainer.core.resources import DATA_FOLDERS  # noqa: E402

README = """Media Literacy Trainer {version} for Linux ({arch})

Install for yourself:        ./install.sh
Install for every user (IT): sudo ./install.sh --system
Check the installation:      trainer self-test
Remove:                      ./uninstall.sh   (or sudo ./uninstall.sh --system)

The program can also run from this folder without installing: ./trainer/trainer
"""


def tarball_name(ver: str, arch: str) -> str:
    return f"trainer-{ver}-linux-{arch}"


def build(bundle: Path, out_dir: Path, staging_root: Path) -> Path:
    missing = [f for f in DATA_FOLDERS if not (bundle / "_internal" / f).is_dir()]
    if not (bundle / "trainer").is_file() or missing:
        raise SystemExit(f"{bundle} is not a complete bundle (missing: "
                         f"{', '.join(missing) or 'trainer'}); run `make bundle` first")
    ver, arch = version(), platform.machine()
    name = tarball_name(ver, arch)
    staging = staging_root / name
    shutil.rmtree(staging, ignore_errors=True)
    share = staging / "share"
    shutil.copytree(bundle, staging / "trainer", symlinks=True)
    for sub, source, target in (
            ("applications", f"{APP_ID}.desktop", f"{APP_ID}.desktop"),
            ("metainfo", f"{APP_ID}.metainfo.xml", f"{APP_ID}.metainfo.xml"),
            ("mime/packages", f"{APP_ID}.mime.xml", f"{APP_ID}.xml")):
        (share / sub).mkdir(parents=True, exist_ok=True)
        shutil.copy2(HERE / source, share / sub / target)
    icons = staging_root / "icons"
    render_all(icons)
    shutil.copytree(icons / "hicolor", share / "icons" / "hicolor")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(HERE / script, staging / script)
        (staging / script).chmod(0o755)
    (staging / "README.txt").write_text(README.format(version=ver, arch=arch), encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.tar.gz"
    write_tarball(staging, target, top=name)
    return target


if __name__ == "__main__":
    made = build(ROOT / "dist" / "trainer", ROOT / "dist", ROOT / "build" / "dist-linux")
    print(f"{made.relative_to(ROOT)}: {made.stat().st_size / 1e6:.1f} MB "
          f"({unpacked_bytes(ROOT / 'dist' / 'trainer') / 1e6:.1f} MB unpacked bundle)")
