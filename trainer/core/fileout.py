"""Write files all at once: a new folder, or one text file, appears complete or not at all."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from trainer.core.errors import InvalidInput, Problem


def check_new_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InvalidInput([Problem(str(folder), "already exists and is not an empty folder",
                                    hint="choose a new folder name; nothing was overwritten")])


def write_new_folder(files: dict[str, str], folder: Path) -> None:
    """Write `files` (relative POSIX path → text) as the new or empty folder `folder`."""
    check_new_folder(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for rel, content in files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
        if folder.exists():
            folder.rmdir()
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_text_atomically(text: str, path: Path) -> None:
    """Written next to the target and renamed over it: a full USB stick or a pulled cable never
    leaves half a file under the real name. A failure is the project's own error."""
    write_bytes_atomically(text.encode("utf-8"), path)


def write_bytes_atomically(data: bytes, path: Path) -> None:
    """As write_text_atomically, for a file that is not text (a PDF)."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        # When the folder itself is unwritable or gone there is no partial file to remove.
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise InvalidInput([Problem(str(path), f"cannot write the file: {exc.strerror}",
                                    hint="check the folder exists, is writable and has room")]
                           ) from None
