"""The employer's job profiles: make and edit one (competences picked by searching in Dutch,
each needed at the start or learnable after; mandatory certificates), and compare a share
received with it (`registry.matching`, the same services as the API)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.params import Parameter
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import (
    list_competences,
    occupation_label,
    occupation_requirements,
    search_occupations,
)
from registry.matching import match, profiles
from registry.settings import Settings
from registry.sharing import opening
from registry.web.competence_names import competence_names
from registry.web.employer.profile_form import (
    CERTIFICATE_ROWS,
    field_errors,
    form_lists,
    refused_field,
)
from registry.web.i18n import lang_of, translator
from registry.web.job_match import day, match_names
from registry.web.pages import AnyRequest, FormData, WebUser, page, read_form, see_other
from schemas.access import requires_role
from schemas.errors import DomainError, NotFoundError
from schemas.errors.catalogue import OccupationNotFoundError
from schemas.errors.matching import JobProfileNotFoundError
from schemas.matching import JobProfileCreate, JobProfileOut, JobProfilePatch, MatchRequest

EMPLOYER = requires_role("employer")
SEARCH_RESULTS = 12
OccupationWords = Annotated[str | None, Parameter(query="beroep", max_length=100)]


class EmployerProfilePages(Controller):
    """Job profiles of the signed-in employer."""

    path = "/werkgever/vacatures"
    guards = [EMPLOYER]
    include_in_schema = False

    @get("/")
    async def list_profiles(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession
    ) -> Template:
        """My job profiles."""
        mine = await profiles.list_profiles(db_session, user.actor, mine=True)
        return page(request, "matching/profiles.html", profiles=mine)

    @get("/nieuw")
    async def new_profile(
        self, request: AnyRequest, db_session: AsyncSession, occupation: OccupationWords = None
    ) -> Template:
        """The form for a new job profile; with `beroep`, the ESCO occupations it finds to
        start from."""
        words = (occupation or "").strip()
        return await _form(request, db_session, None, _empty(), {}, 200, occupation_words=words)

    @post("/nieuw")
    async def create_profile(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession
    ) -> Any:
        """Search competences, or save the new profile."""
        data = await read_form(request)
        values, unread = form_lists(data)
        if not data.refused and data.get("action") == "from-occupation":
            errors = await _start_from_occupation(request, db_session, values, data)
            return await _form(request, db_session, None, values, errors, 422 if errors else 200)
        if data.refused or data.get("action") != "save":
            return await _form(
                request, db_session, None, values, data.refused, data.error_status(200), data
            )
        if unread:
            return await _refused(request, db_session, None, values, unread, data)
        try:
            body = msgspec.convert(values, JobProfileCreate)
            made = await profiles.create_profile(db_session, user.actor, body)
        except (msgspec.ValidationError, DomainError) as error:
            await db_session.rollback()
            field = refused_field(error)
            return await _refused(request, db_session, None, values, [field], data)
        return see_other(f"/werkgever/vacatures/{made.id}?klaar=1")

    @get("/{profile_id:uuid}")
    async def get_profile(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        profile_id: UUID,
    ) -> Template:
        """One profile, with the shares received to compare with it; skills named in the
        page's language, as on the form and the compare page."""
        row = await _own(db_session, user, profile_id)
        if row is None:
            return page(request, "matching/not_found.html", status_code=404)
        received = await opening.received_shares(db_session, settings, user.actor)
        active = [r for r in received if r.state == "active"]
        saved = request.query_params.get("klaar") == "1"
        uris = [r.competence for r in row.requirements]
        names = await competence_names(db_session, lang_of(request), uris)
        return page(
            request,
            "matching/profile.html",
            profile=row,
            received=active,
            saved=saved,
            names=names,
        )

    @get("/{profile_id:uuid}/bewerken")
    async def edit_profile(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession, profile_id: UUID
    ) -> Template:
        """The form to change a profile (another employer's: 403 when published, else 404)."""
        try:
            own = await profiles.own_profile(db_session, user.actor, profile_id)
        except JobProfileNotFoundError:
            return page(request, "matching/not_found.html", status_code=404)
        row = (await profiles.profiles_out(db_session, [own], user.actor))[0]
        return await _form(request, db_session, row.id, _values(row), {}, 200)

    @post("/{profile_id:uuid}/bewerken")
    async def update_profile(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession, profile_id: UUID
    ) -> Any:
        """Search competences, or save the changed profile (another employer's: as the API,
        403 when published, else 404; nothing changes)."""
        try:
            await profiles.own_profile(db_session, user.actor, profile_id)
        except JobProfileNotFoundError:
            return page(request, "matching/not_found.html", status_code=404)
        data = await read_form(request)
        values, unread = form_lists(data)
        if data.refused or data.get("action") != "save":
            return await _form(
                request, db_session, profile_id, values, data.refused, data.error_status(200), data
            )
        if unread:
            return await _refused(request, db_session, profile_id, values, unread, data)
        try:
            body = msgspec.convert(values, JobProfilePatch)
            await profiles.patch_profile(db_session, user.actor, profile_id, body)
        except (msgspec.ValidationError, DomainError) as error:
            await db_session.rollback()
            field = refused_field(error)
            return await _refused(request, db_session, profile_id, values, [field], data)
        return see_other(f"/werkgever/vacatures/{profile_id}?klaar=1")

    @post("/{profile_id:uuid}/vergelijken")
    async def match_share(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        profile_id: UUID,
    ) -> Template:
        """Compare a share received with the profile: the result in plain words."""
        data = await read_form(request)
        data.require_clean()
        try:
            share_id = UUID(str(data.get("share", "")))
        except ValueError:
            return _share_not_found(request)
        try:
            result = await match.match_share(
                db_session,
                settings,
                user.actor,
                profile_id,
                MatchRequest(received_share_id=share_id),
            )
        except JobProfileNotFoundError:
            return page(request, "matching/not_found.html", status_code=404)
        except NotFoundError:
            # The profile is there: what is not (for this employer) is the share.
            return _share_not_found(request)
        names = await match_names(db_session, request, result)
        return page(
            request, "matching/employer_result.html", match=result, names=names, day=day(request)
        )


async def _start_from_occupation(
    request: AnyRequest, session: AsyncSession, values: dict[str, Any], data: FormData
) -> dict[str, str]:
    """Fill the form from the chosen ESCO occupation as `fromOccupation` does (its label as
    title if none, its essential skills at the start, optional ones learnable), keeping what
    the employer already chose; nothing is saved yet. Errors by field, as texts."""
    uri = str(data.get("beroep_uri", "")).strip()
    try:
        label = await occupation_label(session, uri)
        skills = await occupation_requirements(session, uri)
    except OccupationNotFoundError:
        return {"beroep": translator(lang_of(request))("jobs.occupation.unknown")}
    kept = {r["competence"] for r in values["requirements"]}
    copied = [{"competence": skill, "when": when} for skill, when in skills if skill not in kept]
    values["requirements"] = copied + values["requirements"]
    values["title"] = values["title"] or label
    values["occupation"] = uri
    return {}


async def _refused(
    request: AnyRequest,
    session: AsyncSession,
    profile_id: UUID | None,
    values: dict[str, Any],
    fields: list[str],
    data: FormData,
) -> Template:
    """The form again, 422, each refused field with its error in the page's language."""
    errors = field_errors(translator(lang_of(request)), fields)
    return await _form(request, session, profile_id, values, errors, 422, data)


def _share_not_found(request: AnyRequest) -> Template:
    return page(request, "matching/not_found.html", status_code=404, what="jobs.share_not_found")


async def _own(session: AsyncSession, user: WebUser, profile_id: UUID) -> JobProfileOut | None:
    try:
        row = await profiles.own_profile(session, user.actor, profile_id)
    except DomainError:
        return None
    return (await profiles.profiles_out(session, [row], user.actor))[0]


def _empty() -> dict[str, Any]:
    return {
        "title": "",
        "description": "",
        "region": None,
        "occupation": None,
        "requirements": [],
        "mandatoryCertificates": [],
        "published": False,
    }


def _values(row: JobProfileOut) -> dict[str, Any]:
    return {
        "title": row.title,
        "description": row.description,
        "region": row.region,
        "occupation": row.occupation,
        "requirements": [{"competence": r.competence, "when": r.when} for r in row.requirements],
        "mandatoryCertificates": [
            {"name": c.name, "competence": c.competence, "maxAgeMonths": c.max_age_months}
            for c in row.mandatory_certificates
        ],
        "published": row.published,
    }


async def _form(
    request: AnyRequest,
    session: AsyncSession,
    profile_id: UUID | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status: int,
    data: FormData | None = None,
    occupation_words: str = "",
) -> Template:
    """The profile form, with the competences found for the search words (if any), and the
    occupations found for `occupation_words` (a new profile's start)."""
    words = str(data.get("zoek", "") if data is not None else "").strip()[:100]
    found = (
        await list_competences(session, q=words, framework=None, limit=SEARCH_RESULTS, offset=0)
        if words
        else None
    )
    occupations = (
        await search_occupations(session, q=occupation_words, limit=SEARCH_RESULTS, offset=0)
        if occupation_words
        else None
    )
    chosen = {r["competence"] for r in values["requirements"]}
    known = await competence_names(session, lang_of(request), chosen)
    certificates = list(values["mandatoryCertificates"]) + [{}] * CERTIFICATE_ROWS
    return page(
        request,
        "matching/profile_form.html",
        status_code=status,
        profile_id=profile_id,
        values=values,
        errors=errors,
        words=words,
        found=[c for c in (found.items if found else []) if c.uri not in chosen],
        searched=found is not None,
        occupation_words=occupation_words,
        occupations=occupations.items if occupations else [],
        occupation_searched=occupations is not None,
        names=known,
        certificates=certificates[:CERTIFICATE_ROWS],
    )
