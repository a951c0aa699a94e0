"""The operator's pages (`/beheer`): the start page, the competence frameworks with their
competences, and the ESCO occupations with their skills. The import page is
`registry.web.operator.imports`. Everything is read through the catalogue's own services, as
the API reads it."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, get
from litestar.params import Parameter
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import public
from registry.web.pages import AnyRequest, page
from schemas.access import requires_role
from schemas.common import SLUG_PATTERN

HOME = "/beheer"
# Competences and occupations shown a page.
PAGE_SIZE = 50
Query = Annotated[str | None, Parameter(query="q", max_length=200)]
PageNumber = Annotated[int, Parameter(query="pagina", ge=1, le=1000)]


class OperatorPages(Controller):
    """The operator's start page, frameworks and occupations."""

    path = HOME
    guards = [requires_role("operator")]
    include_in_schema = False

    @get("/")
    async def get_home(self, request: AnyRequest) -> Template:
        """What the operator can do here."""
        return page(request, "operator/home.html")

    @get("/kaders")
    async def get_frameworks(self, request: AnyRequest, db_session: AsyncSession) -> Template:
        """Every competence framework with how many competences it has."""
        frameworks = await public.list_frameworks(db_session)
        sizes = {
            framework.slug: (
                await public.list_competences(
                    db_session, q=None, framework=framework.slug, limit=1, offset=0
                )
            ).total
            for framework in frameworks
        }
        return page(request, "operator/frameworks.html", frameworks=frameworks, sizes=sizes)

    @get("/kaders/{slug:str}")
    async def get_framework(
        self,
        request: AnyRequest,
        db_session: AsyncSession,
        slug: Annotated[str, Parameter(pattern=SLUG_PATTERN)],
        q: Query = None,
        number: PageNumber = 1,
    ) -> Template:
        """One framework: its tree (nodes with their competences) where it has one and no
        search is asked, else its competences as a list, searchable, a page at a time."""
        framework = await public.framework_detail(db_session, slug)
        found = await public.list_competences(
            db_session,
            q=q or None,
            framework=framework.slug,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )
        return page(
            request,
            "operator/framework.html",
            framework=framework,
            tree=bool(framework.nodes) and not q,
            found=found,
            q=q or "",
            number=number,
            pages=max(1, -(-found.total // PAGE_SIZE)),
        )

    @get("/beroepen")
    async def get_occupations(
        self, request: AnyRequest, db_session: AsyncSession, q: Query = None, number: PageNumber = 1
    ) -> Template:
        """Search ESCO occupations in Dutch (English and alternative labels too)."""
        found = await public.search_occupations(
            db_session, q=q, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
        )
        return page(
            request,
            "operator/occupations.html",
            found=found,
            q=q or "",
            number=number,
            pages=max(1, -(-found.total // PAGE_SIZE)),
        )

    @get("/beroepen/{occupation_id:uuid}")
    async def get_occupation(
        self, request: AnyRequest, db_session: AsyncSession, occupation_id: UUID
    ) -> Template:
        """One occupation with its essential and optional skills."""
        occupation = await public.get_occupation(db_session, occupation_id)
        return page(request, "operator/occupation.html", occupation=occupation)
