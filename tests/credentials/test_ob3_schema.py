"""Issued credentials against the official OB 3.0 AchievementCredential JSON Schema (strict 2024).

The schema is a local, unmodified copy (see schemas/README.md) registered by its `$id` in a
`referencing.Registry` whose retriever refuses everything, so no test can reach the network.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from credentials.issue import issue_certificate, issue_deelcertificaat, issue_evc
from credentials.keys import SigningKey
from schemas.credentials import CertificateInput, CompetenceInput, Party
from schemas.errors.credentials import CredentialInputError
from tests.credentials.test_issue import (
    HOLDER,
    KID,
    deelcertificaat_input,
    evc_input,
    fixed_key,
    split,
    status_entries,
)

SCHEMA_PATH = Path(__file__).parent / "schemas" / "ob_v3p0_achievementcredential_schema.json"


def _no_fetch(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)


SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
REGISTRY: Registry[Any] = Registry(retrieve=_no_fetch).with_resource(  # type: ignore[call-arg]
    SCHEMA["$id"], Resource.from_contents(SCHEMA)
)


@pytest.fixture(scope="module")
def validator() -> Draft201909Validator:
    Draft201909Validator.check_schema(SCHEMA)
    return Draft201909Validator(
        SCHEMA, registry=REGISTRY, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return fixed_key()


Issue = Callable[[SigningKey], dict[str, Any]]


def _payload(token: str) -> dict[str, Any]:
    return split(token)[1]


CASES: dict[str, Issue] = {
    "deelcertificaat": lambda k: _payload(
        issue_deelcertificaat(
            deelcertificaat_input(status=status_entries("revocation")), k, kid=KID
        ).jws
    ),
    "deelcertificaat-minimal-no-status": lambda k: _payload(
        issue_deelcertificaat(deelcertificaat_input(status=[], minimal=True), k, kid=KID).jws
    ),
    "deelcertificaat-valid-until": lambda k: _payload(
        issue_deelcertificaat(
            deelcertificaat_input(
                status=status_entries("suspension"),
                valid_until=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
            ),
            k,
            kid=KID,
        ).jws
    ),
    "evc": lambda k: _payload(issue_evc(evc_input(), k, kid=KID).jws),
    "evc-no-status-no-evidence": lambda k: _payload(
        issue_evc(evc_input(status=[], evidence=[], valid_until=None), k, kid=KID).jws
    ),
    "certificate": lambda k: _payload(issue_certificate(_certificate_input(), k, kid=KID).jws),
}


def _certificate_input() -> CertificateInput:
    """VCA Basis by an exam institute: ten years valid, with a revocation entry."""
    return CertificateInput(
        issuer=Party(id="did:web:registry.example:issuers:examencentrum", name="Examencentrum"),
        holder=HOLDER,
        scheme=CompetenceInput(
            uri="https://www.vca.nl/schemes/vca-basis", label="VCA Basis", code="B-VCA"
        ),
        issued_at=dt.datetime(2026, 12, 3, tzinfo=dt.UTC),
        valid_until=dt.datetime(2036, 12, 3, tzinfo=dt.UTC),
        status=status_entries("revocation"),
    )


def _errors(validator: Draft201909Validator, document: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_issued_credential_matches_strict_ob3_schema(
    validator: Draft201909Validator, key: SigningKey, case: str
) -> None:
    assert _errors(validator, CASES[case](key)) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_dates_are_rfc3339_with_offset(key: SigningKey, case: str) -> None:
    # The format checker needs an optional package for date-time; check the form directly.
    payload = CASES[case](key)
    for field in ("validFrom", "validUntil"):
        if field in payload:
            assert payload[field].endswith("Z")
            assert dt.datetime.fromisoformat(payload[field]).tzinfo is not None


@pytest.mark.parametrize(
    "path",
    [
        ("validFrom",),
        ("credentialSubject", "achievement"),
        ("credentialSubject", "achievement", "criteria"),
        ("credentialSubject", "achievement", "description"),
        ("credentialSubject", "identifier", 0, "hashed"),
        ("credentialSubject", "result", 0, "type"),
        ("credentialSubject", "achievement", "resultDescription", 0, "resultType"),
        ("credentialSubject", "achievement", "alignment", 0, "targetUrl"),
    ],
)
def test_missing_required_field_fails(
    validator: Draft201909Validator, key: SigningKey, path: tuple[str | int, ...]
) -> None:
    document = copy.deepcopy(CASES["evc"](key))
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    assert _errors(validator, document)


def test_wrong_shapes_fail(validator: Draft201909Validator, key: SigningKey) -> None:
    document = CASES["evc"](key)
    document["credentialSubject"]["achievement"]["achievementType"] = "EVC"
    document["credentialSubject"]["result"][0]["status"] = "behaald"
    document["@context"] = ["https://www.w3.org/2018/credentials/v1"]
    errors = _errors(validator, document)
    assert any(e.startswith("@context") for e in errors)
    assert any("achievementType" in e for e in errors)
    assert any("result/0/status" in e for e in errors)


def test_two_status_entries_would_fail_ob3_schema(
    validator: Draft201909Validator, key: SigningKey
) -> None:
    # Why our profile writes one status entry: a VC 2.0 list fails the OB 3.0 schema
    # (1EdTech/openbadges-specification#623); suspension uses a sibling list instead.
    payload = _payload(issue_deelcertificaat(deelcertificaat_input(), key, kid=KID).jws)
    payload["credentialStatus"] = [payload["credentialStatus"]] * 2
    assert _errors(validator, payload) != []
    with pytest.raises(CredentialInputError):
        issue_deelcertificaat(
            deelcertificaat_input(status=status_entries("revocation", "suspension")), key, kid=KID
        )


def test_nothing_is_fetched() -> None:
    # A $ref to an unknown URL must fail locally instead of going to the network.
    probe = Draft201909Validator({"$ref": "https://example.invalid/x.json"}, registry=REGISTRY)
    with pytest.raises(Unresolvable):
        probe.validate({})


def test_schema_is_the_official_strict_file() -> None:
    assert SCHEMA["$id"].startswith("https://purl.imsglobal.org/spec/ob/v3p0/schema/")
    # Strict form: credentialSchema must be an array (the 2025 form also takes one object).
    assert SCHEMA["properties"]["credentialSchema"]["type"] == "array"
