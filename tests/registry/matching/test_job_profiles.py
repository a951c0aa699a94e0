"""Job profiles (issue 15): the employer makes, reads, changes and deletes them; published ones
are for anyone, drafts only for their employer."""

from __future__ import annotations

from tests.catalogue.helpers import CHARGER, SOLAR
from tests.registry.matching.helpers import VCA, profile
from tests.registry.wallet_helpers import World


async def test_an_employer_makes_and_changes_a_profile(world: World) -> None:
    employer = await world.person("employer", name="Installatiebedrijf Zon")
    made = await profile(
        world,
        employer,
        description="Laadpalen plaatsen bij klanten.",
        region="35",
        requirements=[
            {"competence": CHARGER, "when": "at-start"},
            {"competence": SOLAR, "when": "can-learn"},
            {"competence": CHARGER, "when": "at-start"},
        ],
        mandatoryCertificates=[{"name": "VCA Basis", "competence": VCA, "maxAgeMonths": 120}],
    )
    assert made["requirements"] == [
        {"competence": CHARGER, "when": "at-start", "label": "laadpalen installeren"},
        {"competence": SOLAR, "when": "can-learn", "label": "zonnepanelen installeren"},
    ]
    assert made["mandatoryCertificates"] == [
        {"name": "VCA Basis", "competence": VCA, "maxAgeMonths": 120}
    ]
    assert (made["published"], made["mine"], made["employer"]) == (
        False,
        True,
        "Installatiebedrijf Zon",
    )
    path = f"/api/job-profiles/{made['id']}"
    changed = await world.client.patch(
        path, json={"published": True, "requirements": []}, headers=employer.headers
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["published"], changed.json()["requirements"]) == (True, [])
    assert changed.json()["region"] == "35"
    gone = await world.client.delete(path, headers=employer.headers)
    assert gone.status_code == 204
    assert (await world.client.get(path, headers=employer.headers)).status_code == 404


async def test_drafts_are_their_employers_and_published_ones_anyones(world: World) -> None:
    employer = await world.person("employer")
    other = await world.person("employer")
    worker = await world.person("worker", email="w@example.org")
    draft = await profile(world, employer, title="Concept")
    public = await profile(world, employer, title="Openbaar", published=True)
    for who, expected in [
        (None, ["Openbaar"]),
        (worker.headers, ["Openbaar"]),
        (other.headers, ["Openbaar"]),
        (employer.headers, ["Openbaar", "Concept"]),
    ]:
        listed = await world.client.get("/api/job-profiles", headers=who)
        assert [p["title"] for p in listed.json()] == expected, who
    draft_path = f"/api/job-profiles/{draft['id']}"
    answer = await world.client.get(draft_path, headers=other.headers)
    assert (answer.status_code, answer.json()["code"]) == (404, "job-profile-not-found")
    answer = await world.client.patch(
        f"/api/job-profiles/{public['id']}", json={"title": "Van mij"}, headers=other.headers
    )
    assert (answer.status_code, answer.json()["code"]) == (403, "not-profile-owner")
    answer = await world.client.delete(draft_path, headers=other.headers)
    assert answer.status_code == 404
    mine = await world.client.get("/api/job-profiles?mine=true", headers=employer.headers)
    assert [p["title"] for p in mine.json()] == ["Openbaar", "Concept"]


async def test_bad_profiles_are_refused(world: World) -> None:
    employer = await world.person("employer")
    for body, code in [
        (
            {"title": "X", "requirements": [{"competence": CHARGER, "when": "ooit"}]},
            "invalid-input",
        ),
        ({"description": "geen titel"}, "invalid-input"),
        ({"fromOccupation": "http://data.europa.eu/esco/occupation/x"}, "occupation-unknown"),
        (
            {"title": "X", "mandatoryCertificates": [{"name": "VCA", "competence": "vca"}]},
            "invalid-input",
        ),
    ]:
        answer = await world.client.post("/api/job-profiles", json=body, headers=employer.headers)
        assert (answer.status_code, answer.json()["code"]) == (422, code), body
    listed = await world.client.get("/api/job-profiles", headers=employer.headers)
    assert listed.json() == []


async def test_a_competence_both_at_start_and_can_learn_is_refused(world: World) -> None:
    employer = await world.person("employer")
    conflicting = [
        {"competence": CHARGER, "when": "at-start"},
        {"competence": CHARGER, "when": "can-learn"},
    ]
    made = await profile(world, employer, requirements=[{"competence": SOLAR, "when": "at-start"}])
    path = f"/api/job-profiles/{made['id']}"
    body = {"title": "Monteur", "requirements": conflicting}
    answer = await world.client.post("/api/job-profiles", json=body, headers=employer.headers)
    assert (answer.status_code, answer.json()["code"]) == (422, "requirement-conflict")
    assert CHARGER in answer.json()["detail"]
    answer = await world.client.patch(
        path, json={"requirements": conflicting}, headers=employer.headers
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "requirement-conflict")
    mine = await world.client.get("/api/job-profiles?mine=true", headers=employer.headers)
    assert [p["requirements"][0]["competence"] for p in mine.json()] == [SOLAR]


async def test_text_is_trimmed_and_a_blank_title_or_region_is_none(world: World) -> None:
    employer = await world.person("employer")
    for body in [
        {"title": "   "},
        {"title": " \t "},
        {"title": "X", "mandatoryCertificates": [{"name": "  ", "competence": VCA}]},
    ]:
        answer = await world.client.post("/api/job-profiles", json=body, headers=employer.headers)
        assert (answer.status_code, answer.json()["code"]) == (422, "invalid-input"), body
    made = await profile(
        world,
        employer,
        title="  Monteur  ",
        description=" Laadpalen. ",
        region="   ",
        mandatoryCertificates=[{"name": " VCA Basis ", "competence": VCA}],
    )
    assert (made["title"], made["description"], made["region"]) == ("Monteur", "Laadpalen.", None)
    assert made["mandatoryCertificates"][0]["name"] == "VCA Basis"
    path = f"/api/job-profiles/{made['id']}"
    refused = await world.client.patch(path, json={"title": "  "}, headers=employer.headers)
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid-input")
    changed = await world.client.patch(
        path, json={"region": " 35 ", "title": " Elektromonteur"}, headers=employer.headers
    )
    assert (changed.json()["title"], changed.json()["region"]) == ("Elektromonteur", "35")
    cleared = await world.client.patch(path, json={"region": "  "}, headers=employer.headers)
    assert (cleared.json()["title"], cleared.json()["region"]) == ("Elektromonteur", None)
