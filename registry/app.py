"""The application factory: everything is built here from a Settings object."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import cast

from litestar import Litestar, get
from litestar.datastructures import State
from litestar.di import Provide
from litestar.enums import ScopeType
from litestar.middleware import DefineMiddleware
from litestar.types import (
    HTTPScope,
    LifeSpanReceive,
    LifeSpanScope,
    LifeSpanSend,
    Message,
    Receive,
    Scope,
    Send,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.controllers import (
    CompetenceController,
    ModuleController,
    ProviderController,
    QualificationController,
)
from catalogue.crosswalk_controller import CrosswalkController
from catalogue.occupation_controller import OccupationController
from catalogue.xml_controller import CatalogueXmlController
from registry.accounts.bearer import bearer_caller, provide_actor, provide_viewer
from registry.db import make_engine, make_sessionmaker
from registry.deps import (
    close_request_session,
    provide_allow_loopback_fetch,
    provide_base_url,
    provide_db_session,
    provide_settings,
)
from registry.errors import EXCEPTION_HANDLERS
from registry.feeds.controllers import FeedController
from registry.http import (
    HEAD_STATE_KEY,
    RegistryRequest,
    clean_request_text,
    forwarded_client,
    nosniff,
)
from registry.issuers.controllers import (
    AccreditationController,
    CredentialStatusController,
    StatusListController,
    TrustController,
)
from registry.issuing.controllers import IssuanceController
from registry.jobs import load_kinds
from registry.jobs.runner import run_forever
from registry.matching.controllers import JobProfileController, MyMatchController
from registry.openapi import ApiDocPlugin, openapi_config
from registry.settings import Settings
from registry.sharing.controllers import (
    ReceivedShareController,
    ShareController,
    VerifyController,
)
from registry.vcapi.controllers import VcApiController, VcApiStatusListController
from registry.wallet.controllers import ConsentController, WalletController
from registry.web import csrf_config, template_config, web_handlers
from registry.web.auth.session import know_the_visitor
from registry.web.errors import negotiated
from schemas.access import CALLER
from schemas.common import Response


class Health(Response, kw_only=True):
    """Liveness and database reachability."""

    status: str
    database: str


@get("/health", tags=["service"])
async def get_health(db_session: AsyncSession) -> Health:
    """Report that the service and its database answer."""
    await db_session.execute(text("SELECT 1"))
    return Health(status="ok", database=db_session.bind.dialect.name)


class RegistryApp(Litestar):
    """Litestar, with HEAD answered wherever GET is (RFC 9110 section 9.3.2).

    Litestar routes HEAD only to explicit HEAD handlers and answers 405 elsewhere; declaring
    HEAD beside every GET would also list each operation twice in the OpenAPI document. So a
    HEAD request runs as GET and its body is dropped on the way out: the status and headers
    (Content-Type, Content-Length, ETag, Cache-Control) are exactly those of GET.
    """

    async def __call__(
        self,
        scope: Scope | LifeSpanScope,
        receive: Receive | LifeSpanReceive,
        send: Send | LifeSpanSend,
    ) -> None:
        if scope["type"] == ScopeType.HTTP and cast("HTTPScope", scope)["method"] == "HEAD":
            state = {**cast("HTTPScope", scope).get("state", {}), HEAD_STATE_KEY: True}
            as_get = cast("HTTPScope", {**scope, "method": "GET", "state": state})
            await super().__call__(as_get, receive, _without_body(cast("Send", send)))
            return
        await super().__call__(scope, receive, send)


def _without_body(send: Send) -> Send:
    """`send` with every body chunk emptied (the server still sees the end of the body)."""

    async def send_head(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = cast("Message", {**message, "body": b""})
        await send(message)

    return send_head


def create_app(settings: Settings) -> Litestar:
    """Build the web application for these settings."""
    engine = make_engine(settings.database_url)
    sessionmaker = make_sessionmaker(engine)
    load_kinds()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncGenerator[None, None]:
        # Every server process runs a job runner unless told not to (REGISTRY_RUN_JOBS=0,
        # e.g. when `registry worker` processes do the background work instead).
        runner = (
            asyncio.create_task(run_forever(sessionmaker, settings)) if settings.run_jobs else None
        )
        try:
            yield
        finally:
            if runner is not None:
                runner.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await runner
            await engine.dispose()

    return RegistryApp(
        route_handlers=[
            get_health,
            ProviderController,
            CompetenceController,
            ModuleController,
            QualificationController,
            CatalogueXmlController,
            FeedController,
            CrosswalkController,
            OccupationController,
            AccreditationController,
            TrustController,
            StatusListController,
            CredentialStatusController,
            IssuanceController,
            WalletController,
            ShareController,
            ConsentController,
            ReceivedShareController,
            VerifyController,
            JobProfileController,
            MyMatchController,
            # Not mounted at all when off: its paths are then not found.
            *([VcApiController, VcApiStatusListController] if settings.vc_api else []),
            *web_handlers(settings),
        ],
        dependencies={
            "db_session": Provide(provide_db_session),
            "viewer": Provide(provide_viewer),
            "actor": Provide(provide_actor),
            "settings": Provide(provide_settings, sync_to_thread=False),
            "base_url": Provide(provide_base_url, sync_to_thread=False),
            "allow_loopback_fetch": Provide(provide_allow_loopback_fetch, sync_to_thread=False),
        },
        state=State({"settings": settings, "engine": engine, "sessionmaker": sessionmaker}),
        exception_handlers={
            error: negotiated(handler) for error, handler in EXCEPTION_HANDLERS.items()
        },
        template_config=template_config(),
        csrf_config=csrf_config(settings),
        openapi_config=openapi_config(),
        plugins=[ApiDocPlugin()],
        middleware=[
            DefineMiddleware(forwarded_client, trusted_proxies=settings.trusted_proxies),
            close_request_session,
            clean_request_text,
        ],
        request_class=RegistryRequest,
        # Machines sign in with bearer tokens: the caller role guards ask (`schemas.access`;
        # the pages' router puts the session's in its place).
        opt={CALLER: bearer_caller},
        before_send=[nosniff],
        # Error pages show the signed-in person's header, also for errors before routing.
        after_exception=[know_the_visitor],
        request_max_body_size=settings.max_body_bytes,
        lifespan=[lifespan],
        debug=False,
    )
