"""Crosswalks (issue 15): SKOS mappings recorded by the operator, as one JSON mapping or an
upload (CSV, Turtle, JSON-LD), read from both sides; exact and close matches count, broad and
narrow ones are shown only."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from tests.catalogue.helpers import CHARGER, HEAT_PUMP, SOLAR, Catalogue

WP = "https://kwalificaties.example/monteur-bouw/B1-K1-W2"
WP2 = "https://kwalificaties.example/monteur-bouw/B1-K1-W3"


async def post(
    client: AsyncTestClient[Any], cat: Catalogue, body: str | bytes, media_type: str
) -> Any:
    return await client.post(
        "/api/catalogue/crosswalks",
        content=body,
        headers={**cat.operator, "Content-Type": media_type},
    )


async def equivalents(client: AsyncTestClient[Any], uri: str) -> dict[str, Any]:
    response = await client.get("/api/catalogue/competences/equivalents", params={"uri": uri})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_one_mapping_is_read_from_both_sides(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    body = {"source": WP, "relation": "exactMatch", "target": CHARGER}
    response = await client.post("/api/catalogue/crosswalks", json=body, headers=cat.operator)
    assert response.json() == {"created": 1, "unchanged": 0}
    again = await client.post("/api/catalogue/crosswalks", json=body, headers=cat.operator)
    assert again.json() == {"created": 0, "unchanged": 1}
    seen = await equivalents(client, CHARGER)
    assert seen["label"] == "laadpalen installeren"
    assert seen["equivalents"] == [{"uri": WP, "relation": "exactMatch", "counts": True}]
    assert (await equivalents(client, WP))["equivalents"][0]["uri"] == CHARGER


async def test_broad_and_narrow_are_shown_inverted_and_do_not_count(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    csv = f"source,relation,target\n{WP},skos:broadMatch,{HEAT_PUMP}\n{WP2},closeMatch,{SOLAR}\n"
    response = await post(client, cat, csv, "text/csv")
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2
    from_wp = (await equivalents(client, WP))["equivalents"]
    assert from_wp[0] == {
        "uri": HEAT_PUMP,
        "relation": "broadMatch",
        "counts": False,
        "label": "warmtepomp installeren",
        "framework": "esco",
    }
    from_skill = (await equivalents(client, HEAT_PUMP))["equivalents"]
    assert [(e["uri"], e["relation"], e["counts"]) for e in from_skill] == [
        (WP, "narrowMatch", False)
    ]
    assert (await equivalents(client, SOLAR))["equivalents"][0]["counts"] is True


async def test_turtle_and_jsonld_uploads(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    turtle = f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{WP}> skos:exactMatch <{CHARGER}> ; skos:prefLabel "Laadpunt aansluiten"@nl .
<{WP2}> skos:narrowMatch <{SOLAR}> .
"""
    response = await post(client, cat, turtle, "text/turtle")
    assert response.json() == {"created": 2, "unchanged": 0}, response.text
    jsonld = (
        '{"@context": {"skos": "http://www.w3.org/2004/02/skos/core#",'
        ' "closeMatch": {"@id": "skos:closeMatch", "@type": "@id"}},'
        f' "@graph": [{{"@id": "{WP}", "closeMatch": ["{HEAT_PUMP}", "{SOLAR}"]}}]}}'
    )
    response = await post(client, cat, jsonld, "application/ld+json")
    assert response.json() == {"created": 2, "unchanged": 0}, response.text
    relations = {(e["uri"], e["relation"]) for e in (await equivalents(client, WP))["equivalents"]}
    assert relations == {(CHARGER, "exactMatch"), (HEAT_PUMP, "closeMatch"), (SOLAR, "closeMatch")}


async def test_bad_uploads_are_refused_whole(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    remote = '{"@context": "https://example.org/skos.jsonld", "@id": "https://a.example/x"}'
    answers = [
        await post(client, cat, remote, "application/ld+json"),
        await post(client, cat, "source,target\na,b\n", "text/csv"),
        await post(client, cat, f"source,relation,target\n{WP},sameAs,{SOLAR}\n", "text/csv"),
        await post(client, cat, "<a> <b> .. nonsense", "text/turtle"),
    ]
    assert [(a.status_code, a.json()["code"]) for a in answers] == [(400, "bad-crosswalk")] * 4
    rows = f"source,relation,target\n{WP},exactMatch,{SOLAR}\n{WP},exactMatch,{WP}\n"
    selfish = await post(client, cat, rows, "text/csv")
    assert (selfish.status_code, selfish.json()["code"]) == (422, "self-mapping")
    empty = await post(client, cat, "@prefix s: <http://example.org/> .\n", "text/turtle")
    assert (empty.status_code, empty.json()["code"]) == (422, "crosswalk-empty")
    assert (await equivalents(client, WP))["equivalents"] == []
    refused = await client.post(
        "/api/catalogue/crosswalks",
        json={"source": WP, "relation": "exactMatch", "target": SOLAR},
        headers=cat.provider_a,
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "role-not-allowed")
