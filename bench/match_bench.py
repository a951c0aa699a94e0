"""match_p95: matching a 50-credential CV against a 20-requirement job profile (two mandatory
certificates) over a catalogue of 100,000 modules (quick: 10,000) and 10,000 crosswalk rows
(quick: 2,000), on SQLite.

Each match is `registry.matching.match.match_profile`, one session per match as a request
would: the crosswalks of the profile's competences, the catalogue's labels, the rules and the
route over the gaps (the catalogue's modules with their runs, in the profile's region for half
of the profiles). The CV's 50 credentials come as matching reads them (`rules.Evidence`), so
reading and parsing a wallet's rows, which `cv_p95` measures, is not in the figure. Seeded:
about half of each profile's competences are covered, some through a crosswalk.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, insert

from bench.catalogue_data import PLACES, Catalogue, build
from bench.common import Context, emit, percentile
from catalogue.models import CompetenceMapping
from registry.db import make_engine, make_sessionmaker
from registry.matching.match import match_profile
from registry.matching.rules import Evidence
from registry.models import JobProfile
from schemas.matching import RELATIONS

FULL = (100_000, 10_000)
QUICK = (10_000, 2_000)
WARMUP = 20
MATCHES = 200
BASE_URL = "http://bench.local"
WERKPROCES = "https://bench.example/kwalificatiedossier/{}/werkproces"
SCHEMES = ["https://www.vca.nl/schemes/vca-basis", "https://www.nen.nl/schemes/nen-3140"]


def run(ctx: Context) -> None:
    modules, mappings = QUICK if ctx.quick else FULL
    rng = random.Random(15)
    with tempfile.TemporaryDirectory(prefix="llo-bench-") as tmp:
        catalogue = build(Path(tmp) / "match.sqlite3", modules, today=dt.date(2030, 1, 1))
        pairs = _crosswalk(catalogue, rng, mappings)
        cases = [_case(rng, catalogue, pairs) for _ in range(WARMUP + MATCHES)]
        samples = asyncio.run(_time_matches(catalogue, cases))[WARMUP:]
    ms = percentile(samples, 0.95)
    emit("match_p95", ms, "ms", ms * 1000 / ctx.baseline.verify_us)


def _crosswalk(catalogue: Catalogue, rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """`count` mappings of werkprocessen to ESCO skills, most of them exact or close."""
    weights = [4, 3, 1, 1]
    rows = {
        (WERKPROCES.format(i), rng.choices(RELATIONS, weights)[0], rng.choice(catalogue.skills).uri)
        for i in range(count)
    }
    engine = create_engine(catalogue.url)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(CompetenceMapping),
            [
                {"source_uri": s, "relation": r, "target_uri": t, "created_at": now}
                for s, r, t in rows
            ],
        )
    engine.dispose()
    return sorted(rows)


def _case(
    rng: random.Random, catalogue: Catalogue, pairs: list[tuple[str, str, str]]
) -> tuple[JobProfile, list[Evidence]]:
    """A profile of 20 competences (a quarter of them werkprocessen) and a CV of 50
    credentials that covers about half of them, some through a crosswalk."""
    skills = [s.uri for s in rng.sample(catalogue.skills, 15)]
    werkprocessen = rng.sample(pairs, 5)
    required = skills + [w for w, _, _ in werkprocessen]
    covered = rng.sample(skills, 7) + [t for _, _, t in werkprocessen[:3]]
    pool = [s.uri for s in catalogue.skills]
    evidence = []
    for n in range(50):
        shown = {rng.choice(pool) for _ in range(rng.randint(1, 4))}
        if n < len(covered):
            shown.add(covered[n])
        evidence.append(
            Evidence(
                id=str(uuid.UUID(int=rng.getrandbits(128))),
                # The last one is the person certificate of the first scheme.
                kind="certificate" if n == 49 else "module-certificate",
                verdict="valid" if rng.random() < 0.95 else "revoked",
                achievement_id=SCHEMES[0] if n == 49 else f"{BASE_URL}/modules/{n}",
                competences=frozenset(shown),
                issued_at=dt.datetime(2029, 6, 1, tzinfo=dt.UTC),
                valid_until=None,
            )
        )
    profile = JobProfile(
        id=uuid.UUID(int=rng.getrandbits(128)),
        owner_account_id=uuid.UUID(int=1),
        title="Monteur",
        region=rng.choice([None, rng.choice(PLACES)[1]]),
        requirements=[
            {"competence": uri, "when": rng.choice(["at-start", "can-learn"])} for uri in required
        ],
        certificates=[
            {"name": "VCA Basis", "competence": SCHEMES[0], "maxAgeMonths": 120},
            {"name": "NEN 3140", "competence": SCHEMES[1], "maxAgeMonths": None},
        ],
        published=True,
    )
    return profile, evidence


async def _time_matches(
    catalogue: Catalogue, cases: list[tuple[JobProfile, list[Evidence]]]
) -> list[float]:
    engine = make_engine(catalogue.url)
    sessions = make_sessionmaker(engine)
    now = dt.datetime.combine(catalogue.today, dt.time(12), tzinfo=dt.UTC)
    samples: list[float] = []
    try:
        for profile, evidence in cases:
            start = time.perf_counter()
            async with sessions() as session:
                await match_profile(
                    session, BASE_URL, profile, evidence, set(), now=now, today=catalogue.today
                )
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        await engine.dispose()
    return samples
