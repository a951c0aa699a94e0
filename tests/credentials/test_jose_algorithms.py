"""JWS algorithms beyond our own EdDSA / ES256, for others' credentials: RS256, PS256 (and the
other RSxxx / PSxxx), ES384; the RFC 8037 and RFC 7520 vectors; an algorithm we cannot check
is `cannot-verify`, an HMAC is `invalid`, an unknown key is `cannot-verify`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from credentials.b64 import b64url_encode
from credentials.jws import JwsError, parse_compact, verify_jws
from credentials.keydocs import KeyStore
from credentials.keys import KeyFormatError, VerifyingKey
from tests.credentials.test_keysource import ISSUER, KEY_URL
from tests.credentials.test_verify import World, check, parts

VECTORS = json.loads((Path(__file__).parent / "vectors/jose/jws-vectors.json").read_text())
BY_ID = {vector["id"]: vector for vector in VECTORS}


@pytest.mark.parametrize("name", ["RFC 8037 A.4", "RFC 7520 4.1", "RFC 7520 4.2"])
def test_rfc_vectors_verify(name: str) -> None:
    vector = BY_ID[name]
    key = VerifyingKey.from_jwk({k: v for k, v in vector["key"].items() if k != "kid"})
    parsed = parse_compact(vector["compact"])
    assert verify_jws(parsed, key)
    head, body, signature = vector["compact"].split(".")
    tampered = parse_compact(f"{head}.{body[:-2]}cw.{signature}")
    assert not verify_jws(tampered, key)


def test_rfc_7520_es512_is_not_supported_and_hs256_not_allowed() -> None:
    with pytest.raises(JwsError) as es512:
        parse_compact(BY_ID["RFC 7520 4.3"]["compact"])
    with pytest.raises(JwsError) as hs256:
        parse_compact(BY_ID["RFC 7520 4.4"]["compact"])
    assert (es512.value.code, hs256.value.code) == ("alg-not-supported", "alg-not-allowed")


def test_rsa_key_forms() -> None:
    key = VerifyingKey.from_jwk(BY_ID["RFC 7520 4.1"]["key"])
    assert key.alg == "RS256"
    assert VerifyingKey.from_jwk(key.jwk()) == key
    assert key.thumbprint()
    small = rsa.generate_private_key(65537, 1024).public_key()
    with pytest.raises(KeyFormatError, match="2048"):
        VerifyingKey(small)


def _sign(private: Any, alg: str, data: bytes) -> bytes:
    if isinstance(private, rsa.RSAPrivateKey):
        digest = {"256": hashes.SHA256(), "384": hashes.SHA384()}[alg[2:]]
        pad: Any = (
            padding.PSS(mgf=padding.MGF1(digest), salt_length=digest.digest_size)
            if alg.startswith("PS")
            else padding.PKCS1v15()
        )
        return bytes(private.sign(data, pad, digest))
    r, s = decode_dss_signature(private.sign(data, ec.ECDSA(hashes.SHA384())))
    return r.to_bytes(48, "big") + s.to_bytes(48, "big")


def foreign_jws(world: World, private: Any, alg: str) -> str:
    _, payload, _ = parts(world.credential())
    payload |= {"issuer": {"id": ISSUER, "type": ["Profile"]}, "iss": ISSUER}
    payload.pop("credentialStatus")
    header = {"alg": alg, "kid": KEY_URL, "typ": "vc+jwt"}
    signing_input = ".".join(b64url_encode(json.dumps(part).encode()) for part in (header, payload))
    return f"{signing_input}.{b64url_encode(_sign(private, alg, signing_input.encode()))}"


@pytest.mark.parametrize("alg", ["RS256", "PS256", "RS384", "ES384"])
def test_credentials_with_more_algorithms(alg: str) -> None:
    world = World()
    private: Any = (
        ec.generate_private_key(ec.SECP384R1())
        if alg == "ES384"
        else rsa.generate_private_key(65537, 2048)
    )
    token = foreign_jws(world, private, alg)
    unknown = world.verify(token)
    assert (unknown.verdict, check(unknown, "issuer-key")[1]) == (
        "cannot-verify",
        "issuer-key-unknown",
    )
    jwk = {**VerifyingKey(private.public_key()).jwk(), "kid": KEY_URL}
    known = world.verify(token, documents=KeyStore([{"keys": [jwk]}]))
    assert known.verdict == "untrusted-issuer", known.checks
    assert check(known, "signature") == ("passed", "signature-valid")
    header, payload, signature = parts(token)
    payload["name"] = "Anders"
    tampered = ".".join(
        [*(b64url_encode(json.dumps(p).encode()) for p in (header, payload)), signature]
    )
    bad = world.verify(tampered, documents=KeyStore([{"keys": [jwk]}]))
    assert (bad.verdict, check(bad, "signature")[1]) == ("invalid", "signature-invalid")


def test_an_unsupported_algorithm_in_a_credential_cannot_verify() -> None:
    world = World()
    header, payload, signature = parts(world.credential())
    header["alg"] = "ES512"
    token = ".".join(
        [*(b64url_encode(json.dumps(p).encode()) for p in (header, payload)), signature]
    )
    report = world.verify(token)
    assert (report.verdict, check(report, "jws")) == (
        "cannot-verify",
        ("failed", "alg-not-supported"),
    )
