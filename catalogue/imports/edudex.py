"""EDU-DEX program XML as a catalogue import: a provider's own programs as draft modules.

A program is found again by its programId (`import_origin`), or, for a document we exported
ourselves, by the module id it carries. Its content is compared with what our own export of
the module's current version says: a field EDU-DEX carries the same way keeps the module's
own value (our export is lossy: a level's scheme, a run's price taken from the module), a field
that differs is changed through the module service (a published module gets a new draft
version, as an edit on the API would). So importing our own export changes nothing, and the
same document twice changes nothing the second time. Runs are found by their id within the
program; a run id of another module is refused, as in the ELM import.

EDU-DEX is the source of truth for an imported program's runs (as other directory consumers
treat it): a live run of the module that the program no longer lists is cancelled, never
deleted (credentials and history refer to runs), and a cancelled run stays cancelled.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Final
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.documents import module_document
from catalogue.imports import ImportContext, Tally
from catalogue.imports.edudex_read import Program, ProgramRun, read_program
from catalogue.imports.origins import (
    acting_provider,
    as_uuid,
    convert,
    find_origin,
    import_provider,
    require_org_unit_of,
)
from catalogue.models import LIVE_RUN_STATUSES, ImportOrigin, Module, Provider, Run
from catalogue.modules import ModuleService, load_version, runs_of
from catalogue.postcodes import normal_postcode
from catalogue.xml.edudex import export_edudex_program
from catalogue.xml.safe import parse_xml
from schemas.catalogue import ModuleCreate, ModulePatch, RunCreate
from schemas.common import Actor
from schemas.errors.catalogue import NotModuleOwnerError, RunIdTakenError

SOURCE: Final = "edudex"
# Run ids of a program are the provider's own words; ours are derived from them per module.
RUN_NAMESPACE: Final = UUID("6f0d8c52-5a5e-4c1e-9a43-3b7f0e1d2c61")
# Our field names as EDU-DEX elements, for messages about a value we refuse.
ELEMENTS: Final = {
    "title": "programName",
    "summary": "programSummaryText",
    "description": "programDescriptionText",
    "studyLoadHours": "studyLoad",
    "durationDays": "programDuration",
    "prerequisites": "subjectText admission",
    "priceCents": "cost/amount",
    "credits": "credits",
    "startDate": "startDate",
    "endDate": "endDate",
    "place": "location/city",
    "postcode": "location/zipcode",
    "seats": "maxNumberOfParticipants",
}
# Fields a document sets only on a module it creates (EDU-DEX has no words for ours).
CREATE_ONLY: Final = ("certificate",)


async def import_edudex(context: ImportContext, body: bytes, tally: Tally) -> None:
    """One program document: the provider's module created, updated or left as it is."""
    program = read_program(parse_xml(body, max_bytes=context.max_bytes))
    provider = await import_provider(context, program.org_unit_id)
    await ProgramImport(context.session, context.base_url, context.actor).apply(
        provider, program, tally
    )


class ProgramImport:
    """Programs into one provider's modules, in the caller's transaction."""

    def __init__(self, session: AsyncSession, base_url: str, actor: Actor) -> None:
        self.session = session
        self.base_url = base_url
        self.actor = actor

    async def apply(
        self, provider: Provider, program: Program, tally: Tally, feed_id: UUID | None = None
    ) -> UUID | None:
        """Import one program; the id of its module (None when it was left out)."""
        await require_org_unit_of(self.session, provider, program.org_unit_id)
        for warning in program.warnings:
            tally.warn(warning)
        if not program.in_publication:
            tally.warn(f"program {program.program_id} is not in publication and was left out")
            return None
        service = ModuleService(self.session, self.base_url)
        as_provider = acting_provider(self.actor, provider)
        module = await self._module(provider, program, feed_id)
        where = f"program {program.program_id}"
        if module is None:
            data = convert(program.fields, ModuleCreate, where, ELEMENTS)
            created = await service.create(as_provider, data)
            module = await self.session.get_one(Module, created.id)
            await self._origin(provider, program, module.id, feed_id)
            await self._runs(module, program, {}, tally)
            tally.add("created", "modules")
            return module.id
        if module.status == "withdrawn":
            tally.warn(f"{where}: its module {module.id} is withdrawn and was left as it is")
            return module.id
        rendered = await self._rendered(module)
        changes = {
            name: value
            for name, value in program.fields.items()
            if name not in CREATE_ONLY and value != rendered.fields.get(name)
        }
        if changes:
            await service.patch(as_provider, module.id, convert(changes, ModulePatch, where, {}))
        runs_changed = await self._runs(
            module, program, {r.external_id: r for r in rendered.runs}, tally
        )
        changed = bool(changes) or runs_changed
        tally.add("updated" if changed else "unchanged", "modules")
        return module.id

    async def _module(
        self, provider: Provider, program: Program, feed_id: UUID | None
    ) -> Module | None:
        """The module this program was imported into before, or that our export names."""
        origin = await find_origin(self.session, provider, SOURCE, program.program_id)
        if origin is not None and origin.module_id is not None:
            if feed_id is not None:
                origin.feed_id = feed_id
            return await self.session.get_one(Module, origin.module_id)
        module_id = as_uuid(program.program_id)
        module = None if module_id is None else await self.session.get(Module, module_id)
        if module is None:
            return None
        if module.provider_id != provider.id:
            raise NotModuleOwnerError(f"module {module.id} belongs to another provider")
        await self._origin(provider, program, module.id, feed_id)
        return module

    async def _origin(
        self, provider: Provider, program: Program, module_id: UUID, feed_id: UUID | None
    ) -> None:
        self.session.add(
            ImportOrigin(
                provider_id=provider.id,
                source=SOURCE,
                external_id=program.program_id,
                module_id=module_id,
                feed_id=feed_id,
            )
        )
        await self.session.flush()

    async def _rendered(self, module: Module) -> Program:
        """The module's current version as our export says it, read back the same way."""
        number = module.draft_version or module.published_version
        assert number is not None  # a module always has a version
        version = await load_version(self.session, module.id, number)
        runs = await runs_of(self.session, module.id)
        document = module_document(self.base_url, module, version, runs)
        exported = export_edudex_program(
            document, org_unit_id=module.provider.slug, generated_at=dt.datetime.now(dt.UTC)
        )
        return read_program(parse_xml(exported))

    async def _runs(
        self, module: Module, program: Program, rendered: dict[str, ProgramRun], tally: Tally
    ) -> bool:
        """Create or change the program's runs of `module`, cancel the live ones it no longer
        lists; whether anything changed."""
        changed = False
        listed: set[UUID] = set()
        for item in program.runs:
            run_id = await self._run_id(module, item)
            listed.add(run_id)
            run = await self.session.get(Run, run_id)
            where = f"line {item.line}, run {item.external_id}"
            fields = _values(convert(item.fields, RunCreate, where, ELEMENTS))
            if run is None:
                run = Run(id=run_id, module_id=module.id, **fields)
                run.postcode = normal_postcode(run.postcode)
                self.session.add(run)
                changed = True
                continue
            if run.status == "cancelled" and fields["status"] != "cancelled":
                # As on the API (`catalogue.runs.patch_run`): a cancellation is final.
                tally.warn(f"{where}: the run was cancelled and stays cancelled")
                fields["status"] = "cancelled"
            before = rendered.get(str(run.id))
            for name, value in fields.items():
                if before is None or before.fields.get(name) != value:
                    stored = normal_postcode(value) if name == "postcode" else value
                    if getattr(run, name) != stored:
                        setattr(run, name, stored)
                        changed = True
        cancelled = await self._cancel_unlisted(module, program, listed, tally)
        await self.session.flush()
        return changed or cancelled

    async def _cancel_unlisted(
        self, module: Module, program: Program, listed: set[UUID], tally: Tally
    ) -> bool:
        """Cancel the module's live runs the program does not list (a run it lists but we
        left out, e.g. one abroad, is not ours to show either); whether there were any.

        EDU-DEX is the source of truth for an imported program's runs, as other directory
        consumers treat it: a run the provider added by hand through the API to a module
        that comes from EDU-DEX is cancelled too at the next import. Keeping it would make
        the module show runs its provider's own source does not know; a provider who wants
        the run kept adds it to its EDU-DEX program. Full and cancelled runs are left alone."""
        runs = await self.session.scalars(
            select(Run)
            .where(Run.module_id == module.id, Run.status.in_(LIVE_RUN_STATUSES))
            .order_by(Run.start_date, Run.place)
        )
        unlisted = [run for run in runs if run.id not in listed]
        for run in unlisted:
            run.status = "cancelled"
            tally.warn(
                f"program {program.program_id}: run {run.id} ({run.place}, {run.start_date}) "
                "is no longer listed and was cancelled"
            )
        return bool(unlisted)

    async def _run_id(self, module: Module, item: ProgramRun) -> UUID:
        """Our id for a run of the program: the one our export wrote, else derived from the
        program's own run id, so the next import finds it again."""
        given = as_uuid(item.external_id)
        if given is not None:
            owner = await self.session.scalar(select(Run.module_id).where(Run.id == given))
            if owner == module.id:
                return given
            if owner is not None:
                raise RunIdTakenError(f"run {given} belongs to another module")
        return uuid.uuid5(RUN_NAMESPACE, f"{module.id}/{item.external_id}")


def _values(data: RunCreate) -> dict[str, Any]:
    return {name: getattr(data, name) for name in data.__struct_fields__}
