"""A qualification made of required competences (an imported kwalificatiedossier's profielen):
the API shows them, and a worker's progress counts valid credentials aligned to them, EVC
results achieved and module certificates alike; a revoked one no longer counts."""

from __future__ import annotations

from typing import Any

from tests.catalogue.test_sbb_import import DIENSTVERLENING, DOSSIER, XML
from tests.registry.wallet_helpers import Person, World

W1, W2, W3 = (f"{DOSSIER}/B1-K1-W{i}" for i in (1, 2, 3))


async def _import(world: World) -> None:
    response = await world.client.post(
        "/api/catalogue/import",
        params={"format": "sbb"},
        content=DIENSTVERLENING,
        headers={**world.operator, **XML},
    )
    assert response.status_code == 201, response.text


async def _evc(world: World, worker: Person) -> dict[str, Any]:
    passed = {"uri": W1, "label": "Bereidt werkzaamheden voor en stemt af"}
    failed = {"uri": W3, "label": "Treedt op als aanspreekpunt"}
    response = await world.client.post(
        "/api/credentials",
        json={
            "kind": "evc",
            "holder": {"workerId": worker.id},
            "standard": {
                "url": DOSSIER,
                "name": "Dienstverlening (23189)",
                "description": "Basisdeel, kerntaak B1-K1.",
                "werkprocessen": [passed, failed],
            },
            "results": [
                {"competence": passed, "status": "behaald"},
                {"competence": failed, "status": "niet behaald"},
            ],
        },
        headers=world.assessor,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def _progress(world: World, worker: Person) -> dict[str, dict[str, Any]]:
    """The CV's progress per qualification code, credentials named by kind."""
    cv = await world.client.get("/api/me/cv", headers=worker.headers)
    assert cv.status_code == 200, cv.text
    kinds = {c["id"]: c["kind"] for c in cv.json()["credentials"]}
    progress = {q["code"]: q for q in cv.json()["qualifications"]}
    for qualification in progress.values():
        for competence in qualification["competences"]:
            competence["credential"] = kinds.get(competence["credential"])
    return progress


async def test_a_profiel_requires_the_werkprocessen_of_its_kerntaken(world: World) -> None:
    await _import(world)
    page = await world.client.get("/api/catalogue/qualifications")
    qualification = next(q for q in page.json()["items"] if q["code"] == "25498")
    assert (
        qualification["title"],
        qualification["level"],
        qualification["studyLoadHours"],
        qualification["framework"],
        qualification["groups"],
    ) == (
        "Helpende Zorg en Welzijn",
        {"scheme": "mbo", "value": 2},
        3200,
        "sbb-23189-2015-11-26",
        [],
    )
    one = await world.client.get(f"/api/catalogue/qualifications/{qualification['id']}")
    codes = [c["code"] for c in one.json()["competences"]]
    assert codes == [f"B1-K1-W{i}" for i in range(1, 10)] + [f"P2-K1-W{i}" for i in (1, 2, 3)]
    assert one.json()["competences"][0]["uri"] == W1


async def test_a_qualification_made_of_competences_by_hand(world: World) -> None:
    await _import(world)
    body = {"code": "BRANCHE-1", "title": "Branchprofiel", "requiredCompetences": [W1, W2]}
    made = await world.client.post(
        "/api/catalogue/qualifications", json=body, headers=world.operator
    )
    assert made.status_code == 201, made.text
    assert [c["code"] for c in made.json()["competences"]] == ["B1-K1-W1", "B1-K1-W2"]
    unknown = {**body, "code": "BRANCHE-2", "requiredCompetences": [f"{DOSSIER}/B9-K9-W9"]}
    refused = await world.client.post(
        "/api/catalogue/qualifications", json=unknown, headers=world.operator
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "unknown-competence")


async def test_progress_counts_achieved_evc_results_and_aligned_certificates(
    world: World,
) -> None:
    await _import(world)
    worker = await world.person("worker", "noor@example.nl", "Noor Bakker")
    record = await _evc(world, worker)
    progress = await _progress(world, worker)
    # B1-K1-W1 is in the basis: every profiel of the dossier counts it.
    assert sorted(progress) == ["25498", "25499", "25500"]
    helpende = progress["25498"]
    assert (helpende["competencesDone"], helpende["competencesNeeded"]) == (1, 12)
    assert helpende["complete"] is False
    shown = {c["code"]: c["credential"] for c in helpende["competences"]}
    # The werkproces "niet behaald" does not count.
    assert (shown["B1-K1-W1"], shown["B1-K1-W3"]) == ("evc", None)
    module = await world.catalogue.module(
        title="Voorraadbeheer", competences=[{"uri": W2}], certificate="Deelcertificaat"
    )
    await world.issue(worker, module["id"])
    shown = {
        c["code"]: c["credential"] for c in (await _progress(world, worker))["25498"]["competences"]
    }
    assert (shown["B1-K1-W1"], shown["B1-K1-W2"]) == ("evc", "module-certificate")
    await world.revoke(record["id"], world.assessor)
    helpende = (await _progress(world, worker))["25498"]
    assert (helpende["competencesDone"], helpende["competencesNeeded"]) == (1, 12)
    assert {c["code"]: c["credential"] for c in helpende["competences"]}["B1-K1-W1"] is None


async def test_the_qualification_page_shows_its_werkprocessen(world: World) -> None:
    await _import(world)
    page = await world.client.get("/api/catalogue/qualifications")
    qualification = next(q for q in page.json()["items"] if q["code"] == "25500")
    html = await world.client.get(f"/catalogus/kwalificaties/{qualification['id']}")
    assert html.status_code == 200, html.text
    assert "Medewerker sport en recreatie" in html.text
    assert "P3-K1-W3" in html.text
    assert "Houdt toezicht" in html.text
