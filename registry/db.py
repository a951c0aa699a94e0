"""Database engine and sessions: SQLite (aiosqlite) by default, PostgreSQL (asyncpg) for real."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec
from sqlalchemy import Table, event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# Values per IN (...) list: below SQLite's and asyncpg's parameter limits.
IN_CHUNK = 5_000


def async_url(url: str) -> str:
    """Pick the async driver for a plain database URL."""
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url.removeprefix(prefix)
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run beside the one writer; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    # 64 MiB page cache (allocated only as used): a 10,000-credential batch then updates its
    # index pages in memory instead of spilling and re-reading them (about 10 us a row).
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _json_text(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine with the per-dialect settings we rely on."""
    # msgspec writes and reads JSON columns several times faster than the stdlib json module,
    # which matters when a batch stores thousands of credential rows.
    kwargs.setdefault("json_serializer", _json_text)
    kwargs.setdefault("json_deserializer", msgspec.json.decode)
    engine = create_async_engine(async_url(url), **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


async def bulk_insert(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows through the driver's executemany, converting each value with its
    column's own bind processor: the values SQLAlchemy would send, without the per-row
    statement machinery that costs about as much as an Ed25519 signature per row."""
    if not rows:
        return
    connection = await session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    if dialect.name == "postgresql":
        placeholders = ", ".join(f"${n}" for n in range(1, len(names) + 1))
    else:
        placeholders = ", ".join("?" for _ in names)
    # Table and column names come from our own model (table.c[...] refused anything else).
    statement = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({placeholders})"  # noqa: S608
    params = [
        tuple(
            value if process is None or value is None else process(value)
            for process, value in zip(processors, (row[name] for name in names), strict=True)
        )
        for row in rows
    ]
    await connection.exec_driver_sql(statement, params)


async def rows_where_in(
    session: AsyncSession,
    table: Table,
    names: Sequence[str],
    key: str,
    values: Sequence[Any],
    where: dict[str, Any] | None = None,
) -> list[tuple[Any, ...]]:
    """`SELECT names FROM table WHERE key IN values [AND column = value ...]` through the
    driver, converting values with the columns' own processors (as `bulk_insert` does): for
    the thousands of lookups of a batch, SQLAlchemy's expanding IN and row machinery cost ten
    times the query itself."""
    connection = await session.connection()
    dialect = connection.dialect
    readers = [
        table.c[name].type.dialect_impl(dialect).result_processor(dialect, None) for name in names
    ]
    equal = [(name, _bound(table, dialect, name, value)) for name, value in (where or {}).items()]
    writer = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(values), IN_CHUNK):
        chunk = [writer(v) if writer else v for v in values[start : start + IN_CHUNK]]
        params = [*(value for _, value in equal), *chunk]
        if dialect.name == "postgresql":
            marks = [f"${n}" for n in range(1, len(params) + 1)]
        else:
            marks = ["?" for _ in params]
        conditions = [f"{name} = {mark}" for (name, _), mark in zip(equal, marks, strict=False)]
        conditions.append(f"{key} IN ({', '.join(marks[len(equal) :])})")
        # Names come from our own model (table.c[...] refused anything else).
        statement = (
            f"SELECT {', '.join(names)} FROM {table.name} "  # noqa: S608
            f"WHERE {' AND '.join(conditions)}"
        )
        result = await connection.exec_driver_sql(statement, tuple(params))
        found.extend(
            tuple(
                read(value) if read is not None and value is not None else value
                for read, value in zip(readers, row, strict=True)
            )
            for row in result
        )
    return found


def _bound(table: Table, dialect: Any, name: str, value: Any) -> Any:
    """A value as the driver takes it for this column."""
    process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
    return process(value) if process is not None and value is not None else value
