"""The route index (`route_run`, `catalogue.route_index`): one row per live run and taught
competence of a searchable module, kept in step by every way a run or a module's searchable
version changes; and its reading, the first modules of a competence with a run in the region
first."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.models import RouteRun
from catalogue.route_index import first_modules
from tests.catalogue.helpers import CHARGER, HEAT_PUMP, SOLAR, Catalogue

Rows = set[tuple[str, str, str, str]]


async def rows_of(sessionmaker: async_sessionmaker[AsyncSession], module_id: str) -> Rows:
    """(uri, run id, start date, place key) of a module's rows."""
    async with sessionmaker() as session:
        found = await session.execute(
            select(RouteRun.uri, RouteRun.run_id, RouteRun.start_date, RouteRun.place_key).where(
                RouteRun.module_id == uuid.UUID(module_id)
            )
        )
        return {(uri, str(run), start.isoformat(), place) for uri, run, start, place in found}


async def patch_run(cat: Catalogue, module_id: str, run_id: str, **body: Any) -> None:
    response = await cat.client.patch(
        f"/api/catalogue/modules/{module_id}/runs/{run_id}", json=body, headers=cat.provider_a
    )
    assert response.status_code == 200, response.text


async def test_the_rows_follow_runs_versions_and_withdrawal(
    cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    module = await cat.module(publish=False, competences=[{"uri": HEAT_PUMP}, {"uri": SOLAR}])
    module_id = module["id"]
    first = await cat.run(module_id, startDate="2031-03-02", endDate="2031-03-06")
    # A draft is not in the catalogue: no route goes through it.
    assert await rows_of(sessionmaker, module_id) == set()
    published = await cat.client.post(
        f"/api/catalogue/modules/{module_id}/publish", headers=cat.provider_a
    )
    assert published.status_code == 200, published.text
    assert await rows_of(sessionmaker, module_id) == {
        (HEAT_PUMP, first["id"], "2031-03-02", "utrecht"),
        (SOLAR, first["id"], "2031-03-02", "utrecht"),
    }
    planned = await cat.run(
        module_id,
        startDate="2031-06-01",
        endDate="2031-06-05",
        place="Groningen",
        postcode="9711AB",
        status="planned",
    )
    await cat.run(module_id, startDate="2031-04-01", endDate="2031-04-05", status="full")
    await patch_run(cat, module_id, first["id"], status="cancelled")
    await patch_run(cat, module_id, planned["id"], place="Den Haag", postcode="2511 AA")
    # The full and the cancelled run are no longer live; the moved one is where it went.
    assert await rows_of(sessionmaker, module_id) == {
        (HEAT_PUMP, planned["id"], "2031-06-01", "den haag"),
        (SOLAR, planned["id"], "2031-06-01", "den haag"),
    }
    edited = await cat.client.patch(
        f"/api/catalogue/modules/{module_id}",
        json={"competences": [{"uri": CHARGER}]},
        headers=cat.provider_a,
    )
    assert edited.status_code == 200, edited.text
    # A draft version's competences change nothing until it is published.
    assert {uri for uri, *_ in await rows_of(sessionmaker, module_id)} == {HEAT_PUMP, SOLAR}
    await cat.client.post(f"/api/catalogue/modules/{module_id}/publish", headers=cat.provider_a)
    assert await rows_of(sessionmaker, module_id) == {
        (CHARGER, planned["id"], "2031-06-01", "den haag")
    }
    withdrawn = await cat.client.post(
        f"/api/catalogue/modules/{module_id}/withdraw", headers=cat.provider_a
    )
    assert withdrawn.status_code == 200, withdrawn.text
    assert await rows_of(sessionmaker, module_id) == set()


async def test_an_import_that_cancels_a_run_takes_it_out(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    module = await cat.module()
    run = await cat.run(module["id"])
    assert {r for _, r, _, _ in await rows_of(sessionmaker, module["id"])} == {run["id"]}
    exported = await client.get("/api/catalogue/export", params={"format": "elm"})
    assert exported.status_code == 200, exported.text
    assert exported.content.count(b">open<") == 1
    cancelled = exported.content.replace(b">open<", b">cancelled<")
    response = await client.post("/api/catalogue/import", content=cancelled, headers=cat.provider_a)
    assert response.status_code == 200, response.text
    assert await rows_of(sessionmaker, module["id"]) == set()


async def module_with_runs(cat: Catalogue, title: str, *runs: tuple[str, str]) -> str:
    """A published module teaching HEAT_PUMP with an open run per (start date, postcode)."""
    return await cat.module_with_runs(title, [HEAT_PUMP], *runs)


async def firsts(
    sessionmaker: async_sessionmaker[AsyncSession], region: str | None, want: int
) -> list[tuple[str, str, bool]]:
    async with sessionmaker() as session:
        found = await first_modules(
            session, [HEAT_PUMP, SOLAR], today=dt.date(2031, 1, 1), region=region, want=want
        )
    assert set(found) == {HEAT_PUMP}
    return [(str(module), start.isoformat(), near) for module, start, near in found[HEAT_PUMP]]


async def test_the_first_modules_come_in_start_order_each_once(
    cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    # Seven runs of one module fill the first six rows read for three modules: the reading
    # must go on past them to find the other two.
    weekly = [(f"2031-02-{day:02d}", "8011 AA") for day in range(1, 8)]
    busy = await module_with_runs(cat, "Elke dag", *weekly)
    later = await module_with_runs(cat, "Later", ("2031-03-01", "8011 AA"))
    last = await module_with_runs(cat, "Laatst", ("2031-04-01", "8011 AA"))
    await module_with_runs(cat, "Te laat", ("2031-05-01", "8011 AA"))
    await module_with_runs(cat, "Voorbij", ("2030-12-01", "8011 AA"))
    assert await firsts(sessionmaker, None, 3) == [
        (busy, "2031-02-01", False),
        (later, "2031-03-01", False),
        (last, "2031-04-01", False),
    ]


async def test_modules_with_a_run_in_the_region_come_first_from_their_run_there(
    cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    early = await module_with_runs(cat, "Vroeg", ("2031-02-01", "8011 AA"))
    both = await module_with_runs(cat, "Twee", ("2031-02-02", "8011 AA"), ("2031-06-01", "3511 AB"))
    near = await module_with_runs(cat, "Dichtbij", ("2031-05-01", "3511 AB"))
    assert await firsts(sessionmaker, "35", 3) == [
        (near, "2031-05-01", True),
        (both, "2031-06-01", True),
        (early, "2031-02-01", False),
    ]
    assert await firsts(sessionmaker, "Utrecht", 2) == [
        (near, "2031-05-01", True),
        (both, "2031-06-01", True),
    ]
    assert await firsts(sessionmaker, None, 2) == [
        (early, "2031-02-01", False),
        (both, "2031-02-02", False),
    ]
