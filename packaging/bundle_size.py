"""Size of a built bundle, unpacked and as a .tar.gz: `python packaging/bundle_size.py DIR`.

Used by `make bundle`, by the bundle test and by benchmarks/bundle_startup.py.
"""

from __future__ import annotations

import sys
import tarfile
import tempfile
from pathlib import Path

TARGET_BYTES = 200_000_000  # DESIGN §10 / issue 14: at most 200 MB unpacked


def unpacked_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def write_tarball(folder: Path, target: Path, top: str | None = None) -> None:
    """A .tar.gz holding `folder` as `top/` (default: the folder's own name)."""
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=top or folder.name)


def targz_bytes(folder: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bundle.tar.gz"
        write_tarball(folder, target)
        return target.stat().st_size


def describe(folder: Path) -> str:
    unpacked, packed = unpacked_bytes(folder), targz_bytes(folder)
    verdict = "within" if unpacked <= TARGET_BYTES else "OVER"
    return (f"bundle {folder}: {unpacked / 1e6:.1f} MB unpacked ({verdict} the "
            f"{TARGET_BYTES / 1e6:.0f} MB target), {packed / 1e6:.1f} MB as .tar.gz")


if __name__ == "__main__":
    print(describe(Path(sys.argv[1] if len(sys.argv) > 1 else "dist/trainer")))
