"""The demo (issue 15): the demo employer's published "Laadpaalmonteur" profile has two
mandatory certificates; the demo worker has NEN 3140 (a person certificate of the demo exam
institute) and not VCA, so both the worker and the employer (over the share received) see it
blocked by VCA alone, and a construction werkproces stands for the ESCO skill it is mapped to."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.public import DEMO_SKILLS, NEN_3140, VCA_BASIS
from registry.demo import load_demo
from registry.settings import Settings


async def test_the_demo_worker_is_blocked_by_vca_only(
    client: AsyncTestClient[Any],
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    async with sessionmaker() as session, session.begin():
        tokens = await load_demo(session, settings)
    worker = {"Authorization": f"Bearer {tokens['worker']}"}
    employer = {"Authorization": f"Bearer {tokens['employer']}"}
    profiles = (await client.get("/api/job-profiles", headers=worker)).json()
    assert [p["title"] for p in profiles] == ["Laadpaalmonteur"]
    job = profiles[0]
    mine = (await client.get(f"/api/me/matches/{job['id']}", headers=worker)).json()
    received = (await client.get("/api/shares/received", headers=employer)).json()
    share_id = received[0]["url"].rsplit("/", 1)[1]
    answer = await client.post(
        f"/api/job-profiles/{job['id']}/match",
        json={"receivedShareId": share_id},
        headers=employer,
    )
    assert answer.status_code == 200, answer.text
    for match in (mine, answer.json()):
        assert match["verdict"] == "blocked"
        assert {m["competence"]: m["status"] for m in match["mandatory"]} == {
            VCA_BASIS: "missing",
            NEN_3140: "present",
        }
        at_start = [r["status"] for r in match["requirements"] if r["when"] == "at-start"]
        assert at_start == ["covered", "covered"]
        learn = {r["competence"]: r["status"] for r in match["requirements"]}
        assert learn[DEMO_SKILLS["construction-safety"]] == "missing"
        assert learn[DEMO_SKILLS["energy-storage"]] == "missing"
        routed = {uri for step in match["route"] for uri in step["covers"]}
        assert DEMO_SKILLS["energy-storage"] in routed
        # VCA takes an exam: no module is routed to it, and no one can say when it is done.
        assert match["unroutable"] == []
        assert match["weeksToReady"] is None
    werkproces = "https://demo.llo-registry.nl/standaarden/monteur-bouw/B1-K1-W4"
    seen = await client.get("/api/catalogue/competences/equivalents", params={"uri": werkproces})
    assert seen.json()["equivalents"][0] == {
        "uri": DEMO_SKILLS["construction-safety"],
        "relation": "exactMatch",
        "counts": True,
        "label": seen.json()["equivalents"][0]["label"],
        "framework": "esco",
    }
