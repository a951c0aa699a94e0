"""The demo data set: real energy-transition modules, ESCO competences and demo accounts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import (
    DEMO_SCHEMES,
    DemoCatalogue,
    DemoScheme,
    create_provider,
    load_demo_catalogue,
    load_demo_crosswalks,
)
from registry.accounts.accounts import create_account, issue_token
from registry.accounts.signin import set_password
from registry.issuers.issuers import create_accreditation
from registry.issuing.issuance import issue_one
from registry.matching.demo import load_demo_profiles
from registry.models import Account
from registry.settings import Settings
from registry.sharing.shares import create_share
from registry.wallet.holders import holder_context
from registry.wallet.wallet_content import add_experience
from schemas.catalogue import ProviderCreate
from schemas.common import Actor, Role, today_nl
from schemas.issuance import (
    CertificateIn,
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
from schemas.kinds import CERTIFICATE, EVC, MODULE_CERTIFICATE
from schemas.wallet import ExperienceCreate, ShareCreate

EVC_PROVIDER = ProviderCreate(slug="evc-centrum-nederland", name="EVC Centrum Nederland")
# An exam institute: an organisation whose account has the role assessor, accredited for
# person certificates of the demo's certificate schemes. The worker passed NEN 3140 there,
# but has no VCA Basis yet (a job that requires it is blocked until they do).
EXAM_INSTITUTE = ProviderCreate(slug="examencentrum-techniek", name="Examencentrum Techniek")
EXAM_ACCOUNT = ("exam-institute", "Examinator Examencentrum Techniek")
DEMO_CERTIFICATES = ("nen-3140",)
# Two of the three required modules of the demo qualification "Allround monteur duurzame
# installaties", so the worker's CV shows progress and what remains.
DEMO_CREDENTIALS = ("nen3140-vop", "laadpaalmonteur")
# The provider's own notes on a module certificate: only in its SD-JWT VC form, which a
# share may leave them out of.
DEMO_NOTES = {
    "laadpaalmonteur": "Sam werkt zorgvuldig en legt klanten goed uit hoe de laadpaal werkt.",
}
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
    exam = await session.scalar(select(Account).where(Account.email == _email(EXAM_ACCOUNT[0])))
    if exam is not None:
        existing = {**existing, EXAM_ACCOUNT[0]: exam}
    return {role: await issue_token(session, account, "demo") for role, account in existing.items()}


async def _load(session: AsyncSession, settings: Settings) -> dict[str, Account]:
    operator = await create_account(
        session, role="operator", name=DEMO_ACCOUNTS[0][1], email=_email("operator")
    )
    op = _actor(operator)
    provider_actors: dict[str, Actor] = {}
    accounts: dict[str, Account] = {"operator": operator}

    async def provider_actor(provider: ProviderCreate, index: int) -> Actor:
        """The account of a demo provider; the first one's is "provider"."""
        account = await create_account(
            session,
            role="provider",
            name=f"Opleider {provider.name}",
            email=_email("provider") if index == 0 else f"provider-{provider.slug}@{DEMO_DOMAIN}",
            provider_slug=provider.slug,
        )
        provider_actors[provider.slug] = _actor(account)
        if index == 0:
            accounts["provider"] = account
        return provider_actors[provider.slug]

    catalogue = await load_demo_catalogue(
        session, settings.base_url, op, provider_actor, today_nl()
    )
    await create_provider(session, EVC_PROVIDER)
    await create_provider(session, EXAM_INSTITUTE)
    for role, name, _ in DEMO_ACCOUNTS[2:]:
        organisation = EVC_PROVIDER.slug if role == "assessor" else None
        accounts[role] = await create_account(
            session, role=role, name=name, email=_email(role), provider_slug=organisation
        )
    key, name = EXAM_ACCOUNT
    accounts[key] = await create_account(
        session, role="assessor", name=name, email=_email(key), provider_slug=EXAM_INSTITUTE.slug
    )
    await _load_registry(session, settings, op, provider_actors, catalogue, accounts)
    for account in await session.scalars(
        select(Account).where(Account.email.like(f"%@{DEMO_DOMAIN}"))
    ):
        set_password(account, DEMO_PASSWORD, settings)
    return accounts


async def _load_registry(
    session: AsyncSession,
    settings: Settings,
    op: Actor,
    provider_actors: dict[str, Actor],
    catalogue: DemoCatalogue,
    accounts: dict[str, Account],
) -> None:
    """Accredit everyone, issue the worker two modules of a qualification, an EVC record and
    a NEN 3140 certificate, add self-declared experience and share it all with the demo
    employer."""
    for slug in provider_actors:
        await create_accreditation(
            session, op, settings, AccreditationCreate(provider=slug, kind=MODULE_CERTIFICATE.kind)
        )
    await create_accreditation(
        session, op, settings, AccreditationCreate(provider=EVC_PROVIDER.slug, kind=EVC.kind)
    )
    schemes = [scheme.uri for scheme in DEMO_SCHEMES]
    await create_accreditation(
        session,
        op,
        settings,
        AccreditationCreate(
            provider=EXAM_INSTITUTE.slug, kind=CERTIFICATE.kind, achievements=schemes
        ),
    )
    worker = accounts["worker"]
    holder = HolderIn(worker_id=worker.id)
    issued = [
        await issue_one(
            session,
            settings,
            provider_actors[catalogue.module_providers[key]],
            ModuleCertificateIn(
                module_id=catalogue.module_ids[key], holder=holder, notes=DEMO_NOTES.get(key, "")
            ),
        )
        for key in DEMO_CREDENTIALS
    ]
    issued.append(
        await issue_one(session, settings, _actor(accounts["assessor"]), _evc_record(holder))
    )
    exam = _actor(accounts[EXAM_ACCOUNT[0]])
    for scheme in DEMO_SCHEMES:
        if scheme.key in DEMO_CERTIFICATES:
            item = demo_certificate(scheme, holder, dt.datetime.now(dt.UTC))
            issued.append(await issue_one(session, settings, exam, item))
    wallet = await holder_context(session, _actor(worker), None, settings.secret_key)
    await add_experience(session, wallet, DEMO_EXPERIENCE)
    await create_share(
        session,
        settings,
        wallet,
        ShareCreate(credential_ids=[c.id for c in issued], recipient=_email("employer")),
    )
    await load_demo_crosswalks(session)
    await load_demo_profiles(session, _actor(accounts["employer"]))


def demo_certificate(scheme: DemoScheme, holder: HolderIn, now: dt.datetime) -> CertificateIn:
    """A certificate for a demo scheme, valid as long as the scheme says (from `now`)."""
    years = scheme.valid_years
    if years is None:
        return CertificateIn(scheme=scheme.uri, holder=holder)
    # 29 February has no twin in most years: the day before it then.
    day = now if (now.month, now.day) != (2, 29) else now - dt.timedelta(days=1)
    until = day.replace(year=now.year + years)
    return CertificateIn(scheme=scheme.uri, holder=holder, valid_until=until)


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
