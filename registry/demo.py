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
from registry.accounts.accounts import create_account, issue_token
from registry.accounts.signin import set_password
from registry.issuers.issuers import create_accreditation
from registry.issuing.issuance import issue_one
from registry.models import Account
from registry.settings import Settings
from registry.sharing.shares import create_share
from registry.wallet.holders import holder_context
from registry.wallet.wallet_content import add_experience
from schemas.catalogue import FrameworkCreate, ProviderCreate
from schemas.common import Actor, Role, today_nl
from schemas.issuance import (
    CompetenceIn,
    EvcIn,
    EvidenceIn,
    HolderIn,
    LevelIn,
    ModuleCertificateIn,
    ResultIn,
    StandardIn,
)
from schemas.issuers import AccreditationCreate
from schemas.wallet import ExperienceCreate, ShareCreate

ESCO_FILES = ("esco-green-skills-v1.1.1-en.csv", "esco-green-skills-v1.1.1-nl.csv")
EVC_PROVIDER = ProviderCreate(slug="evc-centrum-nederland", name="EVC Centrum Nederland")
# Two of the three required modules of the demo qualification "Allround monteur duurzame
# installaties", so the worker's CV shows progress and what remains.
DEMO_CREDENTIALS = ("nen3140-vop", "laadpaalmonteur")
DEMO_EXPERIENCE = ExperienceCreate(
    title="Elektricien woningbouw",
    description="Vijf jaar groepenkasten en bekabeling in nieuwbouwwoningen.",
)
DEMO_DOMAIN = "demo.llo-registry.nl"
# Every demo account signs in on the web pages with its e-mail address and this password.
DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 - published demo data, not a secret
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
    # English first, then the official Dutch labels beside them (Dutch is what pages show).
    for name in ESCO_FILES:
        csv_bytes = resources.files("catalogue").joinpath("data", name).read_bytes()
        items = parse_esco_csv(csv_bytes, framework="esco")
        await competences.upsert_competences(session, op, items, merge_labels=True)
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
    await competences.create_provider(session, op, EVC_PROVIDER)
    for role, name, _ in DEMO_ACCOUNTS[2:]:
        organisation = EVC_PROVIDER.slug if role == "assessor" else None
        accounts[role] = await create_account(
            session, role=role, name=name, email=_email(role), provider_slug=organisation
        )
    await _load_registry(session, settings, op, provider_actors, module_ids, accounts)
    for account in await session.scalars(
        select(Account).where(Account.email.like(f"%@{DEMO_DOMAIN}"))
    ):
        set_password(account, DEMO_PASSWORD)
    return accounts


async def _load_registry(
    session: AsyncSession,
    settings: Settings,
    op: Actor,
    provider_actors: dict[str, Actor],
    module_ids: dict[str, UUID],
    accounts: dict[str, Account],
) -> None:
    """Accredit everyone, issue the worker two modules of a qualification and an EVC record,
    add self-declared experience and share it all with the demo employer."""
    for slug in provider_actors:
        await create_accreditation(
            session, op, settings, AccreditationCreate(provider=slug, kind="module-certificate")
        )
    await create_accreditation(
        session, op, settings, AccreditationCreate(provider=EVC_PROVIDER.slug, kind="evc")
    )
    worker = accounts["worker"]
    holder = HolderIn(worker_id=worker.id)
    slug_of = {item.key: item.provider_slug for item in demo_data.demo_modules(today_nl())}
    issued = [
        await issue_one(
            session,
            settings,
            provider_actors[slug_of[key]],
            ModuleCertificateIn(module_id=module_ids[key], holder=holder),
        )
        for key in DEMO_CREDENTIALS
    ]
    issued.append(
        await issue_one(session, settings, _actor(accounts["assessor"]), _evc_record(holder))
    )
    wallet = await holder_context(session, _actor(worker), None, settings.secret_key)
    await add_experience(session, wallet, DEMO_EXPERIENCE)
    await create_share(
        session,
        settings,
        wallet,
        ShareCreate(credential_ids=[c.id for c in issued], recipient=_email("employer")),
    )


def _evc_record(holder: HolderIn) -> EvcIn:
    werkproces = CompetenceIn(
        uri="https://demo.llo-registry.nl/standaarden/eerste-monteur-elektrotechniek/B1-K1-W1",
        label="Bereidt de werkzaamheden voor",
        framework="Kwalificatiedossier Eerste monteur elektrotechnische installaties",
        code="B1-K1-W1",
    )
    return EvcIn(
        holder=holder,
        standard=StandardIn(
            url="https://demo.llo-registry.nl/standaarden/eerste-monteur-elektrotechniek",
            name="Eerste monteur elektrotechnische installaties",
            description="Kwalificatiestandaard mbo niveau 3, kerntaak B1-K1.",
            werkprocessen=[werkproces],
            level=LevelIn(scheme="mbo", value=3),
        ),
        results=[ResultIn(competence=werkproces, status="behaald", achieved_level="3")],
        evidence=[
            EvidenceIn(
                name="Criteriumgericht interview",
                description="Gesprek over vijf jaar werk als elektricien in de woningbouw.",
                genre="criteriumgericht interview",
            )
        ],
    )


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
