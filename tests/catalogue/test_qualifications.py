"""Qualifications: required modules plus optional "at least N of" groups."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from tests.catalogue.helpers import Catalogue
from tests.conftest import Accounts


async def test_qualification_adds_up_modules(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    vop = await cat.module(title="NEN 3140 VOP")
    laadpaal = await cat.module(title="Laadpaalmonteur")
    options = [
        await cat.module(title=t)
        for t in ("Warmtepomp", "Ventilatie", "Thuisbatterij", "Zonnepanelen")
    ]
    body = {
        "code": "Q-ALLROUND",
        "title": "Allround monteur duurzame installaties",
        "level": {"scheme": "mbo", "value": 3},
        "sector": "installatietechniek",
        "requiredModules": [vop["id"], laadpaal["id"]],
        "optionalGroups": [
            {"title": "Kies er 2", "minCount": 2, "modules": [m["id"] for m in options]}
        ],
    }
    response = await client.post("/api/catalogue/qualifications", json=body, headers=cat.operator)
    assert response.status_code == 201, response.text
    qualification = response.json()
    required, optional = qualification["groups"]
    assert (required["required"], required["minCount"]) == (True, 2)
    assert [m["title"] for m in required["modules"]] == ["NEN 3140 VOP", "Laadpaalmonteur"]
    assert (optional["required"], optional["minCount"], len(optional["modules"])) == (False, 2, 4)
    fetched = await client.get(f"/api/catalogue/qualifications/{qualification['id']}")
    assert fetched.json() == qualification
    listing = (await client.get("/api/catalogue/qualifications")).json()
    assert listing["total"] == 1
    # A module page shows which qualifications it counts towards.
    module = (await client.get(f"/api/catalogue/modules/{options[0]['id']}")).json()
    assert module["qualifications"] == [
        {"id": qualification["id"], "code": "Q-ALLROUND", "title": body["title"]}
    ]


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        (
            {"optionalGroups": [{"title": "x", "minCount": 3, "modules": ["M"]}]},
            422,
            "invalid-input",
        ),
        ({"requiredModules": ["00000000-0000-4000-8000-000000000000"]}, 422, "unknown-module"),
        ({"requiredModules": ["M", "M"]}, 422, "duplicate-module"),
        ({"requiredModules": [], "optionalGroups": []}, 422, "invalid-input"),
    ],
)
async def test_bad_qualifications_are_rejected(
    client: AsyncTestClient[Any], cat: Catalogue, change: dict[str, Any], status: int, code: str
) -> None:
    module = await cat.module()
    body = {"code": "Q1", "title": "Q", "requiredModules": [module["id"]]} | change
    text = str(body).replace("'M'", repr(module["id"]))
    body = eval(text)
    response = await client.post("/api/catalogue/qualifications", json=body, headers=cat.operator)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert (await client.get("/api/catalogue/qualifications")).json()["total"] == 0


async def test_draft_module_cannot_join_a_qualification(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    draft = await cat.module(publish=False)
    body = {"code": "Q1", "title": "Q", "requiredModules": [draft["id"]]}
    response = await client.post("/api/catalogue/qualifications", json=body, headers=cat.operator)
    assert response.json()["code"] == "unknown-module"


async def test_worker_cannot_create_qualification(
    client: AsyncTestClient[Any], cat: Catalogue, accounts: Accounts
) -> None:
    module = await cat.module()
    worker = await accounts.headers("worker")
    body = {"code": "Q1", "title": "Q", "requiredModules": [module["id"]]}
    response = await client.post("/api/catalogue/qualifications", json=body, headers=worker)
    assert response.status_code == 403
    duplicate = await client.post("/api/catalogue/qualifications", json=body, headers=cat.operator)
    assert duplicate.status_code == 201
    again = await client.post("/api/catalogue/qualifications", json=body, headers=cat.provider_a)
    assert (again.status_code, again.json()["code"]) == (409, "qualification-exists")
