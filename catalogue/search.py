"""Catalogue search: full text (SQLite FTS5 or PostgreSQL tsvector) plus filters.

`module_search` holds one row per published module with the filter columns; the full-text
index beside it is kept in step by the database itself (FTS5 triggers, or a generated tsvector
column on PostgreSQL; see the migration), so the code here only writes `module_search`.
"""

from __future__ import annotations

import datetime as dt
import re
from uuid import UUID

import msgspec
from sqlalchemy import ColumnElement, and_, delete, exists, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.documents import level_doc, module_version_url, provider_ref
from catalogue.models import Module, ModuleSearch, ModuleVersion, ModuleVersionCompetence, Provider, Run
from schemas.catalogue import DeliveryMode, SearchHit, SearchResult

MAX_TERMS = 8
OPEN_STATUSES = ("planned", "open")


class SearchQuery(msgspec.Struct, kw_only=True, frozen=True):
    """What a searcher asks for; every field is optional."""

    q: str | None = None
    competence: str | None = None
    level: int | None = None
    level_scheme: str | None = None
    sector: str | None = None
    region: str | None = None
    delivery_mode: DeliveryMode | None = None
    start_from: dt.date | None = None
    start_to: dt.date | None = None
    provider: str | None = None
    limit: int = 20
    offset: int = 0


def search_document(version: ModuleVersion, provider: Provider) -> str:
    """The text that full-text search sees: the module's words and its competences' labels."""
    labels = " ".join(label for c in version.competences for label in c.labels.values())
    return " ".join(
        [
            version.title,
            version.title,  # the title counts double in ranking
            version.summary,
            version.description,
            version.certificate,
            provider.name,
            " ".join(version.sectors),
            labels,
        ]
    )


async def index_module(session: AsyncSession, module: Module, version: ModuleVersion) -> None:
    """Make `version` the searchable face of `module`."""
    row = await session.scalar(select(ModuleSearch).where(ModuleSearch.module_id == module.id))
    if row is None:
        row = ModuleSearch(module_id=module.id)
        session.add(row)
    row.version_number = version.number
    row.version_id = version.id
    row.provider_id = module.provider_id
    row.title = version.title
    row.summary = version.summary
    row.level_scheme = version.level_scheme
    row.level_value = version.level_value
    row.delivery_mode = version.delivery_mode
    row.sector_tags = "|" + "|".join(version.sectors) + "|"
    row.study_load_hours = version.study_load_hours
    row.document = search_document(version, module.provider)
    await session.flush()


async def unindex_module(session: AsyncSession, module_id: UUID) -> None:
    """Remove a module from search (withdrawn)."""
    await session.execute(delete(ModuleSearch).where(ModuleSearch.module_id == module_id))


def terms(q: str) -> list[str]:
    """Words of a query; punctuation never reaches the full-text syntax."""
    return re.findall(r"\w+", q.lower())[:MAX_TERMS]


def _fulltext(dialect: str, words: list[str]) -> tuple[ColumnElement[bool], ColumnElement[float]]:
    """The match condition and a rank (higher is better) for this dialect."""
    if dialect == "postgresql":
        parts = [
            f"(to_tsquery('dutch', :t{i}) || to_tsquery('english', :t{i}) "
            f"|| to_tsquery('simple', :t{i}))"
            for i in range(len(words))
        ]
        query = " && ".join(parts)
        params = {f"t{i}": f"{w}:*" for i, w in enumerate(words)}
        cond = text(f"module_search.tsv @@ ({query})").bindparams(**params)
        rank = literal_column(f"ts_rank(module_search.tsv, ({query}))").bindparams(**params)
        return cond, rank  # type: ignore[return-value]
    # FTS5: every word as a prefix ("warmtepomp" finds "warmtepompmonteur"), all required.
    match = " AND ".join(f'"{w}"*' for w in words)
    cond = ModuleSearch.id.in_(
        select(literal_column("rowid")).select_from(text("module_fts")).where(
            text("module_fts MATCH :match").bindparams(match=match)
        )
    )
    return cond, literal_column("0")  # type: ignore[return-value]


def _run_filter(query: SearchQuery) -> ColumnElement[bool] | None:
    """One live run must satisfy region and start window together; cancelled runs never count."""
    conditions: list[ColumnElement[bool]] = []
    if query.region:
        region = query.region.strip()
        if region[:1].isdigit():
            conditions.append(Run.postcode.like(region.replace(" ", "")[:4] + "%"))
        else:
            conditions.append(func.lower(Run.place) == region.lower())
    if query.start_from:
        conditions.append(Run.start_date >= query.start_from)
    if query.start_to:
        conditions.append(Run.start_date <= query.start_to)
    if not conditions:
        return None
    return exists().where(
        Run.module_id == ModuleSearch.module_id, Run.status != "cancelled", *conditions
    )


async def search_modules(
    session: AsyncSession, base_url: str, query: SearchQuery, *, today: dt.date
) -> SearchResult:
    """Published modules matching the query, best first, one page at a time."""
    conditions: list[ColumnElement[bool]] = []
    rank: ColumnElement[float] | None = None
    words = terms(query.q or "")
    if words:
        cond, rank = _fulltext(session.bind.dialect.name, words)
        conditions.append(cond)
    if query.competence:
        conditions.append(
            exists().where(
                ModuleVersionCompetence.version_id == ModuleSearch.version_id,
                ModuleVersionCompetence.uri == query.competence,
            )
        )
    if query.level is not None:
        conditions.append(ModuleSearch.level_value == query.level)
    if query.level_scheme:
        conditions.append(ModuleSearch.level_scheme == query.level_scheme)
    if query.sector:
        conditions.append(ModuleSearch.sector_tags.like(f"%|{query.sector}|%"))
    if query.delivery_mode:
        conditions.append(ModuleSearch.delivery_mode == query.delivery_mode)
    if query.provider:
        conditions.append(
            ModuleSearch.provider_id == select(Provider.id).where(Provider.slug == query.provider).scalar_subquery()
        )
    run_filter = _run_filter(query)
    if run_filter is not None:
        conditions.append(run_filter)
    where = and_(*conditions) if conditions else and_(True)
    total = await session.scalar(select(func.count(ModuleSearch.id)).where(where)) or 0
    order = [ModuleSearch.title, ModuleSearch.id]
    if rank is not None and session.bind.dialect.name == "postgresql":
        order.insert(0, rank.desc())  # type: ignore[arg-type]
    rows = list(
        await session.scalars(
            select(ModuleSearch).where(where).order_by(*order).limit(query.limit).offset(query.offset)
        )
    )
    return SearchResult(
        items=await _hits(session, base_url, rows, today),
        total=total,
        limit=query.limit,
        offset=query.offset,
    )


async def _hits(
    session: AsyncSession, base_url: str, rows: list[ModuleSearch], today: dt.date
) -> list[SearchHit]:
    """Decorate a page of rows with provider and the live state of their runs."""
    if not rows:
        return []
    ids = [r.module_id for r in rows]
    next_start = dict(
        (
            await session.execute(
                select(Run.module_id, func.min(Run.start_date))
                .where(Run.module_id.in_(ids), Run.status.in_(OPEN_STATUSES), Run.start_date >= today)
                .group_by(Run.module_id)
            )
        ).all()
    )
    providers = {
        p.id: p
        for p in await session.scalars(
            select(Provider).where(Provider.id.in_({r.provider_id for r in rows}))
        )
    }
    sectors_of = {r.module_id: [s for s in r.sector_tags.split("|") if s] for r in rows}
    return [
        SearchHit(
            id=r.module_id,
            version=r.version_number,
            title=r.title,
            summary=r.summary,
            provider=provider_ref(providers[r.provider_id]),
            level=level_doc(r.level_scheme, r.level_value),
            delivery_mode=r.delivery_mode,  # type: ignore[arg-type]
            sectors=sectors_of[r.module_id],
            study_load_hours=r.study_load_hours,
            has_open_run=r.module_id in next_start,
            next_start=next_start.get(r.module_id),
            url=module_version_url(base_url, r.module_id, r.version_number),
        )
        for r in rows
    ]


__all__ = ["SearchQuery", "index_module", "search_modules", "unindex_module"]
