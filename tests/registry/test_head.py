"""HEAD is answered wherever GET is: the same status and headers, no body (RFC 9110 9.3.2).

The requests go to the app as ASGI messages, because Litestar's test client drops a HEAD
response's body itself and so could not show one that was sent.
"""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from registry.models import ShareView
from tests.registry.wallet_helpers import World

# Differ between any two responses, whatever the method.
VOLATILE = {"date", "set-cookie"}


class Answer:
    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.status = status
        self.headers = {k.decode().lower(): v.decode() for k, v in headers}
        self.body = body

    def stable_headers(self) -> dict[str, str]:
        return {k: v for k, v in self.headers.items() if k not in VOLATILE}


async def asgi(
    client: AsyncTestClient[Any], method: str, path: str, headers: dict[str, str] | None = None
) -> Answer:
    """One request straight through the ASGI interface, in the test's event loop, where the
    run's app and the test's database connection live; every body chunk is kept."""
    raw_path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": raw_path,
        "raw_path": raw_path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"testserver.local"),
            *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver.local", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await client.app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(start["status"], start.get("headers", []), body)


async def test_head_everywhere_get_is(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    issued = await world.issue(worker)
    status_list = issued["status"]["statusList"].removeprefix("http://testserver.local")
    paths = [
        "/",
        "/catalogus",
        f"/catalogus/modules/{world.module['id']}",
        "/inloggen",
        "/health",
        "/api/catalogue/modules?q=laadpaal",
        status_list,
        f"{status_list}/suspension",
        "/issuers/opleider-a/did.json",
        "/trust-list",
    ]
    client = world.client
    for path in paths:
        get = await asgi(client, "GET", path)
        head = await asgi(client, "HEAD", path)
        assert get.status == 200, (path, get.body[:300])
        assert head.status == 200, (path, head.status)
        assert head.body == b"", path
        assert head.stable_headers() == get.stable_headers(), path
        assert head.headers["content-length"] == str(len(get.body)), path

    # The status list's cache headers, and a conditional HEAD like a conditional GET.
    head = await asgi(client, "HEAD", status_list)
    assert head.headers["etag"]
    assert "max-age" in head.headers["cache-control"]
    again = await asgi(client, "HEAD", status_list, {"If-None-Match": head.headers["etag"]})
    assert (again.status, again.body) == (304, b"")
    # A page that does not exist is 404 for HEAD too; a POST-only path stays 405.
    assert (await asgi(client, "HEAD", "/catalogus/modules/not-a-module")).status == 404
    assert (await asgi(client, "HEAD", "/api/verify")).status == 405


async def _views(world: World) -> int:
    async with world.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(ShareView)) or 0)


async def test_a_head_of_a_share_is_not_a_view(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    employer = await world.person("employer", "hr@noord.example", "HR Noord")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], employer.id)
    link = share["url"].removeprefix("http://testserver.local")
    received = f"/api/shares/received/{share['id']}"
    for path, headers in (
        (link, {}),
        (link, {"Accept": "text/html"}),
        (link, {"Accept": "application/vp+jwt"}),
        (received, employer.headers),
    ):
        head = await asgi(world.client, "HEAD", path, headers)
        assert (head.status, head.body) == (200, b""), path
    assert await _views(world) == 0
    # The same GETs are views, each of them.
    for path, headers in ((link, {}), (received, employer.headers)):
        assert (await asgi(world.client, "GET", path, headers)).status == 200
    assert await _views(world) == 2
