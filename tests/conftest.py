"""Shared fixtures. Qt runs offscreen unless a display is explicitly requested."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The machine running the suite is shared and noisy (DESIGN §9): time limits and "input
# generation is slow" checks would fail on load, not on a bug. Examples stay as many.
settings.register_profile(
    "project", deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "project"))


@pytest.fixture(autouse=True)
def _fresh_file_dialog_folders() -> Iterator[None]:
    """File dialogs remember the last folder per kind for the session: no test sees another's.
    (Only when the UI was loaded at all: core tests never import Qt for this.)"""
    yield
    dialogs = sys.modules.get("trainer.ui.widgets.file_dialogs")
    if dialogs is not None:
        dialogs.forget_folders()
