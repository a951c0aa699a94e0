"""A CTDL-ASN `ceasn:CompetencyFramework` with its `ceasn:Competency` items as a framework of
the catalogue (operator only): the framework by its URI, each competency a competence by its
URI (code `ceasn:codedNotation`, labels from `ceasn:competencyText`, else
`ceasn:competencyLabel`), and the tree as the document gives it: `ceasn:isChildOf` names a
competence's parent, `ceasn:isTopChildOf` (or the framework's `ceasn:hasTopChild`) puts it at
the top. The tree is the one every framework has (`catalogue.frameworks`): a competence with
children is also a node of it, and each competence has its place among its siblings (the
parent's `ceasn:hasChild` order, else the document's).
"""

from __future__ import annotations

import re
from typing import Any, Final

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.competences import preferred_label, save_competences
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
from catalogue.models import Competence, CompetenceFramework, FrameworkNode
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
    places = _tree(node, graph, uris, tally)
    moved = await _moved(context.session, framework, places)
    await _save(context.session, wanted, moved, tally)
    await _save_tree(context.session, framework, wanted, places)


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
    places: dict[str, tuple[str | None, int]],
) -> set[str]:
    """The competences already in the catalogue whose place the document changes: another
    framework, another parent (the node of that parent competence) or another position."""
    rows = await session.execute(
        select(Competence.uri, Competence.framework_id, FrameworkNode.uri, Competence.position)
        .outerjoin(FrameworkNode, FrameworkNode.id == Competence.node_id)
        .where(Competence.uri.in_(list(places)))
    )
    return {
        uri
        for uri, framework_id, parent_uri, position in rows.tuples()
        if (framework_id, parent_uri, position) != (framework.id, *places[uri])
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
    _refuse_cycles(found)
    return found


def _refuse_cycles(places: dict[str, tuple[str | None, int]]) -> None:
    """A competence that is its own ancestor has no place in a tree."""
    for uri in places:
        seen = {uri}
        parent = places[uri][0]
        while parent is not None:
            if parent in seen:
                raise BadImportDocumentError(f"{uri}: ceasn:isChildOf makes a circle")
            seen.add(parent)
            parent = places[parent][0]


async def _save_tree(
    session: AsyncSession,
    framework: CompetenceFramework,
    wanted: list[CompetenceCreate],
    places: dict[str, tuple[str | None, int]],
) -> None:
    """The tree as `catalogue.frameworks` reads it: a node (carrying the competence's URI)
    for each competence with children, nested as the competences are; every competence under
    its parent's node, or at the top. Nodes are kept by URI, so the same document twice
    changes nothing."""
    parents = {parent for parent, _ in places.values() if parent is not None}
    nodes = {
        n.uri: n
        for n in await session.scalars(
            select(FrameworkNode).where(FrameworkNode.framework_id == framework.id)
        )
    }
    items = {w.uri: w for w in wanted}
    for uri in parents:
        item, position = items[uri], places[uri][1]
        node = nodes.get(uri) or FrameworkNode(framework_id=framework.id, kind="competency")
        node.uri, node.code, node.labels = uri, item.code, dict(item.labels)
        node.label, node.position = preferred_label(item.labels)[:500], position
        nodes[uri] = node
        session.add(node)
    await session.flush()  # ids for the parents below
    for uri in parents:
        parent = places[uri][0]
        nodes[uri].parent_id = None if parent is None else nodes[parent].id
    for competence in await session.scalars(
        select(Competence).where(Competence.uri.in_(list(places)))
    ):
        parent, position = places[competence.uri]
        competence.node_id = None if parent is None else nodes[parent].id
        competence.position = position
    await session.flush()
    gone = [n.id for uri, n in nodes.items() if uri not in parents]
    if gone:
        await session.execute(
            update(Competence).where(Competence.node_id.in_(gone)).values(node_id=None)
        )
        await session.execute(delete(FrameworkNode).where(FrameworkNode.id.in_(gone)))
