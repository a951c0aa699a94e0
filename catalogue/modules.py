"""Modules and their versions: draft -> published -> withdrawn; published versions never change."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import search
from catalogue.access import may_see_drafts, require_provider_of
from catalogue.competences import competences_by_uri
from catalogue.documents import module_document
from catalogue.models import (
    Module,
    ModuleVersion,
    ModuleVersionCompetence,
    Qualification,
    QualificationGroup,
    QualificationGroupModule,
    Run,
)
from schemas.catalogue import (
    CompetenceRef,
    ModuleCreate,
    ModuleDocument,
    ModuleOut,
    ModulePatch,
    QualificationRef,
)
from schemas.common import Actor
from schemas.errors.catalogue import (
    DuplicateCompetenceError,
    ModuleWithdrawnError,
    NoSuchModuleError,
    NothingToPublishError,
    NotPublishedError,
    VersionNotFoundError,
)

# Fields copied one to one between ModuleCreate/ModulePatch and ModuleVersion.
PLAIN_FIELDS = (
    "title",
    "summary",
    "description",
    "language",
    "study_load_hours",
    "duration_days",
    "delivery_mode",
    "prerequisites",
    "sectors",
    "certificate",
    "price_cents",
)
# Everything a new draft copies from the published version it starts from.
CONTENT_FIELDS = (*PLAIN_FIELDS, "level_scheme", "level_value", "credit_value", "credit_system")


async def load_module(
    session: AsyncSession, module_id: UUID, *, for_update: bool = False
) -> Module:
    query = select(Module).where(Module.id == module_id)
    if for_update:
        # Lock the module row only (PostgreSQL refuses FOR UPDATE across the provider join).
        query = query.with_for_update(of=Module)
    module = await session.scalar(query)
    if module is None:
        raise NoSuchModuleError(f"no module {module_id}")
    return module


async def load_version(session: AsyncSession, module_id: UUID, number: int) -> ModuleVersion:
    version = await session.scalar(
        select(ModuleVersion).where(
            ModuleVersion.module_id == module_id, ModuleVersion.number == number
        )
    )
    if version is None:
        raise VersionNotFoundError(f"module {module_id} has no version {number}")
    return version


async def runs_of(session: AsyncSession, module_id: UUID) -> list[Run]:
    rows = await session.scalars(
        select(Run).where(Run.module_id == module_id).order_by(Run.start_date, Run.place)
    )
    return list(rows)


async def set_competences(
    session: AsyncSession, version: ModuleVersion, refs: list[CompetenceRef]
) -> None:
    """Snapshot label, code and framework version of each competence into the version."""
    if len({r.uri for r in refs}) != len(refs):
        raise DuplicateCompetenceError("a competence is listed twice")
    known = await competences_by_uri(session, [r.uri for r in refs])
    if version.competences:
        # Delete the old rows first: a competence kept in the new list would otherwise be
        # inserted again before its old row is deleted (unique per version).
        version.competences = []
        await session.flush()
    version.competences = [
        ModuleVersionCompetence(
            competence_id=known[ref.uri].id,
            position=position,
            level=ref.level,
            uri=ref.uri,
            code=known[ref.uri].code,
            labels=dict(known[ref.uri].labels),
            label=known[ref.uri].label,
            framework=known[ref.uri].framework.slug,
            framework_version=known[ref.uri].framework.version,
        )
        for position, ref in enumerate(refs)
    ]


def apply_fields(version: ModuleVersion, data: ModuleCreate | ModulePatch) -> None:
    """Copy the given fields of a create or patch body onto a version."""
    for name in PLAIN_FIELDS:
        value = getattr(data, name)
        if value is not msgspec.UNSET:
            setattr(version, name, list(value) if name == "sectors" else value)
    if data.level is not msgspec.UNSET:
        version.level_scheme = data.level.scheme if data.level else None
        version.level_value = data.level.value if data.level else None
    if data.credits is not msgspec.UNSET:
        version.credit_value = data.credits.value if data.credits else None
        version.credit_system = data.credits.system if data.credits else None


class ModuleService:
    """Module lifecycle for one request: a session and the public base URL."""

    def __init__(self, session: AsyncSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url

    async def create(self, actor: Actor, data: ModuleCreate) -> ModuleOut:
        """A provider creates a module; it starts as draft version 1."""
        assert actor.provider_id is not None  # provider accounts always have one
        module = Module(provider_id=actor.provider_id, status="draft", draft_version=1)
        self.session.add(module)
        await self.session.flush()
        version = ModuleVersion(module_id=module.id, number=1)
        apply_fields(version, data)
        await set_competences(self.session, version, data.competences)
        self.session.add(version)
        await self.session.flush()
        return await self.view(actor, module.id)

    async def view(self, viewer: Actor | None, module_id: UUID) -> ModuleOut:
        """A module as the viewer may see it: drafts only for its provider and the operator."""
        module = await load_module(self.session, module_id)
        sees_drafts = may_see_drafts(viewer, module.provider_id)
        if module.published_version is None and not sees_drafts:
            raise NoSuchModuleError(f"no module {module_id}")
        number = module.published_version
        if sees_drafts and module.draft_version is not None:
            number = module.draft_version
        assert number is not None
        version = await load_version(self.session, module.id, number)
        document = module_document(
            self.base_url, module, version, await runs_of(self.session, module.id)
        )
        return ModuleOut(
            id=module.id,
            status=module.status,  # type: ignore[arg-type]
            published_version=module.published_version,
            draft_version=module.draft_version if sees_drafts else None,
            current=document,
            qualifications=await self._qualifications(module.id),
        )

    async def version(self, viewer: Actor | None, module_id: UUID, number: int) -> ModuleDocument:
        """One exact version; published ones are public forever, also after withdrawal."""
        module = await load_module(self.session, module_id)
        version = await load_version(self.session, module_id, number)
        if version.published_at is None and not may_see_drafts(viewer, module.provider_id):
            raise VersionNotFoundError(f"module {module_id} has no version {number}")
        return module_document(
            self.base_url, module, version, await runs_of(self.session, module.id)
        )

    async def patch(self, actor: Actor, module_id: UUID, data: ModulePatch) -> ModuleOut:
        """Edit the draft; editing a published module first copies it into a new draft version."""
        module = await load_module(self.session, module_id, for_update=True)
        require_provider_of(actor, module.provider_id)
        if module.status == "withdrawn":
            raise ModuleWithdrawnError("a withdrawn module cannot be edited")
        if module.draft_version is None:
            assert module.published_version is not None
            source = await load_version(self.session, module.id, module.published_version)
            draft = self._copy(source, module.published_version + 1)
            self.session.add(draft)
            module.draft_version = draft.number
        else:
            draft = await load_version(self.session, module.id, module.draft_version)
        apply_fields(draft, data)
        if data.competences is not msgspec.UNSET:
            await set_competences(self.session, draft, data.competences)
        await self.session.flush()
        return await self.view(actor, module.id)

    def _copy(self, source: ModuleVersion, number: int) -> ModuleVersion:
        copy = ModuleVersion(module_id=source.module_id, number=number)
        for name in CONTENT_FIELDS:
            setattr(copy, name, getattr(source, name))
        copy.competences = [
            ModuleVersionCompetence(
                competence_id=c.competence_id,
                position=c.position,
                level=c.level,
                uri=c.uri,
                code=c.code,
                labels=dict(c.labels),
                label=c.label,
                framework=c.framework,
                framework_version=c.framework_version,
            )
            for c in source.competences
        ]
        return copy

    async def publish(self, actor: Actor, module_id: UUID) -> ModuleOut:
        """Freeze the draft as the new published version and put it in search."""
        module = await load_module(self.session, module_id, for_update=True)
        require_provider_of(actor, module.provider_id)
        if module.draft_version is None:
            raise NothingToPublishError("there is no draft to publish")
        version = await load_version(self.session, module.id, module.draft_version)
        version.published_at = dt.datetime.now(dt.UTC)
        module.published_version = version.number
        module.draft_version = None
        module.status = "published"
        await self.session.flush()
        await search.index_module(self.session, module, version)
        return await self.view(actor, module.id)

    async def withdraw(self, actor: Actor, module_id: UUID) -> ModuleOut:
        """Take a module out of the catalogue; its versions stay resolvable by URL."""
        module = await load_module(self.session, module_id, for_update=True)
        require_provider_of(actor, module.provider_id)
        if module.status != "published":
            raise NotPublishedError("only a published module can be withdrawn")
        module.status = "withdrawn"
        await self.session.flush()
        await search.unindex_module(self.session, module.id)
        return await self.view(actor, module.id)

    async def _qualifications(self, module_id: UUID) -> list[QualificationRef]:
        rows = await self.session.execute(
            select(Qualification.id, Qualification.code, Qualification.title)
            .join(QualificationGroup, QualificationGroup.qualification_id == Qualification.id)
            .join(
                QualificationGroupModule, QualificationGroupModule.group_id == QualificationGroup.id
            )
            .where(QualificationGroupModule.module_id == module_id)
            .distinct()
            .order_by(Qualification.title)
        )
        return [QualificationRef(id=i, code=c, title=t) for i, c, t in rows]
