"""HTTP controllers of the worker's wallet, CV and consents: thin, as everywhere. The wallet a
request acts on (`HOLDER`) is a dependency the share controllers use too."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from litestar import Controller, MediaType, Response, delete, get, post
from litestar.di import Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from registry.issuers.trust_lists import registry_verifier
from registry.settings import Settings
from registry.wallet import cv, export_downloads, export_formats, holders, wallet_content
from registry.wallet.export_downloads import DownloadFormat
from registry.wallet.holders import Holder
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.common import Actor, today_nl
from schemas.errors import ConflictError, InvalidInputError
from schemas.errors.wallet import (
    CredentialNotInWalletError,
    NoDownloadFormError,
    NothingToExportError,
    WalletForbiddenError,
)
from schemas.wallet import (
    MAX_IMPORT_IMAGE_BASE64,
    AuditEntry,
    ConsentCreate,
    ConsentOut,
    CredentialImport,
    Cv,
    ExperienceCreate,
    ExperienceOut,
    ImportResult,
    WalletCredentials,
    WalletExport,
)


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


ExportFormat = Literal["clr", "edc"]
CLR_MEDIA = "application/vc+jwt"
EDC_MEDIA = "application/ld+json"

HOLDER = {
    "acting_for": Provide(provide_acting_for, sync_to_thread=False),
    "holder": Provide(provide_holder),
}
# The body an import may need: the largest badge image its schema takes, base64, in JSON.
IMPORT_MAX_BODY = MAX_IMPORT_IMAGE_BASE64 + 10_000
# Wallets are for workers and, with consent, their coaches; any other role is refused with the
# wallet's own code, before the header or the body is read.
WALLET_ROLES = requires_role("worker", "coach", refusal=WalletForbiddenError)


class WalletController(Controller):
    """The worker's wallet and CV (a coach with consent: `X-On-Behalf-Of`)."""

    path = "/api/me"
    tags = ["wallet"]
    guards = [WALLET_ROLES]
    dependencies = HOLDER

    @get("/credentials")
    async def list_credentials(self, db_session: AsyncSession, holder: Holder) -> WalletCredentials:
        """The credentials in the wallet, newest first."""
        return await wallet_content.list_credentials(db_session, holder)

    @post(
        "/credentials/import",
        opt=api_doc(InvalidInputError, ConflictError),
        request_max_body_size=IMPORT_MAX_BODY,
    )
    async def import_credential(
        self,
        db_session: AsyncSession,
        settings: Settings,
        base_url: str,
        holder: Holder,
        data: CredentialImport,
    ) -> ImportResult:
        """Keep a credential issued elsewhere (labelled unverified when it does not verify)."""
        verifier = await registry_verifier(db_session, settings)
        return await wallet_content.import_credential(db_session, holder, verifier, data, base_url)

    @get(
        "/credentials/{credential_id:uuid}/download",
        opt=api_doc(
            CredentialNotInWalletError,
            NoDownloadFormError,
            also=[export_downloads.JWT_MEDIA, export_downloads.JSON_MEDIA],
        ),
    )
    async def download_credential(
        self,
        db_session: AsyncSession,
        settings: Settings,
        holder: Holder,
        credential_id: UUID,
        form: Annotated[DownloadFormat, Parameter(query="format")] = "jwt",
    ) -> Response[bytes]:
        """One credential as a file: `format=jwt` the signed JWS as issued, `format=json` the
        OB 3.0 credential with an `eddsa-rdfc-2022` proof its issuer makes now."""
        found = await export_downloads.download(db_session, settings, holder, credential_id, form)
        return Response(
            found.body,
            media_type=found.media_type,
            headers=export_downloads.attachment_headers(found.filename),
        )

    @get("/cv")
    async def get_cv(self, db_session: AsyncSession, base_url: str, holder: Holder) -> Cv:
        """The CV: verified credentials by competence and sector, progress, and the rest apart."""
        return await cv.build_cv(db_session, base_url, holder, today_nl())

    @get(
        "/export",
        responses={200: ResponseSpec(WalletExport, description="The bundle (no format)")},
        opt=api_doc(NothingToExportError, also=[CLR_MEDIA, EDC_MEDIA]),
    )
    async def export_wallet(
        self,
        db_session: AsyncSession,
        settings: Settings,
        holder: Holder,
        form: Annotated[ExportFormat | None, Parameter(query="format")] = None,
    ) -> Response[Any]:
        """Without `format`: everything in the wallet with the private holder key and what it
        takes to verify it offline (the worker only). `format=clr`: the CV as a CLR 2.0
        ClrCredential signed by the operator (`application/vc+jwt`); `format=edc`: the CV as
        Europass EDC (ELM v3 JSON-LD)."""
        if form == "clr":
            token = await export_formats.export_clr(db_session, settings, holder)
            headers = export_downloads.attachment_headers(export_downloads.CLR_FILENAME)
            return Response(token, media_type=CLR_MEDIA, headers=headers)
        if form == "edc":
            document = await export_formats.export_edc(db_session, settings, holder)
            headers = export_downloads.attachment_headers(export_downloads.EDC_FILENAME)
            return Response(document, media_type=EDC_MEDIA, headers=headers)
        bundle = await wallet_content.export_wallet(db_session, settings, holder)
        headers = export_downloads.attachment_headers(export_downloads.BUNDLE_FILENAME)
        return Response(bundle, media_type=MediaType.JSON, headers=headers)

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


class ConsentController(Controller):
    """The worker's consents for coaches."""

    path = "/api/me/consents"
    tags = ["wallet"]
    guards = [WALLET_ROLES]
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
