"""The route to a job: which published modules cover a worker's gaps (issue 15).

A gap is a competence URI with the URIs that stand for it (itself and its exact and close
matches, `catalogue.crosswalks`); a module covers the gap when its published version teaches
one of them. The route covers every gap it can with the fewest modules, greedily (the module
covering most of the gaps still open first); among modules covering as many, one with an open
run in the region (when a region is given) before one without, then the earliest start. A run
counts when it is planned or open and starts today or later, as in search. A gap that modules
cover but none with an open run gets such a module with `nextRun` null; a gap no published
module covers at all is `unroutable`.

Each gap asks for its candidates separately, the earliest runs first and a few at most
(`PER_GAP`), so a competence taught in thousands of modules costs no more than a rare one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.models import ModuleSearch, ModuleVersionCompetence, Provider, Run
from catalogue.search import postcode_range
from catalogue.urls import module_runs_url, module_url
from schemas.matching import NextRun, RouteStep

PER_GAP = 8
LIVE = ("planned", "open")


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


def _region(region: str | None) -> ColumnElement[bool] | None:
    if not region or not region.strip():
        return None
    postcodes = postcode_range(region.strip())
    if postcodes is None:
        return func.lower(Run.place) == region.strip().lower()
    return Run.postcode.between(postcodes[0], postcodes[1])


async def _with_runs(
    session: AsyncSession, uris: Sequence[str], today: dt.date, where: ColumnElement[bool] | None
) -> list[tuple[UUID, dt.date | None]]:
    """Modules teaching one of `uris` with a live run (matching `where`), earliest first."""
    first = func.min(Run.start_date)
    query = (
        select(ModuleSearch.module_id, first)
        .join(
            ModuleVersionCompetence, ModuleVersionCompetence.version_id == ModuleSearch.version_id
        )
        .join(Run, Run.module_id == ModuleSearch.module_id)
        .where(
            ModuleVersionCompetence.uri.in_(list(uris)),
            Run.status.in_(LIVE),
            Run.start_date >= today,
        )
        .group_by(ModuleSearch.module_id)
        .order_by(first, ModuleSearch.module_id)
        .limit(PER_GAP)
    )
    if where is not None:
        query = query.where(where)
    return [(module_id, start) for module_id, start in await session.execute(query)]


async def _without_runs(session: AsyncSession, uris: Sequence[str]) -> UUID | None:
    """A published module teaching one of `uris`, runs or not."""
    found: UUID | None = await session.scalar(
        select(ModuleSearch.module_id)
        .join(
            ModuleVersionCompetence, ModuleVersionCompetence.version_id == ModuleSearch.version_id
        )
        .where(ModuleVersionCompetence.uri.in_(list(uris)))
        .order_by(ModuleSearch.title)
        .limit(1)
    )
    return found


async def _candidates(
    session: AsyncSession, gaps: Mapping[str, Sequence[str]], region: str | None, today: dt.date
) -> tuple[dict[UUID, _Candidate], list[str]]:
    found: dict[UUID, _Candidate] = {}
    unroutable: list[str] = []
    where = _region(region)
    for gap, uris in gaps.items():
        rows = await _with_runs(session, uris, today, where) if where is not None else []
        regional = {module_id for module_id, _ in rows}
        rows += await _with_runs(session, uris, today, None)
        if not rows:
            module_id = await _without_runs(session, uris)
            if module_id is None:
                unroutable.append(gap)
                continue
            rows = [(module_id, None)]
        for module_id, start in rows:
            candidate = found.setdefault(module_id, _Candidate(module_id))
            candidate.regional = candidate.regional or module_id in regional
            if start is not None and (candidate.start is None or start < candidate.start):
                candidate.start = start
    return found, unroutable


async def _teaches(
    session: AsyncSession, module_ids: Sequence[UUID], uris: Sequence[str]
) -> list[tuple[UUID, str]]:
    rows = await session.execute(
        select(ModuleSearch.module_id, ModuleVersionCompetence.uri)
        .join(
            ModuleVersionCompetence, ModuleVersionCompetence.version_id == ModuleSearch.version_id
        )
        .where(ModuleSearch.module_id.in_(list(module_ids)), ModuleVersionCompetence.uri.in_(uris))
    )
    return [(module_id, uri) for module_id, uri in rows]


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


async def _next_run(
    session: AsyncSession, module_id: UUID, where: ColumnElement[bool] | None, today: dt.date
) -> Run | None:
    query = (
        select(Run)
        .where(Run.module_id == module_id, Run.status.in_(LIVE), Run.start_date >= today)
        .order_by(Run.start_date)
        .limit(1)
    )
    run: Run | None = await session.scalar(query.where(where) if where is not None else query)
    return run


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
    where = _region(region)
    steps = []
    for candidate in chosen:
        run = await _next_run(
            session, candidate.module_id, where if candidate.regional else None, today
        )
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
