"""The API views of a revoked or suspended credential say why and since when, as the pages do
(QA 8): the share link as JSON, a received share and POST /api/verify. Never the note."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.registry.wallet_helpers import World

NOTE = "Geheime uitleg voor de houder"


@pytest.mark.parametrize(("action", "reason"), [("revoke", "fraud"), ("suspend", "holder-request")])
async def test_every_api_view_gives_the_reason_and_date(
    world: World, action: str, reason: str
) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    employer = await world.person("employer", "hr@noord.example", "HR Noord")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], employer.id)
    before = dt.datetime.now(dt.UTC)
    response = await world.client.post(
        f"/api/credentials/{issued['id']}/{action}",
        json={"reason": reason, "note": NOTE},
        headers=world.provider,
    )
    assert response.status_code == 200, response.text

    answers = {
        "link": await world.client.get(share["url"], headers={"Accept": "application/json"}),
        "received": await world.client.get(
            f"/api/shares/received/{share['id']}", headers=employer.headers
        ),
        "verify-share": await world.client.post("/api/verify", json={"share": share["url"]}),
        "verify": await world.client.post("/api/verify", json={"credential": issued["credential"]}),
    }
    verdict = "revoked" if action == "revoke" else "suspended"
    for name, answer in answers.items():
        assert answer.status_code == 200, (name, answer.text)
        body = answer.json()
        report = body.get("verification", body)
        item = report["credentials"][0] if "credentials" in report else report
        assert item["verdict"] == verdict, name
        summary = item["credential"]
        assert summary["statusReason"] == reason, name
        # One format for the field everywhere: the revoke/suspend answer's ("...Z").
        assert summary["statusChangedAt"] == response.json()["statusChangedAt"], name
        assert summary["statusChangedAt"].endswith("Z"), name
        changed = dt.datetime.fromisoformat(summary["statusChangedAt"])
        assert before - dt.timedelta(seconds=1) <= changed <= dt.datetime.now(dt.UTC), name
        assert NOTE not in answer.text, name
        if "presentation" in body:  # a share as JSON: its own list of summaries too
            assert body["credentials"][0]["statusReason"] == reason, name


async def test_a_valid_credential_has_no_reason(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    issued = await world.issue(worker)
    report = await world.verify({"credential": issued["credential"]})
    assert report["verdict"] == "valid"
    assert "statusReason" not in report["credential"]
    assert "statusChangedAt" not in report["credential"]
