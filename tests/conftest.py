"""Shared fixtures. Qt runs offscreen unless a display is explicitly requested."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
