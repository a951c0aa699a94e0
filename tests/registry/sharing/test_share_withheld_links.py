"""A share that leaves parts out does not lead to them (QA: selective disclosure): no answer
of the share names the full credential's id (whose public check page shows the name and the
date), the SD-JWT form has an id of its own, the page names no sharer when the name was left
out of every credential, and a name left out is not "another name"."""

from __future__ import annotations

import json
from typing import Any

from credentials.b64 import b64url_decode
from tests.registry.sharing.test_share_disclosure import issue_with_notes
from tests.registry.wallet_helpers import World
from tests.web.helpers import HTML, Browser, person

NAME = "Sam de Vries"
EVERYTHING = ["name", "date", "notes"]


def _payload(jwt: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(b64url_decode(jwt.split(".")[1]))
    return result


def _sd_jwt_ids(presentation: str) -> list[str]:
    """The `jti` of each SD-JWT credential in a presentation."""
    items = _payload(presentation)["verifiableCredential"]
    forms = [item["id"].removeprefix("data:application/dc+sd-jwt,") for item in items]
    return [_payload(form.split("~")[0])["jti"] for form in forms]


async def test_a_share_that_withholds_never_names_the_full_credential(world: World) -> None:
    worker = await world.person("worker", "sam@example.nl", NAME)
    issued = await issue_with_notes(world, worker)
    full_id, bare = issued["id"], issued["id"].removeprefix("urn:uuid:")
    share = await world.share(worker, [full_id], "hr@example.com", withhold={full_id: EVERYTHING})
    vp = await world.client.get(share["url"], headers={"Accept": "application/vp+jwt"})
    as_json = await world.client.get(share["url"], headers={"Accept": "application/json"})
    page = await world.client.get(share["url"], headers=HTML)
    by_url = await world.client.post("/api/verify", json={"share": share["url"]})
    for name, answer in {"vp": vp, "json": as_json, "page": page, "verify": by_url}.items():
        assert answer.status_code == 200, (name, answer.text)
        assert bare not in answer.text, name
    assert as_json.json()["verification"]["verdict"] == "valid"
    [own_id] = _sd_jwt_ids(vp.text)
    assert own_id.startswith("urn:uuid:")
    assert own_id != full_id
    # The id the SD-JWT does carry leads nowhere: not to the public check page.
    check = await world.client.get(f"/controleren/bewijs/{own_id}", headers=HTML)
    assert check.status_code == 404
    assert NAME not in check.text
    # The full credential's own check page still shows all (it is the worker's to hand out).
    full = await world.client.get(f"/controleren/bewijs/{full_id}", headers=HTML)
    assert full.status_code == 200
    assert NAME in full.text


async def test_a_withheld_credential_still_revokes_with_its_reason(world: World) -> None:
    worker = await world.person("worker", "sam@example.nl", NAME)
    issued = await issue_with_notes(world, worker)
    full_id = issued["id"]
    share = await world.share(worker, [full_id], "hr@example.com", withhold={full_id: ["name"]})
    response = await world.client.post(
        f"/api/credentials/{full_id}/revoke", json={"reason": "fraud"}, headers=world.provider
    )
    assert response.status_code == 200, response.text
    answer = await world.client.get(share["url"], headers={"Accept": "application/json"})
    [item] = answer.json()["verification"]["credentials"]
    assert item["verdict"] == "revoked"
    assert item["credential"]["statusReason"] == "fraud"
    assert full_id.removeprefix("urn:uuid:") not in answer.text
    # The SD-JWT itself, verified alone, is revoked too: one status bit for both forms.
    report = await world.verify({"credential": issued["sdJwt"]})
    assert report["verdict"] == "revoked"


async def test_a_share_without_the_name_does_not_name_the_sharer(world: World) -> None:
    worker = await world.person("worker", "sam@example.nl", NAME)
    employer = await world.person("employer", "hr@noord.example", "HR Noord")
    issued = await issue_with_notes(world, worker)
    full_id = issued["id"]
    hidden = await world.share(worker, [full_id], employer.id, withhold={full_id: ["name"]})
    shown = await world.share(worker, [full_id], employer.id, withhold={full_id: ["notes"]})
    as_json = (await world.client.get(hidden["url"])).json()
    assert as_json["holderName"] == ""
    page = await world.client.get(hidden["url"], headers=HTML)
    assert page.status_code == 200
    assert NAME not in page.text
    assert "Bewijzen gedeeld met u" in page.text
    received = await world.client.get("/api/shares/received", headers=employer.headers)
    names = {item["id"]: item["holderName"] for item in received.json()}
    assert names == {hidden["id"]: "", shown["id"]: NAME}
    await person(world.sessionmaker, "employer", "hr@noord.example")  # a password to sign in
    browser = Browser(world.client)
    await browser.sign_in("hr@noord.example")
    listing = await browser.get("/werkgever")
    assert listing.status_code == 200, listing.text
    assert "Gedeeld met u, zonder naam" in listing.text
    # Only the share that shows the name names the sharer (its heading and its button).
    assert listing.text.count(NAME) == 2
    # Leaving out only the notes still names who shared.
    assert (await world.client.get(shown["url"])).json()["holderName"] == NAME
    assert (
        "Bewijzen gedeeld door Sam de Vries"
        in (await world.client.get(shown["url"], headers=HTML)).text
    )


async def test_a_name_left_out_is_not_another_name(world: World) -> None:
    worker = await world.person("worker", "sam@example.nl", NAME)
    first = await issue_with_notes(world, worker)
    other = await world.catalogue.module(title="Zonnepanelen leggen")
    second = await world.issue(worker, other["id"])
    share = await world.share(
        worker, [first["id"], second["id"]], "hr@example.com", withhold={first["id"]: ["name"]}
    )
    page = await world.client.get(share["url"], headers=HTML)
    assert page.status_code == 200, page.text
    assert "verschillende namen" not in page.text
    assert "Vaardigheden per naam" not in page.text
    # Both credentials' skills are still shown: one group under the name, one without.
    assert f"Wat {NAME} kan" in page.text
    assert "Wat de bewijzen zonder naam laten zien" in page.text
