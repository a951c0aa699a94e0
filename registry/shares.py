"""Shares: chosen credentials for one recipient, for a limited time, withdrawable.

A share is reached through `{base}/s/{token}` (the token carries 256 random bits and is stored
only as a SHA-256 hash) or, by its recipient, through their list of received shares. Each
opening signs a fresh presentation with the worker's holder key, for the audience
`{base}/shares/{id}` and the share's stored nonce, and is logged where the worker sees it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from credentials.keys import unwrap_key
from credentials.presentation import present
from registry import audit
from registry.holders import Holder
from registry.models import Account, Credential, Share, ShareView, Wallet
from registry.settings import Settings
from schemas.common import Actor
from schemas.errors import GoneError, InvalidInputError, NotFoundError
from schemas.verification import CredentialSummary, Report
from schemas.wallet import (
    ReceivedShare,
    ShareCreate,
    ShareCreated,
    ShareOut,
    SharePage,
    ShareState,
    ShareViewOut,
)

SHARE_PATH = "/s/"
AUDIENCE_PATH = "/shares/"
DEFAULT_LIFETIME = dt.timedelta(days=30)
MAX_LIFETIME = dt.timedelta(days=366)


class ShareGoneError(GoneError):
    """The share was withdrawn or has expired (HTTP 410)."""

    code = "share-gone"


def hash_share_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def share_url(settings: Settings, token: str) -> str:
    return f"{settings.base_url}{SHARE_PATH}{token}"


def share_audience(settings: Settings, share_id: UUID) -> str:
    """The `aud` of a share's presentations: names the share without revealing its token."""
    return f"{settings.base_url}{AUDIENCE_PATH}{share_id}"


def share_state(share: Share, now: dt.datetime) -> ShareState:
    if share.withdrawn_at is not None:
        return "withdrawn"
    return "expired" if share.expires_at <= now else "active"


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
        raise InvalidInputError(
            "expiresAt must be in the future and within a year", code="bad-expiry"
        )
    credential_ids = await _own_credentials(session, holder.wallet.id, data.credential_ids)
    recipient, recipient_id = await _recipient(session, data.recipient)
    token = secrets.token_urlsafe(32)
    share = Share(
        wallet_id=holder.wallet.id,
        token_hash=hash_share_token(token),
        recipient=recipient,
        recipient_account_id=recipient_id,
        credential_ids=credential_ids,
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
    return ShareCreated(
        id=share.id, token=token, url=share_url(settings, token), expires_at=expires_at
    )


async def _own_credentials(session: AsyncSession, wallet_id: UUID, given: list[str]) -> list[str]:
    """The credential ids (`Credential.credential_id`) for ids or row UUIDs in this wallet."""
    uuids = {UUID(v) for v in given if is_uuid(v)}
    rows = await session.execute(
        select(Credential.id, Credential.credential_id).where(
            Credential.wallet_id == wallet_id,
            or_(Credential.credential_id.in_(given), Credential.id.in_(uuids)),
        )
    )
    by_key: dict[str, str] = {}
    for row_id, credential_id in rows:
        by_key[str(row_id)] = by_key[credential_id] = credential_id
    missing = [
        v for v in given if v not in by_key and (not is_uuid(v) or str(UUID(v)) not in by_key)
    ]
    if missing:
        raise InvalidInputError(
            "these credentials are not in your wallet", code="unknown-credential", missing=missing
        )
    chosen = [by_key.get(v) or by_key[str(UUID(v))] for v in given]
    return list(dict.fromkeys(chosen))


def is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


async def _recipient(session: AsyncSession, recipient: str) -> tuple[str, UUID | None]:
    """An employer's e-mail address (an account may come later) or an account id."""
    if is_uuid(recipient):
        account = await session.get(Account, UUID(recipient))
        if account is None:
            raise NotFoundError("no account with this id", code="recipient-not-found")
        return account.email or str(account.id), account.id
    email = recipient.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email:
        raise InvalidInputError(
            "recipient is an e-mail address or an account id", code="bad-recipient"
        )
    account_id = await session.scalar(select(Account.id).where(Account.email == email))
    return email, account_id


async def withdraw_share(session: AsyncSession, holder: Holder, share_id: UUID) -> ShareOut:
    """Withdraw a share: from now on it answers 410."""
    holder.require_worker("withdraw a share")
    share = await session.get(Share, share_id)
    if share is None or share.wallet_id != holder.wallet.id:
        raise NotFoundError("no such share", code="share-not-found")
    if share.withdrawn_at is None:
        share.withdrawn_at = _now()
        await holder.record(session, "share.withdrawn", f"share:{share.id}")
        await session.flush()
    return (await _share_outs(session, [share]))[0]


async def list_shares(session: AsyncSession, holder: Holder) -> list[ShareOut]:
    """The wallet's shares, newest first, each with every view."""
    holder.require_worker("see shares")
    shares = list(
        await session.scalars(
            select(Share)
            .where(Share.wallet_id == holder.wallet.id)
            .order_by(Share.created_at.desc())
        )
    )
    return await _share_outs(session, shares)


async def _share_outs(session: AsyncSession, shares: list[Share]) -> list[ShareOut]:
    views: dict[UUID, list[ShareViewOut]] = defaultdict(list)
    if shares:
        rows = await session.scalars(
            select(ShareView)
            .where(ShareView.share_id.in_([s.id for s in shares]))
            .order_by(ShareView.created_at)
        )
        for view in rows:
            views[view.share_id].append(
                ShareViewOut(
                    at=view.created_at, viewer=view.viewer, viewer_id=view.viewer_account_id
                )
            )
    now = _now()
    return [
        ShareOut(
            id=share.id,
            recipient=share.recipient,
            credential_ids=share.credential_ids,
            created_at=share.created_at,
            expires_at=share.expires_at,
            withdrawn_at=share.withdrawn_at,
            state=share_state(share, now),
            views=views[share.id],
        )
        for share in shares
    ]


async def _addressed_to(session: AsyncSession, actor: Actor) -> ColumnElement[bool]:
    """Shares addressed to this account (by id or e-mail), or that it opened by link."""
    email = await session.scalar(select(Account.email).where(Account.id == actor.account_id))
    opened = select(ShareView.share_id).where(ShareView.viewer_account_id == actor.account_id)
    conditions = [Share.recipient_account_id == actor.account_id, Share.id.in_(opened)]
    if email:
        conditions.append(Share.recipient == email)
    return or_(*conditions)


async def received_shares(
    session: AsyncSession, settings: Settings, actor: Actor
) -> list[ReceivedShare]:
    """What others shared with this account, newest first."""
    rows = list(
        await session.execute(
            select(Share, Wallet.name)
            .join(Wallet, Wallet.id == Share.wallet_id)
            .where(await _addressed_to(session, actor))
            .order_by(Share.created_at.desc())
        )
    )
    ids = {cid for share, _ in rows for cid in share.credential_ids}
    names: dict[str, str] = {}
    if ids:
        found = await session.execute(
            select(Credential.credential_id, Credential.achievement_name).where(
                Credential.credential_id.in_(ids)
            )
        )
        names = dict(found.tuples().all())
    now = _now()
    return [
        ReceivedShare(
            id=share.id,
            holder_name=name,
            achievements=[names.get(cid, "") for cid in share.credential_ids],
            expires_at=share.expires_at,
            state=share_state(share, now),
            url=f"{settings.base_url}/api/shares/received/{share.id}",
        )
        for share, name in rows
    ]


@dataclass(frozen=True, slots=True)
class OpenedShare:
    """A share being viewed: its wallet, its credentials and a fresh presentation."""

    share: Share
    wallet: Wallet
    credentials: list[Credential]
    presentation: str
    audience: str


async def open_by_token(
    session: AsyncSession, settings: Settings, token: str, viewer: Actor | None, *, via: str
) -> OpenedShare:
    """Open a share by its link (logged as a view)."""
    share = await session.scalar(select(Share).where(Share.token_hash == hash_share_token(token)))
    if share is None:
        raise NotFoundError("no such share", code="share-not-found")
    return await _open(session, settings, share, viewer, via=via)


async def open_received(
    session: AsyncSession, settings: Settings, actor: Actor, share_id: UUID
) -> OpenedShare:
    """Open a share addressed to the caller (logged as a view)."""
    share = await session.scalar(
        select(Share).where(Share.id == share_id, await _addressed_to(session, actor))
    )
    if share is None:
        raise NotFoundError("no such share", code="share-not-found")
    return await _open(session, settings, share, actor, via="received")


async def share_by_audience(session: AsyncSession, settings: Settings, aud: str) -> Share | None:
    """The share a presentation's `aud` names, if it is one of ours."""
    prefix = settings.base_url + AUDIENCE_PATH
    if not aud.startswith(prefix) or not is_uuid(aud[len(prefix) :]):
        return None
    return await session.get(Share, UUID(aud[len(prefix) :]))


def token_from_url(settings: Settings, url: str) -> str:
    """The token in one of our share links; other URLs are refused (we never fetch)."""
    prefix = settings.base_url + SHARE_PATH
    token = url.strip().removeprefix(prefix)
    if not url.strip().startswith(prefix) or not token or "/" in token or len(token) > 100:
        raise InvalidInputError(
            f"a share URL of this registry starts with {prefix}", code="not-a-share-url"
        )
    return token


async def _open(
    session: AsyncSession, settings: Settings, share: Share, viewer: Actor | None, *, via: str
) -> OpenedShare:
    now = _now()
    state = share_state(share, now)
    if state != "active":
        raise ShareGoneError(f"this share is {state}", code=f"share-{state}")
    wallet = await session.get(Wallet, share.wallet_id)
    assert wallet is not None  # a foreign key
    rows = await session.scalars(
        select(Credential).where(
            Credential.wallet_id == wallet.id, Credential.credential_id.in_(share.credential_ids)
        )
    )
    by_id = {row.credential_id: row for row in rows}
    credentials = [by_id[cid] for cid in share.credential_ids if cid in by_id]
    audience = share_audience(settings, share.id)
    presentation = present(
        [c.jws for c in credentials],
        unwrap_key(wallet.wrapped_key, settings.secret_key),
        holder_did=wallet.holder_did,
        audience=audience,
        nonce=share.nonce,
        issued_at=now,
        expires_at=share.expires_at,
    )
    await _log_view(session, share, viewer, via)
    return OpenedShare(share, wallet, credentials, presentation, audience)


async def _log_view(session: AsyncSession, share: Share, viewer: Actor | None, via: str) -> None:
    label = "iemand met de link (someone with the link)"
    if viewer is not None:
        name = await session.scalar(select(Account.name).where(Account.id == viewer.account_id))
        label = f"{name} ({viewer.role})"
    session.add(
        ShareView(
            share_id=share.id,
            viewer_account_id=viewer.account_id if viewer else None,
            viewer=label[:300],
        )
    )
    await audit.record(session, viewer, "share.viewed", f"share:{share.id}", via=via)


def share_page(opened: OpenedShare, report: Report) -> SharePage:
    """The JSON view of an opened share."""
    summaries = [r.credential or CredentialSummary() for r in report.credentials or []]
    return SharePage(
        presentation=opened.presentation,
        holder_name=opened.wallet.name,
        credentials=summaries,
        verification=report,
    )
