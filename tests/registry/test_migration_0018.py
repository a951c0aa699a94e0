"""Migration 0018 on a catalogue of before it: the route index gets a row for each live run
and taught competence of a searchable module, and none for a full run or a draft module."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, select

from catalogue.models import (
    Competence,
    CompetenceFramework,
    Module,
    ModuleSearch,
    ModuleVersion,
    ModuleVersionCompetence,
    Provider,
    RouteRun,
    Run,
)
from registry.db import make_engine
from registry.migrate import alembic_config
from tests.registry.migration_helpers import database_at

URI = "http://data.europa.eu/esco/skill/00735755-adc6-4ea0-b034-b8caff339c9f"
START = dt.date(2031, 3, 2)


@pytest.fixture
def database_at_0017(tmp_path: Path) -> Iterator[str]:
    yield from database_at(tmp_path, "0017", "m0018")


def _module(provider: uuid.UUID, competence: uuid.UUID, *, searchable: bool) -> list[Any]:
    """A module teaching URI with an open and a full run; in search when `searchable`."""
    module, version = uuid.uuid4(), uuid.uuid4()
    rows: list[Any] = [
        (Module, {"id": module, "provider_id": provider, "status": "published"}),
        (ModuleVersion, {"id": version, "module_id": module, "number": 1, "title": "M",
                         "summary": "", "description": "", "study_load_hours": 8,
                         "delivery_mode": "online", "sectors": [], "certificate": "M"}),
        (ModuleVersionCompetence, {"id": uuid.uuid4(), "version_id": version,
                                   "competence_id": competence, "position": 0, "uri": URI,
                                   "labels": {}, "label": "x", "framework": "esco",
                                   "framework_version": "v1"}),
    ]  # fmt: skip
    rows.extend(
        (Run, {"id": uuid.uuid4(), "module_id": module, "start_date": START, "end_date": START,
               "place": "Utrecht", "postcode": "3511 AB", "seats": 1, "status": status})
        for status in ("open", "full")
    )  # fmt: skip
    if searchable:
        rows.append(
            (ModuleSearch, {"module_id": module, "version_number": 1, "version_id": version,
                            "provider_id": provider, "title": "M", "summary": "",
                            "delivery_mode": "online", "study_load_hours": 8, "document": ""})
        )  # fmt: skip
    return rows


async def _fill(url: str) -> uuid.UUID:
    provider, framework, competence = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    now = dt.datetime.now(dt.UTC)
    rows: list[Any] = [
        (Provider, {"id": provider, "slug": "p", "name": "P", "sectors": []}),
        (CompetenceFramework, {"id": framework, "slug": "esco", "name": "ESCO", "uri": "x",
                               "version": "v1"}),
        (Competence, {"id": competence, "framework_id": framework, "uri": URI,
                      "labels": {}, "label": "x", "description": ""}),
        *_module(provider, competence, searchable=True),
        *_module(provider, competence, searchable=False),
    ]  # fmt: skip
    engine = make_engine(url)
    async with engine.begin() as connection:
        for model, row in rows:
            stamps = {"created_at": now, "updated_at": now} if hasattr(model, "created_at") else {}
            await connection.execute(insert(model.__table__).values({**stamps, **row}))
    await engine.dispose()
    searchable: uuid.UUID = rows[3][1]["id"]
    return searchable


async def _read(url: str) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    async with engine.connect() as connection:
        found = await connection.execute(
            select(RouteRun.uri, RouteRun.module_id, RouteRun.start_date, RouteRun.place_key)
        )
        rows = [tuple(row) for row in found]
    await engine.dispose()
    return rows


def test_0018_indexes_the_live_runs_of_searchable_modules(database_at_0017: str) -> None:
    module = asyncio.run(_fill(database_at_0017))
    command.upgrade(alembic_config(database_at_0017), "head")
    assert asyncio.run(_read(database_at_0017)) == [(URI, module, START, "utrecht")]
