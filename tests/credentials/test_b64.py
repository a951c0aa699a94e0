"""Strict base64url: round trips, and every non-canonical form refused."""

from __future__ import annotations

import base64
import os

import pytest

from credentials.b64 import b64url_decode, b64url_encode
from schemas.errors.credentials import EncodingError


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4, 5, 31, 32, 64, 1000])
def test_round_trip_matches_stdlib(size: int) -> None:
    data = os.urandom(size)
    text = b64url_encode(data)
    assert text == base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    assert "=" not in text
    assert b64url_decode(text) == data
    assert b64url_decode(text.encode()) == data


def test_all_byte_values() -> None:
    data = bytes(range(256))
    assert b64url_decode(b64url_encode(data)) == data
    assert b64url_encode(b"\xfb\xff\xbf") == "-_-_"


def test_rfc4648_vectors() -> None:
    for plain, encoded in [
        (b"", ""),
        (b"f", "Zg"),
        (b"fo", "Zm8"),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg"),
        (b"fooba", "Zm9vYmE"),
        (b"foobar", "Zm9vYmFy"),
    ]:
        assert b64url_encode(plain) == encoded
        assert b64url_decode(encoded) == plain


@pytest.mark.parametrize(
    "bad",
    [
        "Zg==",  # padding
        "Zm8=",
        "Zm9v+A",  # standard alphabet, not URL-safe
        "Zm9v/A",
        "Zm 9v",  # whitespace
        "Zm9v\n",
        "Z",  # impossible length
        "Zm9vY",
        "Zh",  # non-zero trailing bits (canonical is "Zg")
        "Zm9",  # canonical is "Zm8"
        "Zm9v.A",
        "Zm9vé",  # non-ASCII
    ],
)
def test_rejects_non_canonical(bad: str) -> None:
    with pytest.raises(EncodingError) as info:
        b64url_decode(bad)
    assert info.value.code == "bad-base64url"


def test_rejects_bytes_outside_alphabet() -> None:
    with pytest.raises(EncodingError):
        b64url_decode(b"Zm9v\xff")
