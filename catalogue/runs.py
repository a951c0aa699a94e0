"""Runs (offerings) of a module. A change, such as a cancellation, is visible at once everywhere."""

from __future__ import annotations

from uuid import UUID

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.access import may_see_drafts, require_provider_of
from catalogue.documents import run_doc
from catalogue.models import Run
from catalogue.modules import load_module, runs_of
from catalogue.postcodes import normal_postcode
from schemas.catalogue import RunCreate, RunDocument, RunPatch
from schemas.common import Actor
from schemas.errors.catalogue import (
    InvalidDatesError,
    ModuleWithdrawnError,
    NoSuchModuleError,
    RunCancelledError,
    RunNotFoundError,
)


async def create_run(
    session: AsyncSession, actor: Actor, module_id: UUID, data: RunCreate
) -> RunDocument:
    """Add an offering to one of the provider's own modules."""
    module = await load_module(session, module_id)
    require_provider_of(actor, module.provider_id)
    if module.status == "withdrawn":
        raise ModuleWithdrawnError("a withdrawn module gets no new runs")
    run = Run(module_id=module.id, **msgspec.structs.asdict(data))
    run.postcode = normal_postcode(run.postcode)
    session.add(run)
    await session.flush()
    return run_doc(run)


async def list_runs(
    session: AsyncSession, viewer: Actor | None, module_id: UUID
) -> list[RunDocument]:
    module = await load_module(session, module_id)
    if module.published_version is None and not may_see_drafts(viewer, module.provider_id):
        raise NoSuchModuleError(f"no module {module_id}")
    return [run_doc(r) for r in await runs_of(session, module.id)]


async def patch_run(
    session: AsyncSession, actor: Actor, module_id: UUID, run_id: UUID, data: RunPatch
) -> RunDocument:
    """Change a run; a cancelled run stays cancelled."""
    module = await load_module(session, module_id)
    require_provider_of(actor, module.provider_id)
    run = await session.scalar(select(Run).where(Run.id == run_id, Run.module_id == module.id))
    if run is None:
        raise RunNotFoundError(f"module {module_id} has no run {run_id}")
    if run.status == "cancelled" and data.status not in (msgspec.UNSET, "cancelled"):
        raise RunCancelledError("a cancelled run cannot be reopened")
    for name, value in msgspec.structs.asdict(data).items():
        if value is not msgspec.UNSET:
            setattr(run, name, value)
    run.postcode = normal_postcode(run.postcode)
    if run.end_date < run.start_date:
        raise InvalidDatesError("endDate is before startDate")
    await session.flush()
    return run_doc(run)
