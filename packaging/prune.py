"""Trim a PyInstaller analysis of what the trainer never loads (used by packaging/trainer.spec).

PyInstaller's Qt hooks collect every plugin of the modules a program imports, and with them
every library those plugins link: the virtual-keyboard input method drags in Qt Quick and QML,
the PDF image format QtPdf, the GTK platform theme GTK, Cairo and Pango, the embedded-device
platforms EGLFS. An offline text trainer with the Fusion style needs none of them. Dropping a
plugin alone would leave its libraries behind, so after dropping the plugins the shared
libraries are kept only if something that is kept still links them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import PurePosixPath

# Destination paths (inside the bundle, forward slashes) of plugins we leave out.
DROPPED_PLUGINS = (
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/egldeviceintegrations/*",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/platforms/libqminimal*.so",
    "PySide6/Qt/plugins/generic/*",
    "PySide6/Qt/plugins/tls/*",
    "PySide6/Qt/plugins/networkinformation/*",
)
# Qt's own translations: only the base ones are shown by the widgets we use.
KEPT_TRANSLATIONS = re.compile(r"qtbase_[A-Za-z_]+\.qm$")
_SHARED_LIBRARY = re.compile(r"^lib.+\.so(\.\d+)*$")

Entry = tuple[str, str, str]  # (destination name, source path, type code)


def _dropped(dest: str) -> bool:
    return any(fnmatch(dest, pattern) for pattern in DROPPED_PLUGINS)


def _is_library(dest: str) -> bool:
    """A shared library that is only there because something links it (not a plugin or an
    extension module, which are loaded by path and are roots of the search)."""
    path = PurePosixPath(dest)
    return bool(_SHARED_LIBRARY.match(path.name)) and "plugins" not in path.parts


def prune_binaries(binaries: Iterable[Entry]) -> list[Entry]:
    from PyInstaller.depend import bindepend

    entries = [e for e in binaries if not _dropped(e[0].replace("\\", "/"))]
    libraries = {PurePosixPath(e[0]).name: e for e in entries
                 if _is_library(e[0]) and e[2] != "SYMLINK"}
    needed: set[str] = set()
    todo = [e for e in entries if not _is_library(e[0]) and e[2] != "SYMLINK"]
    while todo:
        entry = todo.pop()
        for name, _resolved in bindepend.get_imports(entry[1]):
            if name in libraries and name not in needed:
                needed.add(name)
                todo.append(libraries[name])
    # libpython is loaded by the bootloader, not linked by any extension module.
    return [e for e in entries if not _is_library(e[0]) or PurePosixPath(e[0]).name in needed
            or PurePosixPath(e[0]).name.startswith("libpython")]


def drop_dangling_links(entries: Iterable[Entry], kept: Iterable[Entry]) -> list[Entry]:
    """PyInstaller adds top-level links to the Qt libraries; keep those whose target stays."""
    targets = {e[0].replace("\\", "/") for e in kept if e[2] != "SYMLINK"}
    return [e for e in entries if e[2] != "SYMLINK" or e[1].replace("\\", "/") in targets]


def prune_datas(datas: Iterable[Entry]) -> list[Entry]:
    kept = []
    for entry in datas:
        dest = entry[0].replace("\\", "/")
        if "/Qt/translations/" in f"/{dest}" and not KEPT_TRANSLATIONS.search(dest):
            continue
        kept.append(entry)
    return kept
