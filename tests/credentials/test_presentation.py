"""Verifiable Presentations: payload shape, holder kid, signature."""

from __future__ import annotations

import datetime as dt

import pytest

from credentials.jws import parse_compact, strict_json, verify_jws
from credentials.keys import SigningKey, did_key, resolve_did_key
from credentials.presentation import holder_kid, present
from schemas.errors import InvalidInputError

ISSUED = dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC)
EXPIRES = ISSUED + dt.timedelta(days=7)
CREDENTIALS = ["eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2ln", "eyJhbGciOiJFZERTQSJ9.eyJiIjoyfQ.c2ln"]


def make(holder: SigningKey, **overrides: object) -> str:
    arguments: dict[str, object] = {
        "holder_did": did_key(holder.public),
        "audience": "https://employer.example",
        "nonce": "n-0S6_WzA2Mj",
        "issued_at": ISSUED,
        "expires_at": EXPIRES,
    }
    arguments.update(overrides)
    return present(CREDENTIALS, holder, **arguments)  # type: ignore[arg-type]


def test_payload_shape() -> None:
    holder = SigningKey.generate()
    holder_did = did_key(holder.public)
    parsed = parse_compact(make(holder))
    assert strict_json(parsed.payload) == {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": holder_did,
        "verifiableCredential": [
            {
                "@context": "https://www.w3.org/ns/credentials/v2",
                "type": "EnvelopedVerifiableCredential",
                "id": "data:application/vc+jwt," + jws,
            }
            for jws in CREDENTIALS
        ],
        "aud": "https://employer.example",
        "nonce": "n-0S6_WzA2Mj",
        "iat": int(ISSUED.timestamp()),
        "exp": int(EXPIRES.timestamp()),
    }
    payload = strict_json(parsed.payload)
    assert type(payload["iat"]) is int
    assert type(payload["exp"]) is int


@pytest.mark.parametrize("kind", ["Ed25519", "P-256"])
def test_header_and_signature(kind: str) -> None:
    holder = SigningKey.generate(kind)  # type: ignore[arg-type]
    parsed = parse_compact(make(holder))
    kid = parsed.header["kid"]
    assert parsed.header == {"alg": holder.alg, "kid": kid, "typ": "vp+jwt"}
    assert kid == holder_kid(holder.public)
    assert kid == f"{did_key(holder.public)}#{holder.public.multibase()}"
    # A verifier finds the key from the kid alone.
    key = resolve_did_key(kid)
    assert key == holder.public
    assert verify_jws(parsed, key)
    assert not verify_jws(parsed, SigningKey.generate(kind).public)  # type: ignore[arg-type]


def test_empty_presentation_allowed() -> None:
    holder = SigningKey.generate()
    tok = present(
        [],
        holder,
        holder_did=did_key(holder.public),
        audience="a",
        nonce="n",
        issued_at=ISSUED,
        expires_at=EXPIRES,
    )
    assert strict_json(parse_compact(tok).payload)["verifiableCredential"] == []


def test_refusals() -> None:
    holder = SigningKey.generate()
    with pytest.raises(InvalidInputError):
        make(holder, expires_at=ISSUED)
    with pytest.raises(InvalidInputError):
        make(holder, holder_did=did_key(SigningKey.generate().public))
    with pytest.raises(ValueError, match="timezone"):
        make(holder, issued_at=dt.datetime(2026, 5, 1))
    with pytest.raises(TypeError):
        present(
            CREDENTIALS[0],
            holder,
            holder_did="did:web:x",
            audience="a",
            nonce="n",
            issued_at=ISSUED,
            expires_at=EXPIRES,
        )


def test_non_did_key_holder() -> None:
    # A holder DID of another method is carried as given; the kid still names the key.
    holder = SigningKey.generate()
    parsed = parse_compact(make(holder, holder_did="did:web:wallet.example:u:1"))
    assert strict_json(parsed.payload)["holder"] == "did:web:wallet.example:u:1"
    assert resolve_did_key(parsed.header["kid"]) == holder.public
