"""Named locks held until the transaction ends, for check-then-write sequences.

PostgreSQL: a transaction advisory lock on a hash of the name. SQLite: it has one writer, so
any write statement takes the database's writer lock for the rest of the transaction; an
UPDATE that matches no row is such a write and changes nothing. Either way a second
transaction that asks for the same lock waits, and then reads what the first one committed.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def hold(session: AsyncSession, name: str) -> None:
    """Serialise this transaction with every other one that holds `name`."""
    if (await session.connection()).dialect.name == "postgresql":
        digest = hashlib.sha256(name.encode()).digest()
        number = int.from_bytes(digest[:8], "big", signed=True)
        await session.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": number})
    else:
        await session.execute(text("UPDATE status_list SET version = version WHERE 0"))
