"""`GET /api/catalogue/competences?q=`: labels in any language, case and accents ignored, and
Dutch matches before matches in another language only."""

from __future__ import annotations

from tests.catalogue.helpers import HEAT_PUMP, Catalogue


async def _add(cat: Catalogue, uri: str, labels: dict[str, str]) -> None:
    response = await cat.client.post(
        "/api/catalogue/competences",
        json={"framework": "esco", "uri": uri, "labels": labels},
        headers=cat.operator,
    )
    assert response.status_code == 201, response.text


async def _found(cat: Catalogue, q: str) -> list[str]:
    response = await cat.client.get(
        "/api/catalogue/competences", params={"q": q, "framework": "esco"}
    )
    assert response.status_code == 200, response.text
    return [c["uri"] for c in response.json()["items"]]


async def test_dutch_matches_come_first(cat: Catalogue) -> None:
    # "Bediening" sorts before "warmtepomp installeren": only the Dutch rule puts the
    # warmtepomp first, since "Bediening" matches "pomp" in English only.
    await _add(cat, "urn:test:bediening", {"en": "Pomp operation", "nl": "Bediening"})
    assert await _found(cat, "pomp") == [HEAT_PUMP, "urn:test:bediening"]


async def test_case_and_accents_are_ignored(cat: Catalogue) -> None:
    await _add(cat, "urn:test:administratie", {"nl": "Financiële administratie"})
    await _add(cat, "urn:test:cafe", {"en": "Run a CAFÉ"})
    assert await _found(cat, "FINANCIELE") == ["urn:test:administratie"]
    assert await _found(cat, "financiële") == ["urn:test:administratie"]
    assert await _found(cat, "cafe") == ["urn:test:cafe"]
    # LIKE's own characters are searched for, not obeyed.
    assert await _found(cat, "%") == []
    assert await _found(cat, "_") == []
