"""A CTDL-ASN `ceasn:CompetencyFramework` with its `ceasn:Competency` items as a framework of
the catalogue (operator only): the framework by its URI, each competency a competence by its
URI (code `ceasn:codedNotation`, labels from `ceasn:competencyText`, else
`ceasn:competencyLabel`), and the tree as the document gives it: `ceasn:isChildOf` names a
competence's parent, `ceasn:isTopChildOf` (or the framework's `ceasn:hasTopChild`) puts it at
the top. The tree is kept in `competence_parent`, one row per competence, with its place
among its siblings (the parent's `ceasn:hasChild` order, else the document's).
"""

from __future__ import annotations

import re
from typing import Any, Final
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from catalogue.competences import save_competences
from catalogue.imports import ImportContext, Tally
from catalogue.imports.ctdl_read import (
    Graph,
    document_language,
    pick,
    refs,
    resource_uri,
    texts,
)
from catalogue.imports.origins import convert
from catalogue.models import Competence, CompetenceFramework, CompetenceParent
from schemas.access import require_role
from schemas.catalogue import CompetenceCreate
from schemas.errors.catalogue import BadImportDocumentError, FrameworkExistsError

FRAMEWORK: Final = "ceasn:CompetencyFramework"
COMPETENCY: Final = "ceasn:Competency"


async def import_framework(context: ImportContext, graph: Graph, tally: Tally) -> None:
    """The document's one framework and its competencies; all or nothing."""
    require_role(context.actor, "operator")
    frameworks = graph.of_type(FRAMEWORK)
    if len(frameworks) != 1:
        raise BadImportDocumentError(f"a CTDL import holds one {FRAMEWORK}, not {len(frameworks)}")
    key, node = frameworks[0]
    framework = await _framework(context.session, key, node, tally)
    language = document_language(node, "ceasn")
    items = graph.of_type(COMPETENCY)
    uris = {k: resource_uri(k, n) for k, n in items}
    wanted = [_competence(framework.slug, uris[k], k, n, language) for k, n in items]
    parents = _tree(node, graph, uris, tally)
    moved = await _moved(context.session, framework, parents)
    await _save(context.session, wanted, moved, tally)
    await _save_tree(context.session, framework, parents)


async def _framework(
    session: AsyncSession, key: str, node: dict[str, Any], tally: Tally
) -> CompetenceFramework:
    uri = resource_uri(key, node)
    language = document_language(node, "ceasn")
    name = pick(texts(node.get("ceasn:name"), language))
    if name is None:
        raise BadImportDocumentError(f"{key}: ceasn:name is missing")
    dated = node.get("ceasn:dateModified") or node.get("ceasn:dateCreated") or "unknown"
    version = str(dated)[:40]
    framework = await session.scalar(
        select(CompetenceFramework).where(CompetenceFramework.uri == uri)
    )
    if framework is None:
        slug = _slug(node, uri)
        if await session.scalar(
            select(CompetenceFramework.id).where(CompetenceFramework.slug == slug)
        ):
            raise FrameworkExistsError(f"{key}: a framework {slug!r} with another URI exists")
        framework = CompetenceFramework(slug=slug, name=name[:200], uri=uri, version=version)
        session.add(framework)
        await session.flush()
        tally.add("created", "frameworks")
        return framework
    if (framework.name, framework.version) == (name[:200], version):
        tally.add("unchanged", "frameworks")
    else:
        framework.name, framework.version = name[:200], version
        tally.add("updated", "frameworks")
    return framework


def _slug(node: dict[str, Any], uri: str) -> str:
    ctid = node.get("ceterms:ctid")
    if isinstance(ctid, str) and re.fullmatch(r"ce-[-0-9a-f]{36}", ctid.lower()):
        return ctid.lower()
    return "ctdl-" + re.sub(r"[^a-z0-9]+", "-", uri.lower()).strip("-")[-50:]


def _competence(
    framework: str, uri: str, key: str, node: dict[str, Any], language: str
) -> CompetenceCreate:
    own = document_language(node, "ceasn") if "ceasn:inLanguage" in node else language
    labels = texts(node.get("ceasn:competencyText"), own) or texts(
        node.get("ceasn:competencyLabel"), own
    )
    if not labels:
        raise BadImportDocumentError(f"{key}: ceasn:competencyText is missing")
    code = node.get("ceasn:codedNotation")
    fields = {
        "framework": framework,
        "uri": uri,
        "code": code if isinstance(code, str) else None,
        "labels": {lang: text[:200] for lang, text in labels.items()},
    }
    return convert(fields, CompetenceCreate, key, {})


async def _moved(
    session: AsyncSession,
    framework: CompetenceFramework,
    parents: dict[str, tuple[str | None, int]],
) -> set[str]:
    """The competences already in the tree whose place the document changes."""
    parent = aliased(Competence)
    rows = await session.execute(
        select(
            Competence.uri,
            CompetenceParent.framework_id,
            parent.uri,
            CompetenceParent.position,
        )
        .join(CompetenceParent, CompetenceParent.competence_id == Competence.id)
        .outerjoin(parent, parent.id == CompetenceParent.parent_id)
        .where(Competence.uri.in_(list(parents)))
    )
    return {
        uri
        for uri, framework_id, parent_uri, position in rows.tuples()
        if (framework_id, parent_uri, position) != (framework.id, *parents[uri])
    }


async def _save(
    session: AsyncSession, wanted: list[CompetenceCreate], moved: set[str], tally: Tally
) -> None:
    """Create the new competences and change those that differ (in content or place in the
    tree); count each."""
    existing = {
        c.uri: c
        for c in await session.scalars(
            select(Competence).where(Competence.uri.in_([w.uri for w in wanted]))
        )
    }
    changed = []
    for item in wanted:
        known = existing.get(item.uri)
        if known is None:
            tally.add("created", "competences")
        elif item.uri in moved:
            tally.add("updated", "competences")
        elif (known.framework.slug, known.code, known.labels) == (
            item.framework,
            item.code,
            item.labels,
        ):
            tally.add("unchanged", "competences")
            continue
        else:
            tally.add("updated", "competences")
        changed.append(item)
    await save_competences(session, changed)


def _tree(
    node: dict[str, Any], graph: Graph, uris: dict[str, str], tally: Tally
) -> dict[str, tuple[str | None, int]]:
    """Each competence's parent (None at the top) and place, by URI."""
    order = {k: i for i, k in enumerate(uris)}
    tops = refs(node.get("ceasn:hasTopChild"))
    found: dict[str, tuple[str | None, int]] = {}
    for item, uri in uris.items():
        competency = graph.nodes[item]
        parents = [p for p in refs(competency.get("ceasn:isChildOf")) if p in uris]
        outside = [p for p in refs(competency.get("ceasn:isChildOf")) if p not in uris]
        if outside and not parents:
            tally.warn(f"{item}: its parent {outside[0]} is not in the document; put at the top")
        parent = parents[0] if parents else None
        siblings = refs(graph.nodes[parent].get("ceasn:hasChild")) if parent else tops
        place = siblings.index(item) if item in siblings else len(siblings) + order[item]
        found[uri] = (uris[parent] if parent else None, place)
    return found


async def _save_tree(
    session: AsyncSession,
    framework: CompetenceFramework,
    parents: dict[str, tuple[str | None, int]],
) -> None:
    ids: dict[str, UUID] = dict(
        (
            await session.execute(
                select(Competence.uri, Competence.id).where(Competence.uri.in_(list(parents)))
            )
        )
        .tuples()
        .all()
    )
    rows = {
        row.competence_id: row
        for row in await session.scalars(
            select(CompetenceParent).where(CompetenceParent.competence_id.in_(ids.values()))
        )
    }
    for uri, (parent, position) in parents.items():
        row = rows.get(ids[uri])
        parent_id = None if parent is None else ids[parent]
        if row is None:
            session.add(
                CompetenceParent(
                    competence_id=ids[uri],
                    framework_id=framework.id,
                    parent_id=parent_id,
                    position=position,
                )
            )
        elif (row.framework_id, row.parent_id, row.position) != (framework.id, parent_id, position):
            row.framework_id, row.parent_id, row.position = framework.id, parent_id, position
    await session.flush()
