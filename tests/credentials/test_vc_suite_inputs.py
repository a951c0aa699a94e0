"""The W3C VC 2.0 test-suite inputs (tests/credentials/vectors/vc-data-model-2.0-test-suite):
any VC 2.0 credential, not only Open Badges, issued by a did:key issuer as that suite's
harness does, then verified as a JWS and with an `eddsa-rdfc-2022` proof."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from credentials.dataintegrity import sign_proof
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.verification import Report

SUITE = Path(__file__).parent / "vectors" / "vc-data-model-2.0-test-suite"
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
KEY = SigningKey.generate()
ISSUER = did_key(KEY.public)
KID = f"{ISSUER}#{KEY.public.multibase()}"
# Genuine, but not `valid`: nobody on a trust list issued them, or their dates say so, or
# their status entry is of a type we cannot read (CredentialStatusList2017).
OTHER_THAN_UNTRUSTED = {
    "credential-validfrom-far-future-ok.json": "not-yet-valid",
    "credential-validuntil-ok.json": "expired",
    "credential-validuntil-ms-ok.json": "expired",
    "credential-validuntil-tz-ok.json": "expired",
    "credential-status-ok.json": "cannot-verify",
    "credential-status-missing-id-ok.json": "cannot-verify",
}
REFUSED = {
    "credential-missing-required-type-fail.json": ("schema", "not-a-vc"),
    "credential-no-type-fail.json": ("schema", "not-a-vc"),
    "credential-no-subject-fail.json": ("schema", "not-a-vc"),
    "credential-subject-no-claims-fail.json": ("schema", "not-a-vc"),
    "credential-subject-multiple-empty-fail.json": ("schema", "not-a-vc"),
    "credential-missing-base-context-fail-or-inject.json": ("schema", "not-a-vc"),
    "credential-no-context-fail-or-inject.json": ("payload", "not-a-credential"),
}


def suite_input(name: str) -> dict[str, Any]:
    text = (SUITE / name).read_text()
    text = text.replace("PAST DATE", "2025-01-01T00:00:00Z")
    document: dict[str, Any] = json.loads(text.replace("FUTURE DATE", "2030-01-01T00:00:00Z"))
    issuer = document.get("issuer")
    document["issuer"] = {**issuer, "id": ISSUER} if isinstance(issuer, dict) else ISSUER
    document.pop("proof", None)
    return document


def verify(data: str) -> Report:
    return Verifier(VerifierConfig(clock=lambda: NOW)).verify(data)


def failed(report: Report) -> list[tuple[str, str]]:
    return [(c.name, c.code) for c in report.checks if c.status == "failed"]


OK = sorted(p.name for p in SUITE.glob("*-ok.json"))


def test_the_inputs_are_there() -> None:
    assert len(OK) == 44
    assert set(REFUSED) <= {p.name for p in SUITE.glob("*.json")}


@pytest.mark.parametrize("name", OK)
def test_ok_inputs_as_jws(name: str) -> None:
    token = sign_compact(json.dumps(suite_input(name)).encode(), KEY, kid=KID, typ="vc+jwt")
    report = verify(token)
    assert report.verdict == OTHER_THAN_UNTRUSTED.get(name, "untrusted-issuer"), failed(report)
    passed = {c.name for c in report.checks if c.status == "passed"}
    assert {"signature", "issuer-binding", "schema"} <= passed
    assert ("schema", "not-ob3") not in failed(report)


@pytest.mark.parametrize("name", OK)
def test_ok_inputs_with_a_data_integrity_proof(name: str) -> None:
    signed = sign_proof(
        suite_input(name),
        KEY,
        verification_method=KID,
        cryptosuite="eddsa-rdfc-2022",
        created="2026-01-01T00:00:00Z",
    )
    report = verify(json.dumps(signed))
    assert report.verdict == OTHER_THAN_UNTRUSTED.get(name, "untrusted-issuer"), failed(report)
    signed["credentialSubject"] = {"id": "did:example:someone-else"}
    assert verify(json.dumps(signed)).verdict == "invalid"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_fail_inputs_are_refused(name: str) -> None:
    token = sign_compact(json.dumps(suite_input(name)).encode(), KEY, kid=KID, typ="vc+jwt")
    report = verify(token)
    assert report.verdict == "invalid"
    assert REFUSED[name] in failed(report)
