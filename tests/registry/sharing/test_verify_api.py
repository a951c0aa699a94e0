"""POST /api/verify and the main story end to end over HTTP: accredit, publish, issue, share,
verify `valid`, revoke, verify `revoked` (a deelcertificaat and an EVC record)."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

from tests.conftest import BASE_URL
from tests.registry.wallet_helpers import Person, World, foreign_credential

VP = "application/vp+jwt"


async def _check_share(world: World, share: dict[str, Any], employer: Person, verdict: str) -> None:
    """The employer verifies the share both ways: by URL, and by fetching the presentation."""
    report = await world.verify({"share": share["url"]}, headers=employer.headers)
    assert report["verdict"] == verdict, report
    assert {c["name"]: c["status"] for c in report["checks"]}["audience"] == "passed"
    assert {c["name"]: c["status"] for c in report["checks"]}["nonce"] == "passed"

    response = await world.client.get(share["url"], headers={**employer.headers, "Accept": VP})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(VP)
    presentation = response.text
    response = await world.client.post(
        "/api/verify", content=presentation, headers={**employer.headers, "Content-Type": VP}
    )
    assert response.status_code == 200, response.text
    assert response.json()["verdict"] == verdict
    as_json = await world.verify({"presentation": presentation})
    assert as_json["verdict"] == verdict


async def test_main_story_deelcertificaat(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne de Vries")
    employer = await world.person("employer", "hr@installateur.example")
    issued = await world.issue(worker)
    assert issued["holder"]["did"] == (await world.wallet(worker))["holder"]

    share = await world.share(worker, [issued["id"]], employer.email or "")
    assert share["url"] == f"{BASE_URL}/s/{share['token']}"
    assert len(share["token"]) >= 43  # 256 bits in base64url
    await _check_share(world, share, employer, "valid")
    report = await world.verify({"share": share["url"]})
    assert report["credentials"][0]["credential"]["achievement"] == "Laadpaalmonteur"
    assert report["holder"] == issued["holder"]["did"]

    await world.revoke(issued["id"])
    await _check_share(world, share, employer, "revoked")


async def test_main_story_evc(world: World) -> None:
    worker = await world.person("worker", "ahmed@example.nl", "Ahmed Bakir")
    employer = await world.person("employer", "werving@bouw.example")
    issued = await world.issue_evc(worker)
    assert issued["kind"] == "evc"
    share = await world.share(worker, [issued["id"]], employer.id)
    await _check_share(world, share, employer, "valid")
    report = await world.verify({"share": share["url"]})
    assert report["credentials"][0]["credential"]["achievementType"] == "ext:EVC"

    await world.revoke(issued["id"], headers=world.assessor)
    await _check_share(world, share, employer, "revoked")


async def test_verify_a_credential_jws(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    response = await world.client.post(
        "/api/verify", content=issued["credential"], headers={"Content-Type": "application/vc+jwt"}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["verdict"] == "valid"
    assert [c["name"] for c in report["checks"]] == [
        "jws", "payload", "issuer-key", "signature", "issuer-binding", "claims", "dates", "schema",
        "status", "accreditation",
    ]  # fmt: skip
    assert report["credential"]["id"] == issued["id"]
    assert (await world.verify({"credential": issued["credential"]}))["verdict"] == "valid"
    await world.revoke(issued["id"])
    assert (await world.verify({"credential": issued["credential"]}))["verdict"] == "revoked"


async def test_untrusted_issuer_is_never_valid(world: World) -> None:
    worker = await world.person("worker", "lotte@example.nl")
    holder = (await world.wallet(worker))["holder"]
    report = await world.verify({"credential": foreign_credential(holder)})
    assert report["verdict"] == "untrusted-issuer"
    assert {c["name"]: c["status"] for c in report["checks"]}["signature"] == "passed"


async def test_presentation_of_a_withdrawn_share_is_not_valid(world: World) -> None:
    worker = await world.person("worker", "joost@example.nl")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    response = await world.client.get(share["url"], headers={"Accept": VP})
    presentation = response.text
    assert (await world.verify({"presentation": presentation}))["verdict"] == "valid"
    response = await world.client.delete(f"/api/me/shares/{share['id']}", headers=worker.headers)
    assert response.status_code == 200, response.text
    report = await world.verify({"presentation": presentation})
    assert report["verdict"] == "revoked"
    share_check = next(c for c in report["checks"] if c["name"] == "share")
    assert share_check["code"] == "share-withdrawn"


async def test_presentation_with_a_wrong_nonce_is_invalid(world: World) -> None:
    worker = await world.person("worker", "eva@example.nl")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    presentation = (await world.client.get(share["url"], headers={"Accept": VP})).text
    report = await world.verify({"presentation": presentation, "nonce": "replayed"})
    assert report["verdict"] == "invalid"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"credential": "a.b.c", "share": "x"}, 422, "one-of-required"),
        ({}, 422, "one-of-required"),
        ({"share": "https://elsewhere.example/s/abc"}, 422, "not-a-share-url"),
        ({"share": f"{BASE_URL}/s/unknown-token"}, 404, "share-not-found"),
        ({"credential": "x", "extra": 1}, 422, "invalid-input"),
    ],
)
async def test_verify_rejects_bad_requests(
    world: World, body: dict[str, Any], status: int, code: str
) -> None:
    response = await world.client.post("/api/verify", json=body)
    assert response.status_code == status, response.text
    assert response.json()["code"] == code


async def test_verify_needs_a_known_media_type(world: World) -> None:
    response = await world.client.post(
        "/api/verify", content=b"<xml/>", headers={"Content-Type": "application/xml"}
    )
    assert response.status_code == 415
    response = await world.client.post(
        "/api/verify", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    response = await world.client.post(
        "/api/verify", content=b"not-a-jws", headers={"Content-Type": "application/vc+jwt"}
    )
    assert response.status_code == 200
    assert response.json()["verdict"] == "invalid"


def proof_secured(holder: str) -> dict[str, Any]:
    """A foreign credential as JSON with an embedded `eddsa-jcs-2022` proof."""
    import datetime as dt

    from credentials.dataintegrity import sign_proof
    from credentials.issue import issue_deelcertificaat
    from credentials.keys import SigningKey, did_key
    from schemas.credentials import Party
    from tests.credentials.test_issue import deelcertificaat_input

    key = SigningKey.generate()
    issuer, now = did_key(key.public), dt.datetime.now(dt.UTC)
    data = deelcertificaat_input(
        issuer=Party(id=issuer, name="Elders"),
        holder=Party(id=holder, name="Lotte"),
        status=[],
        issued_at=now - dt.timedelta(days=1),
    )
    document = msgspec.to_builtins(issue_deelcertificaat(data, key, kid="x").document)
    method = f"{issuer}#{key.public.multibase()}"
    return sign_proof(
        document,
        key,
        verification_method=method,
        cryptosuite="eddsa-jcs-2022",
        created=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


async def test_verify_a_json_credential_with_a_proof(world: World) -> None:
    worker = await world.person("worker", "noor@example.nl")
    holder = (await world.wallet(worker))["holder"]
    secured = proof_secured(holder)
    report = await world.verify({"credential": secured})
    assert report["verdict"] == "untrusted-issuer", report
    assert {c["name"]: c["code"] for c in report["checks"]}["signature"] == "proof-valid"
    response = await world.client.post(
        "/api/verify",
        content=json.dumps(secured).encode(),
        headers={"Content-Type": "application/vc"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["verdict"] == "untrusted-issuer"
    secured["credentialSubject"]["achievement"]["name"] = "Anders"
    assert (await world.verify({"credential": secured}))["verdict"] == "invalid"


async def test_verify_a_baked_badge(world: World) -> None:
    from credentials.baked import bake_png, bake_svg
    from tests.credentials.test_baked import SVG, png

    worker = await world.person("worker", "sem@example.nl")
    issued = await world.issue(worker)
    for media, image in (
        ("image/png", bake_png(png(), issued["credential"])),
        ("image/svg+xml", bake_svg(SVG, issued["credential"])),
    ):
        response = await world.client.post(
            "/api/verify", content=image, headers={"Content-Type": media}
        )
        assert response.status_code == 200, response.text
        report = response.json()
        assert report["verdict"] == "valid", report
        assert report["checks"][0]["name"] == "image"
    response = await world.client.post(
        "/api/verify", content=png(), headers={"Content-Type": "image/png"}
    )
    assert response.json()["verdict"] == "invalid"


async def test_verify_an_sd_jwt_vc(world: World) -> None:
    from tests.credentials.test_sd_jwt import EXAMPLE

    for media in ("application/dc+sd-jwt", "application/vc+sd-jwt"):
        response = await world.client.post(
            "/api/verify",
            content=EXAMPLE["presentation"].encode(),
            headers={"Content-Type": media},
        )
        assert response.status_code == 200, response.text
        checks = {c["name"]: c["status"] for c in response.json()["checks"]}
        # The registry has no key for the example issuer: it says so, it does not guess.
        assert response.json()["verdict"] == "cannot-verify"
        assert checks["issuer-key"] == "failed"
        assert checks["disclosures"] == "skipped"


async def test_a_json_presentation_with_a_data_integrity_proof(world: World) -> None:
    """A holder-signed JSON presentation: its proof's challenge and domain answer the nonce
    and audience asked for, and its credential is checked as any other."""
    from credentials.dataintegrity import sign_proof
    from credentials.keys import SigningKey, did_key
    from credentials.presentation import ENVELOPED_PREFIX, holder_kid

    key = SigningKey.generate()
    holder = did_key(key.public)
    presentation = sign_proof(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": holder,
            "verifiableCredential": [
                {"type": "EnvelopedVerifiableCredential",
                 "id": ENVELOPED_PREFIX + foreign_credential(holder)},
            ],
        },
        key,
        verification_method=holder_kid(key.public),
        cryptosuite="eddsa-jcs-2022",
        created="2026-01-01T00:00:00Z",
        proof_purpose="authentication",
        options={"challenge": "n-api-1", "domain": "https://werkgever.example"},
    )  # fmt: skip
    asked = {"audience": "https://werkgever.example", "nonce": "n-api-1"}
    report = await world.verify({"presentation": presentation} | asked)
    checks = {c["name"]: c["code"] for c in report["checks"]}
    assert checks["signature"] == "proof-valid"
    assert (checks["audience"], checks["nonce"]) == ("matches", "matches")
    assert report["holder"] == holder
    # Genuine, about the holder, from an issuer on no trust list.
    assert report["verdict"] == "untrusted-issuer"
    assert report["credentials"][0]["verdict"] == "untrusted-issuer"
    replayed = await world.verify({"presentation": presentation, "nonce": "other"})
    assert replayed["verdict"] == "invalid"
