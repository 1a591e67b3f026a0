"""The set editor: teachers build, check, save and import article sets (DESIGN §7)."""

from __future__ import annotations

from trainer.ui.editor.window import SetEditorWindow, StoreProvider

__all__ = ["SetEditorWindow", "StoreProvider"]
