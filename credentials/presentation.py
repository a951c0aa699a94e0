"""Verifiable Presentations (VC-JOSE-COSE, typ "vp+jwt") signed with the worker's holder key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec

from credentials.jws import sign_compact
from credentials.keys import SigningKey, VerifyingKey, did_key
from schemas.errors import InvalidInputError

__all__ = [
    "ENVELOPED_PREFIX",
    "SD_JWT_PREFIX",
    "VC_V2_CONTEXT",
    "VP_TYP",
    "holder_kid",
    "present",
]

VP_TYP = "vp+jwt"
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
ENVELOPED_PREFIX = "data:application/vc+jwt,"
SD_JWT_PREFIX = "data:application/dc+sd-jwt,"


def holder_kid(key: VerifyingKey) -> str:
    """The did:key DID URL of a holder key ("did:key:z...#z..."), used as the VP `kid`."""
    return did_key(key) + "#" + key.multibase()


def _item(credential: str) -> dict[str, Any]:
    """One credential as a presentation carries it, in the form it was made in: a wallet
    keeps imported SD-JWT VCs and JSON credentials too, which a `vc+jwt` envelope would make
    unreadable to every verifier."""
    if credential.startswith("{"):
        try:
            document = msgspec.json.decode(credential)
        except msgspec.DecodeError:
            document = None
        if isinstance(document, dict):
            return document
    # A compact JWS is base64url and dots; an SD-JWT VC adds its disclosures after `~`.
    prefix = SD_JWT_PREFIX if "~" in credential else ENVELOPED_PREFIX
    return {
        "@context": VC_V2_CONTEXT,
        "type": "EnvelopedVerifiableCredential",
        "id": prefix + credential,
    }


def _numeric_date(value: dt.datetime) -> int:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return int(value.timestamp())


def present(
    credentials: Sequence[str],
    holder: SigningKey,
    *,
    holder_did: str,
    audience: str,
    nonce: str,
    issued_at: dt.datetime,
    expires_at: dt.datetime,
) -> str:
    """A signed presentation of the given credentials for one audience: compact JWSs (and
    SD-JWT VCs) enveloped, JSON credentials with an embedded proof as they are."""
    iat, exp = _numeric_date(issued_at), _numeric_date(expires_at)
    if exp <= iat:
        raise InvalidInputError("a presentation must expire after it is issued")
    if isinstance(credentials, str):
        raise TypeError("credentials must be a sequence of JWS strings, not one string")
    kid = holder_kid(holder.public)
    # A did:key holder that does not name this key would make every verifier refuse the VP.
    if holder_did.startswith("did:key:") and holder_did != kid.partition("#")[0]:
        raise InvalidInputError("holder_did is not the did:key of the holder key")
    payload: dict[str, Any] = {
        "@context": [VC_V2_CONTEXT],
        "type": ["VerifiablePresentation"],
        "holder": holder_did,
        "verifiableCredential": [_item(credential) for credential in credentials],
        "aud": audience,
        "nonce": nonce,
        "iat": iat,
        "exp": exp,
    }
    return sign_compact(msgspec.json.encode(payload), holder, kid=kid, typ=VP_TYP)
