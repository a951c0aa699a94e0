"""Opening a share: by its link (anyone who has it) or as its recipient, who also lists what
was shared with them. Each opening signs a fresh presentation with the worker's holder key, for
the share's audience and stored nonce, and is logged where the worker sees it
(`registry.sharing.who_looked`). Making, listing and withdrawing shares is
`registry.sharing.shares`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from credentials.keys import unwrap_key
from credentials.presentation import present
from registry.models import Account, Credential, Share, ShareView, Wallet
from registry.settings import Settings
from registry.sharing import disclosure, who_looked
from registry.sharing.share_links import SHARE_PATH, hash_share_token, share_state
from registry.sharing.shares import (
    AUDIENCE_PATH,
    SHARER_NAME,
    is_uuid,
    recipient_names,
    share_audience,
)
from schemas.common import Actor
from schemas.errors.sharing import SHARE_GONE, NotAShareUrlError, ShareNotFoundError
from schemas.verification import CredentialSummary, Report
from schemas.wallet import ReceivedShare, SharePage


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _addressed_to(session: AsyncSession, actor: Actor) -> ColumnElement[bool]:
    """Shares addressed to this account (by id or e-mail), or that it opened by link; none
    while the account's address is not proven."""
    account = await session.get(Account, actor.account_id)
    if account is None or not account.is_verified:
        return false()
    email = account.email
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
            select(Share, SHARER_NAME)
            .join(Wallet, Wallet.id == Share.wallet_id)
            .outerjoin(Account, Account.id == Wallet.account_id)
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
            holder_name=name if share.names_sharer else "",
            achievements=[names.get(cid, "") for cid in share.credential_ids],
            expires_at=share.expires_at,
            state=share_state(share, now),
            url=f"{settings.base_url}/api/shares/received/{share.id}",
        )
        for share, name in rows
    ]


@dataclass(frozen=True, slots=True)
class OpenedShare:
    """A share being viewed: its wallet, its credentials and a fresh presentation.
    `sharer_name` is who shared (`SHARER_NAME`): a name nobody checked, never a name to put
    on the credentials' content (their issuers signed the holder's name in each); empty
    when the share may not name them (`Share.names_sharer`)."""

    share: Share
    wallet: Wallet
    credentials: list[Credential]
    presentation: str
    audience: str
    sharer_name: str
    # The recipient account's name, if any: pages show it, never the recipient's address.
    recipient_name: str | None = None


async def open_by_token(
    session: AsyncSession,
    settings: Settings,
    token: str,
    viewer: Actor | None,
    *,
    via: str,
    viewed: bool = True,
) -> OpenedShare:
    """Open a share by its link (logged as a view, unless `viewed` is False: a HEAD)."""
    share = await session.scalar(select(Share).where(Share.token_hash == hash_share_token(token)))
    if share is None:
        raise ShareNotFoundError("no such share")
    return await _open(session, settings, share, viewer, via=via, viewed=viewed)


async def open_received(
    session: AsyncSession, settings: Settings, actor: Actor, share_id: UUID, *, viewed: bool = True
) -> OpenedShare:
    """Open a share addressed to the caller (logged as a view, unless `viewed` is False)."""
    share = await session.scalar(
        select(Share).where(Share.id == share_id, await _addressed_to(session, actor))
    )
    if share is None:
        raise ShareNotFoundError("no such share")
    return await _open(session, settings, share, actor, via="received", viewed=viewed)


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
        raise NotAShareUrlError(f"a share URL of this registry starts with {prefix}")
    return token


async def _open(
    session: AsyncSession,
    settings: Settings,
    share: Share,
    viewer: Actor | None,
    *,
    via: str,
    viewed: bool,
) -> OpenedShare:
    now = _now()
    state = share_state(share, now)
    if state != "active":
        raise SHARE_GONE[state](f"this share is {state}")
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
    key = unwrap_key(wallet.wrapped_key, settings.secret_key)
    forms = disclosure.presented(
        credentials, share.withheld, key, audience=audience, nonce=share.nonce, now=now
    )
    presentation = present(
        forms,
        key,
        holder_did=wallet.holder_did,
        audience=audience,
        nonce=share.nonce,
        issued_at=now,
        expires_at=share.expires_at,
    )
    if viewed:
        await who_looked.log_view(session, share, viewer, via)
    name = (await recipient_names(session, [share])).get(share.id)
    sharer = await session.scalar(
        select(SHARER_NAME)
        .select_from(Wallet)
        .outerjoin(Account, Account.id == Wallet.account_id)
        .where(Wallet.id == wallet.id)
    )
    sharer = sharer if share.names_sharer else None
    return OpenedShare(share, wallet, credentials, presentation, audience, sharer or "", name)


def share_page(opened: OpenedShare, report: Report) -> SharePage:
    """The JSON view of an opened share."""
    summaries = [r.credential or CredentialSummary() for r in report.credentials or []]
    return SharePage(
        presentation=opened.presentation,
        holder_name=opened.sharer_name,
        credentials=summaries,
        verification=report,
    )
