"""The operator's trust list: which issuers, with which keys, may issue what, and when.

Verifiers trust an issuer only through a trust list they were configured with. The list is
a compact JWS (typ "trust-list+jwt") signed by the operator; the operator key is configured
out of band, never taken from the token. Loading validates every key once and indexes them,
so `key_for` on the verify path is one dict lookup.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

import msgspec

from credentials.jws import JwsError, parse_compact, sign_compact, strict_json, verify_jws
from credentials.keys import KeyFormatError, SigningKey, VerifyingKey
from schemas.errors import InvalidInputError
from schemas.trust import (
    Accreditation,
    AccreditationKind,
    TrustedIssuer,
    TrustedKey,
    TrustListDocument,
)

__all__ = [
    "TRUST_LIST_TYP",
    "Accreditation",
    "TrustList",
    "TrustListError",
    "TrustedIssuer",
    "TrustedKey",
    "load_trust_list",
    "load_trust_list_unverified",
    "sign_trust_list",
]

TRUST_LIST_TYP = "trust-list+jwt"
MAX_TRUST_LIST_BYTES = 16 * 1024 * 1024


class TrustListError(InvalidInputError):
    """A trust list that cannot be used; `code` says why."""

    code = "bad-trust-list"


class _KeyEntry(NamedTuple):
    key: VerifyingKey
    record: TrustedKey
    issuer: TrustedIssuer


class _Index(NamedTuple):
    keys: dict[str, _KeyEntry]
    issuers: dict[str, TrustedIssuer]


class TrustList(TrustListDocument, kw_only=True, rename="camel", dict=True):
    """A trust list with lookups. Treat it as read-only: lookups are indexed on first use."""

    @functools.cached_property
    def _index(self) -> _Index:
        keys: dict[str, _KeyEntry] = {}
        issuers: dict[str, TrustedIssuer] = {}
        for issuer in self.issuers:
            if issuer.did in issuers:
                raise TrustListError(f"issuer {issuer.did} is listed twice")
            issuers[issuer.did] = issuer
            for record in issuer.keys:
                # A kid must belong to the issuer that lists it, or one issuer could vouch
                # for keys under another's DID.
                if not record.kid.startswith(issuer.did + "#") or record.kid in keys:
                    raise TrustListError(f"key {record.kid} is misplaced or listed twice")
                try:
                    key = VerifyingKey.from_jwk(record.jwk)
                except KeyFormatError as exc:
                    raise TrustListError(f"key {record.kid}: {exc.message}") from None
                keys[record.kid] = _KeyEntry(key, record, issuer)
        return _Index(keys, issuers)

    def key_for(self, kid: str) -> VerifyingKey | None:
        """The issuer key named by a JWS `kid` (a full DID URL), retired keys included."""
        entry = self._index.keys.get(kid)
        return entry.key if entry is not None else None

    def key_record(self, kid: str) -> TrustedKey | None:
        """The listing of a key (status and validity window), for date checks."""
        entry = self._index.keys.get(kid)
        return entry.record if entry is not None else None

    def trusted_issuer(self, did: str) -> TrustedIssuer | None:
        """The listing of an issuer (None when it is not on the list)."""
        return self._index.issuers.get(did)

    def accredited(
        self, issuer_did: str, kind: AccreditationKind, achievement_id: str, at: dt.datetime
    ) -> bool:
        """Whether the issuer could issue this kind of achievement at `at` (aware)."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("`at` must be timezone-aware")
        issuer = self._index.issuers.get(issuer_did)
        if issuer is None:
            return False
        return any(
            _in_window(accreditation, at) and _covers(accreditation.achievements, achievement_id)
            for accreditation in issuer.accreditations
            if accreditation.kind == kind
        )


def _in_window(accreditation: Accreditation, at: dt.datetime) -> bool:
    if at < accreditation.valid_from:
        return False
    return accreditation.valid_until is None or at < accreditation.valid_until


def _covers(patterns: list[str], achievement_id: str) -> bool:
    """Empty means any; otherwise an exact URL, or a prefix ending at a URL boundary (so
    ".../modules/1" covers ".../modules/1/versions/2" but not ".../modules/12")."""
    if not patterns:
        return True
    for pattern in patterns:
        if achievement_id == pattern:
            return True
        if (
            pattern
            and achievement_id.startswith(pattern)
            and (pattern[-1] in "/#?" or achievement_id[len(pattern)] in "/#?")
        ):
            return True
    return False


def sign_trust_list(trust_list: TrustListDocument, key: SigningKey, kid: str) -> str:
    """The trust list as a compact JWS signed by the operator."""
    return sign_compact(msgspec.json.encode(trust_list), key, kid=kid, typ=TRUST_LIST_TYP)


def load_trust_list(token: str | bytes, operator_key: VerifyingKey) -> TrustList:
    """Verify a signed trust list against the configured operator key and load it."""
    try:
        parsed = parse_compact(token, max_bytes=MAX_TRUST_LIST_BYTES)
    except JwsError as exc:
        raise TrustListError(f"not a signed trust list: {exc.message}") from None
    if parsed.header.get("typ") != TRUST_LIST_TYP:
        raise TrustListError(f"the token is not a trust list (typ {TRUST_LIST_TYP!r})")
    if not verify_jws(parsed, operator_key):
        raise TrustListError(
            "the trust list signature does not verify with the operator key",
            code="bad-trust-list-signature",
        )
    return load_trust_list_unverified(parsed.payload)


def load_trust_list_unverified(data: str | bytes) -> TrustList:
    """Load a trust list from JSON the caller already trusts (a local, configured file)."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        strict_json(raw)  # duplicate keys could make two readers see two different lists
        trust_list = msgspec.json.decode(raw, type=TrustList)
    except (JwsError, msgspec.DecodeError) as exc:
        raise TrustListError(f"not a trust list: {exc}") from None
    trust_list._index  # noqa: B018 - validate and index every key now, not on first verify
    return trust_list
