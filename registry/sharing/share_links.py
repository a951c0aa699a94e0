"""Share links: the token, its URL, and keeping it so that its owner can see it again.

A share token is a key to the worker's credentials. It is looked up by its SHA-256 hash and
kept only sealed (AES-256-GCM with the registry secret, the same mechanism as the wrapped
private keys, bound to the share's id), never in plain: a copy of the database alone opens no
share. Shares made before links were kept hold only the hash; their owner can give such a share
a new link (the old one stops working).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from credentials.keys import seal, unseal
from registry.models import Share
from registry.settings import Settings
from registry.wallet.holders import Holder
from schemas.errors.credentials import SealError
from schemas.errors.sharing import SHARE_GONE, ShareNotFoundError
from schemas.wallet import ShareCreated, ShareState

SHARE_PATH = "/s/"
SEAL_TAG = "st1"  # the sealed-data kind of share tokens (credentials.keys.SEAL_INFO)


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def hash_share_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def share_url(settings: Settings, token: str) -> str:
    return f"{settings.base_url}{SHARE_PATH}{token}"


def share_state(share: Share, now: dt.datetime) -> ShareState:
    if share.withdrawn_at is not None:
        return "withdrawn"
    return "expired" if share.expires_at <= now else "active"


def seal_token(settings: Settings, share_id: UUID, token: str) -> str:
    """The token sealed for storage, bound to its share (a blob copied to another row fails)."""
    return seal(token.encode(), settings.secret_key, tag=SEAL_TAG, context=share_id.bytes)


def link_of(settings: Settings, share: Share) -> str | None:
    """The share's link, or None when only its hash was kept (or the secret has changed)."""
    if share.sealed_token is None:
        return None
    try:
        token = unseal(
            share.sealed_token, settings.secret_key, tag=SEAL_TAG, context=share.id.bytes
        )
    except SealError:
        return None
    return share_url(settings, token.decode())


async def renew_link(
    session: AsyncSession, settings: Settings, holder: Holder, share_id: UUID
) -> ShareCreated:
    """A new link for an active share (for one made before links were kept, whose link is
    lost): the old link stops working, the views and everything else stay. The worker's
    alone: a link is a key to the shared credentials."""
    holder.require_worker("make a new share link")
    share = await session.get(Share, share_id)
    if share is None or share.wallet_id != holder.wallet.id:
        raise ShareNotFoundError("no such share")
    state = share_state(share, dt.datetime.now(dt.UTC))
    if state != "active":
        raise SHARE_GONE[state](f"this share is {state}")
    token = new_token()
    share.token_hash = hash_share_token(token)
    share.sealed_token = seal_token(settings, share.id, token)
    await session.flush()
    await holder.record(session, "share.link-renewed", f"share:{share.id}")
    return ShareCreated(
        id=share.id, token=token, url=share_url(settings, token), expires_at=share.expires_at
    )
