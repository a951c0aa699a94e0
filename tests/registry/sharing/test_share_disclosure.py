"""Shares that disclose less (issue 14, item 3): a deelcertificaat is issued with its SD-JWT
VC form, a share leaves parts of it out, and the share's API answer and /api/verify say
what was left out while the verdict stays valid."""

from __future__ import annotations

import json
from typing import Any

from credentials.b64 import b64url_decode, b64url_encode
from tests.registry.wallet_helpers import Person, World

NOTES = "Sterk in het aansluiten; werkt veilig volgens NEN 1010."
SD_JWT = "application/dc+sd-jwt"


async def issue_with_notes(world: World, worker: Person) -> dict[str, Any]:
    response = await world.client.post(
        "/api/credentials",
        json={
            "kind": "module-certificate",
            "moduleId": world.module["id"],
            "holder": {"workerId": worker.id},
            "notes": NOTES,
        },
        headers=world.provider,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def verify_sd_jwt(world: World, text: str) -> dict[str, Any]:
    response = await world.client.post(
        "/api/verify", content=text, headers={"Content-Type": SD_JWT}
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_a_deelcertificaat_comes_with_its_sd_jwt_form(world: World) -> None:
    worker = await world.person("worker", "lotte@example.nl", "Lotte Jansen")
    issued = await issue_with_notes(world, worker)
    assert issued["sdJwt"].count("~") == 4  # issuer JWT, name, date, notes, no key binding
    report = await verify_sd_jwt(world, issued["sdJwt"])
    assert report["verdict"] == "valid", report
    summary = report["credential"]
    # The SD-JWT form has an id of its own: the JWS form's id would lead to the full credential.
    assert summary["id"].startswith("urn:uuid:")
    assert summary["id"] != issued["id"]
    assert summary["notes"] == NOTES
    assert summary["subjectName"] == "Lotte Jansen"
    assert summary["achievement"] == "Laadpaalmonteur"
    # The wallet keeps it beside the JWS.
    wallet = await world.wallet(worker)
    assert [item["sdJwt"] for item in wallet["items"]] == [issued["sdJwt"]]
    # Revoking the credential revokes both forms (one status entry).
    await world.revoke(issued["id"])
    assert (await verify_sd_jwt(world, issued["sdJwt"]))["verdict"] == "revoked"


async def test_an_evc_record_has_no_sd_jwt_form(world: World) -> None:
    worker = await world.person("worker", "ruben@example.nl")
    assert (await world.issue_evc(worker))["sdJwt"] is None


async def test_a_tampered_or_added_disclosure_is_invalid(world: World) -> None:
    worker = await world.person("worker", "mila@example.nl", "Mila Bos")
    issuer_jwt, *disclosures, _ = (await issue_with_notes(world, worker))["sdJwt"].split("~")
    salt, name, _value = json.loads(b64url_decode(disclosures[0]))
    forged = b64url_encode(json.dumps([salt, name, "Iemand Anders"]).encode())
    tampered = await verify_sd_jwt(world, "~".join([issuer_jwt, forged, *disclosures[1:]]) + "~")
    assert tampered["verdict"] == "invalid"
    extra = b64url_encode(json.dumps(["zout", "grade", "10"]).encode())
    added = await verify_sd_jwt(world, "~".join([issuer_jwt, *disclosures, extra]) + "~")
    assert added["verdict"] == "invalid"
    assert [c["code"] for c in added["checks"] if c["name"] == "disclosures"] == ["unreferenced"]


async def test_a_share_that_hides_the_notes(world: World) -> None:
    worker = await world.person("worker", "sem@example.nl", "Sem de Wit")
    issued = await issue_with_notes(world, worker)
    share = await world.share(
        worker, [issued["id"]], "hr@example.com", withhold={issued["id"]: ["notes"]}
    )
    page = (await world.client.get(share["url"])).json()
    assert page["verification"]["verdict"] == "valid", page["verification"]
    [credential] = page["credentials"]
    assert credential["withheld"] == ["notes"]
    assert "notes" not in credential
    assert credential["subjectName"] == "Sem de Wit"
    # The issuer is named as the trust list names it, as for the JWS form.
    assert credential["trustedIssuerName"] == "Opleider A"
    # The presentation carries the SD-JWT with key binding, and not the notes.
    assert _enveloped(page["presentation"]).startswith("data:application/dc+sd-jwt,")
    assert NOTES not in json.dumps(page)
    # The verify API agrees, by the share's URL and by its presentation.
    by_url = (await world.client.post("/api/verify", json={"share": share["url"]})).json()
    by_vp = await world.verify({"presentation": page["presentation"]})
    for report in (by_url, by_vp):
        assert report["verdict"] == "valid", report
        assert report["credentials"][0]["credential"]["withheld"] == ["notes"]
    # The worker's list of shares says what each share leaves out.
    listed = (await world.client.get("/api/me/shares", headers=worker.headers)).json()
    assert listed[0]["withheld"] == {issued["id"]: ["notes"]}


def _enveloped(presentation: str) -> str:
    payload = json.loads(b64url_decode(presentation.split(".")[1]))
    item: str = payload["verifiableCredential"][0]["id"]
    return item


async def test_a_share_that_hides_everything_it_can(world: World) -> None:
    worker = await world.person("worker", "noor@example.nl", "Noor Smit")
    issued = await issue_with_notes(world, worker)
    share = await world.share(
        worker, [issued["id"]], "hr@example.com", withhold={issued["id"]: ["date", "name", "notes"]}
    )
    page = (await world.client.get(share["url"])).json()
    assert page["verification"]["verdict"] == "valid", page["verification"]
    [credential] = page["credentials"]
    assert credential["withheld"] == ["name", "date", "notes"]
    assert "subjectName" not in credential
    assert "validFrom" not in credential
    assert "Noor Smit" not in _enveloped(page["presentation"])


async def test_a_share_that_withholds_nothing_shows_the_notes(world: World) -> None:
    worker = await world.person("worker", "ida@example.nl", "Ida Kok")
    issued = await issue_with_notes(world, worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com", withhold={issued["id"]: []})
    page = (await world.client.get(share["url"])).json()
    assert page["verification"]["verdict"] == "valid"
    assert page["credentials"][0]["notes"] == NOTES
    assert "withheld" not in page["credentials"][0]


async def test_withholding_is_refused_where_it_cannot_be(world: World) -> None:
    worker = await world.person("worker", "bas@example.nl")
    issued = await issue_with_notes(world, worker)
    evc = await world.issue_evc(worker)

    async def refused(ids: list[str], withhold: dict[str, Any]) -> tuple[int, str]:
        response = await world.client.post(
            "/api/me/shares",
            json={"credentialIds": ids, "recipient": "hr@example.com", "withhold": withhold},
            headers=worker.headers,
        )
        return response.status_code, response.json().get("code", "")

    assert await refused([issued["id"]], {evc["id"]: ["notes"]}) == (422, "withheld-not-shared")
    assert await refused([evc["id"]], {evc["id"]: ["notes"]}) == (
        422,
        "not-selectively-disclosable",
    )
    status, _ = await refused([issued["id"]], {issued["id"]: ["grade"]})
    assert status in (400, 422)
    shares = (await world.client.get("/api/me/shares", headers=worker.headers)).json()
    assert shares == []
