"""Set ids made from titles: readable, valid (model.ID_PATTERN) and unique in a library."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_SLUG = 60
_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")


def slug(title: str, fallback: str = "new-set") -> str:
    """`Year 9 — Local news!` → `year-9-local-news`; accents are dropped (é → e), and a title
    with nothing usable in it gives `fallback`."""
    plain = unicodedata.normalize("NFKD", title)
    ascii_only = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    cut = _NOT_ALLOWED.sub("-", ascii_only).strip("-")[:MAX_SLUG].strip("-")
    return cut or fallback


def unique_id(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3`, … whichever is not in `taken`."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
