"""Catalogue search: full text (SQLite FTS5 or PostgreSQL tsvector) plus filters.

`module_search` holds one row per published module with the filter columns; the full-text
index beside it is kept in step by the database itself (FTS5 triggers, or a generated tsvector
column on PostgreSQL; see migration 0002), so the code here only writes `module_search`. Both
index the title apart from the rest of the text, so a title hit ranks above a body hit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from uuid import UUID

import msgspec
from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    column,
    delete,
    exists,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import TextClause

from catalogue.documents import level_doc, module_version_url
from catalogue.models import (
    Module,
    ModuleSearch,
    ModuleVersion,
    ModuleVersionCompetence,
    Provider,
    Run,
)
from schemas.catalogue import DeliveryMode, ProviderRef, SearchHit, SearchResult

MAX_TERMS = 8
OPEN_STATUSES = ("planned", "open")
# bm25 column weights for module_fts(title, document): a title hit outweighs a body hit.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
# Work per query stays bounded at any catalogue size: a text query ranks at most RANK_CAP of its
# full-text matches (the first ones in index order), and `total` counts at most COUNT_CAP rows,
# so a total of COUNT_CAP means "at least this many".
RANK_CAP = 2_000
COUNT_CAP = 1_000
PG_CONFIGS = ("llo_dutch", "llo_english", "llo_simple")
MODULE_FTS = table("module_fts", column("rowid", Integer))


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


def document_text(
    *,
    summary: str,
    description: str,
    certificate: str,
    provider_name: str,
    sectors: Iterable[str],
    labels: Iterable[str],
) -> str:
    """The body text full-text search sees beside the title (which is indexed on its own)."""
    return " ".join(
        [summary, description, certificate, provider_name, " ".join(sectors), " ".join(labels)]
    )


def search_document(version: ModuleVersion, provider: Provider) -> str:
    """The body text of a version: its words and its competences' labels in every language."""
    return document_text(
        summary=version.summary,
        description=version.description,
        certificate=version.certificate,
        provider_name=provider.name,
        sectors=version.sectors,
        labels=(label for c in version.competences for label in c.labels.values()),
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


def _sqlite_match(words: list[str]) -> TextClause:
    """Every word as a prefix ("warmtepomp" finds "warmtepompmonteur"), all of them required."""
    match = " AND ".join(f'"{w}"*' for w in words)
    return text("module_fts MATCH :match").bindparams(match=match)


def _postgres_tsquery(words: list[str]) -> ColumnElement[Any]:
    """Every word as a prefix in any of the configurations, all words required."""
    query: ColumnElement[Any] | None = None
    for word in words:
        either: ColumnElement[Any] | None = None
        for cfg in PG_CONFIGS:
            one = func.to_tsquery(literal_column(f"'{cfg}'"), f"{word}:*")
            either = one if either is None else either.op("||")(one)
        assert either is not None
        query = either.self_group() if query is None else query.op("&&")(either.self_group())
    assert query is not None
    return query


def _postcode_range(region: str) -> tuple[str, str] | None:
    """A postcode prefix ("35", "3511", "3511 AB") as a range the postcode index can serve."""
    digits = re.match(r"\d{1,4}", region.replace(" ", ""))
    if digits is None:
        return None
    # Stored postcodes are "3511 AB": digits, a space and capitals, all below "~".
    return digits.group(), digits.group() + "~"


def _run_filter(query: SearchQuery, *, per_module: bool) -> ColumnElement[bool] | None:
    """One live run must satisfy region and start window together; cancelled runs never count.

    Filters alone: the few matching runs drive the lookup (IN). Beside words the text matches
    are the smaller set, so each is checked against its own runs (EXISTS on the module's runs)
    instead of first listing every run in a region (thousands for a two-digit postcode).
    """
    conditions: list[ColumnElement[bool]] = []
    if query.region and query.region.strip():
        region = query.region.strip()
        postcodes = _postcode_range(region)
        if postcodes is not None:
            conditions += [Run.postcode >= postcodes[0], Run.postcode < postcodes[1]]
        else:
            conditions.append(func.lower(Run.place) == region.lower())
    if query.start_from:
        conditions.append(Run.start_date >= query.start_from)
    if query.start_to:
        conditions.append(Run.start_date <= query.start_to)
    if not conditions:
        return None
    live = [Run.status != "cancelled", *conditions]
    if per_module:
        return exists().where(Run.module_id == ModuleSearch.module_id, *live)
    return ModuleSearch.module_id.in_(select(Run.module_id).where(*live))


def _filters(query: SearchQuery, *, per_module: bool) -> list[ColumnElement[bool]]:
    """The structured filters, all of which must hold."""
    conditions: list[ColumnElement[bool]] = []
    if query.competence:
        conditions.append(
            ModuleSearch.version_id.in_(
                select(ModuleVersionCompetence.version_id).where(
                    ModuleVersionCompetence.uri == query.competence
                )
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
        provider = select(Provider.id).where(Provider.slug == query.provider)
        conditions.append(ModuleSearch.provider_id == provider.scalar_subquery())
    run_filter = _run_filter(query, per_module=per_module)
    if run_filter is not None:
        conditions.append(run_filter)
    return conditions


def _capped_count(stmt: Select[Any]) -> Any:
    """How many rows `stmt` yields, counting no further than one past COUNT_CAP."""
    return select(func.count()).select_from(stmt.limit(COUNT_CAP + 1).subquery()).scalar_subquery()


def _page_and_counts(dialect: str, query: SearchQuery) -> tuple[Select[Any], Any, Any, bool]:
    """The page's (id, title, score) rows, the capped total, how many matches were ranked, and
    whether a lower score is better.

    Best match first, then by title (id breaks ties: stable pages). On SQLite the FTS5 matches
    are materialised first on purpose: left to itself, SQLite may walk a filter index and probe
    FTS5 once per row, which is a hundred times slower; and the filtered candidates are
    materialised once so that the page and the count share them.
    """
    words = terms(query.q or "")
    filters = _filters(query, per_module=bool(words))
    if words and dialect == "sqlite":
        bm25 = f"bm25(module_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
        hits = (
            select(MODULE_FTS.c.rowid.label("id"), literal_column(bm25, Float).label("score"))
            .where(_sqlite_match(words))
            .limit(RANK_CAP)
            .cte("hits")
            .prefix_with("MATERIALIZED")
        )
        base = (
            select(ModuleSearch.id, ModuleSearch.title, hits.c.score)
            .join_from(hits, ModuleSearch, ModuleSearch.id == hits.c.id)
            .where(*filters)
            .cte("base")
            .prefix_with("MATERIALIZED")
        )
        page = select(base.c.id, base.c.title, base.c.score)
        page = page.order_by(base.c.score, base.c.title, base.c.id)
        total = select(func.count()).select_from(base).scalar_subquery()
        ranked = select(func.count()).select_from(hits).scalar_subquery()
        ascending = True
    else:
        if words:
            tsquery = _postgres_tsquery(words)
            tsv = literal_column("module_search.tsv")
            filters.insert(0, tsv.op("@@")(tsquery))
            score: ColumnElement[Any] = func.ts_rank(tsv, tsquery, type_=Float)
        else:
            score = literal(0.0, Float)
        page = select(ModuleSearch.id, ModuleSearch.title, score.label("score")).where(*filters)
        page = page.order_by(score.desc(), ModuleSearch.title, ModuleSearch.id)
        total = _capped_count(select(ModuleSearch.id).where(*filters))
        ranked = literal(0, Integer)
        ascending = False
    return page.limit(query.limit).offset(query.offset), total, ranked, ascending


def _statement(dialect: str, query: SearchQuery, today: dt.date) -> Select[Any]:
    """One round trip: the counts, then the page's rows with provider and next open start.

    The counts row is outer-joined to the page, so an empty page still brings the total.
    """
    page_stmt, total, ranked, ascending = _page_and_counts(dialect, query)
    page = page_stmt.subquery("page")
    counts = select(total.label("total"), ranked.label("ranked")).subquery("counts")
    # A page has a handful of runs, found through the run's module index; the date is tested
    # inside the aggregate so that the start-date index does not tempt the planner.
    next_start = (
        select(func.min(Run.start_date))
        .where(Run.module_id == ModuleSearch.module_id, Run.status.in_(OPEN_STATUSES))
        .where(Run.start_date >= today)
        .scalar_subquery()
    )
    score = page.c.score if ascending else page.c.score.desc()
    return (
        select(
            counts.c.total,
            counts.c.ranked,
            ModuleSearch.module_id,
            ModuleSearch.version_number,
            ModuleSearch.title,
            ModuleSearch.summary,
            ModuleSearch.level_scheme,
            ModuleSearch.level_value,
            ModuleSearch.delivery_mode,
            ModuleSearch.sector_tags,
            ModuleSearch.study_load_hours,
            Provider.id,
            Provider.slug,
            Provider.name,
            Provider.kvk,
            Provider.website,
            next_start.label("next_start"),
        )
        .select_from(counts)
        .outerjoin(page, true())
        .outerjoin(ModuleSearch, ModuleSearch.id == page.c.id)
        .outerjoin(Provider, Provider.id == ModuleSearch.provider_id)
        .order_by(score, page.c.title, page.c.id)
    )


async def search_modules(
    session: AsyncSession, base_url: str, query: SearchQuery, *, today: dt.date
) -> SearchResult:
    """Published modules matching the query, best first, one page at a time."""
    connection = await session.connection()
    stmt = _statement(connection.dialect.name, query, today)
    rows = (await connection.execute(stmt)).all()
    total, ranked = rows[0][0], rows[0][1]
    return SearchResult(
        items=[_hit(base_url, row) for row in rows if row[2] is not None],
        total=min(total, COUNT_CAP),
        limit=query.limit,
        offset=query.offset,
        total_is_lower_bound=total > COUNT_CAP or ranked >= RANK_CAP,
    )


def _hit(base_url: str, row: Any) -> SearchHit:
    (_, _, module_id, version, title, summary, level_scheme, level_value, mode, sector_tags,
     hours, provider_id, slug, name, kvk, website, next_start) = row  # fmt: skip
    return SearchHit(
        id=module_id,
        version=version,
        title=title,
        summary=summary,
        provider=ProviderRef(id=provider_id, slug=slug, name=name, kvk=kvk, website=website),
        level=level_doc(level_scheme, level_value),
        delivery_mode=mode,
        sectors=[s for s in sector_tags.split("|") if s],
        study_load_hours=hours,
        has_open_run=next_start is not None,
        next_start=next_start,
        url=module_version_url(base_url, module_id, version),
    )


__all__ = ["SearchQuery", "index_module", "search_modules", "unindex_module"]
