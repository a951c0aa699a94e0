"""A provider's own modules at a glance: every lifecycle state, the newest version's title.

Search shows only published modules to everyone; a provider also needs its drafts and
withdrawn modules to manage them.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.models import Module, ModuleVersion, Run
from schemas.common import Actor


class OwnModule(msgspec.Struct, kw_only=True, frozen=True):
    """One of the provider's modules: the title of its newest version and its state."""

    id: UUID
    title: str
    status: str
    published_version: int | None
    draft_version: int | None
    runs: int
    updated_at: dt.datetime


async def own_modules(session: AsyncSession, actor: Actor) -> list[OwnModule]:
    """The provider's modules, most recently changed first."""
    newest = func.coalesce(Module.draft_version, Module.published_version)
    runs = (
        select(func.count())
        .select_from(Run)
        .where(Run.module_id == Module.id, Run.status != "cancelled")
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Module, ModuleVersion.title, runs)
        .join(
            ModuleVersion,
            (ModuleVersion.module_id == Module.id) & (ModuleVersion.number == newest),
        )
        .where(Module.provider_id == actor.provider_id)
        .order_by(Module.updated_at.desc(), ModuleVersion.title)
    )
    return [
        OwnModule(
            id=module.id,
            title=title,
            status=module.status,
            published_version=module.published_version,
            draft_version=module.draft_version,
            runs=count,
            updated_at=module.updated_at,
        )
        for module, title, count in rows.tuples()
    ]


__all__ = ["OwnModule", "own_modules"]
