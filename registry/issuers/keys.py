"""Issuer signing keys: created on first use, wrapped at rest, rotated with history kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.did import PublishedKey, did_document, did_web
from credentials.keys import SigningKey, unwrap_key, wrap_key
from registry import locks
from registry.models import IssuerKey
from registry.settings import Settings
from schemas.errors.issuers import IssuerNotFoundError

# The operator signs the trust list with its own key, published at the host's DID.
OPERATOR = "operator"


def issuer_did(settings: Settings, slug: str) -> str:
    """`did:web:{host}:issuers:{slug}`, or the host's own DID for the operator."""
    if slug == OPERATOR:
        return "did:web:" + settings.host.replace(":", "%3A")
    return did_web(settings.host, slug)


class ActiveKey:
    """The current signing key of an issuer, unwrapped for this request only."""

    __slots__ = ("did", "key", "kid")

    def __init__(self, did: str, kid: str, key: SigningKey) -> None:
        self.did = did
        self.kid = kid
        self.key = key


async def _new_key(session: AsyncSession, settings: Settings, slug: str) -> IssuerKey:
    key = SigningKey.generate()
    row = IssuerKey(
        issuer_slug=slug,
        kid=f"{issuer_did(settings, slug)}#{key.public.thumbprint()}",
        public_jwk=key.public.jwk(),
        wrapped_private=wrap_key(key, settings.secret_key),
        status="current",
    )
    session.add(row)
    await session.flush()
    return row


async def signing_key(session: AsyncSession, settings: Settings, slug: str) -> ActiveKey:
    """The issuer's current key, created the first time the issuer signs anything."""
    current = select(IssuerKey).where(IssuerKey.issuer_slug == slug, IssuerKey.status == "current")
    row = await session.scalar(current)
    if row is None:
        # Two first signatures at once must not each make a key: check again under a lock.
        await locks.hold(session, f"issuer-key:{slug}")
        row = await session.scalar(current.execution_options(populate_existing=True))
        if row is None:
            row = await _new_key(session, settings, slug)
    return ActiveKey(
        issuer_did(settings, slug), row.kid, unwrap_key(row.wrapped_private, settings.secret_key)
    )


async def rotate(session: AsyncSession, settings: Settings, slug: str) -> str:
    """Retire the current key (it stays published) and make a new one; returns the new kid."""
    now = dt.datetime.now(dt.UTC)
    for row in await session.scalars(
        select(IssuerKey).where(IssuerKey.issuer_slug == slug, IssuerKey.status == "current")
    ):
        row.status = "retired"
        row.retired_at = now
    await session.flush()
    return (await _new_key(session, settings, slug)).kid


async def published_keys(session: AsyncSession, slug: str) -> list[IssuerKey]:
    """Every key an issuer ever had, oldest first."""
    rows = await session.scalars(
        select(IssuerKey).where(IssuerKey.issuer_slug == slug).order_by(IssuerKey.created_at)
    )
    return list(rows)


def _published(row: IssuerKey) -> PublishedKey:
    return PublishedKey(
        fragment=row.kid.partition("#")[2],
        key=row.public_jwk,
        status=row.status,  # type: ignore[arg-type]
        retired_at=row.retired_at,
    )


async def did_document_for(
    session: AsyncSession, settings: Settings, slug: str
) -> dict[str, object]:
    """The issuer's DID document with current and retired keys."""
    rows = await published_keys(session, slug)
    if not rows:
        raise IssuerNotFoundError(f"no issuer {slug!r}")
    return did_document(issuer_did(settings, slug), [_published(row) for row in rows])


async def stored_did_document(session: AsyncSession, slug: str) -> dict[str, object] | None:
    """The DID document as the stored keys name it (each kid holds the DID), for readers
    without the service's settings, such as the offline verifier; None without keys."""
    rows = await published_keys(session, slug)
    if not rows:
        return None
    did = rows[-1].kid.partition("#")[0]
    return did_document(did, [_published(row) for row in rows])


async def key_by_kid(
    session: AsyncSession, settings: Settings, slug: str, kid: str
) -> SigningKey | None:
    """The issuer's key named `kid`, retired or not (None when it is not theirs): to sign a
    copy of a credential with the very key that signed the original, whose window in the
    trust list covers the credential's date."""
    row = await session.scalar(
        select(IssuerKey).where(IssuerKey.issuer_slug == slug, IssuerKey.kid == kid)
    )
    return None if row is None else unwrap_key(row.wrapped_private, settings.secret_key)
