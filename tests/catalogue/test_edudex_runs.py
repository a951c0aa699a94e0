"""EDU-DEX re-import and runs: a live run the program no longer lists is cancelled (never
deleted), hand-made runs of an imported module included, full and cancelled runs left alone;
the preview says so; a cancelled run stays cancelled when the program lists it again."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.imports.edudex import RUN_NAMESPACE
from catalogue.models import Run
from tests.catalogue.helpers import Catalogue
from tests.catalogue.test_edudex_import import WARMTEPOMP, _counts, _import, _module_id, tie


@pytest.fixture
async def tied(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    """opleider-a is the documents' provider: its EDU-DEX org unit id is recorded."""
    await tie(client, cat)


def without_run(document: bytes, run_id: str) -> bytes:
    """The program document without its `programRun` of this id."""
    runs = re.findall(rb"    <programRun>\n.*?</programRun>\n", document, flags=re.S)
    [run] = [r for r in runs if f"<id>{run_id}</id>".encode() in r]
    return document.replace(run, b"")


async def _statuses(client: AsyncTestClient[Any], cat: Catalogue, module_id: uuid.UUID) -> Any:
    runs = await client.get(f"/api/catalogue/modules/{module_id}/runs", headers=cat.provider_a)
    assert runs.status_code == 200, runs.text
    return {run["place"]: run["status"] for run in runs.json()}


async def _runs(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Run)) or 0)


@pytest.mark.usefixtures("tied")
async def test_a_run_the_program_no_longer_lists_is_cancelled(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    assert (await _import(client, WARMTEPOMP, cat.provider_a)).status_code == 201
    module_id = await _module_id(sessionmaker, "opleider-a", "WP-2027/01")
    # Runs the provider added by hand to the imported module: EDU-DEX speaks for them too.
    await cat.run(str(module_id), place="Den Bosch", postcode="5211 AA")
    await cat.run(str(module_id), place="Delft", postcode="2611 AA", status="full")
    published = await client.post(
        f"/api/catalogue/modules/{module_id}/publish", headers=cat.provider_a
    )
    assert published.status_code == 200, published.text
    hits = await client.get("/api/catalogue/modules", params={"region": "Zwolle"})
    assert hits.json()["total"] == 1
    shorter = without_run(WARMTEPOMP, "ZWL-2027-06")
    zwolle = uuid.uuid5(RUN_NAMESPACE, f"{module_id}/ZWL-2027-06")

    preview = await _import(client, shorter, cat.provider_a, dryRun="true")
    assert preview.status_code == 200, preview.text
    assert _counts(preview.json()) == (0, 1, 0, 0)
    cancelled = [w for w in preview.json()["warnings"] if "no longer listed" in w]
    assert cancelled == [
        f"program WP-2027/01: run {zwolle} (Zwolle, 2027-05-31) is no longer listed and was "
        "cancelled",
        f"program WP-2027/01: run {_hand_run(cancelled)} (Den Bosch, 2031-03-02) is no longer "
        "listed and was cancelled",
    ]
    before = {"Utrecht": "open", "Zwolle": "planned", "Den Bosch": "open", "Delft": "full"}
    assert await _statuses(client, cat, module_id) == before

    response = await _import(client, shorter, cat.provider_a)
    assert response.status_code == 200, response.text
    assert _counts(response.json()) == (0, 1, 0, 0)
    assert await _statuses(client, cat, module_id) == {
        "Utrecht": "open",
        "Zwolle": "cancelled",
        "Den Bosch": "cancelled",
        "Delft": "full",
    }
    assert await _runs(sessionmaker) == 4  # cancelled, not deleted
    hits = await client.get("/api/catalogue/modules", params={"region": "Zwolle"})
    assert hits.json()["total"] == 0
    # Nothing left to cancel: the same document again changes nothing.
    again = await _import(client, shorter, cat.provider_a)
    assert _counts(again.json()) == (0, 0, 0, 1)
    assert not [w for w in again.json()["warnings"] if "no longer listed" in w]


def _hand_run(warnings: list[str]) -> str:
    """The id of the hand-made run in its warning (the API chose it)."""
    found = re.search(r"run ([0-9a-f-]{36}) \(Den Bosch", " ".join(warnings))
    assert found is not None
    return found.group(1)


@pytest.mark.usefixtures("tied")
async def test_a_cancelled_run_stays_cancelled_when_listed_again(
    client: AsyncTestClient[Any], cat: Catalogue, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    await _import(client, WARMTEPOMP, cat.provider_a)
    module_id = await _module_id(sessionmaker, "opleider-a", "WP-2027/01")
    await _import(client, without_run(WARMTEPOMP, "ZWL-2027-06"), cat.provider_a)
    response = await _import(client, WARMTEPOMP, cat.provider_a)
    assert _counts(response.json()) == (0, 0, 0, 1)
    stays = "line 90, run ZWL-2027-06: the run was cancelled and stays cancelled"
    assert stays in response.json()["warnings"]
    assert (await _statuses(client, cat, module_id))["Zwolle"] == "cancelled"
