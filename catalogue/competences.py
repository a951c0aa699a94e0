"""Providers, competence frameworks and competences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from catalogue import search
from catalogue.frameworks import (
    competence_out,
    competence_outs,
    find_framework,
    framework_out,
    label_match,
)
from catalogue.models import Competence, CompetenceFramework
from schemas.catalogue import (
    CompetenceCreate,
    CompetenceLabels,
    CompetenceList,
    CompetenceOut,
    FrameworkCreate,
    FrameworkOut,
    ImportResult,
)
from schemas.errors.catalogue import (
    CompetenceNotFoundError,
    FrameworkExistsError,
    FrameworkNotFoundError,
    UnknownCompetenceError,
)


def preferred_label(labels: dict[str, str]) -> str:
    """Dutch first, then English, then whatever there is."""
    return labels.get("nl") or labels.get("en") or next(iter(labels.values()))


async def create_framework(session: AsyncSession, data: FrameworkCreate) -> FrameworkOut:
    """Register a competence framework (the operator's)."""
    if await session.scalar(
        select(CompetenceFramework.id).where(CompetenceFramework.slug == data.slug)
    ):
        raise FrameworkExistsError(f"framework {data.slug!r} exists")
    framework = CompetenceFramework(
        slug=data.slug, name=data.name, uri=data.uri, version=data.version
    )
    session.add(framework)
    await session.flush()
    return framework_out(framework)


async def list_frameworks(session: AsyncSession) -> list[FrameworkOut]:
    rows = await session.scalars(select(CompetenceFramework).order_by(CompetenceFramework.slug))
    return [framework_out(f) for f in rows]


async def _framework(session: AsyncSession, slug: str) -> CompetenceFramework:
    framework = await session.scalar(
        select(CompetenceFramework).where(CompetenceFramework.slug == slug)
    )
    if framework is None:
        raise FrameworkNotFoundError(f"no competence framework {slug!r}")
    return framework


async def save_competences(
    session: AsyncSession, items: Sequence[CompetenceCreate], *, merge_labels: bool = False
) -> ImportResult:
    """Create or update competences by URI (the operator's). Labels are replaced, or with
    `merge_labels` (a file of one language, as ESCO exports are) added to those there are:
    merging keeps the labels of other languages, and the code and description when the item
    has none."""
    frameworks = {slug: await _framework(session, slug) for slug in {i.framework for i in items}}
    existing = {
        c.uri: c
        for uris in _chunks([i.uri for i in items], 500)
        for c in await session.scalars(select(Competence).where(Competence.uri.in_(uris)))
    }
    created = updated = 0
    relabelled: list[UUID] = []
    for item in items:
        framework = frameworks[item.framework]
        competence = existing.get(item.uri)
        labels, code, description = dict(item.labels), item.code, item.description
        if competence is None:
            competence = Competence(uri=item.uri, framework_id=framework.id, framework=framework)
            session.add(competence)
            existing[item.uri] = competence
            created += 1
        else:
            updated += 1
            if merge_labels:
                labels = {**competence.labels, **labels}
                code = code if code is not None else competence.code
                description = description or competence.description
            if labels != competence.labels:
                relabelled.append(competence.id)
        competence.framework_id = framework.id
        competence.code = code
        competence.labels = labels
        competence.label = preferred_label(labels)
        competence.description = description
    await session.flush()
    await search.reindex_competences(session, relabelled)
    return ImportResult(created=created, updated=updated)


async def relabel_competence(
    session: AsyncSession, competence_id: UUID, data: CompetenceLabels
) -> CompetenceOut:
    """Add or replace labels of one competence, e.g. the Dutch label of an ESCO skill that
    has none (the operator's). Published modules teaching it become findable by the new label
    and show it; their versions, and credentials issued, keep their own label snapshots."""
    competence = await session.get(Competence, competence_id)
    if competence is None:
        raise CompetenceNotFoundError(f"no competence {competence_id}")
    competence.labels = {**competence.labels, **data.labels}
    competence.label = preferred_label(competence.labels)
    await session.flush()
    await search.reindex_competences(session, [competence.id])
    return competence_out(competence)


async def labels_by_uri(session: AsyncSession, uris: Iterable[str]) -> dict[str, dict[str, str]]:
    """The catalogue's labels per language of these competences (unknown URIs left out)."""
    wanted = sorted(set(uris))
    found: dict[str, dict[str, str]] = {}
    for chunk in _chunks(wanted, 500):
        rows = await session.execute(
            select(Competence.uri, Competence.labels).where(Competence.uri.in_(chunk))
        )
        found.update({uri: dict(labels) for uri, labels in rows})
    return found


def _chunks(values: list[str], size: int) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


async def list_competences(
    session: AsyncSession,
    *,
    q: str | None,
    framework: str | None,
    limit: int,
    offset: int,
    used: bool = False,
    without_label: str | None = None,
) -> CompetenceList:
    """Competences, optionally filtered by framework (id, slug or URI), a piece of a label in
    any language, the code or the URI (`q`: case and accents ignored, Dutch matches first),
    being taught by a published module (`used`), and lacking a label in one
    language (`without_label`, e.g. the Dutch labels the operator still has to add)."""
    query = select(Competence).join(Competence.framework)
    order: list[ColumnElement[Any]] = []
    if framework:
        query = query.where(
            Competence.framework_id == (await find_framework(session, framework)).id
        )
    if q:
        condition, dutch_first = label_match(q)
        query = query.where(condition)
        order.append(dutch_first)
    if used:
        query = query.where(search.taught_in_catalogue())
    if without_label:
        query = query.where(Competence.labels[without_label].as_string().is_(None))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(*order, Competence.label, Competence.id).limit(limit).offset(offset)
    )
    return CompetenceList(
        items=await competence_outs(session, rows), total=total, limit=limit, offset=offset
    )


async def get_competence(session: AsyncSession, uri: str) -> CompetenceOut:
    """One competence by its URI."""
    competence = await session.scalar(select(Competence).where(Competence.uri == uri))
    if competence is None:
        raise CompetenceNotFoundError(f"no competence {uri}")
    return (await competence_outs(session, [competence]))[0]


async def known_uris(session: AsyncSession, uris: Iterable[str]) -> set[str]:
    """Which of these URIs name a competence in the catalogue."""
    wanted = list(set(uris))
    if not wanted:
        return set()
    return set(await session.scalars(select(Competence.uri).where(Competence.uri.in_(wanted))))


async def competences_by_uri(session: AsyncSession, uris: Sequence[str]) -> dict[str, Competence]:
    """Known competences for these URIs; unknown URIs are an input error."""
    found = {
        c.uri: c
        for c in await session.scalars(select(Competence).where(Competence.uri.in_(list(uris))))
    }
    missing = [u for u in uris if u not in found]
    if missing:
        raise UnknownCompetenceError(f"unknown competence {missing[0]}; import it first")
    return found
