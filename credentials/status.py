"""W3C Bitstring Status List v1.0: the list itself, its credential and status entries.

Our lists hold one bit per credential (statusSize 1); a verifier also reads entries of
`statusSize` bits (`StatusList.value`). Bit 0 is the most significant bit of byte 0. The
encoded form is "u" + base64url(GZIP(bits)). Lists hold at least 131,072 entries (16 KB) so a
single index says little about who holds it (herd privacy); indexes are random for the same
reason.
"""

from __future__ import annotations

import datetime as dt
import gzip
import secrets
import zlib
from collections.abc import Container, Iterable
from typing import Any, Literal, Protocol

from credentials.b64 import b64url_decode, b64url_encode
from credentials.did import xsd_datetime
from schemas.errors.credentials import (
    BadStatusIndexError,
    EncodingError,
    StatusListError,
    StatusListFullError,
    StatusListTooLargeError,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MIN_SIZE",
    "StatusList",
    "StatusListError",
    "StatusListFullError",
    "StatusPurpose",
    "status_entry",
    "status_list_credential",
    "suspension_list_url",
]

MIN_SIZE = 131_072
# Decoded size cap: 16 MiB is 134 million entries, far above any real list, and bounds
# what a small gzip bomb can make us allocate.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
StatusPurpose = Literal["revocation", "suspension"]
_RANDOM_TRIES = 64


class _Random(Protocol):
    def randrange(self, stop: int, /) -> int: ...


_SYSTEM_RANDOM = secrets.SystemRandom()


class StatusList:
    """A mutable bitstring of status bits, and what a verifier needs to know of the list
    credential it was read from: `issuer`, who signed it (None for a list this registry keeps
    itself; a verifier relies on a signed list only for credentials of that issuer),
    `purposes`, its `statusPurpose` values (an entry is read only on a list of its purpose),
    and its validity window (outside it, the list says nothing)."""

    __slots__ = ("_bits", "issuer", "purposes", "valid_from", "valid_until")

    def __init__(
        self,
        bits: bytearray,
        issuer: str | None = None,
        *,
        purposes: Iterable[str] = (),
        valid_from: dt.datetime | None = None,
        valid_until: dt.datetime | None = None,
    ) -> None:
        self._bits = bits
        self.issuer = issuer
        self.purposes = frozenset(purposes)
        self.valid_from = valid_from
        self.valid_until = valid_until

    @classmethod
    def new(cls, size: int = MIN_SIZE, *, purposes: Iterable[str] = ()) -> StatusList:
        if size < MIN_SIZE or size % 8:
            raise ValueError(f"a status list holds a multiple of 8 entries, at least {MIN_SIZE}")
        return cls(bytearray(size // 8), purposes=purposes)

    @property
    def size(self) -> int:
        return len(self._bits) * 8

    def __len__(self) -> int:
        return self.size

    def _check(self, index: int) -> None:
        if not 0 <= index < len(self._bits) * 8:
            raise BadStatusIndexError(f"status index {index} is outside the list")

    def get(self, index: int) -> bool:
        self._check(index)
        return bool(self._bits[index >> 3] & (0x80 >> (index & 7)))

    def set(self, index: int, value: bool) -> None:
        self._check(index)
        if value:
            self._bits[index >> 3] |= 0x80 >> (index & 7)
        else:
            self._bits[index >> 3] &= ~(0x80 >> (index & 7)) & 0xFF

    def value(self, index: int, size: int = 1) -> int:
        """The `size` bits of entry `index` (bits index*size onwards) as a number, the first
        bit the most significant (the Bitstring Status List validate algorithm)."""
        if size == 1:
            return int(self.get(index))  # every list of ours: the hot path
        if size < 1:
            raise ValueError("a status entry has at least one bit")
        start = index * size
        if index < 0 or start + size > len(self._bits) * 8:
            raise BadStatusIndexError(f"status index {index} is outside the list")
        number = 0
        for bit in range(start, start + size):
            number = number << 1 | (self._bits[bit >> 3] >> (7 - (bit & 7))) & 1
        return number

    def to_bytes(self) -> bytes:
        return bytes(self._bits)

    def encode(self) -> str:
        """encodedList: "u" + base64url(GZIP(bits)); mtime 0 so equal lists encode equally."""
        return "u" + b64url_encode(gzip.compress(self._bits, compresslevel=9, mtime=0))

    @classmethod
    def decode(
        cls,
        encoded: str,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        issuer: str | None = None,
        purposes: Iterable[str] = (),
        valid_from: dt.datetime | None = None,
        valid_until: dt.datetime | None = None,
    ) -> StatusList:
        """Parse an encodedList; refuses short lists, trailing data and anything that would
        decompress to more than `max_bytes` (checked while inflating, not after). The other
        arguments are what the list credential says of it (see `StatusList`)."""
        if not isinstance(encoded, str) or not encoded.startswith("u"):
            raise StatusListError("encodedList must be multibase base64url ('u' prefix)")
        try:
            compressed = b64url_decode(encoded[1:])
        except EncodingError:
            raise StatusListError("encodedList is not base64url") from None
        inflater = zlib.decompressobj(wbits=31)  # 31: GZIP container only
        try:
            bits = inflater.decompress(compressed, max_bytes + 1)
        except zlib.error:
            raise StatusListError("encodedList is not GZIP data") from None
        if len(bits) > max_bytes or inflater.unconsumed_tail:
            raise StatusListTooLargeError("the status list is larger than allowed")
        if not inflater.eof or inflater.unused_data:
            raise StatusListError("encodedList is truncated or has trailing data")
        if len(bits) < MIN_SIZE // 8:
            raise StatusListError(f"a status list holds at least {MIN_SIZE} entries")
        return cls(
            bytearray(bits),
            issuer,
            purposes=purposes,
            valid_from=valid_from,
            valid_until=valid_until,
        )

    def allocate(self, used: Container[int], *, rng: _Random = _SYSTEM_RANDOM) -> int:
        """A random index not in `used` (the indexes already given to credentials).

        Random tries first (cheap while the list is mostly free); then an exhaustive scan,
        so a nearly full list still yields its last free indexes and a full one says so.
        """
        size = self.size
        for _ in range(_RANDOM_TRIES):
            index = rng.randrange(size)
            if index not in used:
                return index
        free = [index for index in range(size) if index not in used]
        if not free:
            raise StatusListFullError("the status list has no free index")
        return free[rng.randrange(len(free))]


def status_list_credential(
    *,
    id: str,
    issuer: str,
    purpose: StatusPurpose,
    encoded_list: str,
    valid_from: dt.datetime,
    valid_until: dt.datetime | None = None,
) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential for one list."""
    credential: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": xsd_datetime(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = xsd_datetime(valid_until)
    credential["credentialSubject"] = {
        "id": f"{id}#list",
        "type": "BitstringStatusList",
        "statusPurpose": purpose,
        "encodedList": encoded_list,
    }
    return credential


def suspension_list_url(revocation_list_url: str) -> str:
    """Where the suspension list that shadows a revocation list lives (same indexes).

    OB 3.0 lets a credential name one status entry, so credentials name the revocation list;
    a verifier that knows this convention also checks the suspension bit at the same index.
    """
    return revocation_list_url.rstrip("/") + "/suspension"


def status_entry(*, list_url: str, index: int, purpose: StatusPurpose) -> dict[str, Any]:
    """A credentialStatus entry pointing at `index` of the list at `list_url`."""
    if index < 0:
        raise ValueError("a status index is never negative")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }
