"""The assessor pages: record an EVC result (Erkenning van Verworven Competenties) per
werkproces, and look back at what the organisation recorded.

Recording goes through the same service as `POST /api/credentials` (`issue_one` with an
`EvcIn`); the form only turns fields into that request and errors back into field messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.errors import status_of
from registry.issuers.issuers import list_accreditations
from registry.issuing.evc_records import LIST_LIMIT, issued_evc, list_issued_evc, record_id_of
from registry.issuing.issuance import issue_one
from registry.settings import Settings
from registry.web.assessor.form import (
    METHODS,
    RESULTS,
    EvcForm,
    check_evc_form,
    empty_form,
    read_evc_form,
)
from registry.web.assessor.picker import (
    FrameworkRef,
    Picker,
    SearchWord,
    picker_for_post,
    picker_for_search,
)
from registry.web.competence_names import CompetenceNames, competence_names
from registry.web.i18n import lang_of, translator
from registry.web.pages import (
    AnyRequest,
    WebUser,
    error_message,
    page,
    read_form,
    see_other,
)
from schemas.access import requires_role
from schemas.common import NL_TIME, today_nl
from schemas.errors import DomainError, PermissionDeniedError
from schemas.errors.issuing import BadValidUntilError
from schemas.errors.wallet import HolderNameRequiredError, HolderNotWorkerError, HolderRequiredError
from schemas.kinds import EVC
from schemas.levels import LEVEL_TOP

HOME = "/beoordelaar"
NEW = "/beoordelaar/evc/nieuw"
# Which form field a refusal of the issuance service belongs to; others go on top of the form.
FIELD_OF_ERROR: dict[type[DomainError], str] = {
    HolderNotWorkerError: "candidate_email",
    HolderRequiredError: "candidate_email",
    HolderNameRequiredError: "candidate_name",
    BadValidUntilError: "valid_until",
}
FORM_ID = "evc-form"


def day(moment: dt.datetime | None) -> str:
    """A date as Dutch people write it, in Dutch time."""
    return "" if moment is None else moment.astimezone(NL_TIME).strftime("%d-%m-%Y")


async def _standing(
    session: AsyncSession, user: WebUser, settings: Settings
) -> tuple[str | None, str | None]:
    """Why this assessor cannot record EVC now (a message key, or None), and the name of
    the organisation when known. Uses the accreditations the organisation may read itself."""
    try:
        accreditations = await list_accreditations(session, user.actor, settings)
    except PermissionDeniedError:
        return "assessor.standing.no_organisation", None
    name = accreditations[0].provider_name if accreditations else None
    if not any(a.kind == EVC.kind and a.active for a in accreditations):
        return "assessor.standing.not_accredited", name
    return None, name


class AssessorPages(Controller):
    """Pages for the EVC assessor: record results per werkproces, see what was recorded."""

    path = HOME
    guards = [requires_role("assessor")]
    include_in_schema = False

    @get("/")
    async def get_home(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession, settings: Settings
    ) -> Template:
        """Explain EVC and list the records this assessor's organisation issued."""
        standing, organisation = await _standing(db_session, user, settings)
        records = (
            []
            if standing == "assessor.standing.no_organisation"
            else await list_issued_evc(db_session, user.actor)
        )
        uris = [record.standard_url for record in records]
        return page(
            request,
            "assessor/home.html",
            standing=standing,
            organisation=organisation,
            records=records,
            names=await competence_names(db_session, lang_of(request), uris),
            limit=LIST_LIMIT,
            day=day,
        )

    @get("/evc/nieuw")
    async def get_new_record(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        q: SearchWord = None,
        framework: FrameworkRef = None,
    ) -> Template:
        """Show the form to record an EVC result: with the werkprocessen of a catalogue
        framework (`kader`, narrowed by `zoek`), else frameworks found by a word (`zoek`)
        beside the form to type the standard by hand."""
        standing, _ = await _standing(db_session, user, settings)
        form = empty_form()
        picker = await picker_for_search(db_session, form, framework, q or "")
        return _form_page(request, form, {}, standing, picker)

    @post("/evc/nieuw")
    async def post_new_record(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession, settings: Settings
    ) -> Template | Redirect:
        """Check the form, issue the EVC record and show it; or show the form with errors."""
        data = await read_form(request)
        form = read_evc_form(data)
        picker = await picker_for_post(db_session, form)
        item = check_evc_form(form, today_nl(), picker.standard, picker.known)
        t = translator(lang_of(request))
        if item is None or data.refused:
            errors = {name: t(key) for name, key in form.errors.items()} | data.refused
            status = data.error_status()
            return _form_page(request, form, errors, None, picker, status_code=status)
        try:
            issued = await issue_one(db_session, settings, user.actor, item)
        except DomainError as error:
            # Nothing of a refused record may stay behind in this request's transaction.
            await db_session.rollback()
            text = error_message(request, error, "assessor")
            errors = {FIELD_OF_ERROR.get(type(error), FORM_ID): text}
            return _form_page(request, form, errors, None, picker, status_code=status_of(error))
        record_id = record_id_of(issued.id)
        return see_other(f"{HOME}/evc/{record_id}?vastgelegd=1")

    @get("/evc/{record_id:uuid}")
    async def get_record(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        record_id: UUID,
        recorded: Annotated[str | None, Parameter(query="vastgelegd")] = None,
    ) -> Template:
        """Show one EVC record of this organisation with its results per werkproces."""
        record = await issued_evc(db_session, user.actor, record_id)
        uris = [record.summary.standard_url] + [r.uri for r in record.results if r.uri]
        return page(
            request,
            "assessor/record.html",
            record=record,
            names=await competence_names(db_session, lang_of(request), uris),
            just_recorded=recorded == "1",
            day=day,
        )


def _form_page(
    request: AnyRequest,
    form: EvcForm,
    errors: dict[str, str],
    standing: str | None,
    picker: Picker,
    status_code: int = 200,
) -> Template:
    lang = lang_of(request)
    t = translator(lang)
    options: dict[str, Any] = {
        "results": [("", t("assessor.choose"))] + [(r, t(f"assessor.result.{r}")) for r in RESULTS],
        "schemes": [("", t("assessor.new.level_none"))]
        + [(s, t(f"assessor.new.level.{s}", top=top)) for s, top in LEVEL_TOP.items()],
        "methods": [(m, t(f"assessor.method.{m}")) for m in METHODS],
    }
    return page(
        request,
        "assessor/new.html",
        status_code=status_code,
        form=form,
        errors=errors,
        standing=standing,
        options=options,
        form_id=FORM_ID,
        picker=picker,
        # The picked werkprocessen carry their labels in every language.
        names=CompetenceNames(lang, {}),
    )
