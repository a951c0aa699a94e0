"""The worker's job pages: published job profiles near me, and for one of them "what do I
still need", with the route of modules and their next runs (`registry.web.job_match`)."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.settings import Settings
from registry.web.job_match import need_page, vacancies_page
from registry.web.pages import AnyRequest, WebUser
from registry.web.worker.pages import own_holder
from schemas.access import requires_role


class WorkerJobPages(Controller):
    """Published job profiles and what the signed-in worker still needs for one."""

    path = "/mijn-cv/vacatures"
    guards = [requires_role("worker")]
    include_in_schema = False

    @get("/")
    async def list_vacancies(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession
    ) -> Template:
        """Published job profiles, near me when I give a postcode start or place."""
        return await vacancies_page(request, db_session, user.actor, "/mijn-cv/vacatures")

    @get("/{profile_id:uuid}")
    async def get_need(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings, profile_id: UUID
    ) -> Template:
        """What I still need for this job, and the route there."""
        holder = await own_holder(request, db_session, settings)
        return await need_page(
            request,
            db_session,
            settings.base_url,
            holder,
            profile_id,
            back="/mijn-cv/vacatures",
            whom=None,
        )
