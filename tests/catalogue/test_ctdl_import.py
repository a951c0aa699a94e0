"""CTDL JSON-LD import: a learning program's courses as a provider's draft modules and the
program as a qualification of them; a competency framework with its tree (operator); older
CTDL value shapes; links outside the document stay URLs; the same document twice changes
nothing; bad input changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.models import (
    Competence,
    CompetenceFramework,
    FrameworkNode,
    ImportOrigin,
    Module,
    Qualification,
)
from tests.catalogue.helpers import Catalogue

DOCUMENTS = Path(__file__).parent / "documents" / "ctdl"
PROGRAM = (DOCUMENTS / "LearningProgram-1-graph.json").read_bytes()
FRAMEWORK = (DOCUMENTS / "framework-warmtepomp.json").read_bytes()
OLD_FRAMEWORK = (DOCUMENTS / "credentialregistry-competency_framework-2_valid.json").read_bytes()
EXAMPLES = (
    "https://credentialengine.github.io/credential-registry-ingest-examples/LearningProgram/1"
)
CE = "https://credentialengineregistry.org/resources/"


async def _import(
    client: AsyncTestClient[Any], body: bytes, headers: dict[str, str], **params: str
) -> Any:
    return await client.post(
        "/api/catalogue/import",
        params={"format": "ctdl", **params},
        content=body,
        headers=headers | {"Content-Type": "application/ld+json"},
    )


def _counts(report: dict[str, Any], kind: str) -> tuple[int, int, int, int]:
    outcomes = ("created", "updated", "withdrawn", "unchanged")
    return tuple(report[outcome][kind] for outcome in outcomes)  # type: ignore[return-value]


async def _count(sessionmaker: async_sessionmaker[AsyncSession], model: Any) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_a_learning_program_becomes_draft_modules_and_a_qualification(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    response = await _import(client, PROGRAM, cat.provider_a)
    assert response.status_code == 201, response.text
    report = response.json()
    assert (_counts(report, "modules"), _counts(report, "qualifications")) == (
        (3, 0, 0, 0),
        (1, 0, 0, 0),
    )
    assert report["warnings"] == [
        warning
        for course in ("Course-1a", "Course-1b", "Course-1c")
        for warning in (
            f"{EXAMPLES}/{course}.json: no study load in hours; set to 1 hour on the draft",
            f"{EXAMPLES}/{course}.json: a price in US Dollar, not in euros; left out",
        )
    ]
    async with sessionmaker() as session:
        origins = dict(
            (
                await session.execute(
                    select(ImportOrigin.external_id, ImportOrigin.module_id).where(
                        ImportOrigin.module_id.is_not(None)
                    )
                )
            )
            .tuples()
            .all()
        )
        qualification = await session.scalar(select(Qualification))
    assert qualification is not None
    modules = {}
    for course in ("Course-1a", "Course-1b", "Course-1c"):
        module_id = origins[f"{EXAMPLES}/{course}.json"]
        body = (
            await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_a)
        ).json()
        assert (body["status"], body["draftVersion"]) == ("draft", 1)
        modules[course] = body["current"]
    first = modules["Course-1a"]
    assert (first["title"], first["language"], first["deliveryMode"]) == (
        "Personal Growth Mastery",
        "en",
        "online",
    )
    assert first["description"].startswith("Unlock your full potential and become the best")
    assert first["summary"] == first["description"]
    assert (
        first["prerequisites"]
        == "Personal Growth Mastery prerequisite knowledge is not much, just some math"
    )
    assert (first["studyLoadHours"], first["durationDays"], first["priceCents"]) == (1, None, None)
    assert first["certificate"] == "Certificaat Personal Growth Mastery"
    assert first["provider"]["slug"] == "opleider-a"
    # A course without a delivery type is delivered as its program is (blended).
    assert [modules[c]["deliveryMode"] for c in ("Course-1b", "Course-1c")] == [
        "blended",
        "blended",
    ]
    assert modules["Course-1b"]["title"] == "Digital Skills Revolution"
    assert (qualification.code, qualification.title) == (
        "ce-23b0e606-545c-4383-8630-f97ec3b190fa",
        "Lifelong Learning Accelerator",
    )
    assert qualification.owner_provider_id is not None
    members = [m.module_id for group in qualification.groups for m in group.members]
    assert members == [
        origins[f"{EXAMPLES}/{c}.json"] for c in ("Course-1a", "Course-1b", "Course-1c")
    ]
    assert [(g.title, g.required, g.min_count) for g in qualification.groups] == [
        ("Verplichte modules", True, 3)
    ]

    # The qualification lists its modules as they are published; drafts are not shown.
    listed = await client.get(f"/api/catalogue/qualifications/{qualification.id}")
    assert listed.status_code == 200, listed.text
    assert [g["modules"] for g in listed.json()["groups"]] == [[]]
    first_id = origins[f"{EXAMPLES}/Course-1a.json"]
    await client.post(f"/api/catalogue/modules/{first_id}/publish", headers=cat.provider_a)
    listed = await client.get("/api/catalogue/qualifications")
    assert listed.status_code == 200
    shown = [m["id"] for g in listed.json()["items"][0]["groups"] for m in g["modules"]]
    assert shown == [str(first_id)]

    again = await _import(client, PROGRAM, cat.provider_a)
    assert again.status_code == 200
    assert (_counts(again.json(), "modules"), _counts(again.json(), "qualifications")) == (
        (0, 0, 0, 3),
        (0, 0, 0, 1),
    )
    assert (await _count(sessionmaker, Module), await _count(sessionmaker, Qualification)) == (3, 1)

    changed = json.loads(PROGRAM)
    changed["@graph"][1]["ceterms:name"] = {"en-US": "Personal Growth Mastery II"}
    response = await _import(client, json.dumps(changed).encode(), cat.provider_a)
    assert _counts(response.json(), "modules") == (0, 1, 0, 2)
    module_id = origins[f"{EXAMPLES}/Course-1a.json"]
    body = (await client.get(f"/api/catalogue/modules/{module_id}", headers=cat.provider_a)).json()
    # Published above, so the change is a new draft version beside the published one.
    assert (body["publishedVersion"], body["draftVersion"]) == (1, 2)
    assert body["current"]["title"] == "Personal Growth Mastery II"


async def test_a_program_dry_run_and_the_operator_naming_the_provider(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    preview = await _import(client, PROGRAM, cat.provider_a, dryRun="true")
    assert preview.status_code == 200
    assert _counts(preview.json(), "modules") == (3, 0, 0, 0)
    assert await _count(sessionmaker, Module) == 0
    response = await _import(client, PROGRAM, cat.operator)
    assert (response.status_code, response.json()["code"]) == (422, "import-provider-required")
    response = await _import(client, PROGRAM, cat.provider_a, provider="opleider-b")
    assert (response.status_code, response.json()["code"]) == (403, "not-own-program")
    response = await _import(client, PROGRAM, cat.operator, provider="opleider-b")
    assert response.status_code == 201
    async with sessionmaker() as session:
        owner = await session.scalar(select(Qualification.owner_provider_id))
        provider_b = await session.scalar(select(Module.provider_id).distinct())
    assert owner == provider_b


def _shape(node: dict[str, Any]) -> tuple[Any, ...]:
    """A node of `GET /api/catalogue/frameworks/{id}` as (code, kind, competences, children)."""
    return (
        node["code"],
        node["kind"],
        [(c["code"], c["node"]) for c in node["competences"]],
        [_shape(child) for child in node["children"]],
    )


async def _tree(client: AsyncTestClient[Any], slug: str) -> tuple[list[Any], list[str]]:
    """The framework's tree as the API gives it, and its competences outside any node."""
    response = await client.get(f"/api/catalogue/frameworks/{slug}")
    assert response.status_code == 200, response.text
    body = response.json()
    return [_shape(n) for n in body["nodes"]], [c["code"] for c in body["competences"]]


async def test_a_competency_framework_with_its_tree(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    response = await _import(client, FRAMEWORK, cat.operator)
    assert response.status_code == 201, response.text
    report = response.json()
    assert (_counts(report, "frameworks"), _counts(report, "competences")) == (
        (1, 0, 0, 0),
        (6, 0, 0, 0),
    )
    assert report["warnings"] == [
        f"{CE}ce-5b0c7a3e-0000-4000-8000-0000000000c1: its parent "
        "https://elders.example/competenties/onderhoud is not in the document; put at the top"
    ]
    slug = "ce-5b0c7a3e-3f1d-4f0e-9a51-6d2f0b9e1a01"
    listed = (
        await client.get("/api/catalogue/competences", params={"framework": slug, "limit": 50})
    ).json()
    items = {c["code"]: c for c in listed["items"]}
    assert {code: (c["uri"], c["labels"], c["frameworkVersion"]) for code, c in items.items()} == {
        "WP-A": (
            f"{CE}ce-5b0c7a3e-0000-4000-8000-00000000000a",
            {"nl": "Warmtepompsysteem voorbereiden", "en": "Prepare a heat pump system"},
            "2026-11-30",
        ),
        "WP-A1": (
            f"{CE}ce-5b0c7a3e-0000-4000-8000-0000000000a1",
            {
                "nl": "Werkplek en materiaal voorbereiden",
                "en": "Prepare the workplace and materials",
            },
            "2026-11-30",
        ),
        "WP-A2": (
            f"{CE}ce-5b0c7a3e-0000-4000-8000-0000000000a2",
            {"nl": "F-gassen veilig hanteren"},
            "2026-11-30",
        ),
        "WP-B": (
            f"{CE}ce-5b0c7a3e-0000-4000-8000-00000000000b",
            {"nl": "In bedrijf stellen"},
            "2026-11-30",
        ),
        "WP-B1": (
            f"{CE}ce-5b0c7a3e-0000-4000-8000-0000000000b1",
            {"en": "Fill and bleed the system"},
            "2026-11-30",
        ),
        "WP-C1": (
            f"{CE}ce-5b0c7a3e-0000-4000-8000-0000000000c1",
            {"nl": "Storingen melden"},
            "2026-11-30",
        ),
    }
    # WP-A and WP-B have children: each is a node (carrying its URI) holding them, in their
    # parent's hasChild order; WP-C1 (its parent outside the document) is at the top.
    tree = await _tree(client, slug)
    assert tree == (
        [
            ("WP-A", "competency", [("WP-A2", "WP-A"), ("WP-A1", "WP-A")], []),
            ("WP-B", "competency", [("WP-B1", "WP-B")], []),
        ],
        ["WP-C1"],
    )
    detail = (await client.get(f"/api/catalogue/frameworks/{slug}")).json()
    assert [(n["uri"], n["label"]) for n in detail["nodes"]] == [
        (items["WP-A"]["uri"], "Warmtepompsysteem voorbereiden"),
        (items["WP-B"]["uri"], "In bedrijf stellen"),
    ]
    assert detail["competenceCount"] == 6
    assert items["WP-A1"]["node"] == "WP-A"
    assert items["WP-A"]["node"] is None
    async with sessionmaker() as session:
        framework = await session.scalar(
            select(CompetenceFramework).where(CompetenceFramework.slug == slug)
        )
    assert framework is not None
    assert (framework.name, framework.uri, framework.version) == (
        "Warmtepompen installeren",
        f"{CE}{slug}",
        "2026-11-30",
    )

    again = await _import(client, FRAMEWORK, cat.operator)
    assert again.status_code == 200
    assert (_counts(again.json(), "frameworks"), _counts(again.json(), "competences")) == (
        (0, 0, 0, 1),
        (0, 0, 0, 6),
    )
    assert await _tree(client, slug) == tree
    async with sessionmaker() as session:
        node_ids = set(await session.scalars(select(FrameworkNode.id)))
    response = await _import(client, FRAMEWORK, cat.provider_a)
    assert response.status_code == 403
    # WP-B1 moves under WP-A (after its two children): only it changes.
    moved = json.loads(FRAMEWORK)
    moved["@graph"][5]["ceasn:isChildOf"] = moved["@graph"][1]["@id"]
    response = await _import(client, json.dumps(moved).encode(), cat.operator)
    assert _counts(response.json(), "competences") == (0, 1, 0, 5)
    # WP-B has no children left, so it is no node any more: a competence at the top.
    assert await _tree(client, slug) == (
        [("WP-A", "competency", [("WP-A2", "WP-A"), ("WP-A1", "WP-A"), ("WP-B1", "WP-A")], [])],
        ["WP-B", "WP-C1"],
    )
    async with sessionmaker() as session:
        assert set(await session.scalars(select(FrameworkNode.id))) < node_ids


async def test_a_deeper_tree_nests_nodes_and_a_circle_is_refused(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    slug = "ce-5b0c7a3e-3f1d-4f0e-9a51-6d2f0b9e1a01"
    deeper = json.loads(FRAMEWORK)
    # WP-B (with its child WP-B1) goes under WP-A2: three levels.
    deeper["@graph"][4]["ceasn:isChildOf"] = deeper["@graph"][3]["@id"]
    del deeper["@graph"][4]["ceasn:isTopChildOf"]
    response = await _import(client, json.dumps(deeper).encode(), cat.operator)
    assert response.status_code == 201, response.text
    assert await _tree(client, slug) == (
        [
            (
                "WP-A",
                "competency",
                [("WP-A1", "WP-A")],
                [("WP-A2", "competency", [], [("WP-B", "competency", [("WP-B1", "WP-B")], [])])],
            )
        ],
        ["WP-C1"],
    )
    circle = json.loads(FRAMEWORK)
    circle["@graph"][1]["ceasn:isChildOf"] = circle["@graph"][3]["@id"]
    response = await _import(client, json.dumps(circle).encode(), cat.operator)
    assert (response.status_code, response.json()["code"]) == (422, "bad-import-document")
    assert response.json()["detail"].endswith("ceasn:isChildOf makes a circle")
    assert (await _tree(client, slug))[0][0][0] == "WP-A"


async def test_an_older_framework_document_from_the_credential_registry(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    response = await _import(client, OLD_FRAMEWORK, cat.operator)
    assert response.status_code == 201, response.text
    assert (_counts(response.json(), "frameworks"), _counts(response.json(), "competences")) == (
        (1, 0, 0, 0),
        (0, 0, 0, 0),
    )
    async with sessionmaker() as session:
        framework = await session.scalar(
            select(CompetenceFramework).where(CompetenceFramework.slug.like("ce-%"))
        )
    assert framework is not None
    assert (framework.slug, framework.name, framework.uri, framework.version) == (
        "ce-e970cb9f-d75d-3344-864f-df565d1a37d7",
        "Science Georgia Standards of Excellence - 2016",
        f"{CE}ce-e970cb9f-d75d-3344-864f-df565d1a37d7",
        "2017-06-07T18:46:15+00:00",
    )


async def test_bad_ctdl_names_the_problem_and_changes_nothing(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    broken = json.loads(FRAMEWORK)
    del broken["@graph"][3]["ceasn:competencyText"]
    cases = [
        (b"{not json", 400, "malformed-json", None),
        (b"[" * 70 + b"]" * 70, 400, "malformed-json", None),
        (b'{"@id": "x", "@type": "ceterms:Credential"}', 422, "bad-import-document", None),
        (
            json.dumps(broken).encode(),
            422,
            "bad-import-document",
            f"{CE}ce-5b0c7a3e-0000-4000-8000-0000000000a2: ceasn:competencyText is missing",
        ),
    ]
    for body, status, code, detail in cases:
        response = await _import(client, body, cat.operator)
        assert (response.status_code, response.json()["code"]) == (status, code), body[:40]
        if detail is not None:
            assert response.json()["detail"] == detail
    assert await _count(sessionmaker, Competence) == 3  # the catalogue fixture's own
    assert await _count(sessionmaker, CompetenceFramework) == 1


async def test_a_framework_dry_run_and_the_size_limit_keep_nothing(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    preview = await _import(client, FRAMEWORK, cat.operator, dryRun="true")
    assert preview.status_code == 200
    assert _counts(preview.json(), "competences") == (6, 0, 0, 0)
    padded = FRAMEWORK[:-2] + b" " * 5_000_000 + FRAMEWORK[-2:]
    response = await _import(client, padded, cat.operator)
    assert (response.status_code, response.json()["code"]) == (413, "payload-too-large")
    assert await _count(sessionmaker, CompetenceFramework) == 1  # the catalogue fixture's ESCO
    assert await _count(sessionmaker, FrameworkNode) == 0
