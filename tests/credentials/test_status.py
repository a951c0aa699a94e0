"""Bitstring Status List: bit order, encoding, spec example, bombs, allocation."""

from __future__ import annotations

import datetime as dt
import gzip
import random
import zlib

import pytest

from credentials.b64 import b64url_encode
from credentials.status import MIN_SIZE, StatusList, status_entry, status_list_credential
from schemas.errors.credentials import StatusListError, StatusListFullError

# The encodedList of the Bitstring Status List v1.0 examples: 131,072 zero bits.
SPEC_EXAMPLE = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def encoded(bits: bytes) -> str:
    return "u" + b64url_encode(gzip.compress(bits))


def test_spec_example_decodes() -> None:
    status = StatusList.decode(SPEC_EXAMPLE)
    assert status.size == MIN_SIZE == 131_072
    assert status.to_bytes() == bytes(16_384)
    assert not status.get(0)
    assert not status.get(MIN_SIZE - 1)


def test_new_and_minimum_size() -> None:
    assert StatusList.new().size == 131_072
    assert len(StatusList.new(262_144)) == 262_144
    for size in (0, 8, 131_064, 131_073):
        with pytest.raises(ValueError, match="at least"):
            StatusList.new(size)


def test_bit_order_msb_first() -> None:
    status = StatusList.new()
    status.set(0, True)
    assert status.to_bytes()[0] == 0x80
    status.set(7, True)
    assert status.to_bytes()[0] == 0x81
    status.set(8, True)
    assert status.to_bytes()[:2] == b"\x81\x80"
    status.set(0, False)
    assert status.to_bytes()[:2] == b"\x01\x80"
    # And the other way round: a list built by hand reads back the same.
    bits = bytearray(16_384)
    bits[1] = 0b0100_0000  # index 9
    bits[-1] = 0b0000_0001  # the last index
    decoded = StatusList.decode(encoded(bytes(bits)))
    assert [i for i in (0, 8, 9, 10, MIN_SIZE - 2, MIN_SIZE - 1) if decoded.get(i)] == [
        9,
        MIN_SIZE - 1,
    ]


def test_round_trip() -> None:
    status = StatusList.new()
    rng = random.Random(7)
    chosen = {rng.randrange(MIN_SIZE) for _ in range(500)}
    for index in chosen:
        status.set(index, True)
    text = status.encode()
    assert text.startswith("uH4sI")
    assert status.encode() == text  # deterministic (no timestamp in the gzip header)
    decoded = StatusList.decode(text)
    assert decoded.to_bytes() == status.to_bytes()
    assert {i for i in range(MIN_SIZE) if decoded.get(i)} == chosen


def test_index_out_of_range() -> None:
    status = StatusList.new()
    for index in (-1, MIN_SIZE):
        with pytest.raises(StatusListError) as info:
            status.get(index)
        assert info.value.code == "bad-status-index"
        with pytest.raises(StatusListError):
            status.set(index, True)


def test_gzip_bomb_refused() -> None:
    # 64 MiB of zeros compress to about 64 KB; the decoder must stop at the cap.
    bomb = encoded(bytes(64 * 1024 * 1024))
    assert len(bomb) < 100_000
    with pytest.raises(StatusListError) as info:
        StatusList.decode(bomb)
    assert info.value.code == "status-list-too-large"
    with pytest.raises(StatusListError) as info:
        StatusList.decode(encoded(bytes(32_768)), max_bytes=16_384)
    assert info.value.code == "status-list-too-large"
    assert StatusList.decode(encoded(bytes(32_768)), max_bytes=32_768).size == 262_144


@pytest.mark.parametrize(
    "text",
    [
        SPEC_EXAMPLE[1:],  # no multibase prefix
        "z" + SPEC_EXAMPLE[1:],  # base58btc prefix
        SPEC_EXAMPLE + "=",
        "u",
        "uAAAA",
        "u" + b64url_encode(b"not gzip at all"),
        "u" + b64url_encode(gzip.compress(bytes(16_384))[:-4]),  # truncated
        "u" + b64url_encode(gzip.compress(bytes(16_384)) + b"junk"),  # trailing data
        encoded(bytes(16_383)),  # shorter than the minimum
        "u" + b64url_encode(zlib.compress(bytes(16_384))),  # zlib, not gzip
    ],
)
def test_decode_refuses(text: str) -> None:
    with pytest.raises(StatusListError):
        StatusList.decode(text)


def test_allocate_random_and_free() -> None:
    status = StatusList.new()
    used: set[int] = set()
    for _ in range(200):
        index = status.allocate(used)
        assert 0 <= index < MIN_SIZE
        assert index not in used
        used.add(index)
    # Random, not sequential: 200 draws are far from 0..199.
    assert max(used) > 10_000


def test_allocate_nearly_full_list() -> None:
    status = StatusList.new()
    free = {5, 77_777, MIN_SIZE - 1}
    used = set(range(MIN_SIZE)) - free
    got: set[int] = set()
    for _ in range(3):
        index = status.allocate(used, rng=random.Random(len(got)))
        assert index in free
        got.add(index)
        used.add(index)
    assert got == free
    with pytest.raises(StatusListFullError) as info:
        status.allocate(used)
    assert info.value.code == "status-list-full"


@pytest.mark.parametrize("purpose", ["revocation", "suspension"])
def test_status_list_credential(purpose: str) -> None:
    url = "https://registry.example/status/3"
    credential = status_list_credential(
        id=url,
        issuer="did:web:registry.example:issuers:acme",
        purpose=purpose,  # type: ignore[arg-type]
        encoded_list=SPEC_EXAMPLE,
        valid_from=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
    )
    assert credential == {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": "did:web:registry.example:issuers:acme",
        "validFrom": "2026-01-02T03:04:05Z",
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": SPEC_EXAMPLE,
        },
    }
    assert StatusList.decode(credential["credentialSubject"]["encodedList"]).size == MIN_SIZE


def test_status_list_credential_valid_until() -> None:
    credential = status_list_credential(
        id="https://r.example/status/1",
        issuer="did:web:r.example:issuers:a",
        purpose="suspension",
        encoded_list=StatusList.new().encode(),
        valid_from=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        valid_until=dt.datetime(2026, 1, 2, tzinfo=dt.UTC),
    )
    assert credential["validUntil"] == "2026-01-02T00:00:00Z"


@pytest.mark.parametrize("purpose", ["revocation", "suspension"])
def test_status_entry(purpose: str) -> None:
    url = "https://registry.example/status/3"
    assert status_entry(list_url=url, index=94567, purpose=purpose) == {  # type: ignore[arg-type]
        "id": f"{url}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": "94567",
        "statusListCredential": url,
    }
    with pytest.raises(ValueError, match="negative"):
        status_entry(list_url=url, index=-1, purpose="revocation")
