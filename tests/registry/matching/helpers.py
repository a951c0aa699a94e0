"""The cast of matching tests: the wallet tests' world plus job profiles, crosswalks and
person certificates (kind `certificate`, by an accredited exam institute: only these count
as a job's mandatory certificate)."""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

from tests.registry.issuing.test_certificates import exam_institute
from tests.registry.wallet_helpers import Person, World

# The exam institute of each world that issued a certificate (a world makes it once).
_EXAMS: weakref.WeakKeyDictionary[World, dict[str, str]] = weakref.WeakKeyDictionary()

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
    """A person certificate of `scheme` for the worker, by an exam institute accredited for
    VCA Basis and NEN 3140 (made the first time a world needs one)."""
    body: dict[str, Any] = {
        "kind": "certificate",
        "scheme": scheme,
        "holder": {"workerId": worker.id},
    }
    if valid_until is not None:
        body["validUntil"] = valid_until.isoformat()
    response = await world.client.post("/api/credentials", json=body, headers=await exam_of(world))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def stop(world: World, credential_id: str, action: str, headers: dict[str, str]) -> None:
    """Revoke or suspend a credential as its issuer."""
    response = await world.client.post(
        f"/api/credentials/{credential_id}/{action}", headers=headers
    )
    assert response.status_code == 200, response.text


async def exam_of(world: World) -> dict[str, str]:
    """The headers of the world's exam institute (made, with the schemes in the catalogue,
    the first time it is asked for)."""
    if world not in _EXAMS:
        _EXAMS[world] = await exam_institute(world)
    return _EXAMS[world]


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
