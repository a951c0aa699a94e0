"""The provider's run pages: see a module's runs, add one, cancel one (through `catalogue.public`,
as the API's runs go through `catalogue.runs`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import get, post
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import create_run, list_runs, patch_run
from registry.web.i18n import lang_of, translator
from registry.web.pages import AnyRequest, WebUser, page, read_form, see_other
from registry.web.provider.common import notice_text, owned_module, reason
from registry.web.provider.forms import RUN_STATUSES, Checked, check_run, convert
from registry.web.provider.modules import Notice
from schemas.catalogue import RunCreate, RunPatch
from schemas.errors import DomainError

EMPTY_RUN = {"status": "open", "seats": "12"}


async def _runs_page(
    request: AnyRequest,
    session: AsyncSession,
    base_url: str,
    user: WebUser,
    module_id: UUID,
    *,
    checked: Checked | None = None,
    status_code: int = 200,
    **extra: Any,
) -> Template:
    module = await owned_module(session, base_url, user, module_id)
    runs = await list_runs(session, user.actor, module_id)
    checked = checked or Checked(values=dict(EMPTY_RUN))
    context: dict[str, Any] = {"notice": None, "error": None} | extra
    return page(
        request,
        "provider/runs.html",
        status_code=status_code,
        module=module,
        runs=runs,
        values=checked.values,
        errors=checked.errors,
        statuses=RUN_STATUSES,
        **context,
    )


class RunPages:
    """Mixed into ProviderPages: /aanbieder/modules/{id}/uitvoeringen."""

    @get("/modules/{module_id:uuid}/uitvoeringen")
    async def get_runs(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
        melding: Notice = None,
    ) -> Template:
        """Show the module's runs and the form to add one."""
        notice = notice_text(request, melding)
        return await _runs_page(request, db_session, base_url, user, module_id, notice=notice)

    @post("/modules/{module_id:uuid}/uitvoeringen")
    async def post_run(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
    ) -> Any:
        """Add a run to the module."""
        t = translator(lang_of(request))
        form = await read_form(request)
        checked = check_run(form, t)
        checked.errors |= form.refused
        data = None if checked.errors else convert(checked, RunCreate, t, "provider.run")
        error = None
        if data is not None:
            try:
                await create_run(db_session, user.actor, module_id, data)
            except DomainError as refused:
                await db_session.rollback()
                error = reason(request, refused)
            else:
                return see_other(f"/aanbieder/modules/{module_id}/uitvoeringen?melding=uitvoering")
        async with request.app.state.sessionmaker() as session:
            return await _runs_page(
                request,
                session,
                base_url,
                user,
                module_id,
                checked=checked,
                status_code=form.error_status() if error is None else 409,
                error=error,
            )

    @post("/modules/{module_id:uuid}/uitvoeringen/{run_id:uuid}/annuleren")
    async def post_cancel_run(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
        run_id: UUID,
    ) -> Any:
        """Cancel a run; it stays listed, marked as cancelled, everywhere at once."""
        await patch_run(db_session, user.actor, module_id, run_id, RunPatch(status="cancelled"))
        return see_other(f"/aanbieder/modules/{module_id}/uitvoeringen?melding=geannuleerd")
