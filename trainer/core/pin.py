"""Teacher PIN: stored only as a salted scrypt hash, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1
_PREFIX = "scrypt"
MIN_PIN_LENGTH = 4


class PinError(ValueError):
    """A PIN that cannot be used (too short, not digits)."""


def check_pin_rules(pin: str) -> None:
    if len(pin) < MIN_PIN_LENGTH or not pin.isdigit():
        raise PinError(f"A teacher PIN must be at least {MIN_PIN_LENGTH} digits.")


def hash_pin(pin: str) -> str:
    """A self-describing record: scrypt$n$r$p$salt_hex$hash_hex."""
    check_pin_rules(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"{_PREFIX}${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, record: str) -> bool:
    try:
        prefix, n, r, p, salt_hex, digest_hex = record.split("$")
        if prefix != _PREFIX:
            return False
        digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r),
                                p=int(p), dklen=len(digest_hex) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)
