"""The CV as Europass EDC (`GET /api/me/export?format=edc`): ELM v3 JSON-LD, one
EuropeanDigitalCredential per current credential, conforming to the EDC SHACL shapes (pyshacl),
read with the local JSON-LD contexts only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pyshacl import validate
from rdflib import Graph

from credentials.canonical import canonicalize_rdfc
from tests.registry.wallet_helpers import World

SHAPES = Path(__file__).parents[2] / "credentials" / "schemas" / "EDC-generic-full.shacl.ttl"
ELM = "http://data.europa.eu/snb/model/elm/"


def _graph(document: dict[str, Any]) -> Graph:
    """The document as RDF: expanded with the local contexts (an undefined term is refused,
    so nothing is silently dropped), then read by rdflib."""
    graph = Graph()
    graph.parse(data=canonicalize_rdfc(document).decode(), format="nt")
    return graph


def _conforms(data: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    return bool(conforms), str(text)


async def test_the_edc_export_conforms_to_the_edc_shapes(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    issued = [await world.issue(worker), await world.issue_evc(worker)]
    response = await world.client.get("/api/me/export?format=edc", headers=worker.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    document = response.json()
    credentials = document["@graph"]
    assert sorted(c["id"] for c in credentials) == sorted(i["id"] for i in issued)
    data = _graph(document)
    query = f"SELECT ?c WHERE {{ ?c a <{ELM}EuropeanDigitalCredential> }}"
    assert len(list(data.query(query))) == 2
    conforms, text = _conforms(data)
    assert conforms, text
    # The shapes bite: a credential without its credential profile does not conform.
    for credential in credentials:
        del credential["credentialProfiles"]
    conforms, text = _conforms(_graph(document))
    assert not conforms
    assert "credentialProfiles" in text
