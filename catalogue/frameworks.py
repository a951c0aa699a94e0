"""Framework versions and their trees (nodes with parents, competences under nodes), found by
id, slug or URI; and the folded label text competences are searched by.

One model for every source: an SBB kwalificatiedossier (basis and profielen, kerntaken,
werkprocessen as competences), a CTDL competency framework (isTopChildOf / isChildOf), or a
flat list such as ESCO skills (no nodes at all).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import case, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from catalogue.folding import fold
from catalogue.models import Competence, CompetenceFramework, FrameworkNode
from schemas.catalogue import CompetenceOut, FrameworkDetail, FrameworkNodeOut, FrameworkOut
from schemas.errors.catalogue import FrameworkNotFoundError

TOP_LEVEL_LIMIT = 200


def like_needle(q: str) -> str:
    """A LIKE pattern for `q` anywhere, folded, with LIKE's own characters escaped."""
    escaped = fold(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def label_match(q: str) -> tuple[ColumnElement[bool], ColumnElement[int]]:
    """The condition "a label (any language), the code or the URI holds `q`", and an order
    that puts Dutch matches first."""
    needle = like_needle(q)
    condition = or_(
        Competence.search_all.like(needle, escape="\\"), Competence.uri.like(needle, escape="\\")
    )
    return condition, case((Competence.search_nl.like(needle, escape="\\"), 0), else_=1)


async def find_framework(session: AsyncSession, ref: str) -> CompetenceFramework:
    """A framework version by id, slug or URI (a URI names its newest version)."""
    query = select(CompetenceFramework)
    try:
        query = query.where(CompetenceFramework.id == UUID(ref))
    except ValueError:
        query = query.where(
            or_(CompetenceFramework.slug == ref, CompetenceFramework.uri == ref)
        ).order_by(CompetenceFramework.issued_on.desc().nulls_last())
    framework = (await session.scalars(query.limit(1))).first()
    if framework is None:
        raise FrameworkNotFoundError(f"no competence framework {ref!r}")
    return framework


def framework_out(framework: CompetenceFramework) -> FrameworkOut:
    return FrameworkOut(
        id=framework.id,
        slug=framework.slug,
        name=framework.name,
        uri=framework.uri,
        version=framework.version,
        series=framework.series,
        source=framework.source,
        issued_on=framework.issued_on,
    )


def competence_out(competence: Competence, node: str | None = None) -> CompetenceOut:
    return CompetenceOut(
        id=competence.id,
        uri=competence.uri,
        code=competence.code,
        label=competence.label,
        labels=dict(competence.labels),
        framework=competence.framework.slug,
        framework_version=competence.framework.version,
        description=competence.description,
        node=node,
        details=dict(competence.details or {}),
    )


async def competence_outs(
    session: AsyncSession, competences: Iterable[Competence]
) -> list[CompetenceOut]:
    """Competences as the API shows them, each with the code of its node (one query)."""
    rows = list(competences)
    node_ids = {c.node_id for c in rows if c.node_id is not None}
    codes: dict[UUID, str | None] = {}
    if node_ids:
        found = await session.execute(
            select(FrameworkNode.id, FrameworkNode.code).where(FrameworkNode.id.in_(node_ids))
        )
        codes = dict(found.tuples().all())
    return [competence_out(c, codes.get(c.node_id) if c.node_id else None) for c in rows]


async def framework_detail(session: AsyncSession, ref: str) -> FrameworkDetail:
    """A framework version with its whole tree, and the other versions of its series."""
    framework = await find_framework(session, ref)
    nodes = list(
        await session.scalars(
            select(FrameworkNode)
            .where(FrameworkNode.framework_id == framework.id)
            .order_by(FrameworkNode.position)
        )
    )
    codes = {n.id: n.code for n in nodes}
    # A competence with children (CTDL) is a node carrying its URI: shown there, not twice.
    not_a_node = ~exists().where(
        FrameworkNode.framework_id == framework.id, FrameworkNode.uri == Competence.uri
    )
    under: dict[UUID, list[CompetenceOut]] = defaultdict(list)
    for competence in await session.scalars(
        select(Competence)
        .where(Competence.framework_id == framework.id, Competence.node_id.is_not(None), not_a_node)
        .order_by(Competence.position, Competence.label)
    ):
        node_id = competence.node_id
        if node_id is not None:
            under[node_id].append(competence_out(competence, codes.get(node_id)))
    top = await session.scalars(
        select(Competence)
        .where(Competence.framework_id == framework.id, Competence.node_id.is_(None), not_a_node)
        .order_by(Competence.position, Competence.label)
        .limit(TOP_LEVEL_LIMIT)
    )
    count = await session.scalar(
        select(func.count(Competence.id)).where(Competence.framework_id == framework.id)
    )
    return FrameworkDetail(
        id=framework.id,
        slug=framework.slug,
        name=framework.name,
        uri=framework.uri,
        version=framework.version,
        series=framework.series,
        source=framework.source,
        issued_on=framework.issued_on,
        details=dict(framework.details or {}),
        versions=await _versions(session, framework),
        nodes=_tree(nodes, under),
        competences=[competence_out(c) for c in top],
        competence_count=count or 0,
    )


async def _versions(session: AsyncSession, framework: CompetenceFramework) -> list[FrameworkOut]:
    if framework.series is None:
        return [framework_out(framework)]
    rows = await session.scalars(
        select(CompetenceFramework)
        .where(CompetenceFramework.series == framework.series)
        .order_by(CompetenceFramework.issued_on, CompetenceFramework.slug)
    )
    return [framework_out(f) for f in rows]


def _tree(
    nodes: list[FrameworkNode], under: dict[UUID, list[CompetenceOut]]
) -> list[FrameworkNodeOut]:
    outs = {
        n.id: FrameworkNodeOut(
            id=n.id,
            kind=n.kind,
            code=n.code,
            label=n.label,
            labels=dict(n.labels),
            uri=n.uri,
            details=dict(n.details or {}),
            children=[],
            competences=under.get(n.id, []),
        )
        for n in nodes
    }
    roots: list[FrameworkNodeOut] = []
    for node in nodes:  # already in position order, so children keep theirs
        parent = outs.get(node.parent_id) if node.parent_id is not None else None
        (roots if parent is None else parent.children).append(outs[node.id])
    return roots


async def search_frameworks(session: AsyncSession, q: str, limit: int = 20) -> list[FrameworkOut]:
    """Frameworks whose name, or one of whose competences, holds `q` (case and accents
    ignored): the newest versions first. Names are few, so they are folded here."""
    with_match = select(Competence.framework_id).where(
        Competence.search_all.like(like_needle(q), escape="\\")
    )
    matching = set(await session.scalars(with_match.distinct()))
    folded = fold(q)
    rows = await session.scalars(
        select(CompetenceFramework).order_by(
            CompetenceFramework.issued_on.desc().nulls_last(), CompetenceFramework.name
        )
    )
    found = [f for f in rows if f.id in matching or folded in fold(f.name)]
    return [framework_out(f) for f in found[:limit]]


async def framework_of(session: AsyncSession, ref: str) -> FrameworkOut:
    """A framework version by id, slug or URI, as the API shows it."""
    return framework_out(await find_framework(session, ref))


async def competences_in(
    session: AsyncSession, framework: str, uris: Iterable[str]
) -> dict[str, CompetenceOut]:
    """The competences of a framework version (id, slug or URI) among `uris`, by URI."""
    found = await find_framework(session, framework)
    rows = await session.scalars(
        select(Competence).where(
            Competence.framework_id == found.id, Competence.uri.in_(list(uris))
        )
    )
    return {c.uri: c for c in await competence_outs(session, rows)}
