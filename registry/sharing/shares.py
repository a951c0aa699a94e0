"""Shares: chosen credentials for one recipient, for a limited time, withdrawable.

A share is reached through `{base}/s/{token}` (the token carries 256 random bits; it is looked
up by its SHA-256 hash and kept only sealed with the registry secret, for its owner to see again:
`registry.sharing.share_links`) or, by its recipient, through their list of received shares.
Presentations name the share by their audience, `{base}/shares/{id}`. This module makes, lists
and withdraws shares for their worker; opening one is `registry.sharing.opening`.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from uuid import UUID

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.mail.notices import queue_share_notice
from registry.models import Account, Credential, Share, Wallet
from registry.settings import Settings
from registry.sharing import disclosure, share_links, who_looked
from registry.sharing.share_links import hash_share_token, share_state
from registry.wallet.holders import Holder
from schemas.errors.sharing import (
    BadExpiryError,
    BadRecipientError,
    CredentialNotShareableError,
    RecipientNotEmployerError,
    ShareNotFoundError,
    UnknownCredentialError,
)
from schemas.wallet import ShareCreate, ShareCreated, ShareOut

AUDIENCE_PATH = "/shares/"
# Who shared, as shares name them: the name of the wallet's account (what its owner chose),
# else the wallet's own name (an unclaimed wallet: the name its first issuer gave). Use it
# with `Wallet` joined and `Account` outer-joined on `Wallet.account_id`.
SHARER_NAME = func.coalesce(Account.name, Wallet.name)
DEFAULT_LIFETIME = dt.timedelta(days=30)
MAX_LIFETIME = dt.timedelta(days=366)
# Credential statuses that stop a credential from being shared.
STOPPED = frozenset({"revoked", "suspended"})


def share_audience(settings: Settings, share_id: UUID) -> str:
    """The `aud` of a share's presentations: names the share without revealing its token."""
    return f"{settings.base_url}{AUDIENCE_PATH}{share_id}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def create_share(
    session: AsyncSession, settings: Settings, holder: Holder, data: ShareCreate
) -> ShareCreated:
    """Share some of the wallet's credentials with one recipient."""
    holder.require_worker("share credentials")
    now = _now()
    expires_at = data.expires_at or now + DEFAULT_LIFETIME
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=dt.UTC)
    if not now < expires_at <= now + MAX_LIFETIME:
        raise BadExpiryError("expiresAt must be in the future and within a year")
    credential_ids = await _own_credentials(session, holder.wallet.id, data.credential_ids)
    withheld = await disclosure.checked_withheld(
        session, holder.wallet.id, credential_ids, data.withhold
    )
    recipient, recipient_id = await _recipient(session, data.recipient)
    share_id, token = uuid.uuid4(), share_links.new_token()
    share = Share(
        id=share_id,
        wallet_id=holder.wallet.id,
        token_hash=hash_share_token(token),
        sealed_token=share_links.seal_token(settings, share_id, token),
        recipient=recipient,
        recipient_account_id=recipient_id,
        credential_ids=credential_ids,
        withheld=withheld,
        nonce=secrets.token_urlsafe(16),
        expires_at=expires_at,
        created_by=holder.actor.account_id,
    )
    session.add(share)
    await session.flush()
    await holder.record(
        session,
        "share.created",
        f"share:{share.id}",
        recipient=recipient,
        credentials=len(credential_ids),
    )
    await queue_share_notice(session, share)
    return ShareCreated(
        id=share.id,
        token=token,
        url=share_links.share_url(settings, token),
        expires_at=expires_at,
    )


async def _own_credentials(session: AsyncSession, wallet_id: UUID, given: list[str]) -> list[str]:
    """The credential ids (`Credential.credential_id`) for ids or row UUIDs in this wallet.
    What does not count cannot be shared: a revoked or suspended credential, or an imported
    one that did not verify (`verified` false; the CV keeps it apart)."""
    uuids = {UUID(v) for v in given if is_uuid(v)}
    rows = await session.execute(
        select(
            Credential.id, Credential.credential_id, Credential.status, Credential.verified
        ).where(
            Credential.wallet_id == wallet_id,
            or_(Credential.credential_id.in_(given), Credential.id.in_(uuids)),
        )
    )
    by_key: dict[str, str] = {}
    stopped: set[str] = set()
    for row_id, credential_id, status, verified in rows:
        by_key[str(row_id)] = by_key[credential_id] = credential_id
        if status in STOPPED or not verified:
            stopped.add(credential_id)
    missing = [
        v for v in given if v not in by_key and (not is_uuid(v) or str(UUID(v)) not in by_key)
    ]
    if missing:
        raise UnknownCredentialError("these credentials are not in your wallet", missing=missing)
    chosen = list(dict.fromkeys(by_key.get(v) or by_key[str(UUID(v))] for v in given))
    if stopped & set(chosen):
        raise CredentialNotShareableError(
            "revoked or suspended credentials, and imported ones that did not verify, "
            "cannot be shared",
            credentials=sorted(stopped & set(chosen)),
        )
    return chosen


def is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


async def _recipient(session: AsyncSession, recipient: str) -> tuple[str, UUID | None]:
    """An employer's e-mail address (an account may come later) or a verified employer
    account's id. A share to an account id keeps the id, never the account's e-mail address:
    the worker did not give it, so the worker is not told it (pages show the account's name).
    Any other account id (a worker, the operator, an unproven account) is refused: a share
    would give its name away and mail it."""
    if is_uuid(recipient):
        account = await session.get(Account, UUID(recipient))
        if account is None or account.role != "employer" or not account.is_verified:
            raise RecipientNotEmployerError(
                "an account id as recipient must be that of a verified employer account"
            )
        return str(account.id), account.id
    email = recipient.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email:
        raise BadRecipientError("recipient is an e-mail address or an account id")
    # Only an account that proved this address is the recipient; until then the share is
    # addressed to the address alone (and shows up once an account proves it).
    account_id = await session.scalar(
        select(Account.id).where(Account.email == email, Account.email_verified_at.is_not(None))
    )
    return email, account_id


async def withdraw_share(
    session: AsyncSession, settings: Settings, holder: Holder, share_id: UUID
) -> ShareOut:
    """Withdraw a share: from now on it answers 410."""
    holder.require_worker("withdraw a share")
    share = await session.get(Share, share_id)
    if share is None or share.wallet_id != holder.wallet.id:
        raise ShareNotFoundError("no such share")
    if share.withdrawn_at is None:
        share.withdrawn_at = _now()
        await holder.record(session, "share.withdrawn", f"share:{share.id}")
        await session.flush()
    return (await _share_outs(session, settings, holder, [share]))[0]


async def list_shares(session: AsyncSession, settings: Settings, holder: Holder) -> list[ShareOut]:
    """The wallet's shares, newest first, each with every view and, for the worker, its link
    (None for shares made before links were kept)."""
    holder.require_worker("see shares")
    shares = list(
        await session.scalars(
            select(Share)
            .where(Share.wallet_id == holder.wallet.id)
            .order_by(Share.created_at.desc())
        )
    )
    return await _share_outs(session, settings, holder, shares)


async def _share_outs(
    session: AsyncSession, settings: Settings, holder: Holder, shares: list[Share]
) -> list[ShareOut]:
    views = await who_looked.views_of(session, [s.id for s in shares])
    # Named only where the worker gave an account id: an address typed in never tells the
    # worker whose account it is.
    by_id = [s for s in shares if s.recipient == str(s.recipient_account_id)]
    names = await recipient_names(session, by_id)
    now = _now()
    return [
        ShareOut(
            id=share.id,
            recipient=share.recipient,
            recipient_name=names.get(share.id),
            credential_ids=share.credential_ids,
            withheld=share.withheld,
            created_at=share.created_at,
            expires_at=share.expires_at,
            withdrawn_at=share.withdrawn_at,
            state=share_state(share, now),
            views=views[share.id],
            link_kept=share.sealed_token is not None,
            # The link is a key: only the worker sees it again, not a coach acting for them.
            url=share_links.link_of(settings, share) if holder.is_worker else None,
        )
        for share in shares
    ]


async def recipient_names(session: AsyncSession, shares: list[Share]) -> dict[UUID, str]:
    """The account name of each share's recipient, where the recipient has an account."""
    ids = {s.recipient_account_id for s in shares if s.recipient_account_id is not None}
    if not ids:
        return {}
    rows = await session.execute(select(Account.id, Account.name).where(Account.id.in_(ids)))
    found = dict(rows.tuples().all())
    return {
        s.id: found[s.recipient_account_id]
        for s in shares
        if s.recipient_account_id is not None and s.recipient_account_id in found
    }
