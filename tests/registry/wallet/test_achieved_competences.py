"""Only achieved results count as competences: an EVC werkproces the assessor marked "niet
behaald" is not on the CV, not in the wallet's list, not on an imported record."""

from __future__ import annotations

from typing import Any

from credentials.issue import issue_evc
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid
from schemas.credentials import CompetenceInput, CompetenceResultInput, Party
from tests.credentials.test_issue import evc_input
from tests.registry.wallet_helpers import EVC_STANDARD, WERKPROCES, World

FAILED_WERKPROCES = f"{EVC_STANDARD}/B1-K1-W2"
PASSED, FAILED = "Installeert laadpalen", "Lost storingen op"


def evc_body(worker_id: str) -> dict[str, Any]:
    """An EVC record with one werkproces behaald and one niet behaald."""
    passed = {"uri": WERKPROCES, "label": PASSED, "framework": "Kwalificatiedossier"}
    failed = {"uri": FAILED_WERKPROCES, "label": FAILED, "framework": "Kwalificatiedossier"}
    return {
        "kind": "evc",
        "holder": {"workerId": worker_id},
        "standard": {
            "url": EVC_STANDARD,
            "name": "Allround monteur elektrotechniek",
            "description": "Kerntaak B1-K1.",
            "werkprocessen": [passed, failed],
        },
        "results": [
            {"competence": passed, "status": "behaald"},
            {"competence": failed, "status": "niet behaald"},
        ],
    }


async def test_a_failed_werkproces_is_not_a_competence(world: World) -> None:
    worker = await world.person("worker", "sam@example.nl", "Sam de Vries")
    answer = await world.client.post(
        "/api/credentials", json=evc_body(worker.id), headers=world.assessor
    )
    assert answer.status_code == 201, answer.text
    [item] = (await world.wallet(worker))["items"]
    assert [c["label"] for c in item["competences"]] == [PASSED]
    cv = (await world.client.get("/api/me/cv", headers=worker.headers)).json()
    assert [group["label"] for group in cv["byCompetence"]] == [PASSED]


async def test_an_imported_record_counts_only_achieved_results(world: World) -> None:
    worker = await world.person("worker", "lotte@example.nl")
    holder = (await world.wallet(worker))["holder"]
    key = SigningKey.generate()
    issuer = Party(id=did_key(key.public), name="EVC-bureau elders")
    werkproces = CompetenceInput(uri=FAILED_WERKPROCES, label=FAILED)
    record = issue_evc(
        evc_input(
            id=None,
            issuer=issuer,
            holder=Party(id=holder, name="Lotte"),
            results=[CompetenceResultInput(competence=werkproces, status="niet behaald")],
            status=[],
        ),
        key,
        kid=holder_kid(key.public),
    )
    answer = await world.client.post(
        "/api/me/credentials/import", json={"credential": record.jws}, headers=worker.headers
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["credential"]["kind"] == "evc"
    assert answer.json()["credential"]["competences"] == []
