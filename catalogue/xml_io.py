"""Catalogue import and export as XML: ELM LOQ both ways, EDU-DEX program out.

An import is all-or-nothing (the request's one transaction) and keyed by our module and run
ids, so importing our own export again changes nothing (every module `unchanged`), importing
it into an empty registry recreates the same modules at the same version numbers, and an
export older than the module's current version cannot publish its old content again.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from uuid import UUID

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import competences, search
from catalogue.access import require_provider_of
from catalogue.documents import module_document
from catalogue.models import Competence, CompetenceFramework, Module, ModuleVersion, Provider, Run
from catalogue.modules import CONTENT_FIELDS, apply_fields, load_version, runs_of, set_competences
from catalogue.postcodes import normal_postcode
from catalogue.qualifications import QualificationService
from catalogue.xml.edudex import export_edudex_program
from catalogue.xml.elm import ImportedFramework, ImportedModule, export_loq, import_loq
from catalogue.xml.safe import parse_xml
from schemas.catalogue import CompetenceCreate, ModuleDocument, ModuleImportResult
from schemas.common import Actor
from schemas.errors.catalogue import (
    NoSuchModuleError,
    NotModuleOwnerError,
    RunIdTakenError,
    StaleImportError,
    UnknownProviderError,
)

# What an import did to one module of the document.
Outcome = Literal["created", "updated", "unchanged"]

# Competences whose document names no framework land here.
UNNAMED_FRAMEWORK = "imported"


class CatalogueXml:
    """XML in and out for one request."""

    def __init__(self, session: AsyncSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url

    async def published_documents(
        self, module_ids: list[UUID] | None = None
    ) -> list[ModuleDocument]:
        """The current published version of every module in the catalogue (or of these)."""
        query = select(Module).where(Module.status == "published").order_by(Module.created_at)
        if module_ids is not None:
            query = query.where(Module.id.in_(module_ids))
        documents = []
        for module in await self.session.scalars(query):
            assert module.published_version is not None
            version = await load_version(self.session, module.id, module.published_version)
            runs = await runs_of(self.session, module.id)
            documents.append(module_document(self.base_url, module, version, runs))
        return documents

    async def export_elm(self, module_id: UUID | None = None) -> bytes:
        """The whole published catalogue, with its qualifications, as ELM LOQ XML; or one
        published module (without qualifications: each is made of several modules)."""
        frameworks = {f.slug: f for f in await competences.list_frameworks(self.session)}
        if module_id is not None:
            return export_loq([await self._published(module_id)], frameworks=frameworks)
        qualifications = await QualificationService(self.session, self.base_url).page(
            limit=10_000, offset=0
        )
        return export_loq(
            await self.published_documents(), qualifications.items, frameworks=frameworks
        )

    async def _published(self, module_id: UUID) -> ModuleDocument:
        """One published module, or 404 (for every export format alike)."""
        documents = await self.published_documents([module_id])
        if not documents:
            raise NoSuchModuleError(f"no published module {module_id}")
        return documents[0]

    async def export_edudex(self, module_id: UUID) -> bytes:
        """One published module as an EDU-DEX program document."""
        document = await self._published(module_id)
        return export_edudex_program(
            document, org_unit_id=document.provider.slug, generated_at=dt.datetime.now(dt.UTC)
        )

    async def import_elm(self, actor: Actor, data: bytes, *, max_bytes: int) -> ModuleImportResult:
        """Create or update modules from an ELM LOQ document; all or nothing. A module whose
        content and runs are those already in the catalogue is left as it is (`unchanged`)."""
        imported = import_loq(parse_xml(data, max_bytes=max_bytes))
        providers = await self._providers(actor, imported)
        await self._competences(imported)
        outcomes = [await self._module(providers[i.provider.slug], i) for i in imported]
        return ModuleImportResult(
            created=outcomes.count("created"),
            updated=outcomes.count("updated"),
            unchanged=outcomes.count("unchanged"),
        )

    async def _providers(self, actor: Actor, imported: list[ImportedModule]) -> dict[str, Provider]:
        """Every provider named must exist; a provider imports only its own modules."""
        providers: dict[str, Provider] = {}
        for slug in {i.provider.slug for i in imported}:
            provider = await self.session.scalar(select(Provider).where(Provider.slug == slug))
            if provider is None:
                raise UnknownProviderError(f"unknown provider {slug!r}")
            if not actor.is_operator:
                require_provider_of(actor, provider.id)
            providers[slug] = provider
        return providers

    async def _competences(self, imported: list[ImportedModule]) -> None:
        """Create the frameworks and competences the document names and we do not know."""
        frameworks: dict[str, ImportedFramework] = {}
        items: dict[str, CompetenceCreate] = {}
        for c in (c for module in imported for c in module.competences):
            framework = c.framework or ImportedFramework(slug=UNNAMED_FRAMEWORK)
            frameworks.setdefault(framework.slug, framework)
            items[c.uri] = CompetenceCreate(
                framework=framework.slug, uri=c.uri, code=c.code, labels=c.labels
            )
        for framework in frameworks.values():
            await self._ensure_framework(framework)
        known = set(
            await self.session.scalars(select(Competence.uri).where(Competence.uri.in_(items)))
        )
        await competences.save_competences(
            self.session, [item for uri, item in items.items() if uri not in known]
        )

    async def _ensure_framework(self, framework: ImportedFramework) -> None:
        found = await self.session.scalar(
            select(CompetenceFramework.id).where(CompetenceFramework.slug == framework.slug)
        )
        if found is None:
            self.session.add(
                CompetenceFramework(
                    slug=framework.slug,
                    name=framework.name or framework.slug,
                    uri=framework.uri or f"urn:framework:{framework.slug}",
                    version=framework.version or "unknown",
                )
            )
            await self.session.flush()

    async def _module(self, provider: Provider, item: ImportedModule) -> Outcome:
        """Create the module, or give it a new published version if its content changed."""
        module = None
        if item.id is not None:
            module = await self.session.scalar(select(Module).where(Module.id == item.id))
        if module is not None and module.provider_id != provider.id:
            raise NotModuleOwnerError(f"module {item.id} belongs to another provider")
        if module is None:
            module = Module(provider_id=provider.id, status="published", provider=provider)
            if item.id is not None:
                module.id = item.id
            self.session.add(module)
            await self.session.flush()
            await self._publish(module, item, item.version or 1)
            await self._runs(module, item)
            return "created"
        changed = await self._changed(module, item)
        if changed:
            _refuse_stale(module, item)
            # After the newest version there is, draft or published (its number is taken).
            newest = max(module.published_version or 0, module.draft_version or 0)
            await self._publish(module, item, newest + 1)
        runs_changed = await self._runs(module, item)
        return "updated" if changed or runs_changed else "unchanged"

    async def _changed(self, module: Module, item: ImportedModule) -> bool:
        if module.published_version is None:
            return True  # a module never published: the document's content is news
        current = await load_version(self.session, module.id, module.published_version)
        probe = ModuleVersion()
        apply_fields(probe, item.module)
        same_fields = all(getattr(probe, f) == getattr(current, f) for f in CONTENT_FIELDS)
        same_competences = [(c.uri, c.level) for c in current.competences] == [
            (c.uri, c.level) for c in item.module.competences
        ]
        return not (same_fields and same_competences and module.status == "published")

    async def _publish(self, module: Module, item: ImportedModule, number: int) -> None:
        version = ModuleVersion(module_id=module.id, number=number)
        apply_fields(version, item.module)
        await set_competences(self.session, version, item.module.competences)
        version.published_at = dt.datetime.now(dt.UTC)
        self.session.add(version)
        module.published_version = number
        module.draft_version = None
        module.status = "published"
        await self.session.flush()
        await search.index_module(self.session, module, version)

    async def _runs(self, module: Module, item: ImportedModule) -> bool:
        """Create or update the document's runs of this module; whether anything changed.

        A run id is the run's for good: one that names a run of another module (of this
        provider or another) is a conflict, never a second run with the same id."""
        existing = {r.id: r for r in await runs_of(self.session, module.id)}
        changed = False
        for imported in item.runs:
            run = existing.get(imported.id) if imported.id else None
            taken = run is None and imported.id is not None
            if taken and await self.session.get(Run, imported.id) is not None:
                raise RunIdTakenError(f"run {imported.id} belongs to another module")
            if run is None:
                run = Run(module_id=module.id)
                if imported.id is not None:
                    run.id = imported.id
                    existing[imported.id] = run
                self.session.add(run)
            values = msgspec.structs.asdict(imported.run)
            values["postcode"] = normal_postcode(values["postcode"])
            for name, value in values.items():
                if getattr(run, name, None) != value:
                    setattr(run, name, value)
                    changed = True
        await self.session.flush()
        return changed


def _refuse_stale(module: Module, item: ImportedModule) -> None:
    """A document exported from an older version, with content other than the current
    version's, would publish that old content again over the newer version: refused. (One
    whose content equals the current version changes nothing and is not refused.)"""
    current = module.published_version
    if item.version is not None and current is not None and item.version < current:
        raise StaleImportError(
            f"module {module.id}: this document holds version {item.version}, the catalogue "
            f"already has version {current}; export the module again and change that",
        )
