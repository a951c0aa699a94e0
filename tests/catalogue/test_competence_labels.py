"""Competence labels per language: importing ESCO's Dutch labels beside the English ones, the
operator adding a Dutch label later, and what the catalogue then shows and finds."""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient

from catalogue.esco import ESCO_GREEN_SKILLS_CSV, ESCO_GREEN_SKILLS_NL_CSV
from tests.catalogue.helpers import HEAT_PUMP, Catalogue
from tests.conftest import Accounts

Client = AsyncTestClient[Any]
INSULATE = "http://data.europa.eu/esco/skill/insulate-test-0003"
HTML = {"Accept": "text/html"}


async def test_esco_import_per_language_keeps_the_other_languages(
    client: Client, accounts: Accounts
) -> None:
    operator = await accounts.headers("operator")
    framework = {"slug": "esco", "name": "ESCO", "uri": "urn:fw:esco", "version": "v1.1.1"}
    await client.post("/api/catalogue/frameworks", json=framework, headers=operator)
    url = "/api/catalogue/competences/import?framework=esco&format=esco"
    headers = operator | {"Content-Type": "text/csv"}
    english = await client.post(url, content=ESCO_GREEN_SKILLS_CSV.read_bytes(), headers=headers)
    assert english.json() == {"created": 570, "updated": 0}
    dutch = await client.post(url, content=ESCO_GREEN_SKILLS_NL_CSV.read_bytes(), headers=headers)
    assert dutch.json() == {"created": 0, "updated": 570}
    one = (await client.get("/api/catalogue/competences/by-uri", params={"uri": HEAT_PUMP})).json()
    assert one["labels"] == {"en": "install heat pump", "nl": "warmtepompen installeren"}
    assert one["label"] == "warmtepompen installeren"
    # Found by either language; nothing lacks a Dutch label any more.
    for q in ("install heat pump", "warmtepompen installeren"):
        found = (await client.get("/api/catalogue/competences", params={"q": q})).json()
        assert [c["uri"] for c in found["items"]] == [HEAT_PUMP], q
    missing = await client.get("/api/catalogue/competences", params={"withoutLabel": "nl"})
    assert missing.json()["total"] == 0


async def test_the_operator_adds_a_dutch_label(client: Client, cat: Catalogue) -> None:
    created = await client.post(
        "/api/catalogue/competences",
        json={"framework": "esco", "uri": INSULATE, "labels": {"en": "insulate buildings"}},
        headers=cat.operator,
    )
    assert created.status_code == 201, created.text
    competences = [{"uri": INSULATE}, {"uri": HEAT_PUMP}]
    module = await cat.module(title="Na-isolatie", competences=competences)
    todo = await client.get(
        "/api/catalogue/competences", params={"used": "true", "withoutLabel": "nl"}
    )
    assert [c["uri"] for c in todo.json()["items"]] == [INSULATE]
    competence = todo.json()["items"][0]
    page = await client.get(f"/catalogus/modules/{module['id']}", headers=HTML)
    assert "insulate buildings" in page.text
    assert (await client.get("/api/catalogue/modules", params={"q": "isoleren"})).json()[
        "items"
    ] == []

    path = f"/api/catalogue/competences/{competence['id']}"
    body = {"labels": {"nl": "gebouwen isoleren"}}
    refused = await client.patch(path, json=body, headers=cat.provider_a)
    assert (refused.status_code, refused.json()["code"]) == (403, "role-not-allowed")
    unknown = await client.patch(
        "/api/catalogue/competences/00000000-0000-4000-8000-000000000000",
        json=body,
        headers=cat.operator,
    )
    assert (unknown.status_code, unknown.json()["code"]) == (404, "competence-not-found")
    for bad in ({"labels": {}}, {"labels": {"dutch": "x"}}, {"labels": {"nl": ""}}):
        response = await client.patch(path, json=bad, headers=cat.operator)
        assert response.status_code in (400, 422), bad

    changed = await client.patch(path, json=body, headers=cat.operator)
    assert changed.status_code == 200, changed.text
    assert changed.json()["labels"] == {"en": "insulate buildings", "nl": "gebouwen isoleren"}
    assert changed.json()["label"] == "gebouwen isoleren"

    # Search finds the module by the new label; the Dutch page shows it, the English one not.
    hits = (await client.get("/api/catalogue/modules", params={"q": "isoleren"})).json()
    assert [hit["id"] for hit in hits["items"]] == [module["id"]]
    page = await client.get(f"/catalogus/modules/{module['id']}", headers=HTML)
    assert "gebouwen isoleren" in page.text
    assert "insulate buildings" not in page.text
    client.cookies.set("lang", "en")
    page = await client.get(f"/catalogus/modules/{module['id']}", headers=HTML)
    assert "insulate buildings" in page.text
    client.cookies.delete("lang")
    # The published version keeps its own snapshot; nothing is left to label.
    version = await client.get(f"/api/catalogue/modules/{module['id']}/versions/1")
    snapshot = {c["uri"]: c["labels"] for c in version.json()["competences"]}
    assert snapshot[INSULATE] == {"en": "insulate buildings"}
    todo = await client.get(
        "/api/catalogue/competences", params={"used": "true", "withoutLabel": "nl"}
    )
    assert todo.json()["items"] == []
