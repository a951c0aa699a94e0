"""Which key a `kid` (or a Data Integrity `verificationMethod`) names, and whether that key is
the credential issuer's: the `issuer-key` and `issuer-binding` steps of the pipeline.

Keys come only from what the verifier was configured with (the trust list, supplied
documents) or from identifiers that carry their key (`did:key`). Nothing is fetched, and keys
in a token's own header (jwk, jku, x5u, x5c) are never consulted.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from credentials.b64 import b64url_decode
from credentials.jws import strict_json
from credentials.keydocs import KeyStore
from credentials.keys import VerifyingKey, resolve_did_key
from credentials.trust import TrustList
from schemas.errors import DomainError
from schemas.errors.credentials import BadDidError, EncodingError, JwsError
from schemas.verification import Verdict

__all__ = ["Binding", "KeyLookup", "bind_issuer", "find_key", "resolve_did_jwk", "unknown_key"]


class KeyLookup(msgspec.Struct, kw_only=True, frozen=True):
    """An issuer key, who controls it, whether the trust list vouches for it, and its
    validity window there."""

    key: VerifyingKey
    trusted: bool
    controller: str
    source: str
    valid_from: dt.datetime | None = None
    valid_until: dt.datetime | None = None


class Binding(msgspec.Struct, kw_only=True, frozen=True):
    """The outcome of the issuer-binding check: verdict None when it passed."""

    verdict: Verdict | None
    code: str
    message: str


def find_key(kid: str, trust_list: TrustList | None, documents: KeyStore) -> KeyLookup | None:
    """The key a `kid` names: trust list first, then a DID that carries its key (did:key,
    did:jwk), then the supplied documents (DID documents for did:web, key documents for
    `https://` key URLs, JWKS)."""
    if trust_list is not None:
        record, key = trust_list.key_record(kid), trust_list.key_for(kid)
        if record is not None and key is not None:
            return KeyLookup(
                key=key,
                trusted=True,
                controller=kid.partition("#")[0],
                source="trust-list",
                valid_from=record.valid_from,
                valid_until=record.valid_until,
            )
    did = kid.partition("#")[0]
    try:
        if did.startswith("did:key:"):
            key = resolve_did_key(kid)
            return KeyLookup(key=key, trusted=False, controller=did, source="did-key")
        if did.startswith("did:jwk:"):
            key = resolve_did_jwk(kid)
            return KeyLookup(key=key, trusted=False, controller=did, source="did-jwk")
    except DomainError:
        return None
    entry = documents.get(kid)
    if entry is None:
        return None
    source = "did-document" if kid.startswith("did:") else "key-document"
    return KeyLookup(key=entry.key, trusted=False, controller=entry.controller, source=source)


def unknown_key(
    kid: str, trust_list: TrustList | None, claimed_issuer: str | None = None
) -> tuple[Verdict, str, str]:
    """The failed `issuer-key` check for a kid `find_key` does not know. Under the DID of
    one of the operator's own issuers, or in a credential that names one of them as its
    issuer, it is `invalid`: the trust list gives every key they ever had, so it is not
    theirs, and asking later will not change that (QA 18e). Any other issuer may have a key
    we were not given: `cannot-verify`."""
    if trust_list is not None:
        for did in (kid.partition("#")[0], claimed_issuer):
            if did is not None and trust_list.gives_every_key_of(did):
                return "invalid", "key-not-issuers", f"{kid} is not among the keys listed for {did}"
    return "cannot-verify", "issuer-key-unknown", f"no known key {kid}"


def resolve_did_jwk(kid: str) -> VerifyingKey:
    """The public key a did:jwk DID (URL) carries: base64url of the JWK; its one method is #0."""
    did, _, fragment = kid.partition("#")
    if fragment not in ("", "0"):
        raise BadDidError("a did:jwk names its key #0")
    try:
        jwk = strict_json(b64url_decode(did.removeprefix("did:jwk:")))
    except (EncodingError, JwsError):
        raise BadDidError("the did:jwk is not base64url JSON") from None
    return VerifyingKey.from_jwk(jwk)


def bind_issuer(
    lookup: KeyLookup, issuer: str, trust_list: TrustList | None, documents: KeyStore
) -> Binding:
    """Whether the key that made a good signature is the issuer's.

    A key controlled by the issuer passes. A key that is not the issuer's is `invalid` when we
    know whose key it is or which keys the issuer has (the issuer is a DID, is on the trust
    list, or has a configured document; or the trust list vouches for the key as another's).
    When we know neither (an `https://` issuer nothing describes, signing with a `did:key`),
    nobody vouches for the link: `untrusted-issuer`, never `valid`.
    """
    if lookup.controller == issuer:
        return Binding(verdict=None, code="issuers-key", message=lookup.controller)
    known = (
        lookup.trusted
        or issuer.startswith("did:")
        or (trust_list is not None and trust_list.trusted_issuer(issuer) is not None)
        or documents.describes(issuer)
    )
    if known:
        return Binding(
            verdict="invalid",
            code="kid-issuer-mismatch",
            message=f"the key belongs to {lookup.controller}, not to the issuer",
        )
    return Binding(
        verdict="untrusted-issuer",
        code="issuer-keys-unknown",
        message=f"nothing says whether {lookup.controller} speaks for {issuer}",
    )
