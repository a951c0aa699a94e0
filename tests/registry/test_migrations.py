"""Models and migrations agree: autogenerate, with the rules of `registry.migrate` (the search
tables migration 0002 made by hand left out), finds nothing to do on SQLite or PostgreSQL;
the check sees a difference when there is one; `registry db revision` writes an empty
migration while they agree."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from registry.db import make_engine
from registry.migrate import MIGRATIONS, compare_type, include_object, revision
from tests.conftest import METADATA

T = TypeVar("T")


def _in_thread(work: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine on a loop of its own (Alembic itself calls asyncio.run)."""
    result: list[T] = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(work())))  # type: ignore[arg-type]
    worker.start()
    worker.join()
    return result[0]


def differences(database_url: str, metadata: sa.MetaData) -> list[Any]:
    """What autogenerate would write for `metadata` against the migrated database."""

    async def compare() -> list[Any]:
        engine = make_engine(database_url)
        try:
            async with engine.connect() as conn:
                found: list[Any] = await conn.run_sync(
                    lambda sync: compare_metadata(
                        MigrationContext.configure(
                            sync,
                            opts={"compare_type": compare_type, "include_object": include_object},
                        ),
                        metadata,
                    )
                )
        finally:
            await engine.dispose()
        return found

    return _in_thread(compare)


def test_models_and_migrations_agree(database_url: str) -> None:
    assert differences(database_url, METADATA) == []


def test_the_check_sees_a_model_the_migrations_lack(database_url: str) -> None:
    """Break it on purpose: a column, an index and a table only the models have, and a
    table only the database has."""
    changed = sa.MetaData()
    for table in METADATA.sorted_tables:
        if table.name != "experience":  # the database has it, these models do not
            table.to_metadata(changed)
    changed.tables["account"].append_column(sa.Column("nickname", sa.String(40)))
    sa.Index("ix_wallet_name", changed.tables["wallet"].c.name)
    sa.Table("badge_backpack", changed, sa.Column("id", sa.Integer, primary_key=True))
    found = repr(differences(database_url, changed))
    for expected in (
        "'add_column', None, 'account'",
        "'add_index', Index('ix_wallet_name'",
        "'add_table', Table('badge_backpack'",
        "'remove_table', Table('experience'",
    ):
        assert expected in found


def test_a_revision_while_they_agree_is_empty(database_url: str, tmp_path: Path) -> None:
    path = revision(database_url, "nothing to do", version_dir=tmp_path)
    assert path.parent == tmp_path
    text = path.read_text()
    numbered = len(list((MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")))
    assert f"Revision ID: {numbered + 1:04d}" in text  # our numbering goes on
    upgrade, downgrade = (part.split("\n\n")[0] for part in text.split("def ")[-2:])
    for body in (upgrade, downgrade):
        assert [line.strip() for line in body.splitlines()[1:] if "#" not in line] == ["pass"]
    assert "op." not in text
