"""HTTP controllers of shares (the worker's, and those received) and of verification: thin,
as everywhere."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, delete, get, post
from litestar.openapi import ResponseSpec
from sqlalchemy.ext.asyncio import AsyncSession

from registry.http import is_head
from registry.settings import Settings
from registry.sharing import opening, share_links, shares, verification
from registry.wallet.controllers import HOLDER, WALLET_ROLES
from registry.wallet.holders import Holder
from schemas.api_doc import api_doc
from schemas.common import Actor
from schemas.errors import GoneError, InvalidInputError, NotFoundError, UnsupportedMediaTypeError
from schemas.media_types import require_media_type
from schemas.verification import Report
from schemas.wallet import (
    ReceivedShare,
    ShareCreate,
    ShareCreated,
    ShareOut,
    SharePage,
    VerifyRequest,
)

VP_JWT = "application/vp+jwt"
# An opened share: JSON with its verification, or the presentation itself.
SHARE_RESPONSES = {200: ResponseSpec(SharePage, description="The share and its verification")}
SHARE_DOC = api_doc(GoneError, also=[VP_JWT], headers=["Cache-Control"])


class ShareController(Controller):
    """The worker's shares."""

    path = "/api/me/shares"
    tags = ["wallet"]
    guards = [WALLET_ROLES]
    dependencies = HOLDER

    @get("/")
    async def list_shares(
        self, db_session: AsyncSession, settings: Settings, holder: Holder
    ) -> list[ShareOut]:
        """The wallet's shares with every view and (for the worker) each link again."""
        return await shares.list_shares(db_session, settings, holder)

    @post("/", opt=api_doc(InvalidInputError))
    async def create_share(
        self, db_session: AsyncSession, settings: Settings, holder: Holder, data: ShareCreate
    ) -> ShareCreated:
        """Share chosen credentials with one recipient until `expiresAt`."""
        return await shares.create_share(db_session, settings, holder, data)

    @delete("/{share_id:uuid}", status_code=200)
    async def withdraw_share(
        self, db_session: AsyncSession, settings: Settings, holder: Holder, share_id: UUID
    ) -> ShareOut:
        """Withdraw a share: its link answers 410 from now on."""
        return await shares.withdraw_share(db_session, settings, holder, share_id)

    @post("/{share_id:uuid}/link", opt=api_doc(GoneError))
    async def renew_share_link(
        self, db_session: AsyncSession, settings: Settings, holder: Holder, share_id: UUID
    ) -> ShareCreated:
        """A new link for an active share; the old link stops working."""
        return await share_links.renew_link(db_session, settings, holder, share_id)


class ReceivedShareController(Controller):
    """Shares addressed to the caller (an employer)."""

    path = "/api/shares/received"
    tags = ["shares"]

    @get("/")
    async def list_received(
        self, db_session: AsyncSession, settings: Settings, actor: Actor
    ) -> list[ReceivedShare]:
        """Shares addressed to you, or that you opened by link."""
        return await opening.received_shares(db_session, settings, actor)

    @get("/{share_id:uuid}", responses=SHARE_RESPONSES, opt=SHARE_DOC)
    async def open_received(
        self,
        db_session: AsyncSession,
        settings: Settings,
        actor: Actor,
        request: Request[Any, Any, Any],
        share_id: UUID,
    ) -> Response[Any]:
        """Open a share addressed to you (the view is logged for the worker)."""
        opened = await opening.open_received(
            db_session, settings, actor, share_id, viewed=not is_head(request)
        )
        return await opened_response(db_session, settings, request, opened)


def wants_presentation(request: Request[Any, Any, Any]) -> bool:
    return VP_JWT in request.headers.get("accept", "")


async def opened_response(
    session: AsyncSession,
    settings: Settings,
    request: Request[Any, Any, Any],
    opened: opening.OpenedShare,
) -> Response[Any]:
    """An opened share for machines: the presentation (`Accept: application/vp+jwt`) or JSON
    with its verification. `/s/{token}` lives with the web pages, which add HTML for people."""
    headers = {"Cache-Control": "no-store", "Vary": "Accept"}
    if wants_presentation(request):
        return Response(opened.presentation, media_type=VP_JWT, headers=headers)
    report = await verification.verify_opened_share(session, settings, opened)
    page: SharePage = opening.share_page(opened, report)
    return Response(page, headers=headers)


class VerifyController(Controller):
    """`POST /api/verify`: a credential, a presentation or a share, with the registry's trust."""

    path = "/api/verify"
    tags = ["verification"]

    @post(
        "/",
        status_code=200,
        opt=api_doc(
            UnsupportedMediaTypeError,
            NotFoundError,
            GoneError,
            body={
                **dict.fromkeys(sorted(verification.JWS_TYPES), str),
                **dict.fromkeys(sorted(verification.DOCUMENT_TYPES), dict[str, Any]),
                **dict.fromkeys(sorted(verification.IMAGE_TYPES), bytes),
                "application/json": VerifyRequest,
            },
        ),
    )
    async def verify(
        self,
        db_session: AsyncSession,
        settings: Settings,
        viewer: Actor | None,
        request: Request[Any, Any, Any],
    ) -> Report:
        """Verify and return the report of DESIGN section 5 (nothing is fetched)."""
        media_type = require_media_type(request, verification.MEDIA_TYPES)
        body = await request.body()
        if media_type in verification.IMAGE_TYPES:
            return await verification.verify_image(db_session, settings, body)
        parsed = verification.parse_verify_body(body, media_type)
        return await verification.verify_request(db_session, settings, viewer, parsed)
