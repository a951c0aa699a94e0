"""The cast of matching tests: the wallet tests' world plus job profiles, crosswalks and
certificates (EVC records against a certificate scheme's URI: any valid credential whose
achievement is the scheme counts as the certificate)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.registry.wallet_helpers import Person, World

VCA = "https://www.vca.nl/schemes/vca-basis"
NEN3140 = "https://www.nen.nl/schemes/nen-3140"


async def profile(world: World, employer: Person, **body: Any) -> dict[str, Any]:
    response = await world.client.post(
        "/api/job-profiles", json={"title": "Laadpaalmonteur"} | body, headers=employer.headers
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def certificate(
    world: World, worker: Person, scheme: str = VCA, valid_until: dt.datetime | None = None
) -> dict[str, Any]:
    """A certificate of `scheme` for the worker, as an EVC record assessed against it."""
    body: dict[str, Any] = {
        "kind": "evc",
        "holder": {"workerId": worker.id},
        "standard": {
            "url": scheme,
            "name": "VCA Basis",
            "description": "Veiligheid, gezondheid en milieu, basis.",
            "werkprocessen": [{"uri": f"{scheme}/examen", "label": "Examen"}],
        },
        "results": [
            {"competence": {"uri": f"{scheme}/examen", "label": "Examen"}, "status": "behaald"}
        ],
    }
    if valid_until is not None:
        body["validUntil"] = valid_until.isoformat()
    response = await world.client.post("/api/credentials", json=body, headers=world.assessor)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def crosswalk(world: World, source: str, relation: str, target: str) -> None:
    response = await world.client.post(
        "/api/catalogue/crosswalks",
        json={"source": source, "relation": relation, "target": target},
        headers=world.operator,
    )
    assert response.status_code == 200, response.text


async def my_match(world: World, worker: Person, profile_id: str) -> dict[str, Any]:
    response = await world.client.get(f"/api/me/matches/{profile_id}", headers=worker.headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def share_match(
    world: World, employer: Person, profile_id: str, body: dict[str, Any]
) -> dict[str, Any]:
    response = await world.client.post(
        f"/api/job-profiles/{profile_id}/match", json=body, headers=employer.headers
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def statuses(match: dict[str, Any]) -> dict[str, str]:
    """Each requirement's and certificate's status by its URI."""
    found = {r["competence"]: r["status"] for r in match["requirements"]}
    return found | {m["competence"]: m["status"] for m in match["mandatory"]}
