"""issue_batch_sqlite: one batch of 10,000 deelcertificaten (quick: 1,000) for a cohort of
new workers, through `registry.issuing.issuance.issue_many`: checked, holder wallets created (a new
Ed25519 holder key each, wrapped), status indexes allocated, signed, stored with audit events
and committed to a SQLite file. issue_batch_sqlite_known_holders: the same cohort again, whose
wallets now exist (what DESIGN section 8's 4x target covers: signed, indexed, committed), for a
second module: each holder already holds a credential, so the check against an exact re-issue
looks at every one of them (and finds a different module version).

The ratio divides the cost per credential by raw Ed25519 signing of the very same signing
inputs (a 4 KB credential costs more to hash than the 1.5 KB baseline message), timed right
after the batch with a fresh key, as `bench.credentials_bench` does for single credentials.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.common import Context, emit
from catalogue.models import Competence, CompetenceFramework, Module, ModuleVersion, Provider
from catalogue.models import ModuleVersionCompetence as Taught
from registry.db import make_engine, make_sessionmaker
from registry.issuing import issuance
from registry.migrate import upgrade
from registry.models import Account, Accreditation, Credential
from registry.settings import Settings
from schemas.common import Actor
from schemas.issuance import HolderIn, ModuleCertificateIn

FULL = 10_000
QUICK = 1_000


def run(ctx: Context) -> None:
    count = QUICK if ctx.quick else FULL
    with tempfile.TemporaryDirectory(prefix="llo-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'issue.sqlite3'}"
        upgrade(url)
        settings = Settings(database_url=url, base_url="http://bench.local", secret_key="bench")
        new, known, messages = asyncio.run(_issue(settings, count))
    raw_us = _raw_sign_us(messages)
    for name, seconds in (("issue_batch_sqlite", new), ("issue_batch_sqlite_known_holders", known)):
        per_credential_us = seconds / count * 1e6
        emit(name, per_credential_us, "us", per_credential_us / raw_us)


def _raw_sign_us(messages: list[bytes]) -> float:
    """Raw Ed25519 signing of these exact messages, per message."""
    key = Ed25519PrivateKey.generate()
    start = time.perf_counter()
    for message in messages:
        key.sign(message)
    return (time.perf_counter() - start) / len(messages) * 1e6


async def _issue(settings: Settings, count: int) -> tuple[float, float, list[bytes]]:
    """Seconds for a cohort of new workers (wallets and holder keys created in the batch),
    then for the same cohort again (their wallets exist: sign, index and store only)."""
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    try:
        actor, modules = await _world(sessions)

        def items(prefix: str, n: int, module_id: UUID) -> list[ModuleCertificateIn]:
            return [
                ModuleCertificateIn(
                    module_id=module_id,
                    holder=HolderIn(email=f"{prefix}{i}@example.nl", name=f"Cursist {i}"),
                )
                for i in range(n)
            ]

        async with sessions() as session, session.begin():  # warm-up: issuer key, first list
            await issuance.issue_many(session, settings, actor, items("warm", 10, modules[0]))
        timings = []
        for round_, module_id in enumerate(modules, start=1):
            cohort = items("cursist", count, module_id)
            start = time.perf_counter()
            async with sessions() as session, session.begin():
                issued = await issuance.issue_many(session, settings, actor, cohort)
            timings.append(time.perf_counter() - start)
            async with sessions() as session:
                stored = await session.scalar(select(func.count()).select_from(Credential))
            assert len(issued) == count, len(issued)
            assert stored == round_ * count + 10, stored
        messages = [c.credential.rpartition(".")[0].encode() for c in issued]
        return timings[0], timings[1], messages
    finally:
        await engine.dispose()


async def _world(sessions: async_sessionmaker[AsyncSession]) -> tuple[Actor, list[UUID]]:
    """A provider with two published, accredited modules of four competences."""
    now = dt.datetime.now(dt.UTC)
    async with sessions() as session, session.begin():
        provider = Provider(slug="techniek-college", name="Techniek College")
        framework = CompetenceFramework(
            slug="esco", name="ESCO", uri="http://data.europa.eu/esco", version="v1.2"
        )
        session.add_all([provider, framework])
        await session.flush()
        competences = [
            Competence(
                framework_id=framework.id,
                uri=f"http://data.europa.eu/esco/skill/bench-{n}",
                labels={"nl": f"competentie {n}"},
                label=f"competentie {n}",
            )
            for n in range(4)
        ]
        session.add_all(competences)
        await session.flush()
        modules = [
            await _module(session, provider, competences, title, now)
            for title in ("Laadpaalmonteur", "Laadpaalmonteur gevorderd")
        ]
        account = Account(role="provider", name="Opleider", provider_id=provider.id)
        accreditation = Accreditation(
            provider_id=provider.id, kind="module-certificate", achievements=[], valid_from=now
        )
        session.add_all([account, accreditation])
        await session.flush()
        actor = Actor(account_id=account.id, role="provider", provider_id=provider.id)
        return actor, modules


async def _module(
    session: AsyncSession,
    provider: Provider,
    competences: list[Competence],
    title: str,
    now: dt.datetime,
) -> UUID:
    """A published module teaching these competences."""
    module = Module(provider_id=provider.id, status="published", published_version=1)
    session.add(module)
    await session.flush()
    version = ModuleVersion(
        module_id=module.id,
        number=1,
        published_at=now,
        title=title,
        summary="Laadpalen veilig installeren.",
        description="Laadpalen voor elektrische auto's veilig installeren en aansluiten.",
        study_load_hours=40,
        level_scheme="mbo",
        level_value=3,
        delivery_mode="blended",
        certificate="Praktijkexamen: een laadpaal installeren en opleveren.",
        sectors=["installatietechniek"],
    )
    version.competences = [
        Taught(
            competence_id=c.id,
            position=n,
            uri=c.uri,
            labels=dict(c.labels),
            label=c.label,
            framework="esco",
            framework_version="v1.2",
        )
        for n, c in enumerate(competences)
    ]
    session.add(version)
    await session.flush()
    return module.id
