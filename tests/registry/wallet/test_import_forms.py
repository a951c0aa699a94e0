"""Importing credentials from anywhere into the wallet: only the worker's own (holder DID, or
the proven e-mail address as an OB 3.0 identifier, plain or hashed), from a baked badge image
too, kept with the report it got."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from typing import Any

import pytest

from credentials.baked import bake_png
from credentials.dataintegrity import sign_proof
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from schemas.wallet import MAX_IMPORT_IMAGE_BASE64, MAX_IMPORT_IMAGE_BYTES
from tests.credentials.test_baked import chunk, png
from tests.credentials.test_clr import Publisher
from tests.credentials.test_verify import parts
from tests.registry.wallet_helpers import World, foreign_credential

IMPORT = "/api/me/credentials/import"


def by_email(identifier: dict[str, Any], holder: str = "did:example:elsewhere") -> str:
    """A foreign credential whose subject is another DID, with an e-mail identifier."""
    key = SigningKey.generate()
    issuer = did_key(key.public)
    _, payload, _ = parts(foreign_credential(holder))
    payload["credentialSubject"]["identifier"] = [
        {"type": "IdentityObject", "identityType": "emailAddress", **identifier}
    ]
    payload["issuer"]["id"] = payload["iss"] = issuer
    kid = f"{issuer}#{key.public.multibase()}"
    return sign_compact(json.dumps(payload).encode(), key, kid=kid, typ="vc+jwt")


async def test_someone_elses_credential_is_refused(world: World) -> None:
    worker = await world.person("worker", "ilse@example.nl")
    await world.wallet(worker)
    response = await world.client.post(
        IMPORT, json={"credential": foreign_credential("did:example:bob")}, headers=worker.headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "not-holders-credential"


async def test_a_jwt_whose_sub_names_someone_else_is_refused(world: World) -> None:
    """`sub` names another person while credentialSubject names the worker: the token says
    two things about whose it is, so it is not the worker's to keep (nothing written)."""
    worker = await world.person("worker", "joost@example.nl")
    holder = (await world.wallet(worker))["holder"]
    key = SigningKey.generate()
    issuer = did_key(key.public)
    _, payload, _ = parts(foreign_credential(holder))
    payload["sub"] = "did:example:bob"
    payload["issuer"]["id"] = payload["iss"] = issuer
    token = sign_compact(
        json.dumps(payload).encode(), key, kid=f"{issuer}#{key.public.multibase()}", typ="vc+jwt"
    )
    response = await world.client.post(IMPORT, json={"credential": token}, headers=worker.headers)
    assert (response.status_code, response.json()["code"]) == (422, "not-holders-credential")
    listed = (await world.client.get("/api/me/credentials", headers=worker.headers)).json()
    assert [i for i in listed["items"] if i["source"] == "imported"] == []


@pytest.mark.parametrize("hashed", [False, True])
async def test_a_credential_for_the_proven_email_address(world: World, hashed: bool) -> None:
    worker = await world.person("worker", "Femke@Example.nl")
    await world.wallet(worker)
    salt = "zout"
    value = (
        "sha256$" + hashlib.sha256(("femke@example.nl" + salt).encode()).hexdigest()
        if hashed
        else "femke@example.nl"
    )
    credential = by_email({"hashed": hashed, "identityHash": value, "salt": salt})
    response = await world.client.post(
        IMPORT, json={"credential": credential}, headers=worker.headers
    )
    assert response.status_code == 201, response.text
    wrong = by_email({"hashed": hashed, "identityHash": value.replace("f", "e"), "salt": salt})
    response = await world.client.post(IMPORT, json={"credential": wrong}, headers=worker.headers)
    assert response.json()["code"] == "not-holders-credential"


async def test_a_baked_badge_image_kept_with_its_report(world: World) -> None:
    worker = await world.person("worker", "teun@example.nl")
    holder = (await world.wallet(worker))["holder"]
    image = base64.b64encode(bake_png(png(), foreign_credential(holder))).decode()
    response = await world.client.post(IMPORT, json={"image": image}, headers=worker.headers)
    assert response.status_code == 201, response.text
    listed = (await world.client.get("/api/me/credentials", headers=worker.headers)).json()
    [item] = [i for i in listed["items"] if i["source"] == "imported"]
    assert item["verification"]["verdict"] == "untrusted-issuer"
    assert item["credential"].count(".") == 2  # the credential itself is kept, not the image
    assert dt.datetime.fromisoformat(item["issuedAt"]) < dt.datetime.now(dt.UTC)
    for body, code in (
        ({"image": base64.b64encode(png()).decode()}, "not-a-baked-badge"),
        ({"image": "***"}, "bad-image"),
        ({"image": image, "credential": "x"}, "one-of-required"),
    ):
        response = await world.client.post(IMPORT, json=body, headers=worker.headers)
        assert (response.status_code, response.json()["code"]) == (422, code)


async def test_a_badge_image_as_large_as_the_schema_takes(world: World) -> None:
    """`image` takes 2,000,000 base64 characters; the request may be that large too (the app's
    1 MB body limit refused such a badge with 413 before its schema could take it)."""
    worker = await world.person("worker", "joris@example.nl")
    holder = (await world.wallet(worker))["holder"]
    baked = bake_png(png(), foreign_credential(holder))
    filler = chunk(b"tEXt", b"x" * (MAX_IMPORT_IMAGE_BYTES - len(baked) - 20))
    image = base64.b64encode(baked[:8] + filler + baked[8:]).decode()
    assert 1_000_000 < len(image) <= MAX_IMPORT_IMAGE_BASE64
    response = await world.client.post(IMPORT, json={"image": image}, headers=worker.headers)
    assert response.status_code == 201, response.text[:300]


async def test_a_clr_is_kept_whole_and_a_presentation_is_refused(world: World) -> None:
    """A CLR 2.0 about the worker is one credential (kept with the reports of what it
    bundles); a presentation is not: its credentials are imported one by one."""
    worker = await world.person("worker", "clr-import@example.nl")
    holder = (await world.wallet(worker))["holder"]
    publisher = Publisher()
    clr = publisher.clr(holder, [foreign_credential(holder)])
    secured = publisher.sign(clr, "eddsa-jcs-2022")
    response = await world.client.post(IMPORT, json={"credential": secured}, headers=worker.headers)
    assert response.status_code == 201, response.text
    report = response.json()["verification"]
    assert report["verdict"] == "untrusted-issuer"
    assert [r["verdict"] for r in report["credentials"]] == ["untrusted-issuer"]
    assert response.json()["credential"]["achievement"] == clr["name"]

    presentation = sign_proof(
        {
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": publisher.did,
            "verifiableCredential": [json.loads(secured)],
        },
        publisher.key,
        verification_method=publisher.kid,
        cryptosuite="eddsa-jcs-2022",
        created="2026-01-05T09:00:00Z",
        proof_purpose="authentication",
    )
    response = await world.client.post(
        IMPORT, json={"credential": json.dumps(presentation)}, headers=worker.headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "not-a-credential"
