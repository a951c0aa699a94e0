"""did:web identifiers and issuer DID documents with current and retired keys."""

from __future__ import annotations

import datetime as dt

import pytest

from credentials.did import (
    DID_CONTEXT,
    PublishedKey,
    did_document,
    did_web,
    keys_from_did_document,
    xsd_datetime,
)
from credentials.keys import SigningKey
from schemas.errors.credentials import KeyFormatError

DID = "did:web:registry.example:issuers:acme"


def test_did_web() -> None:
    assert did_web("registry.example", "acme") == DID
    assert did_web("localhost:8000", "acme") == "did:web:localhost%3A8000:issuers:acme"
    for host, slug in [("", "acme"), ("a/b", "acme"), ("host", ""), ("host", "a:b")]:
        with pytest.raises(ValueError, match="did:web"):
            did_web(host, slug)


def _published() -> tuple[list[PublishedKey], SigningKey, SigningKey]:
    current, retired = SigningKey.generate(), SigningKey.generate("P-256")
    keys = [
        PublishedKey(
            fragment=retired.public.thumbprint(),
            key=retired.public.jwk(),
            status="retired",
            retired_at=dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC),
        ),
        PublishedKey(fragment=current.public.thumbprint(), key=current.public.jwk()),
    ]
    return keys, current, retired


def test_did_document_shape() -> None:
    keys, current, retired = _published()
    doc = did_document(DID, keys)
    assert doc["@context"] == [DID_CONTEXT]
    assert doc["id"] == DID
    current_url = f"{DID}#{current.public.thumbprint()}"
    retired_url = f"{DID}#{retired.public.thumbprint()}"
    assert doc["assertionMethod"] == [current_url]
    methods = {m["id"]: m for m in doc["verificationMethod"]}
    assert set(methods) == {current_url, retired_url}
    assert methods[current_url] == {
        "id": current_url,
        "type": "JsonWebKey",
        "controller": DID,
        "publicKeyJwk": current.public.jwk(),
    }
    assert methods[retired_url]["retired"] is True
    assert methods[retired_url]["revoked"] == "2026-03-01T12:00:00Z"


def test_keys_from_did_document_includes_retired() -> None:
    keys, current, retired = _published()
    found = keys_from_did_document(did_document(DID, keys))
    assert found == {
        f"{DID}#{current.public.thumbprint()}": current.public,
        f"{DID}#{retired.public.thumbprint()}": retired.public,
    }


def test_current_keys_only() -> None:
    keys, current, _ = _published()
    doc = did_document(DID, keys)
    found = keys_from_did_document(doc, current_only=True)
    assert found == {f"{DID}#{current.public.thumbprint()}": current.public}
    # A foreign document may mark a method revoked without "retired".
    del doc["verificationMethod"][0]["retired"]
    assert keys_from_did_document(doc, current_only=True) == found


def test_did_document_refuses_private_key() -> None:
    key = SigningKey.generate()
    jwk = {**key.public.jwk(), "d": "AAAA"}
    with pytest.raises(KeyFormatError):
        did_document(DID, [PublishedKey(fragment="k", key=jwk)])


def test_keys_from_foreign_document() -> None:
    ed, p256 = SigningKey.generate(), SigningKey.generate("P-256")
    doc = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": DID,
        "verificationMethod": [
            # Relative id and publicKeyMultibase (Multikey).
            {"id": "#mk", "type": "Multikey", "controller": DID,
             "publicKeyMultibase": ed.public.multibase()},
            # Unsupported algorithm: skipped, not fatal.
            {"id": f"{DID}#rsa", "type": "JsonWebKey", "controller": DID,
             "publicKeyJwk": {"kty": "RSA", "n": "AQAB", "e": "AQAB"}},
            # Another controller, or an id under another DID: never ours.
            {"id": f"{DID}#other", "type": "JsonWebKey", "controller": "did:web:evil.example",
             "publicKeyJwk": p256.public.jwk()},
            {"id": "did:web:evil.example#k", "type": "JsonWebKey", "controller": DID,
             "publicKeyJwk": p256.public.jwk()},
            "not a method",
        ],
        # Embedded in assertionMethod.
        "assertionMethod": [
            "#mk",
            {"id": f"{DID}#p256", "type": "JsonWebKey", "publicKeyJwk": p256.public.jwk()},
        ],
    }  # fmt: skip
    assert keys_from_did_document(doc) == {f"{DID}#mk": ed.public, f"{DID}#p256": p256.public}


@pytest.mark.parametrize(
    "doc",
    [{}, {"id": "https://example.com"}, {"id": DID, "verificationMethod": {}}, []],
)
def test_keys_from_bad_document(doc: object) -> None:
    with pytest.raises(KeyFormatError) as info:
        keys_from_did_document(doc)  # type: ignore[arg-type]
    assert info.value.code == "bad-did-document"


def test_xsd_datetime() -> None:
    amsterdam = dt.timezone(dt.timedelta(hours=2))
    assert xsd_datetime(dt.datetime(2026, 6, 1, 14, 30, 5, 999, tzinfo=amsterdam)) == (
        "2026-06-01T12:30:05Z"
    )
    with pytest.raises(ValueError, match="timezone"):
        xsd_datetime(dt.datetime(2026, 6, 1))
