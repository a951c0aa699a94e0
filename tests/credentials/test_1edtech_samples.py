"""The 1EdTech Open Badges 3.0 validator's sample credentials (tests/credentials/vectors/
1edtech-ob30): JSON with Data Integrity proofs whose key is an https:// URL (resolved from a
supplied verification method document, never fetched), baked PNG and SVG badges, a JWT."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from credentials.keydocs import KeyStore
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.verification import Report

SAMPLES = Path(__file__).parent / "vectors" / "1edtech-ob30"
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
ISSUER = "https://example.com/issuers/876543"
MULTIBASES = (
    "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
    "z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x",
)
# The issuer's profile with the keys its sample key URLs name, as the operator or the user
# supplies it (nothing is fetched).
KEY_DOCUMENT = {
    "id": ISSUER,
    "type": ["Profile"],
    "verificationMethod": [
        {"id": f"{ISSUER}#{key}", "type": "Multikey", "controller": ISSUER,
         "publicKeyMultibase": key}
        for key in MULTIBASES
    ],
}  # fmt: skip
OTHER = "https://1edtech.edu/issuers/565049"
OTHER_MULTIBASE = "z6Mknyb2Gb4NxzW3xSr9ChTtdQZ1zs77piQ3r9SaJ9vMzmrs"
OTHER_KEY_DOCUMENT = {  # an issuer profile listing the key of complete.json
    "id": OTHER,
    "type": ["Profile"],
    "verificationMethod": [
        {"id": f"#{OTHER_MULTIBASE}", "type": "Multikey", "publicKeyMultibase": OTHER_MULTIBASE}
    ],
}
EXPECTED = {
    # genuine, from an issuer on no trust list
    "simple.json": ("untrusted-issuer", None),
    "simple-json.png": ("untrusted-issuer", None),
    "simple-json.svg": ("untrusted-issuer", None),
    "simple-multiple-proofs.json": ("untrusted-issuer", None),
    "simple-did-key-method.json": ("untrusted-issuer", ("issuer-binding", "issuer-keys-unknown")),
    # what the samples are about
    "simple-err-expired.json": ("expired", ("dates", "expired")),
    "simple-err-proof-value.json": ("invalid", ("signature", "signature-invalid")),
    "simple-err-issuer.json": ("invalid", ("issuer-binding", "no-issuer")),
    "simple-noproof.json": ("invalid", ("payload", "missing-proof")),
    # what we cannot check: a pre-standard cryptosuite, a 1EdTech revocation list, a JWT whose
    # key is only in its header (never trusted)
    "simple-eddsa-2022.json": ("cannot-verify", ("signature", "unknown-cryptosuite")),
    "complete.json": ("cannot-verify", ("status", "unknown-status-type")),
    "simple.jwt": ("cannot-verify", ("issuer-key", "no-kid")),
    "simple-jwt.png": ("cannot-verify", ("issuer-key", "no-kid")),
    "simple-jwt.svg": ("cannot-verify", ("issuer-key", "no-kid")),
}


def verify(data: bytes, *documents: object) -> Report:
    config = VerifierConfig(clock=lambda: NOW, documents=KeyStore(documents))
    return Verifier(config).verify(data)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample(name: str) -> None:
    report = verify((SAMPLES / name).read_bytes(), KEY_DOCUMENT, OTHER_KEY_DOCUMENT)
    verdict, failure = EXPECTED[name]
    failed = [(c.name, c.code) for c in report.checks if c.status == "failed"]
    assert report.verdict == verdict, failed
    if failure is not None:
        assert failure in failed


def test_the_https_key_url_without_its_document_cannot_verify() -> None:
    report = verify((SAMPLES / "simple.json").read_bytes())
    failed = [(c.name, c.code) for c in report.checks if c.status == "failed"]
    assert report.verdict == "cannot-verify"
    assert ("issuer-key", "issuer-key-unknown") in failed


def test_a_tampered_sample_is_invalid() -> None:
    text = (SAMPLES / "simple.json").read_bytes().replace(b"Example Corp", b"Elders")
    report = verify(text, KEY_DOCUMENT)
    assert report.verdict == "invalid"
