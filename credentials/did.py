"""did:web identifiers and DID documents for issuers (current and retired keys)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from credentials.keys import VerifyingKey
from schemas.errors.credentials import BadDidDocumentError, KeyFormatError
from schemas.trust import PublishedKey

__all__ = [
    "DID_CONTEXT",
    "PublishedKey",
    "did_document",
    "did_web",
    "keys_from_did_document",
    "method_key",
    "xsd_datetime",
]

# Controlled Identifiers v1.0 defines verificationMethod, JsonWebKey and revoked; it is in the
# local context map, so the document can be processed without fetching anything.
DID_CONTEXT = "https://www.w3.org/ns/cid/v1"


def xsd_datetime(value: dt.datetime) -> str:
    """An aware datetime as an XML Schema dateTimeStamp in UTC, seconds precision."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def did_web(host: str, slug: str) -> str:
    """did:web:{host}:issuers:{slug}; a port's ':' is percent-encoded as the method requires."""
    if not host or "/" in host or not slug or ":" in slug or "/" in slug:
        raise ValueError("did:web needs a bare host and a slug")
    return f"did:web:{host.replace(':', '%3A')}:issuers:{slug}"


def did_document(did: str, keys: Sequence[PublishedKey]) -> dict[str, Any]:
    """The DID document: every key as a JsonWebKey verification method (retired ones too,
    so credentials signed before a rotation still verify), only current ones as
    assertionMethod. Retired keys carry "retired": true and, when known, the CID "revoked"
    dateTimeStamp (proofs made after it are not to be accepted)."""
    methods: list[dict[str, Any]] = []
    assertion: list[str] = []
    for published in keys:
        VerifyingKey.from_jwk(published.key)  # refuse to publish a broken or private key
        url = f"{did}#{published.fragment}"
        method: dict[str, Any] = {
            "id": url,
            "type": "JsonWebKey",
            "controller": did,
            "publicKeyJwk": dict(published.key),
        }
        if published.status == "retired":
            method["retired"] = True
            if published.retired_at is not None:
                method["revoked"] = xsd_datetime(published.retired_at)
        else:
            assertion.append(url)
        methods.append(method)
    return {
        "@context": [DID_CONTEXT],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": assertion,
    }


def keys_from_did_document(
    doc: Mapping[str, Any], *, current_only: bool = False
) -> dict[str, VerifyingKey]:
    """Every usable key of a DID document by full DID URL (retired ones included, unless
    `current_only`: then methods marked `retired` or `revoked` are left out).

    Reads publicKeyJwk and publicKeyMultibase; methods with other key types or another
    controller are skipped, a document that is not a DID document raises KeyFormatError.
    """
    did = doc.get("id") if isinstance(doc, Mapping) else None
    if not isinstance(did, str) or not did.startswith("did:"):
        raise BadDidDocumentError("not a DID document")
    methods = doc.get("verificationMethod", [])
    assertion = doc.get("assertionMethod", [])
    if not isinstance(methods, list) or not isinstance(assertion, list):
        raise BadDidDocumentError("verificationMethod must be a list")
    # Verification methods may also be embedded in assertionMethod.
    candidates = [m for m in methods + assertion if isinstance(m, Mapping)]
    found: dict[str, VerifyingKey] = {}
    for method in candidates:
        if current_only and (method.get("retired") or "revoked" in method):
            continue
        url = _method_url(did, method)
        key = method_key(method)
        if url is not None and key is not None and method.get("controller", did) == did:
            found[url] = key
    return found


def _method_url(did: str, method: Mapping[str, Any]) -> str | None:
    ident = method.get("id")
    if not isinstance(ident, str):
        return None
    if ident.startswith("#"):
        return did + ident
    return ident if ident.startswith(did + "#") else None


def method_key(method: Mapping[str, Any]) -> VerifyingKey | None:
    """The key of a verification method (publicKeyJwk or publicKeyMultibase), or None."""
    try:
        if "publicKeyJwk" in method:
            return VerifyingKey.from_jwk(method["publicKeyJwk"])
        if "publicKeyMultibase" in method:
            return VerifyingKey.from_multibase(method["publicKeyMultibase"])
    except KeyFormatError:
        # Another algorithm (or a broken entry) must not hide the keys we can use.
        return None
    return None
