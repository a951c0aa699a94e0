"""The worker's "who looked": one row per opening of a share, and those rows as data."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry import audit
from registry.models import Account, Share, ShareView
from schemas.common import Actor
from schemas.wallet import ShareViewOut, ViewerKind


async def log_view(session: AsyncSession, share: Share, viewer: Actor | None, via: str) -> None:
    """One row in the worker's "who looked". An account whose address is not proven counts as
    anyone with the link: its name is self-chosen (it could be "Politie" or a phishing text),
    and the share does not join its received list either. The audit keeps who it was."""
    name, account_id = "", None
    account = await session.get(Account, viewer.account_id) if viewer is not None else None
    if viewer is not None and account is not None and account.is_verified:
        name, account_id = account.name, account.id
    # `viewer` keeps the name it had when it looked, for the record (rows from before hold a
    # two-language label); answers name the account as it is now (`views_of`).
    session.add(ShareView(share_id=share.id, viewer_account_id=account_id, viewer=name[:300]))
    await audit.record(session, viewer, "share.viewed", f"share:{share.id}", via=via)


async def views_of(session: AsyncSession, share_ids: list[UUID]) -> dict[UUID, list[ShareViewOut]]:
    """Each share's views as data: an account that proved its address by its name and role
    (as the account is now), anyone else as anyone with the link. No display text: the
    pages word it in their language, and machines get no half-Dutch strings."""
    views: dict[UUID, list[ShareViewOut]] = defaultdict(list)
    if not share_ids:
        return views
    rows = await session.execute(
        select(ShareView.share_id, ShareView.created_at, Account.id, Account.name, Account.role)
        .outerjoin(Account, Account.id == ShareView.viewer_account_id)
        .where(ShareView.share_id.in_(share_ids))
        .order_by(ShareView.created_at)
    )
    for share_id, at, account_id, name, role in rows:
        kind: ViewerKind = "anyone-with-link" if account_id is None else "account"
        views[share_id].append(
            ShareViewOut(
                at=at, viewer_kind=kind, viewer=name, viewer_role=role, viewer_id=account_id
            )
        )
    return views
