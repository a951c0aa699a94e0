"""HTTP: ESCO occupations, searched in Dutch, and one with its essential and optional skills.
Public, like the competences they point to; only the operator imports them
(`POST /api/catalogue/import?format=esco-occupations|esco-occupation-skills`)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, get
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import occupations
from schemas.api_doc import api_doc
from schemas.errors import NotFoundError
from schemas.occupations import OccupationDetail, OccupationList


class OccupationController(Controller):
    """ESCO occupations."""

    path = "/api/catalogue/occupations"
    tags = ["catalogue"]

    @get("/")
    async def list_occupations(
        self,
        db_session: AsyncSession,
        q: Annotated[str | None, Parameter(max_length=200)] = None,
        limit: Annotated[int, Parameter(ge=1, le=100)] = 20,
        offset: Annotated[int, Parameter(ge=0, le=100_000)] = 0,
    ) -> OccupationList:
        """Search occupations by every word of `q` in any label, Dutch or English, alternative
        labels too; those whose Dutch name starts with `q` come first."""
        return await occupations.search_occupations(db_session, q=q, limit=limit, offset=offset)

    @get("/{occupation_id:uuid}", opt=api_doc(NotFoundError))
    async def get_occupation(
        self, db_session: AsyncSession, occupation_id: UUID
    ) -> OccupationDetail:
        """One occupation with its essential and optional skills."""
        return await occupations.get_occupation(db_session, occupation_id)
