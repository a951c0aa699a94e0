"""The W3C Data Integrity test vectors through the whole pipeline: eddsa-rdfc-2022,
eddsa-jcs-2022, ecdsa-rdfc-2019 and ecdsa-jcs-2019 (P-256, P-384), proof sets and proof
chains. Genuine vectors read `untrusted-issuer` (their issuer is an https:// id nothing
describes, their keys did:key); tampered copies read `invalid`."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from credentials.dataintegrity import sign_proof, verify_proofs
from credentials.keys import SigningKey, did_key, resolve_did_key
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.verification import Report

VECTORS = Path(__file__).parent / "vectors"
FILES = [
    "vc-di-eddsa/signedDataInt.json",
    "vc-di-eddsa/signedJCS.json",
    "vc-di-eddsa/signedProofSet1.json",
    "vc-di-eddsa/signedProofSet2.json",
    "vc-di-eddsa/signedProofChain1.json",
    "vc-di-eddsa/signedProofChain2.json",
    "vc-di-ecdsa/signedECDSAP256.json",
    "vc-di-ecdsa/signedECDSAP384.json",
    "vc-di-ecdsa/signedJCSECDSAP256.json",
    "vc-di-ecdsa/signedJCSECDSAP384.json",
]
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((VECTORS / name).read_text())
    return document


def verify(document: dict[str, Any]) -> Report:
    return Verifier(VerifierConfig(clock=lambda: NOW)).verify(json.dumps(document))


def check(report: Report, name: str) -> tuple[str, str]:
    found = next(c for c in report.checks if c.name == name)
    return found.status, found.code


@pytest.mark.parametrize("name", FILES)
def test_genuine_vector_is_untrusted_not_invalid(name: str) -> None:
    document = load(name)
    assert all(r.ok for r in verify_proofs(document, resolve_key=resolve_did_key))
    report = verify(document)
    assert report.verdict == "untrusted-issuer", report.checks
    assert check(report, "signature")[0] == "passed"
    assert check(report, "issuer-binding") == ("failed", "issuer-keys-unknown")


@pytest.mark.parametrize("name", FILES)
def test_tampered_vector_is_invalid(name: str) -> None:
    document = load(name)
    document["credentialSubject"]["alumniOf"] = "Another School"
    report = verify(document)
    assert (report.verdict, check(report, "signature")) == (
        "invalid",
        ("failed", "signature-invalid"),
    )


def test_a_chain_missing_a_link_is_invalid() -> None:
    document = load("vc-di-eddsa/signedProofChain2.json")
    del document["proof"][0]
    report = verify(document)
    assert (report.verdict, check(report, "signature")[1]) == ("invalid", "bad-proof")


def test_a_proof_set_needs_every_key() -> None:
    document = copy.deepcopy(load("vc-di-eddsa/signedProofSet2.json"))
    stranger = "https://keys.example/unknown#1"
    document["proof"][1]["verificationMethod"] = stranger
    report = verify(document)
    assert (report.verdict, check(report, "issuer-key")) == (
        "cannot-verify",
        ("failed", "issuer-key-unknown"),
    )


@pytest.mark.parametrize("suite", ["ecdsa-rdfc-2019", "ecdsa-jcs-2019"])
def test_ecdsa_round_trip_with_our_p256_key(suite: Any) -> None:
    key = SigningKey.generate("P-256")
    issuer = did_key(key.public)
    document = {**load("vc-di-ecdsa/signedECDSAP256.json"), "issuer": issuer}
    del document["proof"]
    signed = sign_proof(
        document,
        key,
        verification_method=f"{issuer}#{key.public.multibase()}",
        cryptosuite=suite,
        created="2026-01-01T00:00:00Z",
    )
    report = verify(signed)
    assert report.verdict == "untrusted-issuer"
    assert check(report, "issuer-binding") == ("passed", "issuers-key")
