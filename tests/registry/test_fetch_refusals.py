"""Feeds and directory imports never reach into our own network: loopback, private,
link-local, multicast and unspecified addresses (also in their odd spellings and IPv4-mapped
forms) are refused before anything connects, on every redirect hop; only loopback is allowed,
and only where a deployment says so (`REGISTRY_FETCH_ALLOW_LOOPBACK=on`, which the test
settings turn on because the test servers run on 127.0.0.1)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.fetch import fetch
from registry.jobs.runner import run_due
from registry.settings import Settings, settings_from_env
from schemas.errors.catalogue import BadFeedUrlError
from tests.catalogue.helpers import Catalogue
from tests.registry.feed_site import Site
from tests.registry.test_feeds import _feed, _modules

PRIVATE = [
    "http://169.254.169.254/latest/meta-data/",
    "http://0x7f000001:8000/health",
    "http://127.0.0.1:55490/",
    "http://localhost:8000/",
    "http://10.1.2.3/",
    "http://192.168.1.1/",
    "http://[::1]:8000/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
    "http://224.0.0.1/",
    "http://0.0.0.0:8000/",
]
REFUSED = "{url}: refused: not a public address"


@pytest.mark.parametrize("url", PRIVATE)
@pytest.mark.parametrize("allow_loopback", [False, True])
async def test_a_private_address_is_refused(url: str, allow_loopback: bool) -> None:
    if allow_loopback and any(h in url for h in ("127.0.0.1", "0x7f", "localhost", "[::1]")):
        pytest.skip("loopback, allowed here")
    with pytest.raises(BadFeedUrlError) as refused:
        await fetch(url, allow_loopback=allow_loopback)
    assert refused.value.message == REFUSED.format(url=url)


async def test_loopback_is_refused_before_connecting_unless_allowed(site: Site) -> None:
    site.put("/feed.xml", b"<x/>")
    url = f"{site.base}/feed.xml"
    with pytest.raises(BadFeedUrlError) as refused:
        await fetch(url)
    assert refused.value.message == REFUSED.format(url=url)
    assert site.requested == []  # nothing connected: no port is probed
    assert await fetch(url, allow_loopback=True) == b"<x/>"
    assert site.requested == ["/feed.xml"]


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[fe80::1]/"]
)
async def test_a_redirect_to_a_private_address_is_refused(site: Site, target: str) -> None:
    site.put("/hop", b"", status=302, Location=target)
    with pytest.raises(BadFeedUrlError) as refused:
        await fetch(f"{site.base}/hop", allow_loopback=True)
    assert refused.value.message == REFUSED.format(url=target)
    assert site.requested == ["/hop"]


async def test_an_address_with_a_password_is_refused(
    client: AsyncTestClient[Any], cat: Catalogue, site: Site
) -> None:
    url = site.base.replace("//", "//user:secret@") + "/feed.xml"
    site.put("/feed.xml", b"<x/>")
    with pytest.raises(BadFeedUrlError) as refused:
        await fetch(url, allow_loopback=True)
    assert refused.value.message == "an address with a user name or password is not accepted"
    assert site.requested == []
    body = {"provider": "opleider-a", "url": url}
    response = await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    assert (response.status_code, response.json()["code"]) == (422, "bad-feed-url")


async def test_a_feed_on_loopback_is_not_read_by_default(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    site.serve_documents()
    url = f"{site.base}/directory.xml"
    body = {"provider": "opleider-a", "url": url}
    await client.post("/api/catalogue/feeds", json=body, headers=cat.operator)
    default = msgspec.structs.replace(settings, fetch_allow_loopback=False)
    assert await run_due(sessionmaker, default) == 1
    feed = await _feed(client, cat)
    assert feed["lastError"] == "bad-feed-url: " + REFUSED.format(url=url)
    assert site.requested == []
    assert await _modules(sessionmaker) == {}


async def test_a_directory_naming_an_internal_address_is_refused(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    site: Site,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    """Loopback is allowed in tests, the metadata service's link-local address is not."""
    site.serve_documents()
    metadata = "http://169.254.169.254/latest/meta-data/"
    directory = site.pages["/directory.xml"][2].replace(
        f"{site.base}/program-warmtepomp.xml".encode(), metadata.encode()
    )
    response = await client.post(
        "/api/catalogue/import",
        params={"format": "edudex-directory", "provider": "opleider-a"},
        content=directory,
        headers=cat.operator | {"Content-Type": "application/xml"},
    )
    assert (response.status_code, response.json()["code"]) == (422, "bad-feed-url")
    assert response.json()["detail"] == REFUSED.format(url=metadata)
    assert await _modules(sessionmaker) == {}


def test_loopback_is_allowed_only_when_the_deployment_says_so() -> None:
    env = {"REGISTRY_SECRET_KEY": "k", "REGISTRY_DATABASE_URL": "postgresql://x/y"}
    assert settings_from_env(env).fetch_allow_loopback is False
    on = env | {"REGISTRY_FETCH_ALLOW_LOOPBACK": "on"}
    assert settings_from_env(on).fetch_allow_loopback is True
