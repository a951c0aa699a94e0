"""The demo data set: real energy-transition modules, ESCO competences and demo accounts."""

from __future__ import annotations

from importlib import resources
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import competences, demo_data, runs
from catalogue.esco import parse_esco_csv
from catalogue.modules import ModuleService
from catalogue.qualifications import QualificationService
from registry.accounts import create_account, issue_token
from registry.models import Account
from registry.settings import Settings
from schemas.catalogue import FrameworkCreate
from schemas.common import Actor, Role, today_nl

ESCO_FILE = "esco-green-skills-v1.1.1-en.csv"
DEMO_DOMAIN = "demo.llo-registry.nl"
# (role, name, provider index) of each demo account; the first provider's account is "provider".
DEMO_ACCOUNTS: list[tuple[Role, str, int | None]] = [
    ("operator", "Sectorfonds Installatie (beheer)", None),
    ("provider", "Opleider", 0),
    ("assessor", "EVC-beoordelaar", None),
    ("worker", "Sam de Vries", None),
    ("employer", "Werkgever Warmte & Zon BV", None),
    ("coach", "Loopbaancoach", None),
]


def _email(role: str) -> str:
    return f"{role}@{DEMO_DOMAIN}"


def _actor(account: Account) -> Actor:
    return Actor(account_id=account.id, role=account.role, provider_id=account.provider_id)  # type: ignore[arg-type]


async def load_demo(session: AsyncSession, settings: Settings) -> dict[str, str]:
    """Load the demo set once; on later calls only mint fresh tokens for the demo accounts."""
    existing = {
        a.role: a
        for a in await session.scalars(
            select(Account).where(Account.email.in_([_email(role) for role, *_ in DEMO_ACCOUNTS]))
        )
    }
    if not existing:
        existing = await _load(session, settings)
    return {role: await issue_token(session, account, "demo") for role, account in existing.items()}


async def _load(session: AsyncSession, settings: Settings) -> dict[str, Account]:
    operator = await create_account(
        session, role="operator", name=DEMO_ACCOUNTS[0][1], email=_email("operator")
    )
    op = _actor(operator)
    await competences.create_framework(
        session,
        op,
        FrameworkCreate(
            slug="esco",
            name="ESCO skills",
            uri="http://data.europa.eu/esco/concept-scheme/skills",
            version="v1.1.1",
        ),
    )
    csv_bytes = resources.files("catalogue").joinpath("data", ESCO_FILE).read_bytes()
    await competences.upsert_competences(session, op, parse_esco_csv(csv_bytes, framework="esco"))
    provider_actors: dict[str, Actor] = {}
    accounts: dict[str, Account] = {"operator": operator}
    for index, item in enumerate(demo_data.PROVIDERS):
        await competences.create_provider(session, op, item.provider)
        account = await create_account(
            session,
            role="provider",
            name=f"Opleider {item.provider.name}",
            email=_email("provider")
            if index == 0
            else f"provider-{item.provider.slug}@{DEMO_DOMAIN}",
            provider_slug=item.provider.slug,
        )
        provider_actors[item.provider.slug] = _actor(account)
        if index == 0:
            accounts["provider"] = account
    module_ids = await _load_modules(session, settings, provider_actors)
    qualifications = QualificationService(session, settings.base_url)
    for q in demo_data.QUALIFICATIONS:
        await qualifications.create(op, demo_data.qualification_create(q, module_ids))
    for role, name, _ in DEMO_ACCOUNTS[2:]:
        accounts[role] = await create_account(session, role=role, name=name, email=_email(role))
    return accounts


async def _load_modules(
    session: AsyncSession, settings: Settings, provider_actors: dict[str, Actor]
) -> dict[str, UUID]:
    modules = ModuleService(session, settings.base_url)
    ids: dict[str, UUID] = {}
    for item in demo_data.demo_modules(today_nl()):
        actor = provider_actors[item.provider_slug]
        created = await modules.create(actor, item.module)
        ids[item.key] = created.id
        for run in item.runs:
            await runs.create_run(session, actor, created.id, run)
        if item.publish:
            await modules.publish(actor, created.id)
    return ids
