"""HTTP controllers of wallets, CVs, shares, consents and verification: thin, as everywhere."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import Provide
from litestar.openapi import ResponseSpec
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from registry.settings import Settings
from registry.sharing import share_links, shares, verification
from registry.wallet import cv, holders, wallet_content
from registry.wallet.holders import Holder
from schemas.api_doc import api_doc
from schemas.common import Actor, today_nl
from schemas.errors import (
    ConflictError,
    GoneError,
    InvalidInputError,
    NotFoundError,
    UnsupportedMediaTypeError,
)
from schemas.verification import Report
from schemas.wallet import (
    AuditEntry,
    ConsentCreate,
    ConsentOut,
    CredentialImport,
    Cv,
    ExperienceCreate,
    ExperienceOut,
    ImportResult,
    ReceivedShare,
    ShareCreate,
    ShareCreated,
    ShareOut,
    SharePage,
    VerifyRequest,
    WalletCredentials,
    WalletExport,
)

VP_JWT = "application/vp+jwt"
# An opened share: JSON with its verification, or the presentation itself.
SHARE_RESPONSES = {200: ResponseSpec(SharePage, description="The share and its verification")}
SHARE_DOC = api_doc(GoneError, also=[VP_JWT], headers=["Cache-Control"])


def provide_acting_for(
    on_behalf_of: Annotated[UUID | None, Parameter(header="X-On-Behalf-Of", required=False)] = None,
) -> UUID | None:
    """The worker a coach names. A dependency of its own, needing nothing else, so Litestar
    checks the header first and a malformed one is refused before any query runs."""
    return on_behalf_of


async def provide_holder(
    db_session: AsyncSession, actor: Actor, settings: Settings, acting_for: UUID | None
) -> Holder:
    """The wallet this request acts on: the worker's own, or a consenting worker's (coach)."""
    return await holders.holder_context(db_session, actor, acting_for, settings.secret_key)


HOLDER = {
    "acting_for": Provide(provide_acting_for, sync_to_thread=False),
    "holder": Provide(provide_holder),
}


class WalletController(Controller):
    """The worker's wallet and CV (a coach with consent: `X-On-Behalf-Of`)."""

    path = "/api/me"
    tags = ["wallet"]
    dependencies = HOLDER

    @get("/credentials")
    async def list_credentials(self, db_session: AsyncSession, holder: Holder) -> WalletCredentials:
        """The credentials in the wallet, newest first."""
        return await wallet_content.list_credentials(db_session, holder)

    @post("/credentials/import", opt=api_doc(InvalidInputError, ConflictError))
    async def import_credential(
        self, db_session: AsyncSession, settings: Settings, holder: Holder, data: CredentialImport
    ) -> ImportResult:
        """Keep a credential issued elsewhere (labelled unverified when it does not verify)."""
        verifier = await verification.registry_verifier(db_session, settings)
        return await wallet_content.import_credential(db_session, holder, verifier, data)

    @get("/cv")
    async def get_cv(self, db_session: AsyncSession, base_url: str, holder: Holder) -> Cv:
        """The CV: verified credentials by competence and sector, progress, and the rest apart."""
        return await cv.build_cv(db_session, base_url, holder, today_nl())

    @get("/export")
    async def export_wallet(
        self, db_session: AsyncSession, settings: Settings, holder: Holder
    ) -> WalletExport:
        """Everything in the wallet with the private holder key (the worker only)."""
        return await wallet_content.export_wallet(db_session, settings, holder)

    @get("/experience")
    async def list_experience(
        self, db_session: AsyncSession, holder: Holder
    ) -> list[ExperienceOut]:
        """Self-declared experience."""
        return await wallet_content.list_experience(db_session, holder)

    @post("/experience")
    async def add_experience(
        self, db_session: AsyncSession, holder: Holder, data: ExperienceCreate
    ) -> ExperienceOut:
        """Declare work experience (shown apart from verified credentials)."""
        return await wallet_content.add_experience(db_session, holder, data)

    @delete("/experience/{experience_id:uuid}")
    async def delete_experience(
        self, db_session: AsyncSession, holder: Holder, experience_id: UUID
    ) -> None:
        """Remove a self-declared entry."""
        await wallet_content.delete_experience(db_session, holder, experience_id)

    @get("/audit")
    async def list_audit(self, db_session: AsyncSession, holder: Holder) -> list[AuditEntry]:
        """What happened in and with the wallet, and who did it (for whom)."""
        return await holders.audit_trail(db_session, holder)


class ShareController(Controller):
    """The worker's shares."""

    path = "/api/me/shares"
    tags = ["wallet"]
    dependencies = HOLDER

    @get("/")
    async def list_shares(
        self, db_session: AsyncSession, settings: Settings, holder: Holder
    ) -> list[ShareOut]:
        """The wallet's shares with every view and (for the worker) each link again."""
        return await shares.list_shares(db_session, settings, holder)

    @post("/", opt=api_doc(InvalidInputError, NotFoundError))
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


class ConsentController(Controller):
    """The worker's consents for coaches."""

    path = "/api/me/consents"
    tags = ["wallet"]
    dependencies = HOLDER

    @get("/")
    async def list_consents(self, db_session: AsyncSession, holder: Holder) -> list[ConsentOut]:
        """Consents given, live and withdrawn."""
        return await holders.list_consents(db_session, holder)

    @post("/", opt=api_doc(InvalidInputError))
    async def grant_consent(
        self, db_session: AsyncSession, holder: Holder, data: ConsentCreate
    ) -> ConsentOut:
        """Let a coach act for you."""
        return await holders.grant_consent(db_session, holder, data.coach_id)

    @delete("/{consent_id:uuid}", status_code=200)
    async def withdraw_consent(
        self, db_session: AsyncSession, holder: Holder, consent_id: UUID
    ) -> ConsentOut:
        """End a consent; the coach loses access at once."""
        return await holders.withdraw_consent(db_session, holder, consent_id)


class ReceivedShareController(Controller):
    """Shares addressed to the caller (an employer)."""

    path = "/api/shares/received"
    tags = ["shares"]

    @get("/")
    async def list_received(
        self, db_session: AsyncSession, settings: Settings, actor: Actor
    ) -> list[ReceivedShare]:
        """Shares addressed to you, or that you opened by link."""
        return await shares.received_shares(db_session, settings, actor)

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
        opened = await shares.open_received(db_session, settings, actor, share_id)
        return await opened_response(db_session, settings, request, opened)


def wants_presentation(request: Request[Any, Any, Any]) -> bool:
    return VP_JWT in request.headers.get("accept", "")


async def opened_response(
    session: AsyncSession,
    settings: Settings,
    request: Request[Any, Any, Any],
    opened: shares.OpenedShare,
) -> Response[Any]:
    """An opened share for machines: the presentation (`Accept: application/vp+jwt`) or JSON
    with its verification. `/s/{token}` lives with the web pages, which add HTML for people."""
    headers = {"Cache-Control": "no-store", "Vary": "Accept"}
    if wants_presentation(request):
        return Response(opened.presentation, media_type=VP_JWT, headers=headers)
    report = await verification.verify_opened_share(session, settings, opened)
    page: SharePage = shares.share_page(opened, report)
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
        if request.content_type[0] not in verification.MEDIA_TYPES:
            raise UnsupportedMediaTypeError(
                "send a JWS as application/vc+jwt or application/vp+jwt, or JSON"
            )
        body = await request.body()
        parsed = verification.parse_verify_body(body, request.content_type[0])
        return await verification.verify_request(db_session, settings, viewer, parsed)


CONTROLLERS = [
    WalletController,
    ShareController,
    ConsentController,
    ReceivedShareController,
    VerifyController,
]
