"""The coach's pages: the workers who gave this coach consent, and for one of them the
published job profiles and what they still need (the worker's own pages, read through the
consent: `registry.wallet.holders.holder_context`)."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, get
from litestar.response import Template
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import Account, Consent
from registry.settings import Settings
from registry.wallet.holders import Holder, holder_context
from registry.web.job_match import need_page, vacancies_page
from registry.web.pages import AnyRequest, WebUser, page
from schemas.access import requires_role
from schemas.errors import DomainError


class CoachPages(Controller):
    """The coach area."""

    path = "/coach"
    guards = [requires_role("coach")]
    include_in_schema = False

    @get("/")
    async def list_workers(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession
    ) -> Template:
        """The workers whose live consent this coach has."""
        rows = await db_session.execute(
            select(Account.id, Account.name)
            .join(Consent, Consent.worker_account_id == Account.id)
            .where(
                Consent.coach_account_id == user.actor.account_id, Consent.withdrawn_at.is_(None)
            )
            .order_by(Account.name)
        )
        workers = [{"id": worker_id, "name": name} for worker_id, name in rows]
        return page(request, "coach/home.html", workers=workers)

    @get("/{worker_id:uuid}/vacatures")
    async def list_vacancies(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        worker_id: UUID,
    ) -> Template:
        """Published job profiles, for a worker who gave consent."""
        holder = await _consented(db_session, user, settings, worker_id)
        if holder is None:
            return page(request, "coach/no_consent.html", status_code=403)
        return await vacancies_page(
            request,
            db_session,
            user.actor,
            f"/coach/{worker_id}/vacatures",
            whom=holder.wallet.name,
        )

    @get("/{worker_id:uuid}/vacatures/{profile_id:uuid}")
    async def get_need(
        self,
        request: AnyRequest,
        user: WebUser,
        db_session: AsyncSession,
        settings: Settings,
        worker_id: UUID,
        profile_id: UUID,
    ) -> Template:
        """What the worker still needs for this job, and the route there."""
        holder = await _consented(db_session, user, settings, worker_id)
        if holder is None:
            return page(request, "coach/no_consent.html", status_code=403)
        return await need_page(
            request,
            db_session,
            settings.base_url,
            holder,
            profile_id,
            back=f"/coach/{worker_id}/vacatures",
            whom=holder.wallet.name,
        )


async def _consented(
    db_session: AsyncSession, user: WebUser, settings: Settings, worker_id: UUID
) -> Holder | None:
    """The worker's wallet as this coach may read it, or None without a live consent."""
    try:
        return await holder_context(db_session, user.actor, worker_id, settings.secret_key)
    except DomainError:
        return None
