"""The catalogue's public surface: everything the registry (its services and its pages) reads
or asks of the catalogue goes through this module, never through the catalogue's tables,
models or services. Inputs and outputs are plain values and `schemas` Structs, no ORM rows.

The catalogue's own HTTP controllers (`catalogue.controllers`, `catalogue.xml_controller`,
`catalogue.occupation_controller`) are mounted by the registry's app factory and are no part
of this surface. The URLs of catalogue things are built in `catalogue.urls` and offered here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from uuid import UUID

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.access import require_provider_of
from catalogue.competences import (
    known_uris,
    labels_by_uri,
    list_competences,
    list_frameworks,
    preferred_label,
)
from catalogue.crosswalk_demo import DEMO_SKILLS, NEN_3140, VCA_BASIS, load_demo_crosswalks
from catalogue.crosswalks import related
from catalogue.demo import DemoCatalogue, load_demo_catalogue
from catalogue.demo_schemes import SCHEMES as DEMO_SCHEMES
from catalogue.demo_schemes import DemoScheme
from catalogue.documents import module_document, provider_ref
from catalogue.feeds import create_feed, delete_feed, list_feeds, read_feed
from catalogue.fetch import fetch_with
from catalogue.folding import folded_labels
from catalogue.frameworks import (
    competences_in,
    framework_detail,
    framework_of,
    search_frameworks,
)
from catalogue.imports.formats import FORMATS, IMPORT_MAX_BYTES
from catalogue.imports.run import run_import
from catalogue.models import Module, ModuleVersion, Provider, Qualification
from catalogue.modules import ModuleService
from catalogue.occupations import (
    get_occupation,
    occupation_label,
    occupation_requirements,
    search_occupations,
)
from catalogue.own_modules import OwnModule, own_modules
from catalogue.postcodes import regions_meet
from catalogue.progress import StudyLoads, qualification_progress, study_loads
from catalogue.providers import create_provider, list_providers
from catalogue.qualifications import QualificationService
from catalogue.routing import Route, plan_route
from catalogue.runs import create_run, list_runs, patch_run
from catalogue.search import SearchQuery, search_modules
from catalogue.urls import (
    module_of_version_url,
    module_runs_url,
    module_url,
    module_version_url,
    qualification_url,
)
from schemas.catalogue import (
    ModuleCreate,
    ModuleDocument,
    ModuleOut,
    ModulePatch,
    ProviderRef,
    QualificationList,
    QualificationOut,
)
from schemas.common import Actor

__all__ = [
    "DEMO_SCHEMES",
    "DEMO_SKILLS",
    "IMPORT_MAX_BYTES",
    "NEN_3140",
    "VCA_BASIS",
    "CertifiableModule",
    "DemoCatalogue",
    "DemoScheme",
    "OwnModule",
    "Route",
    "SearchQuery",
    "StudyLoads",
    "catalogue_marks",
    "competences_in",
    "create_feed",
    "create_module",
    "create_provider",
    "create_run",
    "delete_feed",
    "fetch_with",
    "folded_labels",
    "framework_detail",
    "framework_of",
    "get_occupation",
    "get_qualification",
    "import_format_names",
    "known_uris",
    "labels_by_uri",
    "list_competences",
    "list_feeds",
    "list_frameworks",
    "list_providers",
    "list_runs",
    "load_demo_catalogue",
    "load_demo_crosswalks",
    "module_exists",
    "module_ids_by_provider",
    "module_of_achievement",
    "module_runs_url",
    "module_url",
    "module_version_url",
    "modules_to_certify",
    "occupation_label",
    "occupation_requirements",
    "own_modules",
    "patch_module",
    "patch_run",
    "plan_route",
    "preferred_label",
    "provider_by_id",
    "provider_by_slug",
    "providers_by_id",
    "publish_module",
    "qualification_modules",
    "qualification_page",
    "qualification_progress",
    "qualification_url",
    "read_feed",
    "regions_meet",
    "related",
    "require_provider_of",
    "run_import",
    "search_frameworks",
    "search_modules",
    "search_occupations",
    "study_loads",
    "view_module",
    "withdraw_module",
]


def import_format_names() -> list[str]:
    """The formats `run_import` (and `POST /api/catalogue/import`) takes, in their order."""
    return list(FORMATS)


# ---------------------------------------------------------------------------- providers


async def provider_by_id(session: AsyncSession, provider_id: UUID) -> ProviderRef | None:
    """A provider organisation by id (None when there is none)."""
    provider = await session.get(Provider, provider_id)
    return None if provider is None else provider_ref(provider)


async def provider_by_slug(session: AsyncSession, slug: str) -> ProviderRef | None:
    """A provider organisation by slug (its issuer name), None when there is none."""
    provider = await session.scalar(select(Provider).where(Provider.slug == slug))
    return None if provider is None else provider_ref(provider)


async def providers_by_id(session: AsyncSession, ids: Iterable[UUID]) -> dict[UUID, ProviderRef]:
    """The provider organisations with these ids (unknown ids left out)."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = await session.scalars(select(Provider).where(Provider.id.in_(wanted)))
    return {provider.id: provider_ref(provider) for provider in rows}


async def catalogue_marks(session: AsyncSession) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When a provider last changed, and when the newest module was made (modules are never
    deleted): what a cache built from provider names and the set of modules compares."""
    row = await session.execute(
        select(
            select(func.max(Provider.updated_at)).scalar_subquery(),
            select(func.max(Module.created_at)).scalar_subquery(),
        )
    )
    changed, made = row.one()
    return changed, made


# ---------------------------------------------------------------------------- modules


class CertifiableModule(msgspec.Struct, kw_only=True, frozen=True):
    """What certifying a module needs: who owns it, its state, and its published version
    (None when it was never published)."""

    id: UUID
    provider_id: UUID
    status: str
    published: ModuleDocument | None


async def modules_to_certify(
    session: AsyncSession, base_url: str, ids: Iterable[UUID]
) -> dict[UUID, CertifiableModule]:
    """The modules with these ids (unknown ids left out), each with its published version."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    modules = {m.id: m for m in await session.scalars(select(Module).where(Module.id.in_(wanted)))}
    versions = {
        v.module_id: v
        for v in await session.scalars(
            select(ModuleVersion)
            .join(Module, Module.id == ModuleVersion.module_id)
            .where(Module.id.in_(wanted), ModuleVersion.number == Module.published_version)
        )
    }
    return {
        module.id: CertifiableModule(
            id=module.id,
            provider_id=module.provider_id,
            status=module.status,
            published=(
                module_document(base_url, module, versions[module.id], [])
                if module.id in versions
                else None
            ),
        )
        for module in modules.values()
    }


async def module_exists(session: AsyncSession, module_id: UUID) -> bool:
    """Whether a module (in any state) has this id."""
    return await session.scalar(select(Module.id).where(Module.id == module_id)) is not None


async def module_of_achievement(
    session: AsyncSession, base_url: str, achievement_id: str
) -> UUID | None:
    """The module of this catalogue whose version an achievement id names, if it exists."""
    module_id = module_of_version_url(base_url, achievement_id)
    if module_id is None or not await module_exists(session, module_id):
        return None
    return module_id


async def module_ids_by_provider(
    session: AsyncSession, provider_ids: Sequence[UUID]
) -> dict[UUID, list[UUID]]:
    """The ids of every module each organisation owns, drafts and withdrawn ones too."""
    rows = await session.execute(
        select(Module.provider_id, Module.id)
        .where(Module.provider_id.in_(provider_ids))
        .order_by(Module.provider_id, Module.id)
    )
    found: dict[UUID, list[UUID]] = {}
    for provider_id, module_id in rows.tuples():
        found.setdefault(provider_id, []).append(module_id)
    return found


async def view_module(
    session: AsyncSession, base_url: str, viewer: Actor | None, module_id: UUID
) -> ModuleOut:
    """A module as the viewer may see it (drafts only for its provider and the operator)."""
    return await ModuleService(session, base_url).view(viewer, module_id)


async def create_module(
    session: AsyncSession, base_url: str, actor: Actor, data: ModuleCreate
) -> ModuleOut:
    """A provider makes a module: draft version 1."""
    return await ModuleService(session, base_url).create(actor, data)


async def patch_module(
    session: AsyncSession, base_url: str, actor: Actor, module_id: UUID, data: ModulePatch
) -> ModuleOut:
    """Edit the draft (editing a published module starts the next version)."""
    return await ModuleService(session, base_url).patch(actor, module_id, data)


async def publish_module(
    session: AsyncSession, base_url: str, actor: Actor, module_id: UUID
) -> ModuleOut:
    """Publish the draft and put it in search."""
    return await ModuleService(session, base_url).publish(actor, module_id)


async def withdraw_module(
    session: AsyncSession, base_url: str, actor: Actor, module_id: UUID
) -> ModuleOut:
    """Take a published module out of the catalogue (its versions stay resolvable)."""
    return await ModuleService(session, base_url).withdraw(actor, module_id)


# ---------------------------------------------------------------------------- qualifications


async def qualification_modules(session: AsyncSession, qualification_id: UUID) -> list[UUID] | None:
    """The ids of a qualification's modules, group by group; None when there is no such
    qualification."""
    qualification = await session.scalar(
        select(Qualification).where(Qualification.id == qualification_id)
    )
    if qualification is None:
        return None
    return [member.module_id for group in qualification.groups for member in group.members]


async def get_qualification(
    session: AsyncSession, base_url: str, qualification_id: UUID
) -> QualificationOut:
    """One qualification with its groups of modules."""
    return await QualificationService(session, base_url).get(qualification_id)


async def qualification_page(
    session: AsyncSession, base_url: str, *, limit: int, offset: int
) -> QualificationList:
    """Qualifications by title, one page."""
    return await QualificationService(session, base_url).page(limit=limit, offset=offset)
