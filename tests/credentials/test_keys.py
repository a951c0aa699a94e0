"""Keys: RFC 8037 / did:key vectors, JWK and multibase forms, wrapping at rest."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from credentials.b64 import b64url_decode, b64url_encode
from credentials.keys import (
    SigningKey,
    VerifyingKey,
    did_key,
    resolve_did_key,
    unwrap_key,
    wrap_key,
)
from schemas.errors.credentials import KeyFormatError

# RFC 8037 appendix A.1-A.3.
RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
RFC8037_JWK = {"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X}
# did:key for publicKeyBase58 8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K (a did:key
# Ed25519 test vector, e.g. in ACA-Py's DID tests).
ED25519_DID = "did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th"
ED25519_B58 = "8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K"
# w3c-ccg/did-method-key test-vectors/nist-curves.json, first P-256 vector.
P256_DID = "did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv"
P256_JWK = {
    "kty": "EC",
    "crv": "P-256",
    "x": "igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns",
    "y": "efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM",
}


def rfc8037_signing_key() -> SigningKey:
    raw = ed25519.Ed25519PrivateKey.from_private_bytes(b64url_decode(RFC8037_D))
    return SigningKey(raw)


def test_rfc8037_thumbprint() -> None:
    key = VerifyingKey.from_jwk(RFC8037_JWK)
    assert key.thumbprint() == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    assert key.jwk() == RFC8037_JWK
    assert rfc8037_signing_key().public == key


def test_rfc8037_signature() -> None:
    # RFC 8037 A.4: Ed25519 is deterministic, so the signature is fixed.
    signing_input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
    expected = (
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
    )
    key = rfc8037_signing_key()
    assert key.alg == "EdDSA"
    assert b64url_encode(key.sign(signing_input)) == expected
    assert key.public.verify(b64url_decode(expected), signing_input)


def test_did_key_ed25519_vector() -> None:
    import base58

    raw = ed25519.Ed25519PublicKey.from_public_bytes(base58.b58decode(ED25519_B58))
    key = VerifyingKey(raw)
    assert did_key(key) == ED25519_DID
    assert key.multibase().startswith("z6Mk")
    assert resolve_did_key(ED25519_DID) == key
    fragment = ED25519_DID.removeprefix("did:key:")
    assert resolve_did_key(f"{ED25519_DID}#{fragment}") == key


def test_did_key_p256_vector() -> None:
    key = VerifyingKey.from_jwk(P256_JWK)
    assert key.alg == "ES256"
    assert did_key(key) == P256_DID
    assert key.multibase().startswith("zDn")
    resolved = resolve_did_key(P256_DID)
    assert resolved == key
    assert resolved.jwk() == P256_JWK


@pytest.mark.parametrize("kind", ["Ed25519", "P-256"])
def test_generate_sign_verify(kind: str) -> None:
    key = SigningKey.generate(kind)  # type: ignore[arg-type]
    signature = key.sign(b"data")
    assert len(signature) == 64
    assert key.public.verify(signature, b"data")
    assert not key.public.verify(signature, b"other")
    assert not key.public.verify(signature[:-1], b"data")
    assert not key.public.verify(b"", b"data")
    assert not key.public.verify(bytes(64), b"data")
    assert not SigningKey.generate(kind).public.verify(signature, b"data")  # type: ignore[arg-type]
    # Every public form round-trips to an equal key.
    assert VerifyingKey.from_jwk(key.public.jwk()) == key.public
    assert VerifyingKey.from_multibase(key.public.multibase()) == key.public
    assert resolve_did_key(did_key(key.public)) == key.public
    assert SigningKey.from_pkcs8(key.to_pkcs8()).public == key.public
    assert len(key.public.thumbprint()) == 43


def test_algorithms() -> None:
    assert SigningKey.generate().alg == "EdDSA"
    assert SigningKey.generate("P-256").alg == "ES256"
    assert SigningKey.generate("P-256").public.jwk()["kty"] == "EC"


@pytest.mark.parametrize(
    "jwk",
    [
        {**RFC8037_JWK, "d": RFC8037_D},  # private key material
        {**P256_JWK, "d": "gPh-VvVS8MbvKQ9LSVVmfnxnKjHn4Tqj0bmbpehRlpc"},
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {"kty": "oct", "k": "c2VjcmV0"},
        {"kty": "OKP", "crv": "X25519", "x": RFC8037_X},
        {"kty": "OKP", "crv": "Ed448", "x": RFC8037_X},
        {"kty": "EC", "crv": "P-384", "x": P256_JWK["x"], "y": P256_JWK["y"]},
        {"kty": "OKP", "crv": "Ed25519"},
        {"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X + "A"},
        {"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X + "="},
        {"kty": "OKP", "crv": "Ed25519", "x": 5},
        {**P256_JWK, "y": P256_JWK["x"]},  # not on the curve
        {**RFC8037_JWK, "alg": "HS256"},
        {**P256_JWK, "alg": "EdDSA"},
        {**RFC8037_JWK, "use": "enc"},
    ],
)
def test_from_jwk_refuses(jwk: dict[str, object]) -> None:
    with pytest.raises(KeyFormatError) as info:
        VerifyingKey.from_jwk(jwk)
    assert info.value.code == "bad-key"


def test_from_jwk_accepts_matching_alg() -> None:
    assert VerifyingKey.from_jwk({**RFC8037_JWK, "alg": "Ed25519", "kid": "x", "use": "sig"})
    assert VerifyingKey.from_jwk({**P256_JWK, "alg": "ES256"})


@pytest.mark.parametrize(
    "text",
    [
        "",
        "6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th",  # no multibase prefix
        "uAAAA",
        "z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th ",  # base58 would strip this
        "z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7t0",  # 0 is not base58
        "z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7t",  # too short
        "z16MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th",  # leading zero byte
        "z6LShpNhGwSupbB7zjuivH156vhLJBDDzmQtA4BY9S94pe1K",  # X25519, not a signing key
    ],
)
def test_from_multibase_refuses(text: str) -> None:
    with pytest.raises(KeyFormatError):
        VerifyingKey.from_multibase(text)


@pytest.mark.parametrize(
    "did",
    [
        "did:web:example.com",
        "did:key:",
        f"{ED25519_DID}#key-1",  # a did:key fragment names the key itself
        f"{ED25519_DID}#{P256_DID.removeprefix('did:key:')}",
    ],
)
def test_resolve_did_key_refuses(did: str) -> None:
    with pytest.raises(KeyFormatError):
        resolve_did_key(did)


def test_from_pkcs8_refuses_garbage() -> None:
    with pytest.raises(KeyFormatError):
        SigningKey.from_pkcs8(b"not a key")


def test_repr_hides_private_key() -> None:
    key = rfc8037_signing_key()
    assert RFC8037_D not in repr(key)
    assert "SigningKey" in repr(key)


@pytest.mark.parametrize("kind", ["Ed25519", "P-256"])
def test_wrap_unwrap_round_trip(kind: str) -> None:
    key = SigningKey.generate(kind)  # type: ignore[arg-type]
    blob = wrap_key(key, "server secret")
    assert blob.startswith("kw1.")
    assert b64url_encode(key.to_pkcs8()) not in blob
    assert unwrap_key(blob, "server secret").public == key.public
    # A fresh salt and nonce each time.
    assert wrap_key(key, "server secret") != blob


def test_unwrap_wrong_secret() -> None:
    blob = wrap_key(SigningKey.generate(), "right")
    with pytest.raises(KeyFormatError) as info:
        unwrap_key(blob, "wrong")
    assert info.value.code == "bad-wrapped-key"


def _flip_last_char(part: str) -> str:
    return part[:-2] + ("A" if part[-2] != "A" else "B") + part[-1]


@pytest.mark.parametrize("index", [1, 2, 3])
def test_unwrap_tampered_blob(index: int) -> None:
    parts = wrap_key(SigningKey.generate(), "secret").split(".")
    parts[index] = _flip_last_char(parts[index])
    with pytest.raises(KeyFormatError) as info:
        unwrap_key(".".join(parts), "secret")
    assert info.value.code == "bad-wrapped-key"


@pytest.mark.parametrize(
    "blob", ["", "kw1", "kw2.a.b.c", "kw1.AAAA.AAAA.AAAA", "kw1.!!.AAAA.AAAA", "kw1.a.b.c.d"]
)
def test_unwrap_malformed(blob: str) -> None:
    with pytest.raises(KeyFormatError) as info:
        unwrap_key(blob, "secret")
    assert info.value.code == "bad-wrapped-key"


def test_wrap_refuses_empty_secret() -> None:
    with pytest.raises(KeyFormatError):
        wrap_key(SigningKey.generate(), "")
