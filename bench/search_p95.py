"""search_p95: catalogue search latency over 100,000 modules (quick: 10,000) on SQLite.

Calls `catalogue.search.search_modules` directly, one session per query as a request would,
with a seeded mix of the questions people ask: words only, words plus filters, filters only,
a competence, a region with a date window, and a page deep in the results.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.catalogue_data import MODES, PLACES, SECTORS, TRADES, Catalogue, build
from bench.common import Context, emit, percentile
from catalogue.search import SearchQuery, search_modules
from registry.db import make_engine, make_sessionmaker

FULL_MODULES = 100_000
QUICK_MODULES = 10_000
WARMUP = 100
QUERIES = 500
BASE_URL = "http://bench.local"
ENGLISH = ["heat pump", "solar", "insulation", "energy", "ventilation", "wind", "waste water"]


def run(ctx: Context) -> None:
    size = QUICK_MODULES if ctx.quick else FULL_MODULES
    with tempfile.TemporaryDirectory(prefix="llo-bench-") as tmp:
        catalogue = build(Path(tmp) / "search.sqlite3", size, today=dt.date(2030, 1, 1))
        queries = mix(random.Random(95), catalogue, WARMUP + QUERIES)
        samples = asyncio.run(_time_queries(catalogue, queries))[WARMUP:]
    verify_us = ctx.baseline.verify_us
    for name, fraction in (("search_p95", 0.95), ("search_p50", 0.5)):
        ms = percentile(samples, fraction)
        emit(name, ms, "ms", ms * 1000 / verify_us)


async def _time_queries(catalogue: Catalogue, queries: list[SearchQuery]) -> list[float]:
    engine = make_engine(catalogue.url)
    sessions = make_sessionmaker(engine)
    samples: list[float] = []
    try:
        for query in queries:
            start = time.perf_counter()
            async with sessions() as session:
                await search_modules(session, BASE_URL, query, today=catalogue.today)
            samples.append((time.perf_counter() - start) * 1000)
    finally:
        await engine.dispose()
    return samples


def mix(rng: random.Random, catalogue: Catalogue, count: int) -> list[SearchQuery]:
    """`count` queries drawn with fixed weights from the kinds below."""
    kinds: list[tuple[int, Callable[[random.Random, Catalogue], SearchQuery]]] = [
        (25, _words),
        (20, _words_and_filters),
        (15, _filters),
        (10, _competence),
        (20, _region_and_window),
        (10, _deep_page),
    ]
    makers = [make for weight, make in kinds for _ in range(weight)]
    return [rng.choice(makers)(rng, catalogue) for _ in range(count)]


def _text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(TRADES)
    if roll < 0.7:
        return rng.choice(TRADES)[: rng.randint(4, 7)]  # typed halfway, as people do
    if roll < 0.85:
        return f"{rng.choice(TRADES)} {rng.choice(['monteur', 'onderhoud', 'basis', 'veilig'])}"
    return rng.choice(ENGLISH)


def _words(rng: random.Random, catalogue: Catalogue) -> SearchQuery:
    return SearchQuery(q=_text(rng))


def _words_and_filters(rng: random.Random, catalogue: Catalogue) -> SearchQuery:
    return SearchQuery(
        q=_text(rng),
        level=rng.choice([None, 2, 3, 4]),
        delivery_mode=rng.choice([None, *MODES]),
        region=rng.choice([None, rng.choice(PLACES)[1]]),
    )


def _filters(rng: random.Random, catalogue: Catalogue) -> SearchQuery:
    return SearchQuery(
        level=rng.choice([None, 1, 2, 3, 4]),
        level_scheme=rng.choice([None, "mbo", "nlqf"]),
        sector=rng.choice([None, *SECTORS]),
        delivery_mode=rng.choice([None, *MODES]),
        provider=rng.choice([None, rng.choice(catalogue.provider_slugs)]),
    )


def _competence(rng: random.Random, catalogue: Catalogue) -> SearchQuery:
    return SearchQuery(competence=rng.choice(catalogue.skills).uri, level=rng.choice([None, 3]))


def _region_and_window(rng: random.Random, catalogue: Catalogue) -> SearchQuery:
    place, prefix = rng.choice(PLACES)
    start = catalogue.today + dt.timedelta(days=rng.randint(0, 300))
    return SearchQuery(
        q=rng.choice([None, None, _text(rng)]),
        region=rng.choice([place.lower(), prefix, f"{prefix}{rng.randint(10, 99)}"]),
        start_from=start,
        start_to=start + dt.timedelta(days=rng.choice([30, 60, 90])),
    )


def _deep_page(rng: random.Random, catalogue: Catalogue) -> SearchQuery:
    return SearchQuery(
        q=rng.choice([None, _text(rng)]),
        limit=20,
        offset=rng.choice([100, 200, 500, 1_000, 2_000]),
    )
