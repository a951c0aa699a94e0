"""Presentations holding credentials in every form: enveloped JWS, JSON with a Data
Integrity proof, a bare JWS (VC 1.1), an enveloped SD-JWT VC; holder as a string or an object."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from credentials.dataintegrity import sign_proof
from credentials.jws import parse_compact, sign_compact, strict_json
from credentials.keys import SigningKey, did_key
from credentials.presentation import ENVELOPED_PREFIX, SD_JWT_PREFIX, holder_kid, present
from credentials.verifier import Verifier
from schemas.verification import Report
from tests.credentials.test_verify import NOW, World, check, parts

AUDIENCE, NONCE = "https://werkgever.example", "n-42"


@pytest.fixture
def world() -> World:
    return World()


def json_credential(world: World) -> dict[str, Any]:
    _, payload, _ = parts(world.credential())
    document = {k: v for k, v in payload.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    return sign_proof(
        document,
        world.issuer_key,
        verification_method=world.kid,
        cryptosuite="eddsa-jcs-2022",
        created="2026-03-02T14:30:05Z",
    )


def presentation(world: World, items: list[Any], holder: Any, key: SigningKey) -> str:
    payload = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": holder,
        "verifiableCredential": items,
        "aud": AUDIENCE,
        "nonce": NONCE,
        "iat": int(NOW.timestamp()) - 60,
        "exp": int(NOW.timestamp()) + 3600,
    }
    return sign_compact(msgspec.json.encode(payload), key, kid=holder_kid(key.public), typ="vp+jwt")


def verify(world: World, vp: str) -> Report:
    return Verifier(world.config()).verify(vp, audience=AUDIENCE, nonce=NONCE)


def test_every_form_in_one_presentation_with_an_object_holder(world: World) -> None:
    enveloped = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiableCredential",
        "id": ENVELOPED_PREFIX + world.credential(),
    }
    items = [enveloped, json_credential(world), world.credential()]
    holder = {"id": world.holder_did, "type": "Person"}
    report = verify(world, presentation(world, items, holder, world.holder_key))
    assert report.verdict == "valid", [r.checks for r in report.credentials or []]
    assert report.holder == world.holder_did
    assert report.credentials is not None
    assert [check(r, "holder") for r in report.credentials] == [
        ("passed", "holders-credential")
    ] * 3
    assert check(report.credentials[1], "signature") == ("passed", "proof-valid")


def test_a_json_credential_about_someone_else(world: World) -> None:
    other = SigningKey.generate()
    vp = presentation(world, [json_credential(world)], did_key(other.public), other)
    report = verify(world, vp)
    assert report.verdict == "invalid"
    assert report.credentials is not None
    assert check(report.credentials[0], "holder") == ("failed", "not-holders-credential")


def test_an_enveloped_sd_jwt_vc(world: World) -> None:
    from tests.credentials.test_sd_jwt import EXAMPLE

    item = {
        "type": ["EnvelopedVerifiableCredential"],
        "id": "data:application/dc+sd-jwt," + EXAMPLE["presentation"],
    }
    report = verify(world, presentation(world, [item], world.holder_did, world.holder_key))
    assert report.credentials is not None
    # No key for the example's issuer here: it cannot be checked, and the report says so.
    assert report.credentials[0].verdict == "cannot-verify"
    assert check(report.credentials[0], "payload") == ("passed", "sd-jwt-vc")


def test_unknown_items_are_refused(world: World) -> None:
    item = {"type": "EnvelopedVerifiableCredential", "id": "data:text/html,<b>x</b>"}
    report = verify(world, presentation(world, [item], world.holder_did, world.holder_key))
    assert report.verdict == "invalid"
    assert report.credentials is not None
    assert check(report.credentials[0], "jws") == ("failed", "not-enveloped")


def test_present_carries_each_credential_in_the_form_it_was_made_in(world: World) -> None:
    """A wallet holds imported JSON credentials and SD-JWT VCs too: `present` embeds the JSON
    as it is and envelopes an SD-JWT VC as one, so a verifier reads each (a `vc+jwt` envelope
    around either was unreadable, `invalid`)."""
    from tests.credentials.test_sd_jwt import EXAMPLE

    token = world.credential()
    document = msgspec.json.encode(json_credential(world)).decode()
    sd_jwt = EXAMPLE["presentation"]
    vp = present(
        [token, document, sd_jwt],
        world.holder_key,
        holder_did=world.holder_did,
        audience=AUDIENCE,
        nonce=NONCE,
        issued_at=NOW - dt.timedelta(minutes=1),
        expires_at=NOW + dt.timedelta(hours=1),
    )
    items = strict_json(parse_compact(vp).payload)["verifiableCredential"]
    assert items[0]["id"] == ENVELOPED_PREFIX + token
    assert items[1] == msgspec.json.decode(document)
    assert items[2]["id"] == SD_JWT_PREFIX + sd_jwt
    report = verify(world, vp)
    assert report.credentials is not None
    assert [r.verdict for r in report.credentials[:2]] == ["valid", "valid"]
    assert check(report.credentials[1], "signature") == ("passed", "proof-valid")
    # No key for the example's issuer here; what matters is that it was read as an SD-JWT VC.
    assert check(report.credentials[2], "payload") == ("passed", "sd-jwt-vc")
