"""Work-arounds for defects in the Qt binding, kept in one place.

PySide6 6.12 on CPython < 3.12: every Python-side `SignalInstance.emit()` returns `True` one
reference short, so each emit lowers the refcount of the `True` singleton by one. After a few
hundred emits the interpreter aborts at exit ("bool_dealloc: deallocating True or False"). We
make the two bool singletons practically immortal (as CPython 3.12+ does itself) by raising
their refcounts far beyond anything a session could consume. Measured with
`sys.getrefcount(True)` before and after `emit()`; see tests/ui/test_qtcompat.py.
"""

from __future__ import annotations

import ctypes
import sys

_PIN = 1 << 40
_pinned = False


def pin_bool_singletons() -> None:
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (True, False):
        ctypes.c_ssize_t.from_address(id(value)).value += _PIN
    _pinned = True
