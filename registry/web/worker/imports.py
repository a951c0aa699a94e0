"""The worker's page to add a credential made elsewhere ("Bewijs van elders toevoegen"): pasted,
or a file, or a baked badge image. The form is read as the public check page reads it
(`registry.web.credential_input`) and the credential goes through the wallet's one import
service, the API's (`POST /api/me/credentials/import`), so the rules (only the worker's own, kept
with its report, counted only when valid) live in one place. The worker then sees what was added,
its verdict in the check pages' words, and whether it counts in the CV.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Controller, get, post
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.errors import status_of
from registry.issuers.trust_lists import registry_verifier
from registry.settings import Settings
from registry.wallet import wallet_content
from registry.web.credential_input import MAX_INPUT_BYTES, InputError, request_from_form
from registry.web.i18n import lang_of, translator
from registry.web.pages import AnyRequest, error_message, page, read_form
from registry.web.worker.pages import own_holder
from registry.web.worker.views import date_helpers, view_of
from schemas.access import requires_role
from schemas.errors import DomainError
from schemas.errors.wallet import (
    AlreadyImportedError,
    BadCredentialError,
    NotACredentialError,
    NotHoldersCredentialError,
    UnreadableCredentialError,
)
from schemas.wallet import MAX_IMPORT_IMAGE_BYTES, CredentialImport, ImportResult

# The refusals of the import service the form shows on the field the credential came from; it
# checks everything before it writes, so nothing is kept. Any other error is a page of its own.
IMPORT_REFUSALS: tuple[type[DomainError], ...] = (
    NotHoldersCredentialError,
    UnreadableCredentialError,
    NotACredentialError,
    AlreadyImportedError,
    BadCredentialError,
)
# Bodies up to this size are read, so a file too large for an import (a badge image of the
# API's limit, a credential of 250 kB) is refused on the form in words; beyond it the server
# refuses the request itself (413).
MAX_BODY = 2 * (MAX_IMPORT_IMAGE_BYTES + MAX_INPUT_BYTES)


class WorkerImportPages(Controller):
    """Adding a credential made elsewhere to the worker's own wallet."""

    path = "/mijn-cv"
    guards = [requires_role("worker")]
    include_in_schema = False

    @get("/toevoegen")
    async def get_import(self, request: AnyRequest) -> Template:
        """Show the form to paste a credential or choose a file or badge image."""
        return _form(request, 200, {}, {})

    @post("/toevoegen", request_max_body_size=MAX_BODY)
    async def post_import(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, base_url: str
    ) -> Template:
        """Import the credential and show it with its verdict, or the form with why not."""
        data = await read_form(request)
        pasted = str(data.get("jws") or "")
        values = {"jws": pasted}
        if data.refused:
            return _form(request, data.error_status(), values, dict(data.refused))
        t = translator(lang_of(request))
        try:
            text = await _credential_text(data)
        except InputError as problem:
            errors = {problem.field: t(f"worker.import.error.{problem.code}")}
            return _form(request, problem.status, values, errors)
        holder = await own_holder(request, db_session, settings)
        verifier = await registry_verifier(db_session, settings)
        try:
            result = await wallet_content.import_credential(
                db_session, holder, verifier, CredentialImport(credential=text), base_url
            )
        except IMPORT_REFUSALS as error:
            await db_session.rollback()  # nothing was written; be sure
            field = "jws" if pasted.strip() else "bestand"
            errors = {field: error_message(request, error, "worker")}
            return _form(request, status_of(error), values, errors)
        return _result(request, result)


async def _credential_text(data: dict[str, Any]) -> str:
    """The credential pasted or in the file (a badge image read for the one inside), as text;
    a share link is for looking, not a credential to keep."""
    given = await request_from_form(data, max_image=MAX_IMPORT_IMAGE_BYTES)
    if given.share is not None:
        raise InputError("share-link")
    if not isinstance(given.credential, str):
        raise InputError("not-a-credential")
    return given.credential


def _form(
    request: AnyRequest, status: int, values: dict[str, str], errors: dict[str, str]
) -> Template:
    return page(request, "worker/import.html", status_code=status, values=values, errors=errors)


def _result(request: AnyRequest, result: ImportResult) -> Template:
    view = view_of(result.credential, dt.datetime.now(dt.UTC))
    summary = result.verification.credential
    return page(
        request,
        "worker/import_result.html",
        credential=view,
        counted=view.verified and view.verdict == "valid",
        holder_name=summary.subject_name if summary else None,
        **date_helpers(lang_of(request)),
    )
