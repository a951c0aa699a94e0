"""Issuing deelcertificaten and EVC records: payload shape (golden files), header, claims."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from credentials.issue import issue_deelcertificaat, issue_evc
from credentials.keys import SigningKey
from schemas.credentials import (
    AchievementCredentialDoc,
    CompetenceInput,
    CompetenceResultInput,
    CredentialStatus,
    CreditsInput,
    DeelcertificaatInput,
    EvcInput,
    EvidenceInput,
    LevelInput,
    ModuleVersionInput,
    Party,
    Profile,
    SignedCredentialPayload,
    StandardInput,
)
from schemas.errors.credentials import CredentialInputError

GOLDEN = Path(__file__).parent / "golden"
ISSUER = Party(
    id="did:web:registry.example%3A8443:issuers:techniek-college", name="Techniek College"
)
HOLDER = Party(
    id="did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", name="Fatima el Amrani"
)
KID = ISSUER.id + "#key-1"
ISSUED_AT = dt.datetime(2026, 3, 2, 14, 30, 5, tzinfo=dt.UTC)
STATUS_LIST = "https://registry.example:8443/status/"


def fixed_key() -> SigningKey:
    """An Ed25519 key from a fixed seed, through the planned PKCS#8 constructor."""
    raw = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    der = raw.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SigningKey.from_pkcs8(der)


def status_entries(*purposes: str) -> list[CredentialStatus]:
    return [
        CredentialStatus(
            id=f"{STATUS_LIST}{purpose}-1#40967",
            type="BitstringStatusListEntry",
            status_purpose=purpose,
            status_list_index="40967",
            status_list_credential=f"{STATUS_LIST}{purpose}-1",
        )
        for purpose in purposes
    ]


def deelcertificaat_input(
    *, status: list[CredentialStatus] | None = None, minimal: bool = False, **changes: Any
) -> DeelcertificaatInput:
    module = ModuleVersionInput(
        url="https://registry.example:8443/api/catalogue/modules/laadpaalmonteur/versions/2",
        title="Laadpaalmonteur",
        description="Laadpalen voor elektrische auto's installeren, aansluiten en opleveren.",
        criteria_narrative="Praktijkopdracht: een laadpaal installeren en opleveren (NEN 1010).",
        competences=[]
        if minimal
        else [
            CompetenceInput(
                uri="http://data.europa.eu/esco/skill/7ee6f2a5-4a4f-4a4b-9d6b-2b0b6f0c1a11",
                label="laadpalen installeren",
                framework="ESCO",
                code="S8.1.3",
            ),
            CompetenceInput(
                uri="https://registry.example:8443/competences/nen-1010-toepassen",
                label="NEN 1010 toepassen",
                framework="Branchestandaard installatietechniek",
            ),
        ],
        level=None if minimal else LevelInput(scheme="mbo", value=3),
        study_load_hours=40,
        credits=None if minimal else CreditsInput(value=1.5, system="ECTS"),
        provider=Party(id="https://techniekcollege.example/", name="Techniek College"),
        language=None if minimal else "nl",
    )
    values: dict[str, Any] = {
        "id": "urn:uuid:8f1b6c1e-2d4a-4c59-9b0a-3f2e1d0c9b8a",
        "issuer": ISSUER,
        "holder": HOLDER,
        "module": module,
        "issued_at": ISSUED_AT,
        "status": status if status is not None else status_entries("revocation"),
    }
    values.update(changes)
    return DeelcertificaatInput(**values)


def evc_input(*, status: list[CredentialStatus] | None = None, **changes: Any) -> EvcInput:
    werkproces_1 = CompetenceInput(
        uri="https://registry.example:8443/standards/eerste-monteur-elektrotechniek/B1-K1-W1",
        label="Bereidt de werkzaamheden voor",
        framework="Kwalificatiedossier Eerste monteur elektrotechnische installaties",
        code="B1-K1-W1",
    )
    werkproces_2 = CompetenceInput(
        uri="https://registry.example:8443/standards/eerste-monteur-elektrotechniek/B1-K1-W3",
        label="Installeert elektrotechnische installaties",
        framework="Kwalificatiedossier Eerste monteur elektrotechnische installaties",
        code="B1-K1-W3",
    )
    standard = StandardInput(
        url="https://registry.example:8443/standards/eerste-monteur-elektrotechniek",
        name="Eerste monteur elektrotechnische installaties",
        description="Kwalificatiestandaard mbo niveau 3, kerntaak B1-K1.",
        criteria_narrative="Beoordeeld volgens de Kwaliteitscode EVC met twee assessoren.",
        werkprocessen=[werkproces_1, werkproces_2],
        level=LevelInput(scheme="mbo", value=3),
        creator=Party(id="https://www.s-bb.example/", name="SBB"),
    )
    values: dict[str, Any] = {
        "id": "urn:uuid:0c7d1f52-8e3a-4a61-a5a4-6f1f0b3c2e77",
        "issuer": Party(
            id="did:web:registry.example%3A8443:issuers:evc-centrum", name="EVC Centrum"
        ),
        "holder": HOLDER,
        "standard": standard,
        "results": [
            CompetenceResultInput(competence=werkproces_1, status="behaald", achieved_level="3"),
            CompetenceResultInput(competence=werkproces_2, status="niet behaald"),
        ],
        "evidence": [
            EvidenceInput(
                name="Portfolio",
                description="Werkbewijzen van vijf jaar installatiewerk.",
                genre="portfolio",
            ),
            EvidenceInput(
                name="Criteriumgericht interview",
                description="Gesprek over de werkprocessen van kerntaak B1-K1.",
                genre="criteriumgericht interview",
            ),
            EvidenceInput(
                name="Observatie op de werkplek",
                description="Een installatie aanleggen bij de werkgever, geobserveerd.",
                genre="observatie op de werkplek",
            ),
        ],
        "issued_at": ISSUED_AT,
        "valid_until": dt.datetime(2031, 3, 2, 14, 30, 5, tzinfo=dt.UTC),
        "status": status if status is not None else status_entries("revocation"),
    }
    values.update(changes)
    return EvcInput(**values)


def b64d(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def split(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    header, payload, signature = token.split(".")
    return (
        json.loads(b64d(header)),
        json.loads(b64d(payload)),
        f"{header}.{payload}".encode(),
        b64d(signature),
    )


def check_golden(name: str, payload: dict[str, Any]) -> None:
    path = GOLDEN / name
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    # Text comparison, so member order counts too (json.loads keeps the payload's order).
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"
    )


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return fixed_key()


def test_deelcertificaat_golden(key: SigningKey) -> None:
    issued = issue_deelcertificaat(deelcertificaat_input(), key, kid=KID)
    header, payload, signing_input, signature = split(issued.jws)
    check_golden("deelcertificaat.json", payload)
    assert header == {"alg": "EdDSA", "kid": KID, "typ": "vc+jwt"}
    assert key.public.verify(signature, signing_input)


def test_evc_golden(key: SigningKey) -> None:
    issued = issue_evc(evc_input(), key, kid=KID)
    header, payload, signing_input, signature = split(issued.jws)
    check_golden("evc.json", payload)
    assert header == {"alg": "EdDSA", "kid": KID, "typ": "vc+jwt"}
    assert key.public.verify(signature, signing_input)


@pytest.mark.parametrize("kind", ["deelcertificaat", "evc"])
def test_registered_claims_mirror_document(key: SigningKey, kind: str) -> None:
    if kind == "evc":
        issued = issue_evc(evc_input(), key, kid=KID)
    else:
        valid_until = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        issued = issue_deelcertificaat(deelcertificaat_input(valid_until=valid_until), key, kid=KID)
    _, payload, _, _ = split(issued.jws)
    assert payload["iss"] == payload["issuer"]["id"]
    assert payload["sub"] == payload["credentialSubject"]["id"]
    assert payload["jti"] == payload["id"] == issued.id
    assert payload["nbf"] == int(dt.datetime.fromisoformat(payload["validFrom"]).timestamp())
    assert payload["exp"] == int(dt.datetime.fromisoformat(payload["validUntil"]).timestamp())
    assert all(type(payload[claim]) is int for claim in ("nbf", "exp"))


def test_no_exp_without_valid_until(key: SigningKey) -> None:
    _, payload, _, _ = split(issue_deelcertificaat(deelcertificaat_input(), key, kid=KID).jws)
    assert "validUntil" not in payload
    assert "exp" not in payload


def test_payload_is_the_document_plus_claims(key: SigningKey) -> None:
    issued = issue_evc(evc_input(), key, kid=KID)
    _, payload, _, _ = split(issued.jws)
    assert payload == msgspec.to_builtins(issued.document)
    for claim in ("iss", "sub", "jti", "nbf", "exp"):
        del payload[claim]
    plain = msgspec.convert(payload, AchievementCredentialDoc)
    assert msgspec.to_builtins(plain) == payload
    assert "vc" not in payload


def test_payload_decodes_as_document(key: SigningKey) -> None:
    issued = issue_evc(evc_input(), key, kid=KID)
    payload = b64d(issued.jws.split(".")[1])
    assert msgspec.json.decode(payload, type=SignedCredentialPayload) == issued.document
    # Re-encoding gives the same bytes: the verifier's fast path relies on it.
    assert msgspec.json.encode(issued.document) == payload
    assert isinstance(
        msgspec.json.decode(payload, type=AchievementCredentialDoc), AchievementCredentialDoc
    )


def test_generated_ids_are_fresh_uuids(key: SigningKey) -> None:
    data = deelcertificaat_input(id=None)
    first = issue_deelcertificaat(data, key, kid=KID)
    second = issue_deelcertificaat(data, key, kid=KID)
    assert first.id.startswith("urn:uuid:")
    assert len(first.id) == len("urn:uuid:") + 36
    assert first.id != second.id
    assert first.document.id == first.id


def test_dates_are_utc_whole_seconds(key: SigningKey) -> None:
    local = dt.datetime(2026, 7, 1, 9, 0, 0, 987_654, tzinfo=ZoneInfo("Europe/Amsterdam"))
    issued = issue_deelcertificaat(deelcertificaat_input(issued_at=local), key, kid=KID)
    _, payload, _, _ = split(issued.jws)
    assert payload["validFrom"] == "2026-07-01T07:00:00Z"
    assert payload["nbf"] == int(local.timestamp())


def test_holder_name_only_as_identifier(key: SigningKey) -> None:
    issued = issue_deelcertificaat(deelcertificaat_input(), key, kid=KID)
    _, payload, _, _ = split(issued.jws)
    assert json.dumps(payload, ensure_ascii=False).count(HOLDER.name) == 1
    assert payload["credentialSubject"]["identifier"] == [
        {
            "type": "IdentityObject",
            "hashed": False,
            "identityHash": HOLDER.name,
            "identityType": "name",
        }
    ]


def test_status_shape(key: SigningKey) -> None:
    none = issue_deelcertificaat(deelcertificaat_input(status=[]), key, kid=KID)
    one = issue_deelcertificaat(
        deelcertificaat_input(status=status_entries("revocation")), key, kid=KID
    )
    assert "credentialStatus" not in split(none.jws)[1]
    assert split(one.jws)[1]["credentialStatus"]["statusPurpose"] == "revocation"


def test_evc_results_and_evidence(key: SigningKey) -> None:
    _, payload, _, _ = split(issue_evc(evc_input(), key, kid=KID).jws)
    achievement = payload["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "ext:EVC"
    descriptions = {rd["id"]: rd for rd in achievement["resultDescription"]}
    results = payload["credentialSubject"]["result"]
    assert [r["status"] for r in results] == ["Completed", "Failed"]
    achieved = results[0]["achievedLevel"]
    levels = descriptions[results[0]["resultDescription"]]["rubricCriterionLevel"]
    assert [level["id"] for level in levels] == [achieved]
    assert "achievedLevel" not in results[1]
    # Evidence is described, never attached or linked.
    assert all(
        set(item) == {"type", "name", "description", "genre"} for item in payload["evidence"]
    )


def test_result_description_ids_are_stable(key: SigningKey) -> None:
    first = issue_evc(evc_input(id=None), key, kid=KID).document
    second = issue_evc(evc_input(id=None), key, kid=KID).document
    ids = [rd.id for rd in first.credential_subject.achievement.result_description]
    assert ids == [rd.id for rd in second.credential_subject.achievement.result_description]
    assert len(set(ids)) == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"issued_at": dt.datetime(2026, 3, 2, 14, 30)},
        {"valid_until": ISSUED_AT},
        {"valid_until": ISSUED_AT - dt.timedelta(days=1)},
        {"holder": Party(id="fatima@example.org", name="Fatima el Amrani")},
        {"issuer": Party(id="https://techniekcollege.example/", name="Techniek College")},
    ],
)
def test_bad_input_is_refused(key: SigningKey, changes: dict[str, Any]) -> None:
    with pytest.raises(CredentialInputError) as caught:
        issue_deelcertificaat(deelcertificaat_input(**changes), key, kid=KID)
    assert caught.value.code == "bad-credential-input"


def test_document_type_decodes_common_foreign_shapes() -> None:
    foreign = {
        "@context": ["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://x.example/#"}],
        "id": "https://other.example/credentials/1",
        "type": "OpenBadgeCredential",
        "issuer": "did:web:other.example",
        "validFrom": "2025-01-01T00:00:00+01:00",
        "credentialSubject": {
            "type": "AchievementSubject",
            "achievement": {
                "id": "https://other.example/a/1",
                "type": "Achievement",
                "name": "x",
                "description": "y",
                "criteria": {"narrative": "z"},
                "image": {"id": "https://other.example/a.png", "type": "Image"},
            },
        },
        "credentialStatus": {"id": "https://other.example/s#1", "type": "1EdTechRevocationList"},
        "credentialSchema": {"id": "https://other.example/schema", "type": "JsonSchema"},
        "unknownTerm": 1,
    }
    doc = msgspec.json.decode(json.dumps(foreign), type=AchievementCredentialDoc)
    assert doc.issuer == "did:web:other.example"
    assert doc.valid_from.utcoffset() == dt.timedelta(hours=1)
    assert not isinstance(doc.issuer, Profile)


def test_document_type_rejects_missing_achievement() -> None:
    broken = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential"],
        "issuer": "did:web:x",
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"type": ["AchievementSubject"]},
    }
    with pytest.raises(msgspec.ValidationError, match="achievement"):
        msgspec.json.decode(json.dumps(broken), type=AchievementCredentialDoc)
