"""Shared fixtures. Qt runs offscreen unless a display is explicitly requested."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The machine running the suite is shared and noisy (DESIGN §9): time limits and "input
# generation is slow" checks would fail on load, not on a bug. Examples stay as many.
settings.register_profile(
    "project", deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "project"))
