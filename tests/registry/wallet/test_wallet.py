"""The worker's wallet: who may read it, coach consent, the CV, experience, import, export."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from credentials.keys import SigningKey, did_key
from tests.catalogue.helpers import CHARGER, SOLAR
from tests.registry.wallet_helpers import World, foreign_credential


async def test_worker_sees_only_their_own_wallet(world: World) -> None:
    alice = await world.person("worker", "alice@example.nl", "Alice")
    bob = await world.person("worker", "bob@example.nl", "Bob")
    mine = await world.issue(alice)
    theirs = await world.issue(bob)
    alice_wallet = await world.wallet(alice)
    assert [c["credentialId"] for c in alice_wallet["items"]] == [mine["id"]]
    assert alice_wallet["name"] == "Alice"
    assert [c["credentialId"] for c in (await world.wallet(bob))["items"]] == [theirs["id"]]
    response = await world.client.get("/api/me/credentials", headers=alice.acting_for(bob))
    assert response.status_code == 403
    assert response.json()["code"] == "not-your-wallet"


async def test_a_new_worker_has_an_empty_wallet(world: World) -> None:
    worker = await world.person("worker", "nieuw@example.nl")
    wallet = await world.wallet(worker)
    assert wallet["items"] == []
    assert wallet["holder"].startswith("did:key:z")
    assert (await world.wallet(worker))["holder"] == wallet["holder"]


@pytest.mark.parametrize("role", ["operator", "employer", "provider", "assessor"])
async def test_other_roles_cannot_read_wallets(world: World, role: str) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    await world.issue(worker)
    if role in {"provider", "assessor"}:
        headers = world.provider if role == "provider" else world.assessor
    else:
        headers = (await world.person(role)).headers  # type: ignore[arg-type]
    for path in ("/api/me/credentials", "/api/me/cv", "/api/me/export", "/api/me/shares"):
        response = await world.client.get(path, headers={**headers, "X-On-Behalf-Of": worker.id})
        assert response.status_code == 403, (path, response.text)
        assert response.json()["code"] == "wallet-forbidden"
        assert response.json()["detail"] == (
            f"this needs the role worker or coach; an account of role {role} cannot use it"
        )
    assert (await world.client.get("/api/me/credentials")).status_code == 401


async def test_coach_acts_only_with_consent(world: World) -> None:
    worker = await world.person("worker", "ahmed@example.nl", "Ahmed")
    coach = await world.person("coach", "coach@werkplein.example", "Coach Carla")
    await world.issue(worker)
    as_coach = coach.acting_for(worker)

    response = await world.client.get("/api/me/credentials", headers=as_coach)
    assert response.status_code == 403
    assert response.json()["code"] == "no-consent"
    response = await world.client.get("/api/me/credentials", headers=coach.headers)
    assert response.json()["code"] == "on-behalf-of-required"

    response = await world.client.post(
        "/api/me/consents", json={"coachId": coach.id}, headers=worker.headers
    )
    assert response.status_code == 201, response.text
    consent = response.json()
    assert consent["coachName"] == "Coach Carla"

    assert (await world.client.get("/api/me/cv", headers=as_coach)).status_code == 200
    response = await world.client.post(
        "/api/me/experience", json={"title": "Monteur bij Installatiebedrijf"}, headers=as_coach
    )
    assert response.status_code == 201, response.text

    trail = (await world.client.get("/api/me/audit", headers=worker.headers)).json()
    added = next(e for e in trail if e["action"] == "experience.added")
    assert added["actorId"] == coach.id
    assert added["onBehalfOf"] == worker.id

    response = await world.client.delete(
        f"/api/me/consents/{consent['id']}", headers=worker.headers
    )
    assert response.status_code == 200
    assert response.json()["withdrawnAt"] is not None
    response = await world.client.get("/api/me/credentials", headers=as_coach)
    assert response.status_code == 403
    assert response.json()["code"] == "no-consent"
    actions = [
        e["action"]
        for e in (await world.client.get("/api/me/audit", headers=worker.headers)).json()
    ]
    assert "consent.granted" in actions
    assert "consent.withdrawn" in actions


async def test_shares_consents_and_export_are_the_workers_alone(world: World) -> None:
    """A coach with consent reads and helps fill the wallet, but cannot give it away:
    sharing, the consents themselves and the export with the private key stay with the worker."""
    worker = await world.person("worker", "ahmed@example.nl", "Ahmed")
    coach = await world.person("coach", "coach@werkplein.example", "Coach Carla")
    issued = await world.issue(worker)
    response = await world.client.post(
        "/api/me/consents", json={"coachId": coach.id}, headers=worker.headers
    )
    consent = response.json()
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    as_coach = coach.acting_for(worker)
    assert (await world.client.get("/api/me/credentials", headers=as_coach)).status_code == 200

    client = world.client
    body = {"credentialIds": [issued["id"]], "recipient": "hr@example.com"}
    refused = [
        await client.post("/api/me/shares", json=body, headers=as_coach),
        await client.get("/api/me/shares", headers=as_coach),
        await client.delete(f"/api/me/shares/{share['id']}", headers=as_coach),
        await client.get("/api/me/consents", headers=as_coach),
        await client.post("/api/me/consents", json={"coachId": coach.id}, headers=as_coach),
        await client.delete(f"/api/me/consents/{consent['id']}", headers=as_coach),
        await client.get("/api/me/export", headers=as_coach),
    ]
    for response in refused:
        assert response.status_code == 403, (response.request.url, response.text)
        assert response.json()["code"] == "worker-only"
    # Nothing changed: one share, still live; the consent still stands.
    shares = (await client.get("/api/me/shares", headers=worker.headers)).json()
    assert [(s["id"], s["state"]) for s in shares] == [(share["id"], "active")]
    consents = (await client.get("/api/me/consents", headers=worker.headers)).json()
    assert [(c["id"], c["withdrawnAt"]) for c in consents] == [(consent["id"], None)]
    assert (await world.verify({"share": share["url"]}))["verdict"] == "valid"


async def test_consent_only_for_coaches(world: World) -> None:
    worker = await world.person("worker", "ahmed@example.nl")
    employer = await world.person("employer", "hr@example.com")
    response = await world.client.post(
        "/api/me/consents", json={"coachId": employer.id}, headers=worker.headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "not-a-coach"


async def _qualification(world: World, second: dict[str, Any], third: dict[str, Any]) -> None:
    response = await world.client.post(
        "/api/catalogue/qualifications",
        json={
            "code": "ALLROUND-01",
            "title": "Allround monteur",
            "requiredModules": [world.module["id"], second["id"]],
            "optionalGroups": [{"title": "Keuzedeel", "minCount": 1, "modules": [third["id"]]}],
        },
        headers=world.operator,
    )
    assert response.status_code == 201, response.text


async def test_cv_groups_and_shows_progress(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    solar = await world.catalogue.module(
        title="Zonnepanelen", competences=[{"uri": SOLAR}], sectors=["installatietechniek", "bouw"]
    )
    heat = await world.catalogue.module(title="Warmtepomp", competences=[{"uri": CHARGER}])
    await _qualification(world, solar, heat)
    open_run = await world.catalogue.run(solar["id"])
    await world.catalogue.run(
        solar["id"], status="cancelled", startDate="2031-04-01", endDate="2031-04-02"
    )
    laadpaal = await world.issue(worker)
    evc = await world.issue_evc(worker)
    for title, start in [("Elektricien bij Bouwbedrijf X", "2019-02-01")]:
        response = await world.client.post(
            "/api/me/experience", json={"title": title, "start": start}, headers=worker.headers
        )
        assert response.status_code == 201, response.text

    cv = (await world.client.get("/api/me/cv", headers=worker.headers)).json()
    rows = {c["credentialId"]: c["id"] for c in (await world.wallet(worker))["items"]}
    assert {c["achievement"] for c in cv["credentials"]} == {
        "Laadpaalmonteur", "Allround monteur elektrotechniek"
    }  # fmt: skip
    charger = next(g for g in cv["byCompetence"] if g["uri"] == CHARGER)
    assert charger["credentials"] == [rows[laadpaal["id"]]]
    assert charger["label"] == "laadpalen installeren"
    assert any(g["credentials"] == [rows[evc["id"]]] for g in cv["byCompetence"])
    assert {s["sector"]: s["credentials"] for s in cv["bySector"]}["installatietechniek"] == [
        rows[laadpaal["id"]]
    ]
    [progress] = cv["qualifications"]
    assert progress["title"] == "Allround monteur"
    assert (progress["modulesDone"], progress["modulesNeeded"], progress["complete"]) == (
        1,
        3,
        False,
    )
    required = progress["groups"][0]
    assert [m["title"] for m in required["done"]] == ["Laadpaalmonteur"]
    assert required["done"][0]["credential"] == rows[laadpaal["id"]]
    [remaining] = required["remaining"]
    assert remaining["title"] == "Zonnepanelen"
    assert [r["id"] for r in remaining["runs"]] == [open_run["id"]]  # the cancelled one is left out
    optional = progress["groups"][1]
    assert (optional["required"], optional["minCount"], optional["complete"]) == (False, 1, False)
    assert cv["experience"]["label"] == "self-declared"
    assert [e["title"] for e in cv["experience"]["items"]] == ["Elektricien bij Bouwbedrijf X"]
    assert cv["experience"]["items"][0]["label"] == "self-declared"
    assert cv["unverified"] == []
    assert cv["inactive"] == []

    await world.issue(worker, module_id=solar["id"])
    cv = (await world.client.get("/api/me/cv", headers=worker.headers)).json()
    assert cv["qualifications"][0]["modulesDone"] == 2
    assert cv["qualifications"][0]["groups"][0]["complete"] is True

    await world.revoke(laadpaal["id"])
    cv = (await world.client.get("/api/me/cv", headers=worker.headers)).json()
    assert [c["credentialId"] for c in cv["inactive"]] == [laadpaal["id"]]
    assert laadpaal["id"] not in {c["id"] for c in cv["credentials"]}
    assert cv["qualifications"][0]["modulesDone"] == 1


async def test_cv_offers_no_runs_of_a_withdrawn_module(world: World) -> None:
    """A withdrawn module still needed is marked not offered, without its old runs; one the
    worker holds still counts; a module with only full, cancelled or past runs stays offered."""
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    solar = await world.catalogue.module(title="Zonnepanelen")
    heat = await world.catalogue.module(title="Warmtepompmonteur")
    await _qualification(world, solar, heat)
    await world.catalogue.run(solar["id"], status="full")
    await world.catalogue.run(solar["id"], status="cancelled")
    await world.catalogue.run(solar["id"], startDate="2020-03-02", endDate="2020-03-06")
    await world.catalogue.run(
        heat["id"], startDate="2031-05-04", endDate="2031-05-08", place="Zwolle"
    )
    await world.issue(worker)
    for module_id in (heat["id"], world.module["id"]):
        response = await world.client.post(
            f"/api/catalogue/modules/{module_id}/withdraw", headers=world.catalogue.provider_a
        )
        assert response.status_code == 200, response.text

    cv = (await world.client.get("/api/me/cv", headers=worker.headers)).json()

    [progress] = cv["qualifications"]
    required, optional = progress["groups"]
    assert [m["title"] for m in required["done"]] == ["Laadpaalmonteur"]
    assert progress["modulesDone"] == 1
    [remaining] = required["remaining"]
    assert (remaining["title"], remaining["offered"], remaining["runs"]) == (
        "Zonnepanelen",
        True,
        [],
    )
    [withdrawn] = optional["remaining"]
    assert (withdrawn["title"], withdrawn["offered"], withdrawn["runs"]) == (
        "Warmtepompmonteur",
        False,
        [],
    )


async def test_experience_add_list_delete(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    body = {
        "title": "Zonnepanelen gelegd",
        "description": "Zelfstandig, 2 jaar",
        "start": "2020-01-01",
        "end": "2021-12-31",
    }
    response = await world.client.post("/api/me/experience", json=body, headers=worker.headers)
    assert response.status_code == 201
    item = response.json()
    assert item["label"] == "self-declared"
    listed = (await world.client.get("/api/me/experience", headers=worker.headers)).json()
    assert [e["id"] for e in listed] == [item["id"]]
    bad = body | {"end": "2019-01-01"}
    response = await world.client.post("/api/me/experience", json=bad, headers=worker.headers)
    assert response.status_code == 422
    other = await world.person("worker", "other@example.nl")
    response = await world.client.delete(f"/api/me/experience/{item['id']}", headers=other.headers)
    assert response.status_code == 404
    response = await world.client.delete(f"/api/me/experience/{item['id']}", headers=worker.headers)
    assert response.status_code == 204
    assert (await world.client.get("/api/me/experience", headers=worker.headers)).json() == []


async def test_import_foreign_credential_kept_unverified(world: World) -> None:
    worker = await world.person("worker", "lotte@example.nl")
    await world.issue(worker)
    holder = (await world.wallet(worker))["holder"]
    foreign = foreign_credential(holder)
    response = await world.client.post(
        "/api/me/credentials/import", json={"credential": foreign}, headers=worker.headers
    )
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["verification"]["verdict"] == "untrusted-issuer"
    imported = result["credential"]
    assert (imported["source"], imported["verified"], imported["label"], imported["verdict"]) == (
        "imported", False, "unverified", "untrusted-issuer"
    )  # fmt: skip
    assert imported["issuer"] == "Buitenlands instituut"
    assert imported["achievement"] == "Zonnepanelen leggen"

    cv = (await world.client.get("/api/me/cv", headers=worker.headers)).json()
    assert [c["achievement"] for c in cv["unverified"]] == ["Zonnepanelen leggen"]
    assert "Zonnepanelen leggen" not in {c["achievement"] for c in cv["credentials"]}
    response = await world.client.post(
        "/api/me/credentials/import", json={"credential": foreign}, headers=worker.headers
    )
    assert response.status_code == 409
    response = await world.client.post(
        "/api/me/credentials/import", json={"credential": "garbage"}, headers=worker.headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unreadable-credential"


async def test_import_our_own_credential_verifies(world: World) -> None:
    """A credential from this registry, exported from one wallet, verifies on import."""
    first = await world.person("worker", "kim@example.nl")
    second = await world.person("worker", "kim2@example.nl")
    issued = await world.issue(first)
    response = await world.client.post(
        "/api/me/credentials/import",
        json={"credential": issued["credential"]},
        headers=second.headers,
    )
    # About the first worker, not the second: that is refused before anything else is said.
    assert response.status_code == 422
    assert response.json()["code"] == "not-holders-credential"


async def test_a_coach_sees_the_audit_trail_without_shares_consents_and_exports(
    world: World,
) -> None:
    worker = await world.person("worker", "ahmed@example.nl", "Ahmed")
    coach = await world.person("coach", "coach@werkplein.example", "Coach Carla")
    issued = await world.issue(worker)
    await world.client.post("/api/me/consents", json={"coachId": coach.id}, headers=worker.headers)
    share = await world.share(worker, [issued["id"]], "hr@geheim.example")
    await world.client.get(share["url"])  # share.viewed
    await world.client.get("/api/me/export", headers=worker.headers)
    as_coach = coach.acting_for(worker)
    await world.client.post("/api/me/experience", json={"title": "Monteur"}, headers=as_coach)

    mine = (await world.client.get("/api/me/audit", headers=worker.headers)).json()
    actions = {e["action"] for e in mine}
    assert {"share.created", "share.viewed", "consent.granted", "wallet.exported"} <= actions
    assert "experience.added" in actions
    response = await world.client.get("/api/me/audit", headers=as_coach)
    assert response.status_code == 200, response.text
    theirs = {e["action"] for e in response.json()}
    assert "experience.added" in theirs
    assert not {a for a in theirs if a.startswith(("share.", "consent."))}
    assert "wallet.exported" not in theirs
    assert "hr@geheim.example" not in response.text


async def test_export_contains_every_jws_and_the_holder_key(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    issued = [await world.issue(worker), await world.issue_evc(worker)]
    holder = (await world.wallet(worker))["holder"]
    await world.client.post(
        "/api/me/credentials/import",
        json={"credential": foreign_credential(holder)},
        headers=worker.headers,
    )
    await world.client.post("/api/me/experience", json={"title": "Monteur"}, headers=worker.headers)
    response = await world.client.get("/api/me/export", headers=worker.headers)
    assert response.status_code == 200, response.text
    export = response.json()
    jwss = {c["credential"] for c in export["credentials"]}
    assert {i["credential"] for i in issued} <= jwss
    assert len(jwss) == 3
    assert [c["verified"] for c in export["credentials"]].count(False) == 1
    key = export["holder"]
    assert key["did"] == holder
    assert key["kid"].startswith(holder + "#")
    jwk = key["privateJwk"]
    assert (jwk["kty"], jwk["crv"]) == ("OKP", "Ed25519")
    assert len(jwk["d"]) == 43
    pkcs8 = base64.urlsafe_b64decode(key["pkcs8"] + "=" * (-len(key["pkcs8"]) % 4))
    assert did_key(SigningKey.from_pkcs8(pkcs8).public) == holder
    assert [e["title"] for e in export["experience"]] == ["Monteur"]
    trail = (await world.client.get("/api/me/audit", headers=worker.headers)).json()
    assert "wallet.exported" in {e["action"] for e in trail}


async def test_on_behalf_of_must_be_an_account_id(world: World) -> None:
    coach = await world.person("coach", "coach@werkplein.example")
    response = await world.client.get(
        "/api/me/credentials", headers={**coach.headers, "X-On-Behalf-Of": "not-a-uuid"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid-parameter"
