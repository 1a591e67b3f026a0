"""The set editor's files: open a set (or an unfinished JSON draft), save it, save it as.

Each function takes the editor window; the window keeps thin methods that call them, because
its actions and the tests call those.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from trainer.core.errors import InvalidInput, Problem
from trainer.core.formats import load_set
from trainer.core.jsonset import write_json_set
from trainer.ui.teacher.editor.draft import SetDraft, draft_from_raw
from trainer.ui.widgets import file_dialogs

if TYPE_CHECKING:
    from trainer.ui.teacher.editor.window import SetEditorWindow

# The strings keep the window's translation context; literal calls so that lupdate finds them.
translate = QCoreApplication.translate


def open_dialog(window: SetEditorWindow) -> None:
    if not window.may_discard():
        return
    path = file_dialogs.open_file(
        window, file_dialogs.ARTICLE_SET, translate("SetEditorWindow", "Open article set"),
        translate("SetEditorWindow", "Article sets (*.json *.zip);;All files (*)"),
        folder=start_folder(window))
    if path is not None:
        window.open_path(path)


def open_folder_dialog(window: SetEditorWindow) -> None:
    if not window.may_discard():
        return
    folder = file_dialogs.choose_folder(
        window, file_dialogs.ARTICLE_SET,
        translate("SetEditorWindow", "Open a Markdown or PTC folder"), folder=start_folder(window))
    if folder is not None:
        window.open_path(folder)


def open_path(window: SetEditorWindow, path: Path) -> list[Problem]:
    """Open any set `load_set` reads; an unfinished JSON draft opens with its problems."""
    try:
        window.load_draft(SetDraft.from_set(load_set(path)), path)
        return []
    except InvalidInput as exc:
        raw = raw_json(path)
        if raw is None:
            window.inform(translate("SetEditorWindow", "Cannot open set"),
                           "\n".join(p.format() for p in exc.problems[:30]))
            return exc.problems
        window.load_draft(draft_from_raw(raw), path)
        return exc.problems


def raw_json(path: Path) -> dict[str, Any] | None:
    """The raw object of a JSON article-set file that failed to load, to edit it anyway."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    return raw if isinstance(raw, dict) and raw.get("format") == "trainer.article-set" \
        else None


def start_folder(window: SetEditorWindow) -> Path:
    """Where file dialogs open: the set's own folder, else the last folder used for article
    sets, else Documents (never the program's working directory)."""
    if window.path is not None:
        return window.path.parent
    return file_dialogs.start_folder(file_dialogs.ARTICLE_SET)


def save(window: SetEditorWindow) -> bool:
    if window.path is None or window.path.suffix.lower() != ".json":
        return save_as(window)
    return save_to(window, window.path)


def save_as(window: SetEditorWindow) -> bool:
    path = file_dialogs.save_file(
        window, file_dialogs.ARTICLE_SET, translate("SetEditorWindow", "Save article set"),
        (window.draft.id or "article-set") + ".json",
        translate("SetEditorWindow", "Article set (*.json)"), folder=start_folder(window))
    if path is None:
        return False
    return save_to(window, path if path.suffix else path.with_suffix(".json"))


def save_to(window: SetEditorWindow, path: Path) -> bool:
    """A valid set is written with write_json_set; an unfinished one as the same JSON."""
    window.validate_now()
    try:
        if window.valid_set is not None:
            write_json_set(window.valid_set, path)
        else:
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(window.draft.to_raw(), ensure_ascii=False, indent=2)
                           + "\n", encoding="utf-8")
            tmp.replace(path)
    except OSError as exc:
        window.inform(translate("SetEditorWindow", "Cannot save"), f"{path}: {exc.strerror}")
        return False
    window.path = path
    window.set_dirty(False)
    count = len(window.validate_now())  # again: the file name appears in every problem line
    window.last_message = (
        translate("SetEditorWindow", "Saved %1.").replace("%1", str(path)) if not count else
        translate("SetEditorWindow", "Saved %1 with %2 problem(s) still to fix.")
        .replace("%1", str(path)).replace("%2", str(count)))
    window.statusBar().showMessage(window.last_message, 8000)
    return True
