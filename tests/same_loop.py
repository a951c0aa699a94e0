"""A Litestar test client that runs the app in the test's own event loop.

Litestar 2's AsyncTestClient runs the app (its lifespan and every request) in a thread of its
own with another event loop, through an anyio portal, and blocks the test's loop while a
request runs. A database connection belongs to the loop that opened it (asyncpg refuses any
other), so the app could not share the test's connection and its rolled-back transaction.
This client awaits the app in the current loop instead: same requests, same responses, and
requests a test gathers really run at the same time.
"""

from __future__ import annotations

import asyncio
from io import BytesIO
from typing import Any

from anyio import Event
from httpx import ByteStream, Request, Response
from litestar import Litestar
from litestar.testing import AsyncTestClient
from litestar.testing.transport import SendReceiveContext, TestClientTransport


class SameLoopTransport(TestClientTransport[Any]):
    """Litestar's test transport, awaiting the app where the request is made."""

    async def handle_async_request(self, request: Request) -> Response:
        scope = self.parse_request(request=request)
        scope.update(method=request.method, http_version="1.1", extensions={})
        context: SendReceiveContext = {
            "response_complete": Event(),
            "request_complete": False,
            "raw_kwargs": {"stream": BytesIO()},
            "response_started": False,
            "template": None,
            "context": None,
        }
        await self.client.app(
            scope,
            self.create_receive(request=request, context=context),
            self.create_send(request=request, context=context),
        )
        assert context["response_started"], "the app sent no response"
        raw_kwargs = context["raw_kwargs"]
        stream = ByteStream(raw_kwargs.pop("stream").read())
        return Response(**raw_kwargs, stream=stream, request=request)


class SameLoopClient(AsyncTestClient[Litestar]):
    """AsyncTestClient whose app, lifespan included, runs in the caller's event loop."""

    def __init__(self, app: Litestar, base_url: str) -> None:
        super().__init__(app, base_url=base_url)
        # httpx keeps the default transport here; Litestar's takes no other.
        self._transport = SameLoopTransport(client=self)

    async def __aenter__(self) -> SameLoopClient:
        # The lifespan enters and leaves anyio task groups, which must happen in one task;
        # pytest-asyncio sets a fixture up and tears it down in two. A task of its own holds it.
        started, self._stop = asyncio.Event(), asyncio.Event()

        async def hold_lifespan() -> None:
            async with self.app.lifespan():
                started.set()
                await self._stop.wait()

        self._lifespan = asyncio.create_task(hold_lifespan())
        ready = asyncio.create_task(started.wait())
        await asyncio.wait({ready, self._lifespan}, return_when=asyncio.FIRST_COMPLETED)
        if self._lifespan.done():  # the app did not start: say why
            ready.cancel()
            self._lifespan.result()
        return self

    async def __aexit__(self, *args: Any) -> None:
        self._stop.set()
        await self._lifespan
