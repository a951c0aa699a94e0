"""The exam institute's page: issue a person certificate (VCA Basis, NEN 3140, ...) for a
certificate scheme the organisation is accredited for, and see the certificates it issued.

An exam institute is an assessor organisation whose accreditation lists certificate schemes.
Issuing goes through the same service as `POST /api/credentials` (`issue_one` with a
`CertificateIn`); the form offers only the schemes the organisation may issue, and the service
still checks the accreditation.
"""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import labels_by_uri, preferred_label
from registry.errors import status_of
from registry.issuers.issuers import list_accreditations
from registry.issuing.evc_records import LIST_LIMIT, list_issued_certificates
from registry.issuing.issuance import issue_one
from registry.settings import Settings
from registry.web.assessor.form import check_candidate, check_valid_until
from registry.web.assessor.pages import FIELD_OF_ERROR, day
from registry.web.competence_names import competence_names
from registry.web.i18n import lang_of, translator
from registry.web.pages import (
    AnyRequest,
    WebUser,
    error_message,
    form_values,
    page,
    read_form,
    see_other,
)
from schemas.access import requires_role
from schemas.common import today_nl
from schemas.errors import DomainError, PermissionDeniedError
from schemas.issuance import CertificateIn
from schemas.kinds import CERTIFICATE

PATH = "/beoordelaar/certificaten"
FIELDS = ("scheme", "candidate_email", "candidate_name", "valid_until")
FORM_ID = "certificate-form"


async def _schemes(
    session: AsyncSession, user: WebUser, settings: Settings, lang: str
) -> list[tuple[str, str]] | None:
    """(URI, name) of each scheme the organisation may certify now, by name; None when the
    account belongs to no organisation."""
    try:
        accreditations = await list_accreditations(session, user.actor, settings)
    except PermissionDeniedError:
        return None
    uris = {
        uri
        for a in accreditations
        if a.kind == CERTIFICATE.kind and a.active
        for uri in a.achievements
    }
    labels = await labels_by_uri(session, uris)
    named = [
        (uri, labels[uri].get(lang) or preferred_label(labels[uri]))
        if uri in labels
        else (uri, uri)
        for uri in uris
    ]
    return sorted(named, key=lambda item: item[1].lower())


def _check(
    values: dict[str, str], schemes: list[tuple[str, str]]
) -> tuple[CertificateIn | None, dict[str, str]]:
    """The issuance request, or None with message keys per field."""
    errors: dict[str, str] = {}
    if values["scheme"] not in {uri for uri, _ in schemes}:
        errors["scheme"] = "assessor.certificates.error.scheme"
    check_candidate(values, errors)
    valid_until = check_valid_until(values["valid_until"], today_nl(), errors)
    if errors:
        return None, errors
    body = {
        "kind": CERTIFICATE.kind,
        "scheme": values["scheme"],
        "holder": {"email": values["candidate_email"], "name": values["candidate_name"]},
        "validUntil": valid_until,
    }
    return msgspec.convert(body, CertificateIn), errors


class CertificatePages(Controller):
    """Issue person certificates (exam institutes) and list those issued."""

    path = PATH
    guards = [requires_role("assessor")]
    include_in_schema = False

    @get("/")
    async def get_certificates(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        issued: Annotated[str | None, Parameter(query="uitgegeven")] = None,
    ) -> Template:
        """The form to issue a certificate, and the certificates issued."""
        return await _page(
            request,
            user,
            db_session,
            settings,
            dict.fromkeys(FIELDS, ""),
            {},
            just_issued=issued == "1",
        )

    @post("/")
    async def post_certificate(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession, settings: Settings
    ) -> Template | Redirect:
        """Check the form and issue the certificate; or show the form with errors."""
        data = await read_form(request)
        values = form_values(data, *FIELDS)
        schemes = await _schemes(db_session, user, settings, lang_of(request)) or []
        item, keys = _check(values, schemes)
        t = translator(lang_of(request))
        if item is None or data.refused:
            errors = {name: t(key) for name, key in keys.items()} | data.refused
            return await _page(
                request, user, db_session, settings, values, errors, status_code=data.error_status()
            )
        try:
            await issue_one(db_session, settings, user.actor, item)
        except DomainError as error:
            # Nothing of a refused certificate may stay behind in this request's transaction.
            # (The form takes only schemes accredited now: `not-accredited` comes only when
            # an accreditation ended in between, in the assessor area's words.)
            await db_session.rollback()
            text = error_message(request, error, "assessor")
            errors = {FIELD_OF_ERROR.get(type(error), FORM_ID): text}
            return await _page(
                request, user, db_session, settings, values, errors, status_code=status_of(error)
            )
        return see_other(f"{PATH}?uitgegeven=1")


async def _page(
    request: AnyRequest,
    user: WebUser,
    session: AsyncSession,
    settings: Settings,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    status_code: int = 200,
    just_issued: bool = False,
) -> Template:
    lang = lang_of(request)
    schemes = await _schemes(session, user, settings, lang)
    certificates = [] if schemes is None else await list_issued_certificates(session, user.actor)
    # A certificate names its scheme as signed (Dutch): the scheme's name in the page's
    # language where the catalogue has one.
    names = await competence_names(session, lang, [item.standard_url for item in certificates])
    t = translator(lang)
    return page(
        request,
        "assessor/certificates.html",
        status_code=status_code,
        schemes=schemes,
        options=[("", t("assessor.choose"))] + (schemes or []),
        values=values,
        errors=errors,
        form_id=FORM_ID,
        certificates=certificates,
        names=names,
        limit=LIST_LIMIT,
        just_issued=just_issued,
        day=day,
    )
