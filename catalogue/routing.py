"""The route to a job: which published modules cover a worker's gaps (issue 15).

A gap is a competence URI with the URIs that stand for it (itself and its exact and close
matches, `catalogue.crosswalks`); a module covers the gap when its published version teaches
one of them. The route covers every gap it can with the fewest modules, greedily (the module
covering most of the gaps still open first); among modules covering as many, one with an open
run in the region (when a region is given) before one without, then the earliest start. A run
counts when it is planned or open and starts today or later, as in search. A gap that modules
cover but none with an open run gets such a module with `nextRun` null; a gap no published
module covers at all is `unroutable`.

The candidates for each gap are the first few (`PER_GAP`) modules of each URI standing for it,
read from `route_run`, the live runs by competence URI (`catalogue.route_index`): a
competence taught in thousands of modules costs no more than a rare one. A module with a run
in the region counts from its first run there, which is also the run its route step shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import route_index
from catalogue.models import LIVE_RUN_STATUSES, ModuleSearch, ModuleVersionCompetence, Provider, Run
from catalogue.postcodes import read_region
from catalogue.urls import module_runs_url, module_url
from schemas.matching import NextRun, RouteStep

PER_GAP = 8


@dataclass
class _Candidate:
    module_id: UUID
    covers: set[str] = field(default_factory=set)
    start: dt.date | None = None
    regional: bool = False


@dataclass(frozen=True, slots=True)
class Route:
    steps: list[RouteStep]
    unroutable: list[str]
    weeks_to_ready: int | None


def _near(region: str | None) -> Callable[[Run], bool]:
    """Whether a run in hand is in the region (a postcode prefix or a place name), as
    `route_index` reads it."""
    read = read_region(region)
    return lambda run: read is None or read.holds(run.postcode, run.place)


async def _without_runs(session: AsyncSession, uris: Sequence[str]) -> dict[str, UUID]:
    """Per URI, a published module teaching it, runs or not (the first by title)."""
    if not uris:
        return {}
    rows = await session.execute(
        select(ModuleVersionCompetence.uri, ModuleSearch.module_id, ModuleSearch.title)
        .join(ModuleSearch, ModuleSearch.version_id == ModuleVersionCompetence.version_id)
        .where(ModuleVersionCompetence.uri.in_(list(uris)))
    )
    best: dict[str, tuple[str, UUID]] = {}
    for uri, module_id, title in rows:
        if uri not in best or (title, str(module_id)) < (best[uri][0], str(best[uri][1])):
            best[uri] = (title, module_id)
    return {uri: module_id for uri, (_, module_id) in best.items()}


async def _candidates(
    session: AsyncSession, gaps: Mapping[str, Sequence[str]], region: str | None, today: dt.date
) -> tuple[dict[UUID, _Candidate], list[str]]:
    found: dict[UUID, _Candidate] = {}
    uris = sorted({uri for stands_for in gaps.values() for uri in stands_for})
    live = await route_index.first_modules(session, uris, today=today, region=region, want=PER_GAP)
    bare = [g for g, stands_for in gaps.items() if not any(u in live for u in stands_for)]
    fallback = await _without_runs(session, [u for g in bare for u in gaps[g]])
    unroutable = [g for g in bare if not any(u in fallback for u in gaps[g])]
    for module_id in fallback.values():
        found.setdefault(module_id, _Candidate(module_id))
    for rows in live.values():
        for module_id, start, regional in rows:
            candidate = found.setdefault(module_id, _Candidate(module_id))
            candidate.regional = candidate.regional or regional
            if candidate.start is None or start < candidate.start:
                candidate.start = start
    return found, unroutable


async def _teaches(
    session: AsyncSession, module_ids: Sequence[UUID], uris: Sequence[str]
) -> list[tuple[UUID, str]]:
    """Which of `uris` each module teaches. A module teaches a few competences: read them all
    by module and pick here, rather than let the URIs (hundreds with their equivalents) lead."""
    wanted = set(uris)
    rows = await session.execute(
        select(ModuleSearch.module_id, ModuleVersionCompetence.uri)
        .join(
            ModuleVersionCompetence, ModuleVersionCompetence.version_id == ModuleSearch.version_id
        )
        .where(ModuleSearch.module_id.in_(list(module_ids)))
    )
    return [(module_id, uri) for module_id, uri in rows if uri in wanted]


def _choose(candidates: dict[UUID, _Candidate], gaps: set[str]) -> list[_Candidate]:
    """Greedy set cover: most open gaps first, then a regional run, then the earliest start."""
    chosen: list[_Candidate] = []
    open_gaps = set(gaps)
    while open_gaps:
        best = min(
            (c for c in candidates.values() if c.covers & open_gaps),
            key=lambda c: (
                -len(c.covers & open_gaps),
                not c.regional,
                c.start or dt.date.max,
                str(c.module_id),
            ),
            default=None,
        )
        if best is None:
            break
        best.covers &= open_gaps
        open_gaps -= best.covers
        chosen.append(best)
    return chosen


async def plan_route(
    session: AsyncSession,
    base_url: str,
    gaps: Mapping[str, Sequence[str]],
    *,
    region: str | None,
    today: dt.date,
) -> Route:
    """The route over these gaps (gap URI -> the URIs that stand for it)."""
    candidates, unroutable = await _candidates(session, gaps, region, today)
    stands_for = {uri: gap for gap, uris in gaps.items() for uri in uris}
    for module_id, uri in await _teaches(session, list(candidates), list(stands_for)):
        candidates[module_id].covers.add(stands_for[uri])
    chosen = _choose(candidates, set(gaps) - set(unroutable))
    steps = await _steps(session, base_url, chosen, region, today)
    ends = [s.next_run.end_date for s in steps if s.next_run is not None]
    ready = None
    if not unroutable and len(ends) == len(steps):
        ready = max(0, -(-(max(ends, default=today) - today).days // 7))
    return Route(steps=steps, unroutable=unroutable, weeks_to_ready=ready)


async def _next_runs(
    session: AsyncSession, chosen: list[_Candidate], region: str | None, today: dt.date
) -> dict[UUID, Run]:
    """The next live run of each chosen module: in the region when the module has one there."""
    rows = await session.scalars(
        select(Run).where(
            Run.module_id.in_([c.module_id for c in chosen]),
            Run.status.in_(LIVE_RUN_STATUSES),
            Run.start_date >= today,
        )
    )
    regional = {c.module_id for c in chosen if c.regional}
    near = _near(region)
    best: dict[UUID, Run] = {}
    for run in rows:
        if run.module_id in regional and not near(run):
            continue
        known = best.get(run.module_id)
        if known is None or (run.start_date, str(run.id)) < (known.start_date, str(known.id)):
            best[run.module_id] = run
    return best


async def _steps(
    session: AsyncSession,
    base_url: str,
    chosen: list[_Candidate],
    region: str | None,
    today: dt.date,
) -> list[RouteStep]:
    """The chosen modules as route steps, the earliest start first (no run last)."""
    if not chosen:
        return []
    rows = await session.execute(
        select(
            ModuleSearch.module_id, ModuleSearch.title, ModuleSearch.study_load_hours, Provider.name
        )
        .join(Provider, Provider.id == ModuleSearch.provider_id)
        .where(ModuleSearch.module_id.in_([c.module_id for c in chosen]))
    )
    about = {module_id: (title, hours, provider) for module_id, title, hours, provider in rows}
    runs = await _next_runs(session, chosen, region, today)
    steps = []
    for candidate in chosen:
        run = runs.get(candidate.module_id)
        title, hours, provider = about[candidate.module_id]
        steps.append(
            RouteStep(
                module_id=candidate.module_id,
                title=title,
                provider=provider,
                covers=sorted(candidate.covers),
                next_run=None if run is None else _next_run_out(base_url, run),
                study_load_hours=hours,
                url=module_url(base_url, candidate.module_id),
            )
        )
    steps.sort(key=lambda s: s.next_run.start_date if s.next_run else dt.date.max)
    return steps


def _next_run_out(base_url: str, run: Run) -> NextRun:
    return NextRun(
        id=run.id,
        start_date=run.start_date,
        end_date=run.end_date,
        place=run.place,
        postcode=run.postcode,
        url=module_runs_url(base_url, run.module_id),
    )
