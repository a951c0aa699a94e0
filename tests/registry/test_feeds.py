"""EDU-DEX directory feeds: registered by the operator, read by the job runner from a real
HTTP server on 127.0.0.1; programs that leave the feed are withdrawn; a read that fails keeps
its error on the feed and changes no module. The directory import format reads the same way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.models import ImportOrigin, Module, Run
from registry.jobs.runner import run_due
from registry.models import Job
from registry.settings import Settings
from tests.catalogue.helpers import Catalogue
from tests.catalogue.test_edudex_import import tie
from tests.catalogue.test_edudex_runs import without_run
from tests.registry.feed_site import Site


async def _feed(client: AsyncTestClient[Any], cat: Catalogue) -> dict[str, Any]:
    feeds = (await client.get("/api/catalogue/feeds", headers=cat.operator)).json()
    assert len(feeds) == 1
    feed: dict[str, Any] = feeds[0]
    return feed


async def _modules(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, str]:
    """Each imported program's module status, by programId."""
    async with sessionmaker() as session:
        rows = await session.execute(
            select(ImportOrigin.external_id, Module.status).join(
                Module, Module.id == ImportOrigin.module_id
            )
        )
        return dict(rows.tuples().all())


async def _read_again(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    """Make the feed's next read due now and run it, as the runner would tomorrow."""
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Job).where(Job.done_at.is_(None)).values(run_at=dt.datetime.now(dt.UTC))
        )
    assert await run_due(sessionmaker, settings) == 1


async def test_a_feed_is_read_by_the_job_runner_and_keeps_up_with_the_directory(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    site.serve_documents()
    body = {"provider": "opleider-a", "url": f"{site.base}/directory.xml"}
    created = await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    assert created.status_code == 201, created.text
    assert {k: created.json()[k] for k in ("provider", "url", "lastReadAt", "lastError")} == {
        "provider": "opleider-a",
        "url": f"{site.base}/directory.xml",
        "lastReadAt": None,
        "lastError": None,
    }
    assert await run_due(sessionmaker, settings) == 1
    assert await run_due(sessionmaker, settings) == 0  # the next read is tomorrow
    async with sessionmaker() as session:
        next_run = await session.scalar(select(Job.run_at).where(Job.done_at.is_(None)))
    assert next_run is not None
    assert dt.timedelta(hours=23) < next_run - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=24)
    assert await _modules(sessionmaker) == {"WP-2027/01": "draft", "ZP-BASIS": "draft"}
    feed = await _feed(client, cat)
    assert (feed["lastError"], feed["programs"]) == (None, 2)
    assert feed["lastReadAt"] is not None

    # The provider publishes one; then the other leaves the directory: withdrawn, not deleted.
    async with sessionmaker() as session:
        solar = await session.scalar(
            select(ImportOrigin.module_id).where(ImportOrigin.external_id == "ZP-BASIS")
        )
    published = await client.post(f"/api/catalogue/modules/{solar}/publish", headers=cat.provider_a)
    assert published.status_code == 200
    hits = (await client.get("/api/catalogue/modules", params={"q": "zonnepanelen"})).json()
    assert hits["total"] == 1
    site.serve_documents(programs=("warmtepomp",))
    await _read_again(sessionmaker, settings)
    assert await _modules(sessionmaker) == {"WP-2027/01": "draft", "ZP-BASIS": "withdrawn"}
    assert (await client.get(f"/api/catalogue/modules/{solar}/versions/1")).status_code == 200
    hits = (await client.get("/api/catalogue/modules", params={"q": "zonnepanelen"})).json()
    assert hits["total"] == 0
    assert (await _feed(client, cat))["programs"] == 1


@pytest.mark.parametrize(
    ("page", "error"),
    [
        (
            (500, {}, b"oops"),
            "feed-unreadable: {base}/program-warmtepomp.xml: the server answered 500",
        ),
        (
            (200, {}, b"x" * 5_000_001),
            "feed-unreadable: {base}/program-warmtepomp.xml: larger than 5000000 bytes",
        ),
        (
            (302, {"Location": "file:///etc/passwd"}, b""),
            "bad-feed-url: 'file:///etc/passwd' is not an http or https address",
        ),
        (
            (200, {}, b"<program xmlns='http://studieData.nl/schema/edudex/program'/>"),
            "bad-import-document: line 1, <program>: programClassification/programId is missing",
        ),
    ],
)
async def test_a_read_that_fails_keeps_its_error_and_changes_nothing(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    page: tuple[int, dict[str, str], bytes],
    error: str,
) -> None:
    site.serve_documents()
    body = {"provider": "opleider-a", "url": f"{site.base}/directory.xml"}
    await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    site.pages["/program-warmtepomp.xml"] = page
    assert await run_due(sessionmaker, settings) == 1
    feed = await _feed(client, cat)
    assert (feed["lastError"], feed["programs"]) == (error.format(base=site.base), 0)
    assert await _modules(sessionmaker) == {}
    # Mended on the provider's side: the next read goes through and clears the error.
    site.serve_documents()
    await _read_again(sessionmaker, settings)
    feed = await _feed(client, cat)
    assert (feed["lastError"], feed["programs"]) == (None, 2)
    assert await _modules(sessionmaker) == {"WP-2027/01": "draft", "ZP-BASIS": "draft"}


async def test_feeds_are_the_operators(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    url = "https://opleider-a.example/edudex/directory.xml"
    body = {"provider": "opleider-a", "url": url}
    response = await client.post("/api/catalogue/feeds", json=body, headers=cat.provider_a)
    assert response.status_code == 403
    response = await client.post(
        "/api/catalogue/feeds", json=body | {"url": "ftp://x.example/d.xml"}, headers=cat.operator
    )
    assert (response.status_code, response.json()["code"]) == (422, "invalid-input")
    response = await client.post(
        "/api/catalogue/feeds", json=body | {"provider": "onbekend"}, headers=cat.operator
    )
    assert (response.status_code, response.json()["code"]) == (422, "unknown-provider")
    created = await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    assert created.status_code == 201
    again = await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    assert (again.status_code, again.json()["code"]) == (409, "feed-exists")
    feed_id = created.json()["id"]
    deleted = await client.delete(f"/api/catalogue/feeds/{feed_id}", headers=cat.operator)
    assert (deleted.status_code, deleted.json()["id"]) == (200, feed_id)
    assert (await client.get("/api/catalogue/feeds", headers=cat.operator)).json() == []
    gone = await client.delete(f"/api/catalogue/feeds/{feed_id}", headers=cat.operator)
    assert (gone.status_code, gone.json()["code"]) == (404, "feed-not-found")


async def test_the_operator_imports_a_directory_by_hand(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    site.serve_documents()
    directory = site.pages["/directory.xml"][2]
    headers = {"Content-Type": "application/xml"}
    params = {"format": "edudex-directory", "provider": "opleider-a"}
    response = await client.post(
        "/api/catalogue/import", params=params, content=directory, headers=cat.provider_a | headers
    )
    assert response.status_code == 403
    preview = await client.post(
        "/api/catalogue/import",
        params=params | {"dryRun": "true"},
        content=directory,
        headers=cat.operator | headers,
    )
    assert preview.status_code == 200, preview.text
    assert preview.json()["created"]["modules"] == 2
    assert await _modules(sessionmaker) == {}
    response = await client.post(
        "/api/catalogue/import", params=params, content=directory, headers=cat.operator | headers
    )
    assert response.status_code == 201
    assert response.json()["created"]["modules"] == 2
    site.serve_documents(programs=("warmtepomp",))
    shorter = site.pages["/directory.xml"][2]
    response = await client.post(
        "/api/catalogue/import", params=params, content=shorter, headers=cat.operator | headers
    )
    report = response.json()
    assert (report["unchanged"]["modules"], report["withdrawn"]["modules"]) == (1, 1)
    assert await _modules(sessionmaker) == {"WP-2027/01": "draft", "ZP-BASIS": "withdrawn"}


async def test_a_directory_import_is_all_or_nothing(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    """The first program imports, the second cannot be read: nothing is kept."""
    site.serve_documents()
    site.pages["/program-zonnepanelen.xml"] = (404, {}, b"gone")
    response = await client.post(
        "/api/catalogue/import",
        params={"format": "edudex-directory", "provider": "opleider-a"},
        content=site.pages["/directory.xml"][2],
        headers=cat.operator | {"Content-Type": "application/xml"},
    )
    assert (response.status_code, response.json()["code"]) == (422, "feed-unreadable")
    assert response.json()["detail"] == (
        f"{site.base}/program-zonnepanelen.xml: the server answered 404"
    )
    assert await _modules(sessionmaker) == {}


async def test_a_run_that_leaves_a_feeds_program_is_cancelled(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    site.serve_documents()
    body = {"provider": "opleider-a", "url": f"{site.base}/directory.xml"}
    await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    assert await run_due(sessionmaker, settings) == 1
    program = site.pages["/program-warmtepomp.xml"][2]
    site.put("/program-warmtepomp.xml", without_run(program, "UTR-2027-03"))
    await _read_again(sessionmaker, settings)
    assert (await _feed(client, cat))["lastError"] is None
    async with sessionmaker() as session:
        rows = await session.execute(
            select(Run.place, Run.status)
            .join(ImportOrigin, ImportOrigin.module_id == Run.module_id)
            .where(ImportOrigin.external_id == "WP-2027/01")
        )
        assert dict(rows.tuples().all()) == {"Utrecht": "cancelled", "Zwolle": "planned"}


async def test_a_feed_with_another_providers_programs_changes_nothing(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    """The programs' orgUnitId is opleider-b's EDU-DEX org unit: not opleider-a's to import."""
    await tie(client, cat, "opleider-b")
    site.serve_documents()
    body = {"provider": "opleider-a", "url": f"{site.base}/directory.xml"}
    await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    assert await run_due(sessionmaker, settings) == 1
    feed = await _feed(client, cat)
    assert feed["lastError"] == (
        "not-own-program: orgUnitId 'voorbeeld-installatie' belongs to provider opleider-b, not "
        "to opleider-a"
    )
    assert await _modules(sessionmaker) == {}
