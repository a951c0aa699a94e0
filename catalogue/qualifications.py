"""Qualifications composed of modules (required modules plus optional "at least N of" groups)
and of required competences (e.g. the werkprocessen of an mbo qualification)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.competences import competences_by_uri
from catalogue.documents import level_doc
from catalogue.models import (
    Competence,
    CompetenceFramework,
    Module,
    ModuleVersion,
    Qualification,
    QualificationCompetence,
    QualificationGroup,
    QualificationGroupModule,
)
from catalogue.urls import module_url, qualification_url
from schemas.catalogue import (
    QualificationCompetenceOut,
    QualificationCreate,
    QualificationGroupOut,
    QualificationList,
    QualificationModule,
    QualificationOut,
)
from schemas.common import Actor
from schemas.errors.catalogue import (
    DuplicateCompetenceError,
    DuplicateModuleError,
    QualificationExistsError,
    QualificationNotFoundError,
    UnknownModuleError,
)


class QualificationService:
    """Qualifications for one request."""

    def __init__(self, session: AsyncSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url

    async def create(self, actor: Actor, data: QualificationCreate) -> QualificationOut:
        """The operator or a provider defines a qualification from published modules."""
        if await self.session.scalar(
            select(Qualification.id).where(Qualification.code == data.code)
        ):
            raise QualificationExistsError(f"qualification {data.code!r} exists")
        groups = [("Verplichte modules", True, len(data.required_modules), data.required_modules)]
        groups += [(g.title, False, g.min_count, g.modules) for g in data.optional_groups]
        all_ids = [m for *_, ids in groups for m in ids]
        if len(set(all_ids)) != len(all_ids):
            raise DuplicateModuleError("a module appears twice in the qualification")
        await self._check_modules(all_ids)
        if len(set(data.required_competences)) != len(data.required_competences):
            raise DuplicateCompetenceError("a competence appears twice in the qualification")
        competences = await competences_by_uri(self.session, data.required_competences)
        qualification = Qualification(
            code=data.code,
            title=data.title,
            description=data.description,
            level_scheme=data.level.scheme if data.level else None,
            level_value=data.level.value if data.level else None,
            sector=data.sector,
            owner_provider_id=actor.provider_id,
            groups=[
                QualificationGroup(
                    position=pos,
                    title=title,
                    required=required,
                    min_count=min_count,
                    members=[
                        QualificationGroupModule(module_id=m, position=i) for i, m in enumerate(ids)
                    ],
                )
                for pos, (title, required, min_count, ids) in enumerate(groups)
                if ids
            ],
            competences=[
                QualificationCompetence(competence_id=competences[uri].id, position=i)
                for i, uri in enumerate(data.required_competences)
            ],
        )
        self.session.add(qualification)
        await self.session.flush()
        return await self.get(qualification.id)

    async def _check_modules(self, ids: list[UUID]) -> None:
        published = set(
            await self.session.scalars(
                select(Module.id).where(Module.id.in_(ids), Module.published_version.is_not(None))
            )
        )
        missing = [m for m in ids if m not in published]
        if missing:
            raise UnknownModuleError(f"module {missing[0]} does not exist or is not published")

    async def get(self, qualification_id: UUID) -> QualificationOut:
        qualification = await self.session.scalar(
            select(Qualification).where(Qualification.id == qualification_id)
        )
        if qualification is None:
            raise QualificationNotFoundError(f"no qualification {qualification_id}")
        return (await self._outs([qualification]))[0]

    async def page(self, *, limit: int, offset: int) -> QualificationList:
        total = await self.session.scalar(select(func.count(Qualification.id))) or 0
        rows = list(
            await self.session.scalars(
                select(Qualification).order_by(Qualification.title).limit(limit).offset(offset)
            )
        )
        return QualificationList(
            items=await self._outs(rows), total=total, limit=limit, offset=offset
        )

    async def _outs(self, qualifications: list[Qualification]) -> list[QualificationOut]:
        module_ids = {m.module_id for q in qualifications for g in q.groups for m in g.members}
        modules = await self._module_summaries(module_ids)
        competences = await self._competence_summaries(
            {c.competence_id for q in qualifications for c in q.competences}
        )
        frameworks = await self._framework_slugs({q.framework_id for q in qualifications})
        return [
            QualificationOut(
                id=q.id,
                code=q.code,
                title=q.title,
                description=q.description,
                level=level_doc(q.level_scheme, q.level_value),
                sector=q.sector,
                url=qualification_url(self.base_url, q.id),
                groups=[
                    QualificationGroupOut(
                        title=g.title,
                        required=g.required,
                        min_count=g.min_count,
                        # A module never published (a draft an import made) is not shown.
                        modules=[modules[m.module_id] for m in g.members if m.module_id in modules],
                    )
                    for g in q.groups
                ],
                competences=[competences[c.competence_id] for c in q.competences],
                study_load_hours=q.study_load_hours,
                framework=frameworks.get(q.framework_id) if q.framework_id else None,
            )
            for q in qualifications
        ]

    async def _competence_summaries(self, ids: set[UUID]) -> dict[UUID, QualificationCompetenceOut]:
        """What a qualification shows of each competence it requires."""
        if not ids:
            return {}
        rows = await self.session.scalars(select(Competence).where(Competence.id.in_(ids)))
        return {
            c.id: QualificationCompetenceOut(
                id=c.id,
                uri=c.uri,
                code=c.code,
                label=c.label,
                framework=c.framework.slug,
                framework_version=c.framework.version,
            )
            for c in rows
        }

    async def _framework_slugs(self, ids: set[UUID | None]) -> dict[UUID, str]:
        wanted = [i for i in ids if i is not None]
        if not wanted:
            return {}
        rows = await self.session.execute(
            select(CompetenceFramework.id, CompetenceFramework.slug).where(
                CompetenceFramework.id.in_(wanted)
            )
        )
        return dict(rows.tuples().all())

    async def _module_summaries(self, ids: set[UUID]) -> dict[UUID, QualificationModule]:
        """Title and provider of each module's published version."""
        if not ids:
            return {}
        rows = await self.session.execute(
            select(Module, ModuleVersion.title)
            .join(
                ModuleVersion,
                (ModuleVersion.module_id == Module.id)
                & (ModuleVersion.number == Module.published_version),
            )
            .where(Module.id.in_(ids))
        )
        return {
            module.id: QualificationModule(
                id=module.id,
                title=title,
                provider=module.provider.name,
                status=module.status,
                url=module_url(self.base_url, module.id),
            )
            for module, title in rows
        }
