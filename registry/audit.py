"""The append-only audit log: who did what to which thing, and for whom."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import AuditEvent
from schemas.common import Actor


async def record(
    session: AsyncSession,
    actor: Actor | None,
    action: str,
    subject: str,
    *,
    on_behalf_of: UUID | None = None,
    **details: Any,
) -> None:
    """Append one event in the caller's transaction (so it exists exactly when the change does)."""
    session.add(
        AuditEvent(
            at=dt.datetime.now(dt.UTC),
            actor_account_id=actor.account_id if actor else None,
            on_behalf_of=on_behalf_of,
            action=action,
            subject=subject,
            details=details,
        )
    )
