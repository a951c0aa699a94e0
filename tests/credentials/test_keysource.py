"""Key resolution without the network: did:key, did:jwk, did:web and https:// key URLs from
supplied documents (DID document, issuer profile, verification method, JWK, JWKS), and the
issuer binding those documents make possible."""

from __future__ import annotations

import json
from typing import Any

import pytest

from credentials.b64 import b64url_encode
from credentials.jws import sign_compact
from credentials.keydocs import KeyStore, keys_in_document
from credentials.keys import KeyFormatError, SigningKey
from credentials.keysource import resolve_did_jwk
from credentials.trust import TrustList
from schemas.trust import Accreditation, TrustedIssuer, TrustedKey
from schemas.verification import Report
from tests.credentials.test_verify import LONG_AGO, MODULE_URL, World, check, parts

ISSUER = "https://issuer.example/issuers/1"
KEY_URL = f"{ISSUER}#key-1"


@pytest.fixture
def world() -> World:
    return World()


def foreign_token(world: World, key: SigningKey, kid: str, issuer: str = ISSUER) -> str:
    """One of our credentials re-signed by a foreign issuer, as VC-JOSE-COSE."""
    _, payload, _ = parts(world.credential())
    payload["issuer"] = {"id": issuer, "type": ["Profile"], "name": "Elders"}
    payload["iss"] = issuer
    payload.pop("credentialStatus")
    return sign_compact(json.dumps(payload).encode(), key, kid=kid, typ="vc+jwt")


def profile(key: SigningKey, field: str = "verificationMethod") -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": ISSUER,
        "type": ["Profile"],
        field: [
            {
                "id": "#key-1",
                "type": "Multikey",
                "controller": ISSUER,
                "publicKeyMultibase": key.public.multibase(),
            }
        ],
    }


def verify(world: World, token: str, *documents: object, **changes: Any) -> Report:
    return world.verify(token, documents=KeyStore(documents), **changes)


def test_https_key_url_without_a_document_cannot_verify(world: World) -> None:
    key = SigningKey.generate()
    report = verify(world, foreign_token(world, key, KEY_URL))
    assert (report.verdict, check(report, "issuer-key")) == (
        "cannot-verify",
        ("failed", "issuer-key-unknown"),
    )


@pytest.mark.parametrize("field", ["verificationMethod", "publicKey", "assertionMethod"])
def test_https_key_url_from_an_issuer_profile(world: World, field: str) -> None:
    key = SigningKey.generate()
    report = verify(world, foreign_token(world, key, KEY_URL), profile(key, field))
    assert report.verdict == "untrusted-issuer", report.checks
    assert check(report, "issuer-key") == ("passed", "key-document")
    assert check(report, "issuer-binding") == ("passed", "issuers-key")


def test_https_key_url_from_a_verification_method_document(world: World) -> None:
    key = SigningKey.generate()
    method = {
        "id": KEY_URL,
        "type": "JsonWebKey",
        "controller": ISSUER,
        "publicKeyJwk": key.public.jwk(),
    }
    report = verify(world, foreign_token(world, key, KEY_URL), method)
    assert check(report, "issuer-binding") == ("passed", "issuers-key")


def test_jwks_key(world: World) -> None:
    key = SigningKey.generate()
    jwks = {"keys": [{**key.public.jwk(), "kid": KEY_URL}, {"kty": "oct", "kid": "x"}]}
    report = verify(world, foreign_token(world, key, KEY_URL), jwks)
    assert check(report, "issuer-key") == ("passed", "key-document")
    assert report.verdict == "untrusted-issuer"


def test_a_profile_cannot_claim_another_url_for_its_key() -> None:
    key = SigningKey.generate()
    document = profile(key)
    document["verificationMethod"][0]["id"] = "https://other.example/k#1"
    assert keys_in_document(document) == []
    with pytest.raises(KeyFormatError):
        keys_in_document({"no": "id"})


def test_key_of_another_party_for_a_described_issuer_is_invalid(world: World) -> None:
    """The issuer's profile is known and lists key-1; a JWKS key of someone else signs."""
    own, other = SigningKey.generate(), SigningKey.generate()
    other_kid = "https://other.example/keys#a"
    jwks = {"keys": [{**other.public.jwk(), "kid": other_kid}]}
    report = verify(world, foreign_token(world, other, other_kid), profile(own), jwks)
    assert check(report, "signature") == ("passed", "signature-valid")
    assert (report.verdict, check(report, "issuer-binding")) == (
        "invalid",
        ("failed", "kid-issuer-mismatch"),
    )


def test_did_jwk_issuer(world: World) -> None:
    key = SigningKey.generate()
    did = "did:jwk:" + b64url_encode(json.dumps(key.public.jwk()).encode())
    assert resolve_did_jwk(did + "#0") == key.public
    report = verify(world, foreign_token(world, key, did + "#0", issuer=did))
    assert report.verdict == "untrusted-issuer"
    assert check(report, "issuer-key") == ("passed", "did-jwk")
    assert check(report, "issuer-binding") == ("passed", "issuers-key")
    with pytest.raises(KeyFormatError):
        resolve_did_jwk(did + "#1")


def test_did_web_from_a_supplied_did_document(world: World) -> None:
    key = SigningKey.generate()
    did = "did:web:elders.example"
    document = {
        "id": did,
        "verificationMethod": [
            {"id": "#k", "type": "JsonWebKey", "controller": did, "publicKeyJwk": key.public.jwk()}
        ],
    }
    report = verify(world, foreign_token(world, key, f"{did}#k", issuer=did), document)
    assert check(report, "issuer-key") == ("passed", "did-document")
    assert report.verdict == "untrusted-issuer"


def test_trust_list_entry_for_an_https_issuer_is_valid(world: World) -> None:
    key = SigningKey.generate()
    listed = TrustedIssuer(
        did=ISSUER,
        name="Elders",
        keys=[TrustedKey(kid=KEY_URL, jwk=key.public.jwk(), valid_from=LONG_AGO)],
        accreditations=[
            Accreditation(kind="module-certificate", achievements=[MODULE_URL], valid_from=LONG_AGO)
        ],
    )
    trust_list = TrustList(
        id="t", issuer="x", issued=LONG_AGO, issuers=[*world.trust_list.issuers, listed]
    )
    report = verify(world, foreign_token(world, key, KEY_URL), trust_list=trust_list)
    assert report.verdict == "valid", report.checks
    assert report.credential is not None
    assert report.credential.trusted_issuer_name == "Elders"
