"""How each test gets a database of its own without emptying tables.

Default (rolled back): the test gets one connection with a transaction open on it. Every
session of the test, and of the app under test, is bound to that connection with
`join_transaction_mode="create_savepoint"`: what the code commits is a SAVEPOINT released,
what it rolls back is rolled back to its SAVEPOINT, and at the end of the test the whole
transaction is rolled back. The next test finds the tables as empty as the first.

`@pytest.mark.committed`: for tests that need real commits or several connections (locks,
concurrent requests or batches, processes racing, the CLI or a server on the database). They
use the engines as production does and the tables are emptied after them.

SQLite: pysqlite begins a transaction only before a write and lets a SAVEPOINT outside one
start (and its RELEASE commit) a transaction of its own. The rolled-back engine therefore takes
the transactions from the driver and begins them itself (SQLAlchemy's recipe for "Serializable
isolation / Savepoints / Transactional DDL" with pysqlite and aiosqlite). Only that engine:
the committed one keeps production's behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Litestar
from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

import catalogue.models
import registry.models  # noqa: F401 - all tables on the metadata
from registry.db import make_engine, make_sessionmaker

METADATA = catalogue.models.Provider.metadata
GUARD_TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%RAISE(ABORT%'"
)


def rollback_engine(url: str) -> AsyncEngine:
    """An engine whose transactions can hold SAVEPOINTs and be rolled back whole."""
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _driver_begins_nothing)
        event.listen(engine.sync_engine, "begin", _begin)
    return engine


def _driver_begins_nothing(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


@dataclass
class Database:
    """Where the sessions of one test go: its connection (rolled back) or the engines
    (committed)."""

    engine: AsyncEngine
    connection: AsyncConnection | None

    @property
    def committed(self) -> bool:
        return self.connection is None

    def sessionmaker(self) -> async_sessionmaker[AsyncSession]:
        """A sessionmaker for the test's own sessions, bound like the app's."""
        return self._bound(make_sessionmaker(self.engine), self.engine)

    def bind(self, app: Litestar) -> Litestar:
        """Send the app's sessions where this test's go (its own engine when committed)."""
        self._bound(app.state.sessionmaker, app.state.engine)
        return app

    def _bound(
        self, maker: async_sessionmaker[AsyncSession], engine: AsyncEngine
    ) -> async_sessionmaker[AsyncSession]:
        if self.connection is None:
            maker.configure(bind=engine, join_transaction_mode="conditional_savepoint")
        else:
            maker.configure(bind=self.connection, join_transaction_mode="create_savepoint")
        return maker


async def empty_database(engine: AsyncEngine) -> None:
    """Empty every table (the schema itself stays migrated)."""
    tables = [t.name for t in reversed(METADATA.sorted_tables)]
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
        else:
            # Append-only tables refuse DELETE by trigger: lift the triggers while emptying.
            triggers = (await conn.execute(text(GUARD_TRIGGERS))).all()
            for name, _ in triggers:
                await conn.execute(text(f"DROP TRIGGER {name}"))
            for table in tables:
                await conn.execute(text(f"DELETE FROM {table}"))
            for _, sql in triggers:
                await conn.execute(text(sql))


async def rows_left(engine: AsyncEngine) -> dict[str, int]:
    """Tables that are not empty, with their row counts."""
    counts: dict[str, int] = {}
    async with engine.connect() as conn:
        for table in METADATA.sorted_tables:
            # Names come from our own metadata.
            found = await conn.scalar(text(f"SELECT count(*) FROM {table.name}"))
            if found:
                counts[table.name] = int(found)
    return counts
