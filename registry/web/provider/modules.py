"""The provider's module pages: create, view, edit, publish and withdraw a module.

Every change goes through the catalogue's own module service (via `catalogue.public`), as the
API's does: editing a published module starts a new draft version there, not here.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import get, post
from litestar.params import Parameter
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import (
    create_module,
    list_runs,
    patch_module,
    publish_module,
    withdraw_module,
)
from registry.errors import status_of
from registry.web.competence_names import competence_names
from registry.web.i18n import lang_of, translator
from registry.web.pages import AnyRequest, WebUser, page, read_form, see_other
from registry.web.provider.common import notice_text, owned_module, reason
from registry.web.provider.forms import (
    LEVELS,
    MODES,
    Checked,
    check_module,
    convert,
    module_values,
)
from schemas.catalogue import ModuleCreate, ModulePatch
from schemas.errors import DomainError
from schemas.errors.catalogue import (
    CompetenceNotFoundError,
    DuplicateCompetenceError,
    UnknownCompetenceError,
)

Notice = Annotated[str | None, Parameter(query="melding")]
# Refusals that are about the module's competences (shown at that field).
COMPETENCE_ERRORS = (CompetenceNotFoundError, DuplicateCompetenceError, UnknownCompetenceError)


def _form(
    request: AnyRequest,
    *,
    checked: Checked,
    action: str,
    module: Any = None,
    status_code: int = 200,
) -> Template:
    return page(
        request,
        "provider/module_form.html",
        status_code=status_code,
        action=action,
        module=module,
        values=checked.values,
        errors=checked.errors,
        levels=LEVELS,
        modes=MODES,
    )


async def _module_page(
    request: AnyRequest,
    session: AsyncSession,
    base_url: str,
    user: WebUser,
    module_id: UUID,
    *,
    status_code: int = 200,
    **extra: Any,
) -> Template:
    module = await owned_module(session, base_url, user, module_id)
    runs = await list_runs(session, user.actor, module_id)
    context: dict[str, Any] = {"notice": None, "error": None, "errors": {}} | extra
    uris = [c.uri for c in module.current.competences]
    return page(
        request,
        "provider/module.html",
        status_code=status_code,
        module=module,
        open_runs=[r for r in runs if r.status != "cancelled"],
        names=await competence_names(session, lang_of(request), uris),
        **context,
    )


class ModulePages:
    """Mixed into ProviderPages: the module handlers under /aanbieder/modules."""

    @get("/modules/nieuw")
    async def get_new_module(self, request: AnyRequest) -> Template:
        """Show the form for a new module."""
        checked = Checked(values={"delivery_mode": "classroom"})
        return _form(request, checked=checked, action="/aanbieder/modules/nieuw")

    @post("/modules/nieuw")
    async def post_new_module(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession, base_url: str
    ) -> Any:
        """Create the module as a draft and show it."""
        t = translator(lang_of(request))
        form = await read_form(request)
        checked = await check_module(db_session, form, t)
        checked.errors |= form.refused
        data = None if checked.errors else convert(checked, ModuleCreate, t, "provider.module")
        if data is not None:
            try:
                module = await create_module(db_session, base_url, user.actor, data)
            except DomainError as error:
                # create() flushed the module before it refused a competence: undo it all.
                await db_session.rollback()
                checked.errors["competences"] = reason(request, error)
            else:
                return see_other(f"/aanbieder/modules/{module.id}?melding=aangemaakt")
        action = "/aanbieder/modules/nieuw"
        return _form(request, checked=checked, action=action, status_code=form.error_status())

    @get("/modules/{module_id:uuid}")
    async def get_module(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
        melding: Notice = None,
    ) -> Template:
        """Show one of the provider's modules with what can be done with it."""
        return await _module_page(
            request, db_session, base_url, user, module_id, notice=notice_text(request, melding)
        )

    @get("/modules/{module_id:uuid}/bewerken")
    async def get_edit_module(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
    ) -> Template:
        """Show the module's newest version in the form."""
        module = await owned_module(db_session, base_url, user, module_id)
        checked = Checked(values=module_values(module))
        return _form(
            request,
            checked=checked,
            action=f"/aanbieder/modules/{module_id}/bewerken",
            module=module,
        )

    @post("/modules/{module_id:uuid}/bewerken")
    async def post_edit_module(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
    ) -> Any:
        """Save the changes (a published module gets a new draft version)."""
        module = await owned_module(db_session, base_url, user, module_id)
        t = translator(lang_of(request))
        form = await read_form(request)
        checked = await check_module(db_session, form, t)
        checked.errors |= form.refused
        data = None if checked.errors else convert(checked, ModulePatch, t, "provider.module")
        if data is not None:
            try:
                await patch_module(db_session, base_url, user.actor, module_id, data)
            except DomainError as error:
                await db_session.rollback()
                field = "competences" if isinstance(error, COMPETENCE_ERRORS) else "title"
                checked.errors[field] = reason(request, error)
            else:
                return see_other(f"/aanbieder/modules/{module_id}?melding=opgeslagen")
        action = f"/aanbieder/modules/{module_id}/bewerken"
        status = form.error_status()
        return _form(request, checked=checked, action=action, module=module, status_code=status)

    @post("/modules/{module_id:uuid}/publiceren")
    async def post_publish_module(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
    ) -> Any:
        """Publish the draft: it becomes visible in the catalogue."""
        try:
            await publish_module(db_session, base_url, user.actor, module_id)
        except DomainError as error:
            await db_session.rollback()
            return await _refused(request, base_url, user, module_id, error)
        return see_other(f"/aanbieder/modules/{module_id}?melding=gepubliceerd")

    @post("/modules/{module_id:uuid}/terugtrekken")
    async def post_withdraw_module(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        base_url: str,
        module_id: UUID,
    ) -> Any:
        """Take the module out of the catalogue, once the provider ticked the confirmation."""
        form = await read_form(request)
        form.require_clean()  # a tick and a button: no typed text to keep
        if form.get("confirm") != "ja":
            t = translator(lang_of(request))
            errors = {"confirm": t("provider.module.withdraw_confirm_needed")}
            return await _module_page(
                request, db_session, base_url, user, module_id, status_code=400, errors=errors
            )
        try:
            await withdraw_module(db_session, base_url, user.actor, module_id)
        except DomainError as error:
            await db_session.rollback()
            return await _refused(request, base_url, user, module_id, error)
        return see_other(f"/aanbieder/modules/{module_id}?melding=teruggetrokken")


async def _refused(
    request: AnyRequest, base_url: str, user: WebUser, module_id: UUID, error: DomainError
) -> Template:
    """The module page again with the service's refusal; read in a fresh session because
    the request's own transaction was rolled back."""
    async with request.app.state.sessionmaker() as session:
        return await _module_page(
            request,
            session,
            base_url,
            user,
            module_id,
            status_code=status_of(error),
            error=reason(request, error),
        )
