"""Media Literacy Trainer: practise spotting unverified claims and loaded framing.

The version is single-sourced from pyproject.toml through the installed distribution's
metadata (a PyInstaller bundle carries that metadata too). It is looked up on first use, not
on import: importlib.metadata costs ~20 ms, which the desktop start-up does not pay.
"""

from __future__ import annotations

from functools import cache

DISTRIBUTION = "media-literacy-trainer"


@cache
def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version(DISTRIBUTION)
    except PackageNotFoundError:  # a bare source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'trainer' has no attribute {name!r}")
