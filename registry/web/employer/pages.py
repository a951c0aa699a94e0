"""The employer's pages and public verification: a share link (`/s/{token}`, which also
answers machines), what was shared with me, and checking any credential or share."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.params import Parameter
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.errors import status_of
from registry.http import is_head
from registry.settings import Settings
from registry.sharing import opening, share_links, verification
from registry.sharing.controllers import (
    SHARE_DOC,
    SHARE_RESPONSES,
    opened_response,
    wants_presentation,
)
from registry.web.competence_names import competence_names
from registry.web.credential_input import MAX_INPUT_BYTES, InputError, request_from_form
from registry.web.employer.views import (
    cards_of,
    day_formatter,
    is_presentation,
    nested_cards_of,
    presentation_failed,
    share_view,
)
from registry.web.i18n import lang_of, translator
from registry.web.pages import AnyRequest, WebUser, page, read_form, web_user_of
from schemas.access import requires_role
from schemas.common import Actor
from schemas.errors import DomainError, NotFoundError
from schemas.errors.sharing import NotAShareUrlError, ShareGoneError, ShareNotFoundError
from schemas.verification import Report
from schemas.wallet import VerifyRequest

# The pages of shares received are the employer's; a share link and the check page are anyone's.
EMPLOYER = requires_role("employer")
Done = Annotated[str | None, Parameter(query="klaar")]

NO_STORE = {"Cache-Control": "no-store", "Vary": "Accept"}
# Share errors on the check page, by class, as our message keys (any other: not a credential).
SHARE_ERRORS: dict[type[DomainError], str] = {
    ShareGoneError: "share-gone",
    ShareNotFoundError: "share-not-found",
    NotAShareUrlError: "not-a-share-url",
}


def employer_page(
    request: AnyRequest, template: str, status_code: int = 200, **context: Any
) -> Template:
    """A page of this area: the layout's context plus `day()` for dates in words."""
    response = page(
        request, template, status_code=status_code, day=day_formatter(lang_of(request)), **context
    )
    for name, value in NO_STORE.items():
        response.set_header(name, value)
    return response


def problem_page(request: AnyRequest, status: int, key: str) -> Template:
    """A plain-words page for a link or id that leads nowhere (404) or no longer (410)."""
    return employer_page(request, "employer/problem.html", status_code=status, key=key)


def viewer_of(request: AnyRequest, viewer: Actor | None) -> Actor | None:
    """Who is looking: the person signed in on this browser, else the bearer of a token."""
    user = web_user_of(request)
    return user.actor if user is not None else viewer


class EmployerPages(Controller):
    """Shares for people, the employer's received shares, and public verification."""

    include_in_schema = False

    @get(
        "/s/{token:str}",
        include_in_schema=True,
        tags=["shares"],
        responses=SHARE_RESPONSES,
        opt=SHARE_DOC,
    )
    async def get_share(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        viewer: Actor | None,
        token: str,
    ) -> Response[Any]:
        """A share by its link: HTML for browsers, else the presentation or JSON (logged)."""
        # The presentation for `Accept: application/vp+jwt`, JSON for no Accept or */* (as
        # before pages existed), a page only when HTML is asked for, as browsers do.
        if wants_presentation(request) or "text/html" not in request.headers.get("accept", ""):
            opened = await opening.open_by_token(
                db_session, settings, token, viewer, via="link", viewed=not is_head(request)
            )
            return await opened_response(db_session, settings, request, opened)
        who = viewer_of(request, viewer)
        return await self._share_page(
            request,
            db_session,
            settings,
            opening.open_by_token(
                db_session, settings, token, who, via="link", viewed=not is_head(request)
            ),
        )

    @get("/werkgever", guards=[EMPLOYER])
    async def get_received(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        done: Done = None,
    ) -> Any:
        """Shared with me: the shares addressed to this employer."""
        received = await opening.received_shares(db_session, settings, user.actor)
        notice = "account.notice.confirmed" if done == "bevestigd" else None
        return employer_page(request, "employer/received.html", received=received, notice=notice)

    @get("/werkgever/gedeeld/{share_id:uuid}", guards=[EMPLOYER])
    async def get_received_share(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        share_id: UUID,
    ) -> Any:
        """One share addressed to this employer, opened (and logged) like its link."""
        opened = opening.open_received(
            db_session, settings, user.actor, share_id, viewed=not is_head(request)
        )
        return await self._share_page(request, db_session, settings, opened)

    async def _share_page(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        opening: Awaitable[opening.OpenedShare],
    ) -> Template:
        try:
            opened = await opening
        except ShareGoneError:
            return problem_page(request, 410, "share.gone")
        except NotFoundError:
            return problem_page(request, 404, "share.not_found")
        report = await verification.verify_opened_share(db_session, settings, opened)
        view = share_view(opened, report)
        names = await competence_names(db_session, lang_of(request), view.uris)
        return employer_page(request, "employer/share.html", view=view, names=names)

    @get("/controleren")
    async def get_verify(self, request: AnyRequest, settings: Settings) -> Any:
        """The public form to check a credential, a presentation or a share link."""
        return _verify_form(request, settings, 200, {}, {})

    @post("/controleren")
    async def post_verify(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Check what was pasted or uploaded and show a verdict per credential."""
        data = await read_form(request)
        pasted = str(data.get("jws") or "")
        if data.refused:
            values = {"jws": pasted if len(pasted.encode()) <= MAX_INPUT_BYTES else ""}
            return _verify_form(request, settings, data.error_status(), values, data.refused)
        try:
            parsed = await request_from_form(data)
        except InputError as problem:
            value = pasted if problem.code != "too-large" else ""
            errors = {problem.field: _text(request, f"employer.verify.error.{problem.code}")}
            return _verify_form(request, settings, problem.status, {"jws": value}, errors)
        user = web_user_of(request)
        try:
            report = await verification.verify_request(
                db_session, settings, user.actor if user else None, parsed
            )
        except DomainError as error:
            # Nothing was written (a share is logged only once it opens), but be sure.
            await db_session.rollback()
            known = (key for kind, key in SHARE_ERRORS.items() if isinstance(error, kind))
            key = f"employer.verify.error.{next(known, 'not-a-credential')}"
            status = status_of(error) if status_of(error) in {404, 410} else 400
            errors = {"jws": _text(request, key)}
            return _verify_form(request, settings, status, {"jws": pasted}, errors)
        return _result_page(request, report)

    @get("/controleren/bewijs/{credential_id:str}")
    async def get_stored_credential(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, credential_id: str
    ) -> Any:
        """One credential of this registry by its id (a printed certificate's QR code)."""
        try:
            row = await verification.stored_credential(db_session, credential_id)
        except NotFoundError:
            return problem_page(request, 404, "stored.not_found")
        report = await verification.verify_request(
            db_session, settings, None, VerifyRequest(credential=row.jws)
        )
        return employer_page(request, "employer/stored.html", card=cards_of(report)[0])


def _text(request: AnyRequest, key: str) -> str:
    return translator(lang_of(request))(key)


def _verify_form(
    request: AnyRequest,
    settings: Settings,
    status: int,
    values: dict[str, str],
    errors: dict[str, str],
) -> Any:
    prefix = settings.base_url + share_links.SHARE_PATH
    return employer_page(
        request,
        "employer/verify.html",
        status_code=status,
        values=values,
        errors=errors,
        share_prefix=prefix,
    )


def _result_page(request: AnyRequest, report: Report) -> Any:
    return employer_page(
        request,
        "employer/verify_result.html",
        report=report,
        cards=cards_of(report),
        nested_cards=nested_cards_of(report),
        is_presentation=is_presentation(report),
        presentation_failed=presentation_failed(report),
    )
