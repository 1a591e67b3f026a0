from __future__ import annotations

import pytest

from trainer.core.pin import PinError, hash_pin, verify_pin


def test_pin_is_never_stored_in_clear_and_verifies() -> None:
    record = hash_pin("482913")
    assert "482913" not in record
    assert verify_pin("482913", record)
    assert not verify_pin("482914", record)


def test_same_pin_gets_different_salts() -> None:
    assert hash_pin("1234") != hash_pin("1234")


@pytest.mark.parametrize("bad", ["", "12", "abcd", "12 34"])
def test_unusable_pins_are_refused(bad: str) -> None:
    with pytest.raises(PinError):
        hash_pin(bad)


@pytest.mark.parametrize("record", ["", "plain", "scrypt$x$8$1$00$00", "md5$1$1$1$00$00"])
def test_malformed_records_never_verify(record: str) -> None:
    assert not verify_pin("1234", record)
