"""`route_run` (`catalogue.models.RouteRun`): reading it for the route to a job, and keeping it
in step with the runs and the searchable modules it is derived from.

Reading (`first_modules`): for each competence URI, the modules with the earliest live runs,
read in start order from the URI's range of `ix_route_run_gap` and cut off after a few, so a
competence taught by thousands of modules costs no more than a rare one. The URIs of a route
(a gap with its equivalents: often hundreds) go `SLOTS` to a statement of one fixed shape,
which SQLAlchemy compiles and the database prepares once.

Keeping in step, one rule in one place: the rows of a module are rebuilt from scratch whenever
one of its runs is added or changed, or its searchable version changes (publish, a new version,
withdrawal). A listener on every session's flush sees the runs and `module_search` rows the
flush wrote, so no code that writes a run has to remember the index;
`catalogue.search.unindex_module`, which deletes its row with a bulk statement the listener
cannot see, calls `refresh` itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    bindparam,
    delete,
    event,
    func,
    insert,
    literal,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from catalogue.models import (
    LIVE_RUN_STATUSES,
    ModuleSearch,
    ModuleVersionCompetence,
    RouteRun,
    Run,
)
from catalogue.postcodes import read_region

# Modules per statement: the IN lists stay well under SQLite's parameter limit.
CHUNK = 500
# URIs per reading statement (two parts each when a region is given; SQLite allows 500).
SLOTS = 32

# A module's first live run, and whether it is in the region.
Found: TypeAlias = tuple[UUID, dt.date, bool]
# A row read: a module and the start of one of its runs.
Start: TypeAlias = tuple[UUID, dt.date]
Nearness: TypeAlias = Literal["anywhere", "postcode", "place"]


def _region(region: str | None) -> tuple[Nearness, dict[str, str]]:
    """How a region is matched (a postcode prefix or a place name) and its parameters."""
    read = read_region(region)
    if read is None:
        return "anywhere", {}
    if read.postcodes is None:
        return "place", {"place": read.place}
    return "postcode", {"low": read.postcodes[0], "high": read.postcodes[1]}


@functools.cache
def _statement(nearness: Nearness) -> Select[tuple[int, UUID, dt.date]]:
    """Per slot, the first rows of the slot's URI in start order (`slot` 2n), and, with a
    region, of its runs in the region (`slot` 2n + 1). A slot without a URI matches nothing."""
    near: ColumnElement[bool] | None = None
    if nearness == "postcode":
        near = RouteRun.postcode.between(bindparam("low"), bindparam("high"))
    elif nearness == "place":
        near = RouteRun.place_key == bindparam("place")
    parts = []
    for slot in range(SLOTS):
        for kind, condition in [(0, None), *([] if near is None else [(1, near)])]:
            part = select(
                literal(2 * slot + kind, Integer).label("slot"),
                RouteRun.module_id,
                RouteRun.start_date,
            ).where(
                RouteRun.uri == bindparam(f"uri{slot}"),
                RouteRun.start_date >= bindparam("today", type_=Date),
            )
            if condition is not None:
                part = part.where(condition)
            part = part.order_by(RouteRun.start_date, RouteRun.module_id)
            parts.append(select(part.limit(bindparam("rows", type_=Integer)).subquery()))
    return union_all(*parts)  # type: ignore[return-value]


async def first_modules(
    session: AsyncSession, uris: Sequence[str], *, today: dt.date, region: str | None, want: int
) -> dict[str, list[Found]]:
    """Per URI taught with a live run (planned or open, starting `today` or later), the first
    `want` modules teaching it with one: with a region, those with such a run in the region
    first, by their first run there, then the others; each by its first run, then its id.

    A module with many runs can fill a URI's first rows on its own: a URI whose rows were cut
    off before `want` modules showed is read again with room for four times as many."""
    nearness, params = _region(region)
    rows = 2 * want
    found: dict[str, list[Found]] = {}
    pending = list(dict.fromkeys(uris))
    while pending:
        short = []
        for start in range(0, len(pending), SLOTS):
            chunk = pending[start : start + SLOTS]
            read = await _read(session, nearness, chunk, {**params, "today": today, "rows": rows})
            for uri, (anywhere, near) in zip(chunk, read, strict=True):
                if _cut_short(anywhere, rows, want) or _cut_short(near, rows, want):
                    short.append(uri)
                elif anywhere:
                    found[uri] = _ranked(anywhere, near, nearness != "anywhere", want)
        pending, rows = short, 4 * rows
    return found


async def _read(
    session: AsyncSession, nearness: Nearness, uris: list[str], params: dict[str, Any]
) -> list[tuple[list[Start], list[Start]]]:
    """Each URI's first rows anywhere and in the region, in start order."""
    slots = {f"uri{n}": uris[n] if n < len(uris) else None for n in range(SLOTS)}
    read: list[tuple[list[Start], list[Start]]] = [([], []) for _ in uris]
    for slot, module_id, start in await session.execute(_statement(nearness), {**slots, **params}):
        read[slot // 2][slot % 2].append((module_id, start))
    return read


def _cut_short(rows: list[Start], limit: int, want: int) -> bool:
    return len(rows) == limit and len({module_id for module_id, _ in rows}) < want


def _ranked(anywhere: list[Start], near: list[Start], regional: bool, want: int) -> list[Found]:
    """The modules in the region first (all of them when fewer than `want`, so any other
    module has no run there), then the others; each once, at its first row."""
    ranked: dict[UUID, Found] = {}
    for rows, in_region in ((near, True), (anywhere, False)) if regional else ((anywhere, False),):
        for module_id, start in rows:
            if len(ranked) == want:
                return list(ranked.values())
            ranked.setdefault(module_id, (module_id, start, in_region))
    return list(ranked.values())


def rebuild(connection: Connection, module_ids: Iterable[UUID]) -> None:
    """Rebuild the rows of these modules: one per live run and taught competence URI of each
    module that is searchable, none for one that is not (or no longer)."""
    ids = sorted(set(module_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        connection.execute(delete(RouteRun).where(RouteRun.module_id.in_(chunk)))
        rows = (
            select(
                ModuleVersionCompetence.uri,
                Run.module_id,
                Run.id,
                Run.start_date,
                Run.postcode,
                func.lower(Run.place),
            )
            .join(ModuleSearch, ModuleSearch.module_id == Run.module_id)
            .join(
                ModuleVersionCompetence,
                ModuleVersionCompetence.version_id == ModuleSearch.version_id,
            )
            .where(Run.module_id.in_(chunk), Run.status.in_(LIVE_RUN_STATUSES))
        )
        columns = ["uri", "module_id", "run_id", "start_date", "postcode", "place_key"]
        connection.execute(insert(RouteRun).from_select(columns, rows))


def rebuild_all(connection: Connection) -> None:
    """Every searchable module's rows (a migration, a benchmark's catalogue)."""
    rebuild(connection, connection.scalars(select(ModuleSearch.module_id)))


async def refresh(session: AsyncSession, module_ids: Iterable[UUID]) -> None:
    """`rebuild` in the session's transaction."""
    ids = list(module_ids)
    connection = await session.connection()
    await connection.run_sync(rebuild, ids)


def _after_flush(session: Session, _context: Any) -> None:
    changed = {
        item.module_id
        for item in itertools.chain(session.new, session.dirty, session.deleted)
        if isinstance(item, Run | ModuleSearch)
    }
    if changed:
        rebuild(session.connection(), changed)


event.listen(Session, "after_flush", _after_flush)
