"""The worker's CV: verifying a shared CV over HTTP, and building a CV in a large database.

verify_cv_http: a share of 50 deelcertificaten, verified end to end by an employer with
`POST /api/verify {"share": url}` against a real uvicorn server on 127.0.0.1 (the registry
opens the share, signs the presentation with the holder key, verifies it and all 50
credentials against its trust list and status lists, and logs the view). The ratio divides the
median by the raw cost of 51 Ed25519 verifications plus 10 ms (DESIGN section 8: target < 2).

share_page_http: the same share opened by a person: `GET /s/{token}` with `Accept: text/html`,
the page an employer sees (verification of all 50 plus rendering the verdict cards and the
candidate's competences). Same ratio as verify_cv_http.

cv_p95: `GET /api/me/cv`'s service (wallet lookup, grouping, qualification progress with open
runs, experience) for one worker with 40 credentials, in a database holding 1,000,000
credentials (quick: 100,000). The ratio divides by one raw Ed25519 verification, as search_p95.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import socket
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import cast

import httpx
import msgspec
import uvicorn
from sqlalchemy import Table, insert, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.common import Context, emit, percentile
from bench.issue_batch import _world
from catalogue.models import (
    Module,
    ModuleVersion,
    Qualification,
    QualificationGroup,
    QualificationGroupModule,
    Run,
)
from registry.accounts.accounts import create_account
from registry.app import create_app
from registry.db import make_engine, make_sessionmaker
from registry.issuing import issuance
from registry.migrate import upgrade
from registry.models import Accreditation, Credential, Wallet
from registry.settings import Settings
from registry.sharing import shares
from registry.wallet.cv import build_cv
from registry.wallet.holders import holder_context
from schemas.common import Actor
from schemas.issuance import HolderIn, ModuleCertificateIn
from schemas.wallet import ShareCreate

SHARED = 50
HTTP_WARMUP = 5
HTTP_ROUNDS = 40
HTTP_ROUNDS_QUICK = 15
CV_FULL = 1_000_000
CV_QUICK = 100_000
CV_OWN = 40
CV_WARMUP = 30
CV_QUERIES = 300
FILLER_PER_WALLET = 100
CHUNK = 20_000
SERVER_START_SECONDS = 20.0
# Core inserts of the tables skip the ORM's per-row work: the filler is a million rows.
WALLET_TABLE = cast(Table, Wallet.__table__)
CREDENTIAL_TABLE = cast(Table, Credential.__table__)


def run_verify_http(ctx: Context) -> None:
    _run_share_over_http(ctx, "verify_cv_http", _verify_by_api)


def run_share_page_http(ctx: Context) -> None:
    _run_share_over_http(ctx, "share_page_http", _open_as_page)


def _verify_by_api(client: httpx.Client, share_url: str) -> None:
    response = client.post("/api/verify", json={"share": share_url})
    report = response.json()
    if response.status_code != 200 or report["verdict"] != "valid":
        raise RuntimeError(f"verification failed: {response.text[:3000]}")
    if len(report["credentials"]) != SHARED:
        raise RuntimeError("the share did not hold every credential")


def _open_as_page(client: httpx.Client, share_url: str) -> None:
    response = client.get(share_url, headers={"Accept": "text/html"})
    if response.status_code != 200 or response.text.count('class="card green"') != SHARED:
        raise RuntimeError(f"the share page is not all valid: {response.text[:3000]}")


def _run_share_over_http(
    ctx: Context, name: str, fetch: Callable[[httpx.Client, str], None]
) -> None:
    rounds = HTTP_ROUNDS_QUICK if ctx.quick else HTTP_ROUNDS
    with tempfile.TemporaryDirectory(prefix="llo-bench-") as tmp:
        port = _free_port()
        url = f"sqlite:///{Path(tmp) / 'cv-http.sqlite3'}"
        upgrade(url)
        settings = Settings(
            database_url=url, base_url=f"http://127.0.0.1:{port}", secret_key="bench"
        )
        share_url = asyncio.run(_shared_cv(settings))
        samples = _time_over_http(settings, port, share_url, rounds, fetch)
    median = statistics.median(samples)
    budget_ms = (SHARED + 1) * ctx.baseline.verify_us / 1000 + 10
    emit(name, median, "ms", median / budget_ms)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def _worker_with_credentials(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, count: int
) -> tuple[Actor, list[str], uuid.UUID]:
    """A worker holding `count` deelcertificaten of the bench module (issued for real)."""
    provider, (module_id, _) = await _world(sessions)
    async with sessions() as session, session.begin():
        # Credentials carry validFrom to the second; an accreditation that starts later in
        # that same second would not cover them.
        await session.execute(
            update(Accreditation).values(valid_from=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
        )
        account = await create_account(
            session, role="worker", name="Werker Bench", email="werker@bench.example"
        )
        worker = Actor(account_id=account.id, role="worker")
        items = [
            ModuleCertificateIn(module_id=module_id, holder=HolderIn(worker_id=account.id))
            for _ in range(count)
        ]
        issued = await issuance.issue_many(session, settings, provider, list(items))
    return worker, [i.id for i in issued], module_id


async def _shared_cv(settings: Settings) -> str:
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    try:
        worker, ids, _ = await _worker_with_credentials(sessions, settings, SHARED)
        async with sessions() as session, session.begin():
            holder = await holder_context(session, worker, None, settings.secret_key)
            created = await shares.create_share(
                session,
                settings,
                holder,
                ShareCreate(credential_ids=ids, recipient="hr@werkgever.example"),
            )
        return created.url
    finally:
        await engine.dispose()


def _time_over_http(
    settings: Settings,
    port: int,
    share_url: str,
    rounds: int,
    fetch: Callable[[httpx.Client, str], None],
) -> list[float]:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # no line per request
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="bench-uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the bench server did not start")
            time.sleep(0.01)
        samples: list[float] = []
        with httpx.Client(base_url=settings.base_url, timeout=30) as client:
            for round_ in range(HTTP_WARMUP + rounds):
                start = time.perf_counter()
                fetch(client, share_url)
                elapsed = (time.perf_counter() - start) * 1000
                if round_ >= HTTP_WARMUP:
                    samples.append(elapsed)
        return samples
    finally:
        server.should_exit = True
        thread.join(timeout=SERVER_START_SECONDS)


# ---------------------------------------------------------------- cv_p95


def run_cv_p95(ctx: Context) -> None:
    total = CV_QUICK if ctx.quick else CV_FULL
    with tempfile.TemporaryDirectory(prefix="llo-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'cv.sqlite3'}"
        upgrade(url)
        settings = Settings(database_url=url, base_url="http://bench.local", secret_key="bench")
        samples = asyncio.run(_cv_samples(settings, total))
    for name, fraction in (("cv_p95", 0.95), ("cv_p50", 0.5)):
        ms = percentile(samples, fraction)
        emit(name, ms, "ms", ms * 1000 / ctx.baseline.verify_us)


async def _cv_samples(settings: Settings, total: int) -> list[float]:
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    try:
        worker, _, module_id = await _worker_with_credentials(sessions, settings, CV_OWN)
        await _qualification(sessions, module_id)
        await _filler(sessions, total - CV_OWN)
        samples: list[float] = []
        encode = msgspec.json.Encoder().encode
        today = dt.date(2030, 1, 1)
        for query in range(CV_WARMUP + CV_QUERIES):
            start = time.perf_counter()
            async with sessions() as session:
                holder = await holder_context(session, worker, None, settings.secret_key)
                cv = await build_cv(session, settings.base_url, holder, today)
                body = encode(cv)
            elapsed = (time.perf_counter() - start) * 1000
            if query >= CV_WARMUP:
                samples.append(elapsed)
        if len(cv.credentials) != CV_OWN or len(cv.qualifications) != 1 or not body:
            raise RuntimeError("the bench CV is not the one built")
        return samples
    finally:
        await engine.dispose()


async def _qualification(sessions: async_sessionmaker[AsyncSession], done: uuid.UUID) -> None:
    """A qualification of the worker's module and three more, each with runs (some cancelled)."""
    now = dt.datetime.now(dt.UTC)
    async with sessions() as session, session.begin():
        first = await session.get(Module, done)
        assert first is not None
        others = [
            Module(provider_id=first.provider_id, status="published", published_version=1)
            for _ in range(3)
        ]
        session.add_all(others)
        await session.flush()
        for n, module in enumerate(others):
            session.add(
                ModuleVersion(
                    module_id=module.id,
                    number=1,
                    published_at=now,
                    title=f"Vervolgmodule {n}",
                    summary="Een vervolgmodule.",
                    study_load_hours=24,
                    delivery_mode="classroom",
                    certificate="Deelcertificaat",
                )
            )
            for week in range(12):
                start = dt.date(2030, 1, 6) + dt.timedelta(weeks=week)
                session.add(
                    Run(
                        module_id=module.id,
                        start_date=start,
                        end_date=start + dt.timedelta(days=4),
                        place="Utrecht",
                        postcode="3511AB",
                        seats=12,
                        status="cancelled" if week % 4 == 0 else "open",
                    )
                )
        members = [done, *(m.id for m in others)]
        session.add(
            Qualification(
                code="ALLROUND-MONTEUR",
                title="Allround monteur",
                groups=[
                    QualificationGroup(
                        position=0,
                        title="Verplichte modules",
                        required=True,
                        min_count=3,
                        members=[
                            QualificationGroupModule(module_id=m, position=i)
                            for i, m in enumerate(members[:3])
                        ],
                    ),
                    QualificationGroup(
                        position=1,
                        title="Keuzedeel",
                        required=False,
                        min_count=1,
                        members=[QualificationGroupModule(module_id=members[3], position=0)],
                    ),
                ],
            )
        )


async def _filler(sessions: async_sessionmaker[AsyncSession], count: int) -> None:
    """`count` credentials of other workers, inserted in bulk (never read by the CV)."""
    issued_at = dt.datetime(2029, 6, 1, tzinfo=dt.UTC)
    competences = [
        {"uri": "http://data.europa.eu/esco/skill/filler", "label": "x", "framework": "esco"}
    ]
    wallets = (count + FILLER_PER_WALLET - 1) // FILLER_PER_WALLET
    async with sessions() as session, session.begin():
        wallet_ids = [uuid.uuid4() for _ in range(wallets)]
        for start in range(0, wallets, CHUNK):
            await session.execute(
                insert(WALLET_TABLE),
                [
                    {
                        "id": wallet_id,
                        "name": "Filler",
                        "holder_did": f"did:key:filler-{wallet_id.hex}",
                        "wrapped_key": "-",
                    }
                    for wallet_id in wallet_ids[start : start + CHUNK]
                ],
            )
        for start in range(0, count, CHUNK):
            await session.execute(
                insert(CREDENTIAL_TABLE),
                [
                    {
                        "credential_id": f"urn:uuid:{uuid.uuid4()}",
                        "wallet_id": wallet_ids[n // FILLER_PER_WALLET],
                        "kind": "module-certificate",
                        "issuer_slug": "techniek-college",
                        "issuer_name": "Techniek College",
                        "achievement_id": "http://bench.local/api/catalogue/modules/x/versions/1",
                        "achievement_name": "Laadpaalmonteur",
                        "jws": "e30.e30.sig",
                        "issued_at": issued_at,
                        "competences": competences,
                        "sectors": ["installatietechniek"],
                    }
                    for n in range(start, min(start + CHUNK, count))
                ],
            )
