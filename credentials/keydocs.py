"""Key documents an operator or a user supplies, read without fetching anything: a DID
document, a controller or issuer profile document (`verificationMethod`, `publicKey` or
embedded `assertionMethod` entries), a single verification method (what a key URL such as
`https://issuer.example/issuers/1#key-1` dereferences to), a JWK with a `kid`, or a JWKS.

Each key comes out with its full URL and its controller (who it speaks for). A document
vouches only for keys under its own id (`<id>#...`), as DID documents do, so a profile cannot
claim somebody else's key URL; a single method or a JWK names its own URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from credentials.did import keys_from_did_document, method_key
from credentials.keys import VerifyingKey
from schemas.errors.credentials import BadKeyDocumentError, KeyFormatError

__all__ = ["DocumentKey", "KeyStore", "keys_in_document"]

_METHOD_LISTS = ("verificationMethod", "publicKey", "assertionMethod")
_KEY_FIELDS = ("publicKeyJwk", "publicKeyMultibase")


class DocumentKey(NamedTuple):
    """A key from a supplied document: its URL, the key, and whom it speaks for."""

    kid: str
    key: VerifyingKey
    controller: str


def keys_in_document(document: object) -> list[DocumentKey]:
    """Every usable key of a key document; raises KeyFormatError (`bad-key-document`) for
    something that is none of the forms above. Keys of algorithms we do not read are left
    out, so they cannot hide the ones we can."""
    if not isinstance(document, Mapping):
        raise BadKeyDocumentError("a key document is a JSON object")
    if isinstance(document.get("keys"), list):
        return [k for jwk in document["keys"] if (k := _jwk_entry(jwk)) is not None]
    if "kty" in document:
        entry = _jwk_entry(document)
        if entry is None:
            raise BadKeyDocumentError("a JWK key document needs a kid")
        return [entry]
    ident = document.get("id")
    if not isinstance(ident, str) or not ident:
        raise BadKeyDocumentError("a key document needs an id")
    if ident.startswith("did:"):
        return [
            DocumentKey(kid, key, ident) for kid, key in keys_from_did_document(document).items()
        ]
    if any(field in document for field in _KEY_FIELDS):
        key = method_key(document)
        controller = document.get("controller", ident.partition("#")[0])
        if key is None or not isinstance(controller, str):
            raise BadKeyDocumentError("the verification method has no usable key")
        return [DocumentKey(ident, key, controller)]
    return list(_profile_keys(ident, document))


def _profile_keys(ident: str, document: Mapping[str, Any]) -> Iterable[DocumentKey]:
    """Methods of a controller / issuer profile document, each under its id."""
    for field in _METHOD_LISTS:
        methods = document.get(field, [])
        for method in methods if isinstance(methods, list) else [methods]:
            if not isinstance(method, Mapping) or not isinstance(method.get("id"), str):
                continue
            url = ident + method["id"] if method["id"].startswith("#") else method["id"]
            controller = method.get("controller", ident)
            key = method_key(method)
            if key is not None and url.startswith(ident + "#") and isinstance(controller, str):
                yield DocumentKey(url, key, controller)


def _jwk_entry(jwk: object) -> DocumentKey | None:
    if not isinstance(jwk, Mapping) or not isinstance(jwk.get("kid"), str) or not jwk["kid"]:
        return None
    try:
        key = VerifyingKey.from_jwk(jwk)
    except KeyFormatError:
        return None
    return DocumentKey(jwk["kid"], key, jwk["kid"].partition("#")[0])


class KeyStore:
    """The keys of every supplied document, by URL, and which ids they describe."""

    __slots__ = ("_described", "_keys")

    def __init__(self, documents: Iterable[object] = ()) -> None:
        self._keys: dict[str, DocumentKey] = {}
        self._described: set[str] = set()
        for document in documents:
            self.add(document)

    def add(self, document: object) -> list[DocumentKey]:
        """Read one more document (KeyFormatError when it is no key document)."""
        found = keys_in_document(document)
        for entry in found:
            self._keys[entry.kid] = entry
            self._described.add(entry.controller)
        if isinstance(document, Mapping) and isinstance(document.get("id"), str):
            self._described.add(document["id"])
        return found

    def get(self, kid: str) -> DocumentKey | None:
        return self._keys.get(kid)

    def describes(self, ident: str) -> bool:
        """Whether a supplied document says which keys `ident` has."""
        return ident in self._described

    def __bool__(self) -> bool:
        return bool(self._keys)
