"""The provider pages under /aanbieder: a dashboard, modules and their runs, issuing to one
learner or a cohort, and following up issued credentials.

The handlers live in mixins per subject (provider_modules, provider_runs, provider_issue,
provider_cohort) so that each file stays small; this controller puts them under one path.
"""

from __future__ import annotations

from litestar import Controller, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import own_modules
from registry.issuing.issued import issued_by
from registry.web.pages import AnyRequest, WebUser, page
from registry.web.provider.cohort import CohortPages
from registry.web.provider.issue import IssuePages
from registry.web.provider.modules import ModulePages
from registry.web.provider.runs import RunPages
from schemas.access import requires_role

RECENT = 5


class ProviderPages(ModulePages, RunPages, IssuePages, CohortPages, Controller):
    """Pages for a training provider's account (role "provider")."""

    path = "/aanbieder"
    guards = [requires_role("provider")]
    include_in_schema = False

    @get("/")
    async def get_dashboard(
        self, request: AnyRequest, user: WebUser, db_session: AsyncSession
    ) -> Template:
        """Show the provider's modules and the credentials it issued last."""
        modules = await own_modules(db_session, user.actor)
        recent = await issued_by(db_session, user.actor, limit=RECENT)
        return page(
            request,
            "provider/dashboard.html",
            modules=modules,
            recent=recent.items,
            issued_total=recent.total,
        )
