"""Issuing a deelcertificaat to one learner, and following up what was issued: the list,
one credential, and revoking, suspending or reinstating it (the API's services)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import get, post
from litestar.params import Parameter
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.errors import status_of
from registry.issuers import status_lists
from registry.issuing.issuance import issue_one
from registry.issuing.issued import STATUSES, issued_by, issued_credential
from registry.settings import Settings
from registry.web.i18n import lang_of, translator
from registry.web.pages import (
    AnyRequest,
    FormData,
    WebUser,
    fits,
    form_values,
    page,
    read_form,
    see_other,
)
from registry.web.provider.common import notice_text, owned_module, reason
from registry.web.provider.modules import Notice
from schemas.common import Email
from schemas.errors import DomainError, NotFoundError
from schemas.errors.issuing import AlreadyIssuedError
from schemas.errors.wallet import HolderError
from schemas.issuance import HolderIn, ModuleCertificateIn
from schemas.issuers import STATUS_REASONS, StatusAction, StatusReason

PAGE_SIZE = 50
MAX_NOTE = 1000
# The reasons a person picks from; "unspecified" is only for API calls without a body.
FORM_REASONS = tuple(r for r in STATUS_REASONS if r != "unspecified")
StatusFilter = Annotated[str | None, Parameter(query="status")]
PageNumber = Annotated[int, Parameter(query="pagina", ge=1, le=100_000)]
# The Dutch word in the URL for each status change, and the notice shown afterwards.
ACTIONS: dict[str, tuple[StatusAction, str]] = {
    "intrekken": ("revoke", "ingetrokken"),
    "schorsen": ("suspend", "geschorst"),
    "herstellen": ("reinstate", "hersteld"),
}


async def _issue_form(
    request: AnyRequest,
    session: AsyncSession,
    base_url: str,
    user: WebUser,
    module_id: UUID,
    *,
    values: dict[str, str],
    errors: dict[str, str],
    status_code: int = 200,
) -> Template:
    module = await owned_module(session, base_url, user, module_id)
    return page(
        request,
        "provider/issue.html",
        status_code=status_code,
        module=module,
        values=values,
        errors=errors,
    )


async def _credential_page(
    request: AnyRequest,
    session: AsyncSession,
    user: WebUser,
    ident: str,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Template:
    credential = await issued_credential(session, user.actor, ident)
    context: dict[str, Any] = {"notice": None, "error": None, "errors": {}, "values": {}} | extra
    return page(
        request,
        "provider/credential.html",
        status_code=status_code,
        credential=credential,
        reasons=FORM_REASONS,
        **context,
    )


def _why(
    request: AnyRequest, form: FormData, prefix: str
) -> tuple[StatusReason | None, str, dict[str, str]]:
    """The reason and note of a revoke or suspend form, or the field errors (the fields'
    ids carry the form's prefix: two forms share the page)."""
    t = translator(lang_of(request))
    values = form_values(form, "reason", "note")
    errors: dict[str, str] = {}
    reason = next((r for r in FORM_REASONS if r == values["reason"]), None)
    if reason is None:
        errors[f"{prefix}-reason"] = t("provider.credential.reason_needed")
    if len(values["note"]) > MAX_NOTE:
        errors[f"{prefix}-note"] = t("provider.credential.note_long")
    errors |= {f"{prefix}-{name}": text for name, text in form.refused.items()}
    return reason, values["note"], errors


def _field_of(error: DomainError) -> str:
    """The form field a refusal belongs to (an already issued one: the re-issue tick)."""
    if isinstance(error, AlreadyIssuedError):
        return "reissue"
    return "email" if isinstance(error, HolderError) else "module"


class IssuePages:
    """Mixed into ProviderPages: /aanbieder/modules/{id}/uitgeven and /aanbieder/bewijzen."""

    @get("/modules/{module_id:uuid}/uitgeven")
    async def get_issue(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
    ) -> Template:
        """Show the form to issue this module's deelcertificaat to one learner."""
        return await _issue_form(
            request, db_session, base_url, user, module_id, values={}, errors={}
        )

    @post("/modules/{module_id:uuid}/uitgeven")
    async def post_issue(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        base_url: str,
        module_id: UUID,
    ) -> Any:
        """Issue the deelcertificaat and show the confirmation."""
        t = translator(lang_of(request))
        form = await read_form(request)
        values = form_values(form, "email", "name", "reissue")
        errors: dict[str, str] = {}
        status_code = form.error_status()
        if not fits(values["email"], Email):
            errors["email"] = t("provider.issue.invalid_email")
        if not values["name"] or len(values["name"]) > 200:
            errors["name"] = t("provider.issue.invalid_name")
        errors |= form.refused
        if not errors:
            item = ModuleCertificateIn(
                module_id=module_id, holder=HolderIn(email=values["email"], name=values["name"])
            )
            try:
                issued = await issue_one(
                    db_session, settings, user.actor, item, reissue=values["reissue"] == "ja"
                )
            except DomainError as error:
                await db_session.rollback()
                errors[_field_of(error)] = reason(request, error)
                status_code = status_of(error)
            else:
                return see_other(f"/aanbieder/bewijzen/{issued.id}?melding=uitgegeven")
        async with request.app.state.sessionmaker() as session:
            return await _issue_form(
                request,
                session,
                base_url,
                user,
                module_id,
                values=values,
                errors=errors,
                status_code=status_code,
            )

    @get("/bewijzen")
    async def get_credentials(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        status: StatusFilter = None,
        pagina: PageNumber = 1,
        melding: Notice = None,
    ) -> Template:
        """List what this organisation issued, newest first, with their status."""
        chosen = status if status in STATUSES else None
        found = await issued_by(
            db_session, user.actor, status=chosen, limit=PAGE_SIZE, offset=(pagina - 1) * PAGE_SIZE
        )
        return page(
            request,
            "provider/credentials.html",
            credentials=found.items,
            total=found.total,
            status=chosen or "",
            statuses=STATUSES,
            page_number=pagina,
            pages=max(1, -(-found.total // PAGE_SIZE)),
            notice=notice_text(request, melding),
        )

    @get("/bewijzen/{credential_id:str}")
    async def get_credential(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        credential_id: str,
        melding: Notice = None,
    ) -> Template:
        """Show one issued credential with its status and what can be done with it."""
        return await _credential_page(
            request, db_session, user, credential_id, notice=notice_text(request, melding)
        )

    @post("/bewijzen/{credential_id:str}/{action:str}")
    async def post_credential_status(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        credential_id: str,
        action: str,
    ) -> Any:
        """Revoke (after the confirmation is ticked), suspend or reinstate a credential."""
        if action not in ACTIONS:
            raise NotFoundError(f"no action {action!r}")
        change, done = ACTIONS[action]
        form = await read_form(request)
        code: StatusReason | None = "unspecified"
        note, errors = "", dict[str, str]()
        if change == "reinstate":
            form.require_clean()  # one button: no typed text to keep
        else:
            code, note, errors = _why(request, form, change)
        if change == "revoke" and form.get("confirm") != "ja":
            t = translator(lang_of(request))
            errors["confirm"] = t("provider.credential.revoke_confirm_needed")
        if errors or code is None:
            values = form_values(form, "reason", "note")
            return await _credential_page(
                request,
                db_session,
                user,
                credential_id,
                status_code=form.error_status(),
                errors=errors,
                values=values,
                error=" ".join(form.refused.values()) or None,
            )
        try:
            await status_lists.set_status(
                db_session, user.actor, credential_id, change, reason=code, note=note
            )
        except DomainError as error:
            await db_session.rollback()
            async with request.app.state.sessionmaker() as session:
                return await _credential_page(
                    request,
                    session,
                    user,
                    credential_id,
                    status_code=status_of(error),
                    error=reason(request, error),
                )
        back = form_values(form, "back")["back"]
        target = back if back == "/aanbieder/bewijzen" else f"/aanbieder/bewijzen/{credential_id}"
        return see_other(f"{target}?melding={done}")
