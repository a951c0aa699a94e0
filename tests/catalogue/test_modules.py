"""Modules over HTTP: lifecycle, immutable versions, ownership, runs."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.catalogue.helpers import CHARGER, HEAT_PUMP, Catalogue, module_body
from tests.conftest import Accounts


async def test_provider_creates_and_publishes_module(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    draft = await cat.module(publish=False)
    assert draft["status"] == "draft"
    assert draft["draftVersion"] == 1
    assert draft["publishedVersion"] is None
    # Nobody else sees a draft that was never published.
    assert (await client.get(f"/api/catalogue/modules/{draft['id']}")).status_code == 404
    assert (
        await client.get(f"/api/catalogue/modules/{draft['id']}", headers=cat.provider_b)
    ).status_code == 404
    published = (
        await client.post(f"/api/catalogue/modules/{draft['id']}/publish", headers=cat.provider_a)
    ).json()
    assert published["status"] == "published"
    assert published["publishedVersion"] == 1
    public = (await client.get(f"/api/catalogue/modules/{draft['id']}")).json()
    current = public["current"]
    assert current["title"] == "Laadpaalmonteur"
    assert current["provider"]["slug"] == "opleider-a"
    assert current["url"].endswith(f"/api/catalogue/modules/{draft['id']}/versions/1")
    assert current["competences"][0] == {
        "uri": CHARGER,
        "label": "laadpalen installeren",
        "labels": {"en": "install charging stations", "nl": "laadpalen installeren"},
        "code": None,
        "framework": "esco",
        "frameworkVersion": "v1.1.1",
        "level": "zelfstandig",
    }
    assert current["credits"] == {"value": 1.5, "system": "ECTS"}


async def test_published_versions_are_immutable(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    module = await cat.module()
    url = f"/api/catalogue/modules/{module['id']}"
    v1_before = (await client.get(f"{url}/versions/1")).json()
    edited = await client.patch(
        url, json={"title": "Laadpaalmonteur (nieuw)", "studyLoadHours": 48}, headers=cat.provider_a
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["draftVersion"] == 2
    assert edited.json()["publishedVersion"] == 1
    # Version 1 did not change; the public sees version 1 until version 2 is published.
    assert (await client.get(f"{url}/versions/1")).json() == v1_before
    assert (await client.get(url)).json()["current"]["title"] == "Laadpaalmonteur"
    assert (await client.get(f"{url}/versions/2")).status_code == 404
    # A second edit changes the same draft, not a new version.
    again = await client.patch(url, json={"summary": "Nieuw"}, headers=cat.provider_a)
    assert again.json()["draftVersion"] == 2
    await client.post(f"{url}/publish", headers=cat.provider_a)
    v2 = (await client.get(f"{url}/versions/2")).json()
    assert (v2["title"], v2["studyLoadHours"], v2["summary"]) == (
        "Laadpaalmonteur (nieuw)",
        48,
        "Nieuw",
    )
    assert (await client.get(f"{url}/versions/1")).json() == v1_before


async def test_competence_label_is_a_snapshot(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    module = await cat.module()
    await client.post(
        "/api/catalogue/competences",
        json={
            "framework": "esco",
            "uri": CHARGER,
            "labels": {"nl": "laadinfrastructuur aanleggen"},
        },
        headers=cat.operator,
    )
    v1 = (await client.get(f"/api/catalogue/modules/{module['id']}/versions/1")).json()
    assert v1["competences"][0]["label"] == "laadpalen installeren"


async def test_withdrawn_module_stays_resolvable(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    module = await cat.module()
    url = f"/api/catalogue/modules/{module['id']}"
    response = await client.post(f"{url}/withdraw", headers=cat.provider_a)
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    version = await client.get(f"{url}/versions/1")
    assert version.status_code == 200
    assert version.json()["status"] == "withdrawn"
    assert (await client.get(url)).json()["status"] == "withdrawn"
    assert (await client.get("/api/catalogue/modules", params={"q": "laadpaalmonteur"})).json()[
        "total"
    ] == 0
    assert (await client.patch(url, json={"title": "x"}, headers=cat.provider_a)).status_code == 409
    assert (await client.post(f"{url}/withdraw", headers=cat.provider_a)).json()[
        "code"
    ] == "not-published"


async def test_other_provider_cannot_change_module(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    module = await cat.module()
    url = f"/api/catalogue/modules/{module['id']}"
    for method, path, body in [
        ("PATCH", url, {"title": "Overgenomen"}),
        ("POST", f"{url}/publish", None),
        ("POST", f"{url}/withdraw", None),
        (
            "POST",
            f"{url}/runs",
            {
                "startDate": "2031-01-01",
                "endDate": "2031-01-02",
                "place": "Zwolle",
                "postcode": "8011 AA",
                "seats": 3,
            },
        ),
    ]:
        response = await client.request(method, path, json=body, headers=cat.provider_b)
        assert response.status_code == 403, (method, path)
        assert response.json()["code"] == "not-module-owner"
    current = (await client.get(url, headers=cat.provider_a)).json()
    assert current["current"]["title"] == "Laadpaalmonteur"
    assert current["draftVersion"] is None
    assert (await client.get(f"{url}/runs")).json() == []


async def test_only_providers_create_modules(
    client: AsyncTestClient[Any], cat: Catalogue, accounts: Accounts
) -> None:
    for role in ("worker", "employer", "operator"):
        headers = await accounts.headers(role)  # type: ignore[arg-type]
        response = await client.post("/api/catalogue/modules", json=module_body(), headers=headers)
        assert response.status_code == 403
        assert response.json()["code"] == "role-not-allowed"
    assert (await client.get("/api/catalogue/modules")).json()["total"] == 0


async def test_unknown_ids_are_404(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    for path in [
        f"/api/catalogue/modules/{missing}",
        f"/api/catalogue/modules/{missing}/versions/1",
        f"/api/catalogue/modules/{missing}/runs",
        f"/api/catalogue/qualifications/{missing}",
    ]:
        response = await client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/problem+json")
    module = await cat.module()
    response = await client.get(f"/api/catalogue/modules/{module['id']}/versions/9")
    assert response.json()["code"] == "version-not-found"
    response = await client.patch(
        f"/api/catalogue/modules/{module['id']}/runs/{missing}",
        json={"status": "cancelled"},
        headers=cat.provider_a,
    )
    assert response.json()["code"] == "run-not-found"


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"studyLoadHours": 0}, "studyLoadHours"),
        ({"level": {"scheme": "mbo", "value": 5}}, "mbo levels"),
        ({"deliveryMode": "by-post"}, "deliveryMode"),
        ({"title": ""}, "title"),
        ({"priceCents": -1}, "priceCents"),
        ({"sectors": ["Not A Slug"]}, "sectors"),
        ({"colour": "green"}, "colour"),
    ],
)
async def test_invalid_module_fields_are_422(
    client: AsyncTestClient[Any], cat: Catalogue, changes: dict[str, Any], fragment: str
) -> None:
    response = await client.post(
        "/api/catalogue/modules", json=module_body(**changes), headers=cat.provider_a
    )
    assert response.status_code == 422
    assert fragment in str(response.json()["errors"])


async def test_unknown_competence_writes_nothing(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    body = module_body(competences=[{"uri": HEAT_PUMP}, {"uri": "http://example.org/unknown"}])
    response = await client.post("/api/catalogue/modules", json=body, headers=cat.provider_a)
    assert response.status_code == 422
    assert response.json()["code"] == "unknown-competence"
    listing = await client.get("/api/catalogue/modules/", headers=cat.provider_a)
    assert listing.json()["total"] == 0


async def test_cancelled_run_shows_everywhere_at_once(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    module = await cat.module()
    url = f"/api/catalogue/modules/{module['id']}"
    run = await cat.run(module["id"])
    assert (await client.get("/api/catalogue/modules", params={"q": "laadpaal"})).json()["items"][
        0
    ]["hasOpenRun"]
    response = await client.patch(
        f"{url}/runs/{run['id']}", json={"status": "cancelled"}, headers=cat.provider_a
    )
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert (await client.get(f"{url}/runs")).json()[0]["status"] == "cancelled"
    assert (await client.get(url)).json()["current"]["runs"][0]["status"] == "cancelled"
    assert (await client.get(f"{url}/versions/1")).json()["runs"][0]["status"] == "cancelled"
    hit = (await client.get("/api/catalogue/modules", params={"q": "laadpaal"})).json()["items"][0]
    assert hit["hasOpenRun"] is False
    reopen = await client.patch(
        f"{url}/runs/{run['id']}", json={"status": "open"}, headers=cat.provider_a
    )
    assert reopen.status_code == 409


async def test_run_dates_and_postcode_are_checked(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    module = await cat.module()
    url = f"/api/catalogue/modules/{module['id']}/runs"
    bad = {
        "startDate": "2031-03-06",
        "endDate": "2031-03-02",
        "place": "Utrecht",
        "postcode": "3511 AB",
        "seats": 1,
    }
    assert (await client.post(url, json=bad, headers=cat.provider_a)).status_code == 422
    bad_pc = bad | {"endDate": "2031-03-07", "postcode": "ABCD 12"}
    assert (await client.post(url, json=bad_pc, headers=cat.provider_a)).status_code == 422
    run = await cat.run(module["id"], postcode="3511AB")
    assert run["postcode"] == "3511 AB"


async def test_patch_that_keeps_a_competence_replaces_the_list(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    """Regression: keeping one of the competences used to insert a duplicate row (a 500)."""
    module = await cat.module(publish=False)
    url = f"/api/catalogue/modules/{module['id']}"
    kept_and_added = [{"uri": CHARGER, "level": "zelfstandig"}, {"uri": HEAT_PUMP}]
    edited = await client.patch(url, json={"competences": kept_and_added}, headers=cat.provider_a)
    assert edited.status_code == 200, edited.text
    assert [c["uri"] for c in edited.json()["current"]["competences"]] == [CHARGER, HEAT_PUMP]
    again = await client.patch(
        url, json={"competences": kept_and_added[:1]}, headers=cat.provider_a
    )
    assert [c["uri"] for c in again.json()["current"]["competences"]] == [CHARGER]
