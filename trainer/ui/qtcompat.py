"""Work-arounds for defects in the Qt binding, kept in one place.

PySide6 6.12 on CPython < 3.12 hands back some singletons one reference short: every
Python-side `SignalInstance.emit()` returns `True`, and many void methods (for example
`QTextEdit.setTextCursor`) return `None`, without the reference the caller will drop. Each
call lowers the singleton's refcount by one, and after enough calls the interpreter aborts at
exit ("bool_dealloc: deallocating True or False", "none_dealloc: deallocating None"). We make
these singletons practically immortal (as CPython 3.12+ does itself) by raising their
refcounts far beyond anything a session could consume. Measured with `sys.getrefcount`
before and after the calls; see tests/ui/test_qtcompat.py.
"""

from __future__ import annotations

import ctypes
import sys

_PIN = 1 << 40
_pinned = False


def pin_singletons() -> None:
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for value in (True, False, None):
        ctypes.c_ssize_t.from_address(id(value)).value += _PIN
    _pinned = True
