"""What the employer's, the worker's and the coach's pages of job profiles and matches share:
published profiles near a place, the names of the competences a match shows (in the page's
language) and dates in words. The match itself is `registry.matching`; the pages are
`templates/matching/`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import regions_meet
from registry.matching import match, profiles
from registry.wallet.holders import Holder
from registry.web.competence_names import CompetenceNames, competence_names
from registry.web.i18n import day_in_words, lang_of
from registry.web.pages import AnyRequest, page
from schemas.common import Actor
from schemas.errors import NotFoundError
from schemas.matching import JobProfileOut, Match


async def match_names(session: AsyncSession, request: AnyRequest, found: Match) -> CompetenceNames:
    """Names for every competence and certificate scheme the match mentions."""
    uris = [r.competence for r in found.requirements]
    uris += [r.via for r in found.requirements if r.via]
    uris += [m.competence for m in found.mandatory] + list(found.unroutable)
    return await competence_names(session, lang_of(request), uris)


def day(request: AnyRequest) -> Any:
    lang = lang_of(request)
    return lambda value: day_in_words(lang, value)


def near(region: str | None, wanted: str) -> bool:
    """A profile's region fits a postcode start or place by the route's rule
    (`catalogue.postcodes.regions_meet`: a profile for "3" is near "3511", one for "Amster"
    is not near Amsterdam); a profile without a region is near everyone."""
    if not wanted.strip() or not region or not region.strip():
        return True
    return regions_meet(region, wanted)


async def vacancies_page(
    request: AnyRequest, session: AsyncSession, viewer: Actor, base: str, **context: Any
) -> Template:
    """Published job profiles, near the place asked for (`?regio=`)."""
    wanted = str(request.query_params.get("regio", ""))[:60]
    found: list[JobProfileOut] = [
        p
        for p in await profiles.list_profiles(session, viewer)
        if p.published and near(p.region, wanted)
    ]
    return page(
        request, "matching/vacancies.html", profiles=found, base=base, regio=wanted, **context
    )


async def need_page(
    request: AnyRequest,
    session: AsyncSession,
    base_url: str,
    holder: Holder,
    profile_id: UUID,
    **context: Any,
) -> Template:
    """What the holder still needs for a published profile, and the route there."""
    try:
        found = await match.match_own_cv(session, base_url, holder, profile_id)
    except NotFoundError:
        return page(request, "matching/not_found.html", status_code=404)
    names = await match_names(session, request, found)
    return page(
        request, "matching/need.html", match=found, names=names, day=day(request), **context
    )
