"""The route to a job (issue 15): every gap covered with the fewest modules that have an open
run, in the profile's region when it gives one, the earliest start first; a gap no module in
the catalogue covers is `unroutable` and makes `weeksToReady` null."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.catalogue.helpers import CHARGER, HEAT_PUMP, SOLAR
from tests.registry.matching.helpers import crosswalk, my_match, profile
from tests.registry.wallet_helpers import Person, World

WP = "https://kwalificaties.example/monteur-bouw/B1-K2-W1"


async def module(world: World, title: str, uris: list[str], *runs: tuple[str, str]) -> str:
    return await world.catalogue.module_with_runs(title, uris, *runs)


async def route_of(world: World, worker: Person, requirements: list[str], **body: Any) -> Any:
    employer = await world.person("employer")
    job = await profile(
        world,
        employer,
        published=True,
        requirements=[{"competence": uri, "when": "can-learn"} for uri in requirements],
        **body,
    )
    return await my_match(world, worker, job["id"])


async def test_the_route_prefers_an_open_run_in_the_region(world: World) -> None:
    worker = await world.person("worker", email="w@example.org")
    north = await module(world, "Warmtepomp Noord", [HEAT_PUMP], ("2031-02-02", "9711 AA"))
    utrecht = await module(world, "Warmtepomp Utrecht", [HEAT_PUMP], ("2031-05-04", "3511 AB"))
    anywhere = await route_of(world, worker, [HEAT_PUMP])
    assert [s["moduleId"] for s in anywhere["route"]] == [north]
    near = await route_of(world, worker, [HEAT_PUMP], region="35")
    assert [s["moduleId"] for s in near["route"]] == [utrecht]
    step = near["route"][0]
    assert step["nextRun"]["startDate"] == "2031-05-04"
    assert (step["covers"], step["provider"], step["studyLoadHours"]) == (
        [HEAT_PUMP],
        "Opleider A",
        40,
    )
    assert near["verdict"] == "fits-after-training"
    today = dt.date.today()
    assert near["weeksToReady"] == -(-(dt.date(2031, 5, 8) - today).days // 7)


async def test_the_route_takes_the_fewest_modules(world: World) -> None:
    worker = await world.person("worker", email="w@example.org")
    await module(world, "Alleen warmtepomp", [HEAT_PUMP], ("2031-01-05", "3511 AB"))
    await module(world, "Alleen zon", [SOLAR], ("2031-01-05", "3511 AB"))
    both = await module(world, "Warmtepomp en zon", [HEAT_PUMP, SOLAR], ("2031-09-01", "3511 AB"))
    match = await route_of(world, worker, [HEAT_PUMP, SOLAR])
    assert [(s["moduleId"], s["covers"]) for s in match["route"]] == [
        (both, sorted([HEAT_PUMP, SOLAR]))
    ]


async def test_a_gap_without_any_module_is_unroutable(world: World) -> None:
    worker = await world.person("worker", email="w@example.org")
    # world's laadpaalmonteur teaches CHARGER, without runs: routable, but with no date.
    match = await route_of(world, worker, [SOLAR, CHARGER])
    assert match["unroutable"] == [SOLAR]
    assert [(s["covers"], s["nextRun"]) for s in match["route"]] == [([CHARGER], None)]
    assert match["weeksToReady"] is None


async def test_a_module_teaching_an_equivalent_covers_the_gap(world: World) -> None:
    worker = await world.person("worker", email="w@example.org")
    await crosswalk(world, WP, "closeMatch", HEAT_PUMP)
    heat = await module(world, "Warmtepomp", [HEAT_PUMP], ("2031-02-02", "3511 AB"))
    match = await route_of(world, worker, [WP])
    assert [(s["moduleId"], s["covers"]) for s in match["route"]] == [(heat, [WP])]
    assert match["unroutable"] == []
