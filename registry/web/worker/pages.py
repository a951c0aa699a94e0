"""The worker's pages ("mijn cv"): the CV, self-declared experience, shares and certificates.

Every page works on the signed-in worker's own wallet through `holder_context`, the same door
the `/api/me/*` endpoints use; the shaping for the templates is in `worker_views`, the form
reading in `worker_forms`.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.settings import Settings
from registry.sharing import share_links, shares
from registry.wallet import wallet_content
from registry.wallet.holders import Holder, holder_context
from registry.web.competence_names import CompetenceNames, competence_names
from registry.web.i18n import lang_of, translator
from registry.web.pages import (
    SECURITY_HEADERS,
    AnyRequest,
    error_message,
    form_values,
    page,
    read_form,
    see_other,
    signed_in,
)
from registry.web.qr import qr_svg_data_uri
from registry.web.worker.certificate_pdf import certificate_pdf
from registry.web.worker.forms import ShareForm, read_experience, read_share, share_form
from registry.web.worker.views import (
    CertificateView,
    certificate_view,
    cv_context,
    date_helpers,
    format_date,
    share_context,
    shares_context,
    status_line,
    wallet_views,
)
from schemas.access import requires_role
from schemas.common import today_nl
from schemas.errors import DomainError
from schemas.errors.issuing import CredentialNotFoundError
from schemas.errors.sharing import (
    BadExpiryError,
    BadRecipientError,
    CredentialNotShareableError,
    RecipientNotEmployerError,
    UnknownCredentialError,
)

Done = Annotated[str | None, Parameter(query="klaar")]
Chosen = Annotated[str | None, Parameter(query="bewijs")]
# Which field a refusal of the share service belongs to.
SHARE_ERROR_FIELD: dict[type[DomainError], str] = {
    BadRecipientError: "recipient",
    RecipientNotEmployerError: "recipient",
    BadExpiryError: "until",
    UnknownCredentialError: "credentials",
    CredentialNotShareableError: "credentials",
}
NOTICES = {
    "ervaring": "worker.notice.experience_added",
    "verwijderd": "worker.notice.experience_removed",
    "ingetrokken": "worker.notice.share_withdrawn",
    "nieuwe-link": "worker.notice.link_renewed",
    "bevestigd": "account.notice.confirmed",
}
EXPERIENCE_FIELDS = ("title", "description", "start", "end")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def own_holder(request: AnyRequest, session: AsyncSession, settings: Settings) -> Holder:
    """The signed-in worker's own wallet (the controller's guard lets only workers in)."""
    user = signed_in(request)
    return await holder_context(session, user.actor, None, settings.secret_key)


def _errors(request: AnyRequest, keys: dict[str, str]) -> dict[str, str]:
    """Field errors (message keys) in the visitor's language."""
    t = translator(lang_of(request))
    return {name: t(key) for name, key in keys.items()}


async def _names(
    request: AnyRequest, session: AsyncSession, view: CertificateView
) -> CompetenceNames:
    uris = [competence.uri for competence in view.credential.competences or []]
    return await competence_names(session, lang_of(request), uris)


def _worker_page(request: AnyRequest, template: str, status: int = 200, **ctx: Any) -> Template:
    return page(request, template, status_code=status, **date_helpers(lang_of(request)), **ctx)


class WorkerPages(Controller):
    """The worker's CV, experience, shares and printable certificates."""

    path = "/mijn-cv"
    guards = [requires_role("worker")]
    include_in_schema = False

    @get("/")
    async def get_cv(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        base_url: str,
        done: Done = None,
    ) -> Template:
        """Show the CV: competences, progress, credentials and self-declared experience."""
        holder = await own_holder(request, db_session, settings)
        return await self._cv(
            request, db_session, base_url, holder, {}, {}, NOTICES.get(done or "")
        )

    async def _cv(
        self,
        request: AnyRequest,
        session: AsyncSession,
        base_url: str,
        holder: Holder,
        values: dict[str, str],
        errors: dict[str, str],
        notice: str | None = None,
        status: int = 200,
    ) -> Template:
        context = await cv_context(session, base_url, holder, _now())
        uris = [competence.uri for competence in context["competences"]]
        context["names"] = await competence_names(session, lang_of(request), uris)
        return _worker_page(
            request,
            "worker/cv.html",
            status,
            values=values,
            errors=errors,
            notice=notice,
            **context,
        )

    @post("/ervaring")
    async def post_experience(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, base_url: str
    ) -> Template | Redirect:
        """Add self-declared experience, or show the form again with what is wrong."""
        holder = await own_holder(request, db_session, settings)
        data = await read_form(request)
        values = form_values(data, *EXPERIENCE_FIELDS)
        experience, errors = read_experience(values)
        if experience is None or data.refused:
            shown = _errors(request, errors) | data.refused
            return await self._cv(
                request, db_session, base_url, holder, values, shown, status=data.error_status()
            )
        await wallet_content.add_experience(db_session, holder, experience)
        return see_other("/mijn-cv?klaar=ervaring#ervaring")

    @post("/ervaring/{experience_id:uuid}/verwijderen")
    async def post_delete_experience(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, experience_id: UUID
    ) -> Redirect:
        """Remove one self-declared entry."""
        holder = await own_holder(request, db_session, settings)
        await wallet_content.delete_experience(db_session, holder, experience_id)
        return see_other("/mijn-cv?klaar=verwijderd#ervaring")

    @get("/delen")
    async def get_share(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        chosen: Chosen = None,
    ) -> Template:
        """Show the form to share chosen credentials with one employer."""
        holder = await own_holder(request, db_session, settings)
        form = ShareForm(
            credentials=[chosen] if chosen else [], recipient="", lifetime="30", until=""
        )
        return await self._share_form(request, db_session, holder, form, {})

    async def _share_form(
        self,
        request: AnyRequest,
        session: AsyncSession,
        holder: Holder,
        form: ShareForm,
        errors: dict[str, str],
    ) -> Template:
        _, credentials = await wallet_views(session, holder, _now())
        # A refusal of what was typed, shown on the form with the values kept.
        status = 422 if errors else 200
        return _worker_page(
            request,
            "worker/share_form.html",
            status,
            form=form,
            errors=errors,
            credentials=[c for c in credentials if c.shareable],
            stopped=[c for c in credentials if not c.shareable],
        )

    @post("/delen")
    async def post_share(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Template:
        """Create the share and show its link and QR code (the list shows them again)."""
        holder = await own_holder(request, db_session, settings)
        data = await read_form(request)
        form = share_form(data, form_values(data, "recipient", "lifetime", "until"))
        wanted, errors = read_share(form, _now())
        if wanted is None or data.refused:
            shown = _errors(request, errors) | data.refused
            return await self._share_form(request, db_session, holder, form, shown)
        try:
            # The service checks everything before it writes, so a refusal leaves nothing behind.
            created = await shares.create_share(db_session, settings, holder, wanted)
        except DomainError as error:
            if type(error) not in SHARE_ERROR_FIELD:
                raise
            errors = {SHARE_ERROR_FIELD[type(error)]: error_message(request, error, "worker")}
            return await self._share_form(request, db_session, holder, form, errors)
        return await self._link_page(
            request, db_session, settings, holder, created.id, None, fresh=True
        )

    async def _link_page(
        self,
        request: AnyRequest,
        session: AsyncSession,
        settings: Settings,
        holder: Holder,
        share_id: UUID,
        notice: str | None,
        *,
        fresh: bool = False,
    ) -> Template:
        """A share's link and QR code, with whom it is shared and what is in it."""
        view = await share_context(session, settings, holder, share_id)
        answer = _worker_page(
            request,
            "worker/share_created.html",
            item=view,
            fresh=fresh,
            qr=qr_svg_data_uri(view.share.url) if view.share.url else None,
            notice=notice,
        )
        # The link is its own key: keep the page out of every cache.
        answer.set_header("Cache-Control", "no-store")
        return answer

    @get("/gedeeld")
    async def get_shares(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, done: Done = None
    ) -> Template:
        """List the shares: to whom, what, until when, their state and who looked."""
        holder = await own_holder(request, db_session, settings)
        views = await shares_context(db_session, settings, holder)
        answer = _worker_page(
            request, "worker/shares.html", shares=views, notice=NOTICES.get(done or "")
        )
        answer.set_header("Cache-Control", "no-store")  # it shows the links
        return answer

    @get("/gedeeld/{share_id:uuid}")
    async def get_share_link(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        share_id: UUID,
        done: Done = None,
    ) -> Template:
        """One share's link and QR code again."""
        holder = await own_holder(request, db_session, settings)
        notice = NOTICES.get(done or "")
        return await self._link_page(request, db_session, settings, holder, share_id, notice)

    @post("/gedeeld/{share_id:uuid}/nieuwe-link")
    async def post_renew_link(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, share_id: UUID
    ) -> Redirect:
        """Give a share a new link (for one whose link was not kept); the old one stops."""
        holder = await own_holder(request, db_session, settings)
        await share_links.renew_link(db_session, settings, holder, share_id)
        return see_other(f"/mijn-cv/gedeeld/{share_id}?klaar=nieuwe-link")

    @post("/gedeeld/{share_id:uuid}/intrekken")
    async def post_withdraw(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, share_id: UUID
    ) -> Redirect:
        """Withdraw a share: its link stops working at once."""
        holder = await own_holder(request, db_session, settings)
        await shares.withdraw_share(db_session, settings, holder, share_id)
        return see_other("/mijn-cv/gedeeld?klaar=ingetrokken")

    @get("/bewijzen/{credential_id:str}")
    async def get_certificate(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        base_url: str,
        credential_id: str,
    ) -> Template:
        """Show one credential as a printable certificate with a QR code to check it."""
        view = await self._certificate(request, db_session, settings, base_url, credential_id)
        return _worker_page(
            request,
            "worker/certificate.html",
            cert=view,
            qr=qr_svg_data_uri(view.verify_url),
            status_text=status_line(lang_of(request), view.credential, today_nl()),
            names=await _names(request, db_session, view),
        )

    @get("/bewijzen/{credential_id:str}/pdf")
    async def get_certificate_pdf(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        settings: Settings,
        base_url: str,
        credential_id: str,
    ) -> Response[bytes]:
        """The same certificate as a PDF to download."""
        view = await self._certificate(request, db_session, settings, base_url, credential_id)
        lang = lang_of(request)
        t = translator(lang)
        status = status_line(lang, view.credential, today_nl())
        names = await _names(request, db_session, view)
        body = certificate_pdf(view, t, partial(format_date, lang), t("site.name"), status, names)
        filename = f"bewijs-{view.credential.id}.pdf"
        headers = {
            **SECURITY_HEADERS,
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        }
        return Response(body, media_type="application/pdf", headers=headers)

    async def _certificate(
        self,
        request: AnyRequest,
        session: AsyncSession,
        settings: Settings,
        base_url: str,
        credential_id: str,
    ) -> CertificateView:
        holder = await own_holder(request, session, settings)
        view = await certificate_view(session, base_url, holder, credential_id, _now())
        if view is None:
            # Also for another worker's credential: 404, so the page does not tell it exists.
            raise CredentialNotFoundError("no such credential in your wallet")
        return view
