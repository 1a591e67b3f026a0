"""The bundled starter passages: imported on first use, and again when the bundle changes.

Shared by the desktop program and the teacher's commands (a class report on a computer where
the program was never opened still knows the starter passages its students practised)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.resources import resource_path

if TYPE_CHECKING:
    from trainer.storage.service import Store

STARTER_KEY = "ui.starter_imported"


def starter_signature(path: Path) -> str:
    """Size and SHA-256 of the bundled file: cheap to compute, unlike parsing it, and it
    changes whenever the content does (an mtime can stay the same across updates)."""
    data = path.read_bytes()
    return f"{len(data)}:{hashlib.sha256(data).hexdigest()}"


def ensure_starter(store: Store) -> str | None:
    """Import the starter set unless this exact bundle was imported already. Returns a message
    a person can act on when it could not be imported, else None."""
    path = resource_path("starter.json")
    if not path.is_file() or store.read_only is not None:
        return None
    signature = starter_signature(path)
    if store.settings.get(STARTER_KEY) == signature:
        return None
    from trainer.core.errors import InvalidInput
    from trainer.core.formats import load_set  # only on first run: keeps start-up lean
    from trainer.storage.errors import StoreError

    try:
        store.library.import_set(load_set(path))
    except InvalidInput as exc:
        return "\n".join(p.format() for p in exc.problems[:10])
    except StoreError as exc:
        return exc.message
    store.settings.set(STARTER_KEY, signature)
    return None
