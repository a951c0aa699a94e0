"""Catalogue search: full text (SQLite FTS5 or PostgreSQL tsvector) plus filters.

`module_search` holds one row per published module with the filter columns; the full-text
index beside it is kept in step by the database itself (FTS5 triggers, or a generated tsvector
column on PostgreSQL; see migration 0002), so the code here only writes `module_search`. Both
index the title apart from the rest of the text, so a title hit ranks above a body hit.
`route_run`, the route to a job's index, follows the same rows (`catalogue.route_index`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, TypeVar
from uuid import UUID

import msgspec
from sqlalchemy import (
    CTE,
    ColumnElement,
    Date,
    Float,
    Integer,
    ScalarSelect,
    Select,
    String,
    bindparam,
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
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from catalogue import route_index
from catalogue.documents import level_doc
from catalogue.models import (
    LIVE_RUN_STATUSES,
    Competence,
    Module,
    ModuleSearch,
    ModuleVersion,
    ModuleVersionCompetence,
    Provider,
    Run,
)
from catalogue.postcodes import read_region
from catalogue.urls import module_version_url
from schemas.catalogue import DeliveryMode, ProviderRef, SearchHit, SearchResult

MAX_TERMS = 8
# bm25 column weights for module_fts(title, document): a title hit outweighs a body hit.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
# Work per query stays bounded at any catalogue size: on SQLite a text query ranks (bm25) and
# filters at most RANK_CAP of its full-text matches, the first ones in index order (bm25 costs
# about 2 us a row: ranking all 30,000 matches of a broad word would take 60 ms), and `total`
# counts at most COUNT_CAP rows. `total_is_lower_bound` says when either cap was reached.
RANK_CAP = 1_000
COUNT_CAP = 1_000
T = TypeVar("T")
Params = dict[str, Any]
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


def search_document(version: ModuleVersion, provider: Provider, current: Iterable[str] = ()) -> str:
    """The body text of a version: its words and its competences' labels in every language,
    those of its snapshot and those the catalogue has now (`current`: a label the operator
    added after publication finds the module too)."""
    snapshot = (label for c in version.competences for label in c.labels.values())
    return document_text(
        summary=version.summary,
        description=version.description,
        certificate=version.certificate,
        provider_name=provider.name,
        sectors=version.sectors,
        labels=dict.fromkeys([*snapshot, *current]),
    )


async def _current_labels(session: AsyncSession, version: ModuleVersion) -> list[str]:
    ids = [c.competence_id for c in version.competences]
    if not ids:
        return []
    rows = await session.scalars(select(Competence.labels).where(Competence.id.in_(ids)))
    return [label for labels in rows for label in labels.values()]


def taught_in_catalogue() -> ColumnElement[bool]:
    """Whether a published module (its searchable version) teaches the competence of the
    enclosing query."""
    return exists(
        select(ModuleVersionCompetence.id)
        .join(ModuleSearch, ModuleSearch.version_id == ModuleVersionCompetence.version_id)
        .where(ModuleVersionCompetence.competence_id == Competence.id)
    )


async def reindex_competences(session: AsyncSession, competence_ids: Sequence[UUID]) -> None:
    """Recompute the text of every published module teaching these competences (their labels
    changed); a few modules for one competence, one query to find them."""
    for start in range(0, len(competence_ids), 500):
        chunk = competence_ids[start : start + 500]
        taught = select(ModuleVersionCompetence.version_id).where(
            ModuleVersionCompetence.competence_id.in_(chunk)
        )
        rows = await session.scalars(
            select(ModuleSearch).where(ModuleSearch.version_id.in_(taught))
        )
        for row in list(rows):
            version = await session.get(ModuleVersion, row.version_id)
            module = await session.get(Module, row.module_id)
            if version is not None and module is not None:
                current = await _current_labels(session, version)
                row.document = search_document(version, module.provider, current)
    await session.flush()


async def index_module(session: AsyncSession, module: Module, version: ModuleVersion) -> None:
    """Make `version` the searchable face of `module`."""
    # Read before the row exists: a query would flush it half filled in.
    current = await _current_labels(session, version)
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
    row.document = search_document(version, module.provider, current)
    await session.flush()


async def unindex_module(session: AsyncSession, module_id: UUID) -> None:
    """Remove a module from search (withdrawn)."""
    await session.execute(delete(ModuleSearch).where(ModuleSearch.module_id == module_id))
    await route_index.refresh(session, [module_id])


def terms(q: str) -> list[str]:
    """Words of a query; punctuation never reaches the full-text syntax."""
    return re.findall(r"\w+", q.lower())[:MAX_TERMS]


class _Shape(NamedTuple):
    """What decides a search statement's form; the values travel apart, as parameters.

    One statement per shape is built once and kept (`_statement`), so a query costs neither
    building nor SQLAlchemy's cache key over a fresh statement.
    """

    dialect: str
    words: int
    competence: bool
    level: bool
    level_scheme: bool
    sector: bool
    delivery_mode: bool
    provider: bool
    # "place", "postcode" (one or two digits: thousands of runs) or "narrow" (three or four).
    region: str | None
    start_from: bool
    start_to: bool


def _shape_and_params(dialect: str, query: SearchQuery, today: dt.date) -> tuple[_Shape, Params]:
    words = terms(query.q or "")
    params: Params = {"today": today, "limit": query.limit, "offset": query.offset}
    if words and dialect == "sqlite":
        # Every word as a prefix ("warmtepomp" finds "warmtepompmonteur"), all of them required.
        params["match"] = " AND ".join(f'"{w}"*' for w in words)
    else:
        params.update({f"t{i}": f"{w}:*" for i, w in enumerate(words)})
    region = None
    read = read_region(query.region)
    if read is not None and read.postcodes is None:
        region = "place"
        params["place"] = read.place
    elif read is not None and read.postcodes is not None:
        low, high = read.postcodes
        region = "narrow" if len(low) >= 3 else "postcode"
        params["postcode_from"], params["postcode_to"] = low, high
    values = {
        "competence": query.competence or None,
        "level": query.level,
        "level_scheme": query.level_scheme or None,
        "sector": f"%|{query.sector}|%" if query.sector else None,
        "delivery_mode": query.delivery_mode or None,
        "provider": query.provider or None,
        "start_from": query.start_from,
        "start_to": query.start_to,
    }
    params.update({name: value for name, value in values.items() if value is not None})
    shape = _Shape(
        dialect,
        len(words),
        region=region,
        **{name: value is not None for name, value in values.items()},
    )
    return shape, params


def _unindexed(value: ColumnElement[T]) -> ColumnElement[T]:
    """`+value`: SQLite will not use an index for a term over it; the value is unchanged."""
    return UnaryExpression(value, operator=operators.custom_op("+"), type_=value.type)


def _live_runs(shape: _Shape, *, per_module: bool) -> list[ColumnElement[bool]] | None:
    """What one live run must satisfy (region and start window together), or None: no filter.

    Cancelled runs never count. `per_module`: the check runs against one module's runs; SQLite,
    which keeps no statistics, would still walk a region's index for it, so the region columns
    are kept off the indexes there and the module's run index is used.
    """
    postcode: ColumnElement[str] = Run.__table__.c.postcode
    place: ColumnElement[str] = Run.__table__.c.place
    if per_module:
        postcode, place = _unindexed(postcode), _unindexed(place)
    conditions: list[ColumnElement[bool]] = []
    if shape.region == "place":
        conditions.append(func.lower(place) == bindparam("place"))
    elif shape.region:
        conditions += [postcode >= bindparam("postcode_from"), postcode < bindparam("postcode_to")]
    if shape.start_from:
        conditions.append(Run.start_date >= bindparam("start_from"))
    if shape.start_to:
        conditions.append(Run.start_date <= bindparam("start_to"))
    return [Run.status != "cancelled", *conditions] if conditions else None


def _filters(shape: _Shape, *, page: bool, regional: CTE | None) -> list[ColumnElement[bool]]:
    """The structured filters, all of which must hold.

    With words, the (capped) text matches drive and each is checked on its own, runs included
    (EXISTS on the module's runs rather than listing every run in a region first). Without
    words the narrowest kind of filter drives: a competence, else the runs of a region or
    window (`regional`, listed once), else the title-ordered index of provider, level or
    delivery mode. SQLite has no statistics to make that choice (to it, a level holding a fifth
    of the catalogue looks as narrow as a competence taught in a few hundred modules), so there
    the other filters are kept off their indexes. A page of a broad region walks the title
    index and looks each module up in the region's list: it finds a page long before sorting
    thousands of modules would.
    """
    sqlite = shape.dialect == "sqlite"
    c = ModuleSearch.__table__.c
    level: ColumnElement[Any] = c.level_value
    mode: ColumnElement[Any] = c.delivery_mode
    provider_id: ColumnElement[Any] = c.provider_id
    module_id: ColumnElement[Any] = c.module_id
    if sqlite and not shape.words and (shape.competence or regional is not None):
        walk_titles = page and not shape.competence and shape.region != "narrow"
        if not walk_titles:
            level, mode, provider_id = _unindexed(level), _unindexed(mode), _unindexed(provider_id)
        if shape.competence or walk_titles:
            module_id = _unindexed(module_id)
    conditions: list[ColumnElement[bool]] = []
    if shape.competence:
        competence = ModuleVersionCompetence.uri == bindparam("competence")
        versions = select(ModuleVersionCompetence.version_id).where(competence)
        conditions.append(ModuleSearch.version_id.in_(versions))
    if shape.level:
        conditions.append(level == bindparam("level"))
    if shape.level_scheme:
        conditions.append(ModuleSearch.level_scheme == bindparam("level_scheme"))
    if shape.sector:
        conditions.append(ModuleSearch.sector_tags.like(bindparam("sector")))
    if shape.delivery_mode:
        conditions.append(mode == bindparam("delivery_mode"))
    if shape.provider:
        provider = select(Provider.id).where(Provider.slug == bindparam("provider"))
        conditions.append(provider_id == provider.scalar_subquery())
    if regional is not None:
        conditions.append(module_id.in_(select(regional.c.module_id)))
    elif shape.words and (runs := _live_runs(shape, per_module=sqlite)) is not None:
        conditions.append(exists().where(Run.module_id == ModuleSearch.module_id, *runs))
    return conditions


def _postgres_tsquery(words: int) -> ColumnElement[Any]:
    """Every word as a prefix in any of the configurations, all words required."""
    query: ColumnElement[Any] | None = None
    for i in range(words):
        either: ColumnElement[Any] | None = None
        for cfg in PG_CONFIGS:
            one = func.to_tsquery(literal_column(f"'{cfg}'"), bindparam(f"t{i}", type_=String))
            either = one if either is None else either.op("||")(one)
        assert either is not None
        query = either.self_group() if query is None else query.op("&&")(either.self_group())
    assert query is not None
    return query


def _capped_count(stmt: Select[Any]) -> ScalarSelect[int]:
    """How many rows `stmt` yields, counting no further than one past COUNT_CAP."""
    return select(func.count()).select_from(stmt.limit(COUNT_CAP + 1).subquery()).scalar_subquery()


def _page_and_counts(shape: _Shape) -> tuple[Select[Any], ScalarSelect[int], Any, bool]:
    """The page's (id, title, score) rows, the capped total, how many matches were ranked, and
    whether a lower score is better.

    Best match first, then by title (id breaks ties: stable pages). SQLite: the FTS5 matches are
    materialised first on purpose (left to itself, SQLite may walk a filter index and probe
    FTS5 once per row, a hundred times slower), at most RANK_CAP of them, and the filtered
    candidates are materialised once for the page and the count to share.
    """
    runs = None if shape.words else _live_runs(shape, per_module=False)
    regional = None
    if runs is not None:
        regional = select(Run.module_id).where(*runs).cte("regional").prefix_with("MATERIALIZED")
    filters = _filters(shape, page=True, regional=regional)
    if shape.words and shape.dialect == "sqlite":
        bm25 = literal_column(f"bm25(module_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})", Float)
        hits = (
            select(MODULE_FTS.c.rowid.label("id"), bm25.label("score"))
            .where(text("module_fts MATCH :match"))
            .limit(RANK_CAP)
            .cte("hits")
            .prefix_with("MATERIALIZED")
        )
        ranked: Any = select(func.count()).select_from(hits).scalar_subquery()
        if filters:
            # Every match is looked up for the filters: once, for the page and the count.
            base = (
                select(ModuleSearch.id, ModuleSearch.title, hits.c.score)
                .join_from(hits, ModuleSearch, ModuleSearch.id == hits.c.id)
                .where(*filters)
                .cte("base")
                .prefix_with("MATERIALIZED")
            )
            page = select(base.c.id, base.c.title, base.c.score)
            page = page.order_by(base.c.score, base.c.title, base.c.id)
            return page, select(func.count()).select_from(base).scalar_subquery(), ranked, True
        # No filters: only the best `offset + limit` matches need their title for the order,
        # ties with the last of them included; the others are only counted, with no lookups.
        last = bindparam("offset", type_=Integer) + bindparam("limit", type_=Integer) - 1
        cutoff = select(hits.c.score).order_by(hits.c.score).limit(1).offset(last)
        worst = func.coalesce(cutoff.scalar_subquery(), literal_column("1e308"))
        best = select(hits).where(hits.c.score <= worst).subquery("best")
        page = select(ModuleSearch.id, ModuleSearch.title, best.c.score)
        page = page.join_from(best, ModuleSearch, ModuleSearch.id == best.c.id)
        page = page.order_by(best.c.score, ModuleSearch.title, ModuleSearch.id)
        return page, ranked, ranked, True
    counted = _filters(shape, page=False, regional=regional)
    if shape.words:
        tsquery = _postgres_tsquery(shape.words)
        tsv: ColumnElement[Any] = literal_column("module_search.tsv")
        filters.insert(0, tsv.op("@@")(tsquery))
        counted.insert(0, filters[0])
        score = func.ts_rank(tsv, tsquery, type_=Float)
        page = select(ModuleSearch.id, ModuleSearch.title, score.label("score")).where(*filters)
        page = page.order_by(score.desc(), ModuleSearch.title, ModuleSearch.id)
    else:
        # No score to order by: the page walks a title-ordered index and stops early.
        page = select(ModuleSearch.id, ModuleSearch.title, literal(0.0, Float).label("score"))
        page = page.where(*filters).order_by(ModuleSearch.title, ModuleSearch.id)
    total = _capped_count(select(ModuleSearch.id).where(*counted))
    return page, total, literal(0, Integer), False


@functools.lru_cache(maxsize=512)
def _statement(shape: _Shape) -> Select[Any]:
    """One round trip: the counts, then the page's rows with provider and next open start.

    The counts row is outer-joined to the page, so an empty page still brings the total.
    """
    page_stmt, total, ranked, ascending = _page_and_counts(shape)
    limit, offset = bindparam("limit", type_=Integer), bindparam("offset", type_=Integer)
    page = page_stmt.limit(limit).offset(offset).subquery("page")
    counts = select(total.label("total"), ranked.label("ranked")).subquery("counts")
    # A page has a handful of runs, found through the run's module index. The statuses are
    # constants, written into the statement rather than expanded into parameters per query.
    open_statuses: list[ColumnElement[str]] = [
        literal_column(f"'{status}'") for status in LIVE_RUN_STATUSES
    ]
    next_start = (
        select(func.min(Run.start_date))
        .where(Run.module_id == ModuleSearch.module_id, Run.status.in_(open_statuses))
        .where(Run.start_date >= bindparam("today", type_=Date))
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
    """Published modules matching the query, best first, one page at a time.

    One statement, one round trip. `total` counts at most COUNT_CAP rows and a text query ranks
    at most RANK_CAP matches; `total_is_lower_bound` says when either cap was reached.
    """
    connection = await session.connection()
    shape, params = _shape_and_params(connection.dialect.name, query, today)
    rows = (await connection.execute(_statement(shape), params)).all()
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


__all__ = [
    "SearchQuery",
    "index_module",
    "reindex_competences",
    "search_modules",
    "taught_in_catalogue",
    "unindex_module",
]
