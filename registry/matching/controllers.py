"""HTTP controllers of job profiles and matches: thin, as everywhere."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, patch, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from registry.matching import match, profiles
from registry.settings import Settings
from registry.wallet.controllers import HOLDER, WALLET_ROLES
from registry.wallet.holders import Holder
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.common import Actor
from schemas.errors import GoneError, InvalidInputError, NotFoundError, PermissionDeniedError
from schemas.matching import JobProfileCreate, JobProfileOut, JobProfilePatch, Match, MatchRequest

EMPLOYER = requires_role("employer")


class JobProfileController(Controller):
    """Job profiles: the employer's own, and the published ones for anyone."""

    path = "/api/job-profiles"
    tags = ["matching"]

    @get("/")
    async def list_profiles(
        self,
        db_session: AsyncSession,
        viewer: Actor | None,
        mine: Annotated[bool, Parameter(description="Only your own profiles.")] = False,
    ) -> list[JobProfileOut]:
        """Published job profiles and your own, newest first."""
        return await profiles.list_profiles(db_session, viewer, mine=mine)

    @post("/", guards=[EMPLOYER], opt=api_doc(PermissionDeniedError, InvalidInputError))
    async def create_profile(
        self, db_session: AsyncSession, actor: Actor, data: JobProfileCreate
    ) -> JobProfileOut:
        """Make a job profile (employer); `fromOccupation` starts from an ESCO occupation."""
        return await profiles.create_profile(db_session, actor, data)

    @get("/{profile_id:uuid}", opt=api_doc(NotFoundError))
    async def get_profile(
        self, db_session: AsyncSession, viewer: Actor | None, profile_id: UUID
    ) -> JobProfileOut:
        """One job profile: published, or your own."""
        row = await profiles.visible_profile(db_session, viewer, profile_id)
        return (await profiles.profiles_out(db_session, [row], viewer))[0]

    @patch(
        "/{profile_id:uuid}",
        guards=[EMPLOYER],
        opt=api_doc(PermissionDeniedError, NotFoundError),
    )
    async def patch_profile(
        self, db_session: AsyncSession, actor: Actor, profile_id: UUID, data: JobProfilePatch
    ) -> JobProfileOut:
        """Change your job profile; lists given replace the old ones."""
        return await profiles.patch_profile(db_session, actor, profile_id, data)

    @delete(
        "/{profile_id:uuid}",
        guards=[EMPLOYER],
        opt=api_doc(PermissionDeniedError, NotFoundError),
    )
    async def delete_profile(
        self, db_session: AsyncSession, actor: Actor, profile_id: UUID
    ) -> None:
        """Delete your job profile."""
        await profiles.delete_profile(db_session, actor, profile_id)

    @post(
        "/{profile_id:uuid}/match",
        status_code=200,
        guards=[EMPLOYER],
        opt=api_doc(PermissionDeniedError, NotFoundError, GoneError, InvalidInputError),
    )
    async def match_share(
        self,
        db_session: AsyncSession,
        settings: Settings,
        actor: Actor,
        profile_id: UUID,
        data: MatchRequest,
    ) -> Match:
        """Match a share (its URL, or a share you received) against your job profile."""
        return await match.match_share(db_session, settings, actor, profile_id, data)


class MyMatchController(Controller):
    """The worker's own CV against a published job profile (a coach with consent too)."""

    path = "/api/me/matches"
    tags = ["matching"]
    guards = [WALLET_ROLES]
    dependencies = HOLDER

    @get("/{profile_id:uuid}", opt=api_doc(NotFoundError))
    async def match_my_cv(
        self, db_session: AsyncSession, base_url: str, holder: Holder, profile_id: UUID
    ) -> Match:
        """What fits, what is missing and the route there, for a published job profile."""
        return await match.match_own_cv(db_session, base_url, holder, profile_id)
