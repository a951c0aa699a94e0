"""Crosswalks: SKOS mappings between competences of different frameworks (a kwalificatiedossier
werkproces, a branch standard, ESCO), recorded by the operator.

A mapping is stored as written ("A broadMatch B": B is broader than A) and read from both
sides: seen from B the same row says "B narrowMatch A"; exactMatch and closeMatch read the same
both ways. Only exactMatch and closeMatch count (`schemas.matching.COUNTING`): a credential for
one stands for the other in matching. broadMatch and narrowMatch are shown, never counted: a
broader competence is more than the narrower one proves, a narrower one less. Mappings are not
chained (A exactMatch B and B exactMatch C do not make A count for C): the operator records
what was compared.

Uploads come as one JSON mapping, CSV (`source,relation,target`), SKOS Turtle (rdflib) or
JSON-LD with its context inline (expanded by pyld with a loader that refuses every URL: nothing
is fetched).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import msgspec
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.models import Competence, CompetenceMapping
from schemas.errors import DomainError
from schemas.errors.matching import BadCrosswalkError, CrosswalkEmptyError, SelfMappingError
from schemas.json_input import decode_json
from schemas.matching import (
    COUNTING,
    RELATIONS,
    CrosswalkResult,
    Equivalent,
    Equivalents,
    MappingIn,
    Relation,
)

SKOS = "http://www.w3.org/2004/02/skos/core#"
INVERSE: dict[str, Relation] = {
    "exactMatch": "exactMatch",
    "closeMatch": "closeMatch",
    "broadMatch": "narrowMatch",
    "narrowMatch": "broadMatch",
}
MAX_MAPPINGS = 50_000
Triple = tuple[str, Relation, str]


def parse_csv(data: bytes) -> list[MappingIn]:
    """`source,relation,target` rows under that header; a relation may carry `skos:`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadCrosswalkError("the CSV is not UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or {"source", "relation", "target"} - set(reader.fieldnames):
        raise BadCrosswalkError("the CSV needs the columns source, relation, target")
    return [
        _mapping(row.get("source"), row.get("relation"), row.get("target"), f"line {line}")
        for line, row in enumerate(reader, start=2)
    ]


def parse_turtle(data: bytes) -> list[MappingIn]:
    """The skos:*Match triples of a Turtle document (other triples are left alone)."""
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(data=data.decode("utf-8"), format="turtle")
    except Exception as error:  # rdflib raises many kinds; each means the same to the caller
        raise BadCrosswalkError(f"the Turtle cannot be read: {str(error)[:200]}") from None
    found = []
    for relation in RELATIONS:
        for source, target in graph.subject_objects(rdflib.URIRef(SKOS + relation)):
            found.append(_mapping(str(source), relation, str(target), "a triple"))
    return found


def parse_jsonld(data: bytes) -> list[MappingIn]:
    """The skos:*Match statements of a JSON-LD document whose context is inline."""
    from pyld import jsonld

    def refuse(url: str, options: Any = None) -> Any:
        raise BadCrosswalkError(f"the context {url[:200]} is not inline; nothing is fetched")

    try:
        document = decode_json(data)
        expanded = jsonld.expand(document, {"documentLoader": refuse})
    except (BadCrosswalkError, DomainError):
        raise
    except Exception as error:  # malformed JSON, or JSON-LD pyld refuses
        raise BadCrosswalkError(f"the JSON-LD cannot be read: {str(error)[:200]}") from None
    return [
        _mapping(node.get("@id"), relation, target["@id"], "a node")
        for node in _nodes(expanded)
        for relation in RELATIONS
        for target in node.get(SKOS + relation, [])
        if isinstance(target, dict) and "@id" in target
    ]


def _nodes(expanded: Any) -> Iterable[dict[str, Any]]:
    for node in expanded if isinstance(expanded, list) else [expanded]:
        if isinstance(node, dict):
            yield node
            yield from _nodes(node.get("@graph", []))


def _mapping(source: Any, relation: Any, target: Any, where: str) -> MappingIn:
    name = relation.removeprefix("skos:") if isinstance(relation, str) else relation
    try:
        return msgspec.convert({"source": source, "relation": name, "target": target}, MappingIn)
    except msgspec.ValidationError as error:
        raise BadCrosswalkError(f"{where}: {error}") from None


async def record(session: AsyncSession, mappings: Sequence[MappingIn]) -> CrosswalkResult:
    """Store the mappings not stored yet (the operator's). All or nothing."""
    if not mappings:
        raise CrosswalkEmptyError("no SKOS mapping found")
    if len(mappings) > MAX_MAPPINGS:
        raise BadCrosswalkError(f"at most {MAX_MAPPINGS} mappings at a time")
    wanted: dict[Triple, None] = {}
    for m in mappings:
        if m.source == m.target:
            raise SelfMappingError(f"{m.source} is mapped to itself")
        wanted[m.source, m.relation, m.target] = None
    sources = sorted({source for source, _, _ in wanted})
    existing: set[Triple] = set()
    for chunk in _chunks(sources, 500):
        rows = await session.execute(
            select(
                CompetenceMapping.source_uri,
                CompetenceMapping.relation,
                CompetenceMapping.target_uri,
            ).where(CompetenceMapping.source_uri.in_(chunk))
        )
        existing.update((s, r, t) for s, r, t in rows)
    now = dt.datetime.now(dt.UTC)
    new = [t for t in wanted if t not in existing]
    session.add_all(
        CompetenceMapping(source_uri=s, relation=r, target_uri=t, created_at=now) for s, r, t in new
    )
    await session.flush()
    return CrosswalkResult(created=len(new), unchanged=len(wanted) - len(new))


async def related(session: AsyncSession, uris: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Per URI, every `(other URI, relation read from this URI)` a crosswalk gives."""
    wanted = sorted(set(uris))
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for chunk in _chunks(wanted, 250):
        rows = await session.execute(
            select(
                CompetenceMapping.source_uri,
                CompetenceMapping.relation,
                CompetenceMapping.target_uri,
            ).where(
                or_(
                    CompetenceMapping.source_uri.in_(chunk),
                    CompetenceMapping.target_uri.in_(chunk),
                )
            )
        )
        asked = set(chunk)
        for source, relation, target in rows:
            if source in asked:
                found[source].append((target, relation))
            if target in asked:
                found[target].append((source, INVERSE[relation]))
    return found


async def counting_equivalents(
    session: AsyncSession, uris: Iterable[str], relations: frozenset[str] = COUNTING
) -> dict[str, list[str]]:
    """Per URI, the other URIs that stand for it (exactMatch and closeMatch, or `relations`)."""
    return {
        uri: list(dict.fromkeys(other for other, rel in pairs if rel in relations))
        for uri, pairs in (await related(session, uris)).items()
    }


async def equivalents(session: AsyncSession, uri: str) -> Equivalents:
    """Every competence mapped to this one, the counting ones first."""
    pairs = (await related(session, [uri])).get(uri, [])
    known = {
        c.uri: c
        for c in await session.scalars(
            select(Competence).where(Competence.uri.in_([uri, *(o for o, _ in pairs)]))
        )
    }
    items = [
        Equivalent(
            uri=other,
            relation=INVERSE[INVERSE[relation]],
            counts=relation in COUNTING,
            label=known[other].label if other in known else None,
            framework=known[other].framework.slug if other in known else None,
        )
        for other, relation in pairs
    ]
    items.sort(key=lambda e: (not e.counts, RELATIONS.index(e.relation), e.label or e.uri))
    return Equivalents(uri=uri, label=known[uri].label if uri in known else None, equivalents=items)


def _chunks(values: list[str], size: int) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]
