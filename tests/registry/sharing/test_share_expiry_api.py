"""`POST /api/me/shares` never passes over what it was given about expiry (QA: sharing 2):
one field, `expiresAt`, a moment; anything else, or a moment that cannot be, is a 422 and
nothing is written. (The share form's "until a date" is the end of that Dutch day.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from registry.models import Share
from tests.registry.wallet_helpers import World

SOON = (dt.datetime.now(dt.UTC) + dt.timedelta(days=10)).isoformat()
PAST = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat()
FAR = (dt.datetime.now(dt.UTC) + dt.timedelta(days=400)).isoformat()


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"expiresAt": SOON, "lifetime": 30}, "invalid-input"),
        ({"lifetime": 7}, "invalid-input"),
        ({"expiresAt": SOON, "days": 30}, "invalid-input"),
        ({"expiresAt": "2026-02-31T12:00:00Z"}, "invalid-input"),
        ({"expiresAt": "morgen"}, "invalid-input"),
        ({"expiresAt": PAST}, "bad-expiry"),
        ({"expiresAt": FAR}, "bad-expiry"),
    ],
)
async def test_expiry_is_one_field_and_never_ignored(
    world: World, extra: dict[str, Any], code: str
) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    issued = await world.issue(worker)
    body = {"credentialIds": [issued["id"]], "recipient": "hr@example.com", **extra}
    response = await world.client.post("/api/me/shares", json=body, headers=worker.headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == code
    async with world.sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Share)) == 0


async def test_the_moment_given_is_the_moment_kept(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    issued = await world.issue(worker)
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=45)
    created = await world.share(
        worker, [issued["id"]], "hr@example.com", expiresAt=moment.isoformat()
    )
    assert dt.datetime.fromisoformat(created["expiresAt"]) == moment
