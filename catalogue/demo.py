"""The catalogue's part of the demo set (`catalogue.demo_data`): the ESCO green skills with
their English and official Dutch labels, the certificate schemes (`catalogue.demo_schemes`),
the providers with their modules and runs, and the qualifications. Accounts are not the
catalogue's: the caller makes one for each provider as soon as it exists (`provider_actor`),
and its modules are made in that account's name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from importlib import resources
from uuid import UUID

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import competences, demo_data, providers, runs
from catalogue.demo_schemes import load_demo_schemes
from catalogue.esco import parse_esco_csv
from catalogue.modules import ModuleService
from catalogue.qualifications import QualificationService
from schemas.catalogue import FrameworkCreate, ProviderCreate
from schemas.common import Actor

ESCO_FILES = ("esco-green-skills-v1.1.1-en.csv", "esco-green-skills-v1.1.1-nl.csv")
ESCO = FrameworkCreate(
    slug="esco",
    name="ESCO skills",
    uri="http://data.europa.eu/esco/concept-scheme/skills",
    version="v1.1.1",
)
# The provider (and its place in `demo_data.PROVIDERS`) -> the actor its modules are made by.
ProviderActor = Callable[[ProviderCreate, int], Awaitable[Actor]]


class DemoCatalogue(msgspec.Struct, kw_only=True, frozen=True):
    """What was made, by `DemoModule.key`: each module's id and its provider's slug."""

    module_ids: dict[str, UUID]
    module_providers: dict[str, str]


async def load_demo_catalogue(
    session: AsyncSession,
    base_url: str,
    operator: Actor,
    provider_actor: ProviderActor,
    today: dt.date,
) -> DemoCatalogue:
    """Load the catalogue's demo data once, in the caller's transaction."""
    await competences.create_framework(session, ESCO)
    # English first, then the official Dutch labels beside them (Dutch is what pages show).
    for name in ESCO_FILES:
        csv_bytes = resources.files("catalogue").joinpath("data", name).read_bytes()
        items = parse_esco_csv(csv_bytes, framework="esco")
        await competences.save_competences(session, items, merge_labels=True)
    await load_demo_schemes(session)
    actors: dict[str, Actor] = {}
    for index, item in enumerate(demo_data.PROVIDERS):
        await providers.create_provider(session, item.provider)
        actors[item.provider.slug] = await provider_actor(item.provider, index)
    modules = ModuleService(session, base_url)
    demo_modules = demo_data.demo_modules(today)
    ids: dict[str, UUID] = {}
    for module in demo_modules:
        actor = actors[module.provider_slug]
        created = await modules.create(actor, module.module)
        ids[module.key] = created.id
        for run in module.runs:
            await runs.create_run(session, actor, created.id, run)
        if module.publish:
            await modules.publish(actor, created.id)
    qualifications = QualificationService(session, base_url)
    for qualification in demo_data.QUALIFICATIONS:
        await qualifications.create(operator, demo_data.qualification_create(qualification, ids))
    return DemoCatalogue(
        module_ids=ids, module_providers={m.key: m.provider_slug for m in demo_modules}
    )
