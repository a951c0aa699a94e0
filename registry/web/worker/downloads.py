"""The worker's downloads from the CV page: the whole wallet as a bundle that verifies offline,
and one credential as `.jwt` or as `.json` with its issuer's Data Integrity proof (the same
services as `GET /api/me/export` and `/api/me/credentials/{id}/download`)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, Response, get
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from registry.settings import Settings
from registry.wallet import export_downloads, wallet_content
from registry.wallet.export_downloads import DownloadFormat
from registry.web.pages import AnyRequest
from registry.web.worker.pages import own_holder
from schemas.access import requires_role
from schemas.errors.wallet import CredentialNotInWalletError


def _attachment(body: bytes, media_type: str, filename: str) -> Response[bytes]:
    return Response(
        body, media_type=media_type, headers=export_downloads.attachment_headers(filename)
    )


class WorkerDownloadPages(Controller):
    """Files the worker takes along: the bundle and single credentials."""

    path = "/mijn-cv"
    guards = [requires_role("worker")]
    include_in_schema = False

    @get("/downloaden")
    async def get_bundle(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Response[bytes]:
        """Everything in the wallet with what it takes to verify it offline, as one file."""
        holder = await own_holder(request, db_session, settings)
        bundle = await wallet_content.export_wallet(db_session, settings, holder)
        return _attachment(
            msgspec.json.encode(bundle), "application/json", export_downloads.BUNDLE_FILENAME
        )

    @get("/bewijzen/{credential_id:str}/download")
    async def get_download(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        credential_id: str,
        form: Annotated[DownloadFormat, Parameter(query="format")] = "jwt",
    ) -> Response[bytes]:
        """One credential as `.jwt` or `.json`."""
        holder = await own_holder(request, db_session, settings)
        try:
            row_id = UUID(credential_id)
        except ValueError:
            raise CredentialNotInWalletError("no such credential in your wallet") from None
        found = await export_downloads.download(db_session, settings, holder, row_id, form)
        return _attachment(found.body, found.media_type, found.filename)
