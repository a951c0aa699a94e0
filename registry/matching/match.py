"""A match of a CV against a job profile (issue 15): the rules (`registry.matching.rules`) over
the CV's evidence, with the crosswalks' equivalents, and the route to the job over the missing
competences (`catalogue.public.plan_route`); a missing certificate takes an exam, not a module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import labels_by_uri, plan_route, related
from registry.matching import evidence as cv_evidence
from registry.matching.profiles import label_of, own_profile, visible_profile
from registry.matching.rules import Evidence, certificate_result, requirement_result, verdict
from registry.models import JobProfile
from registry.settings import Settings
from registry.wallet.holders import Holder
from schemas.common import Actor, today_nl
from schemas.matching import COUNTING, Match, MatchRequest


async def match_profile(
    session: AsyncSession,
    base_url: str,
    profile: JobProfile,
    evidence: Sequence[Evidence],
    declared: set[str],
    *,
    now: dt.datetime,
    today: dt.date,
) -> Match:
    """The match answer of one CV (its evidence and self-declared competences) and profile."""
    required = [r["competence"] for r in profile.requirements]
    schemes = [c["competence"] for c in profile.certificates]
    mappings = await related(session, [*required, *schemes])
    counting = {uri: [o for o, rel in mappings.get(uri, []) if rel in COUNTING] for uri in required}
    exact = {uri: [o for o, rel in mappings.get(uri, []) if rel == "exactMatch"] for uri in schemes}
    labels = await labels_by_uri(session, required)
    mandatory = [
        certificate_result(c, exact[c["competence"]], evidence, now) for c in profile.certificates
    ]
    requirements = [
        requirement_result(
            r,
            label_of(labels.get(r["competence"]), r["competence"]),
            counting[r["competence"]],
            evidence,
            declared,
        )
        for r in profile.requirements
    ]
    gaps = {
        r.competence: [r.competence, *counting[r.competence]]
        for r in requirements
        if r.status in {"missing", "self-declared-only"}
    }
    # A mandatory certificate comes only from an exam: no module is a route to it, and while
    # one is not present no one can say when the worker is ready.
    route = await plan_route(session, base_url, gaps, region=profile.region, today=today)
    exam_needed = any(m.status != "present" for m in mandatory)
    return Match(
        profile_id=profile.id,
        profile_title=profile.title,
        verdict=verdict(mandatory, requirements),
        mandatory=mandatory,
        requirements=requirements,
        route=route.steps,
        unroutable=route.unroutable,
        weeks_to_ready=None if exam_needed else route.weeks_to_ready,
    )


async def match_own_cv(
    session: AsyncSession, base_url: str, holder: Holder, profile_id: UUID
) -> Match:
    """The worker's CV (or, for a coach with consent, the worker's) against a published
    profile."""
    profile = await visible_profile(session, holder.actor, profile_id)
    now = dt.datetime.now(dt.UTC)
    found, declared = await cv_evidence.from_wallet(session, holder, now)
    result = await match_profile(
        session, base_url, profile, found, declared, now=now, today=today_nl()
    )
    result.holder_name = holder.wallet.name
    return result


async def match_share(
    session: AsyncSession, settings: Settings, actor: Actor, profile_id: UUID, request: MatchRequest
) -> Match:
    """A share the employer received (or holds the link of) against their own profile. A
    share carries no self-declared experience, so nothing is `self-declared-only` here."""
    profile = await own_profile(session, actor, profile_id)
    found, sharer = await cv_evidence.from_share(session, settings, actor, request)
    result = await match_profile(
        session,
        settings.base_url,
        profile,
        found,
        set(),
        now=dt.datetime.now(dt.UTC),
        today=today_nl(),
    )
    result.holder_name = sharer
    return result
