"""What an organisation has issued: its credentials with holder and status, newest first.

The issuing organisation reads these to follow up on what it issued (and to revoke, suspend or
reinstate through `registry.issuers.status_lists.set_status`). Only the organisation's own provider
and assessor accounts see them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple, cast
from uuid import UUID

import msgspec
from sqlalchemy import Select, Table, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import provider_by_id
from credentials.competences import subject_name_in
from registry.db import rows_where_in
from registry.models import Credential, Wallet
from schemas.common import Actor
from schemas.errors.issuers import NoOrganisationError
from schemas.errors.issuing import CredentialNotFoundError, NotCredentialIssuerError

STATUSES = ("active", "suspended", "revoked")


class IssuedCredential(msgspec.Struct, kw_only=True, frozen=True):
    """One credential as its issuer follows it up."""

    id: UUID
    credential_id: str
    kind: str
    achievement_name: str
    module_id: UUID | None
    holder_name: str
    holder_email: str | None
    status: str
    issued_at: dt.datetime
    status_reason: str | None = None
    status_note: str | None = None
    status_changed_at: dt.datetime | None = None


class IssuedPage(msgspec.Struct, kw_only=True, frozen=True):
    """A page of issued credentials and how many there are in all."""

    items: list[IssuedCredential]
    total: int


async def _issuer_slug(session: AsyncSession, actor: Actor) -> str:
    provider = None
    if actor.provider_id is not None:
        provider = await provider_by_id(session, actor.provider_id)
    if provider is None:
        raise NoOrganisationError("this account does not belong to an organisation")
    return provider.slug


def issuer_visible_email(credential: Credential) -> str | None:
    """The holder's address as the credential's issuer may see it: the one it gave, whether
    an account owns the wallet by now or not (showing it only while none did told the issuer
    who has an account). Issued to a worker id: none, the issuer must not learn it from us."""
    return credential.holder_email


def _query() -> Select[tuple[Credential, Wallet]]:
    return select(Credential, Wallet).join(Wallet, Wallet.id == Credential.wallet_id)


def _row(credential: Credential, wallet: Wallet) -> IssuedCredential:
    return IssuedCredential(
        id=credential.id,
        credential_id=credential.credential_id,
        kind=credential.kind,
        achievement_name=credential.achievement_name,
        module_id=credential.module_id,
        holder_name=subject_name_in(credential.jws) or wallet.name,
        holder_email=issuer_visible_email(credential),
        status=credential.status,
        issued_at=credential.issued_at,
        status_reason=credential.status_reason,
        status_note=credential.status_note,
        status_changed_at=credential.status_changed_at,
    )


async def issued_by(
    session: AsyncSession,
    actor: Actor,
    *,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> IssuedPage:
    """The credentials the actor's organisation issued, newest first, optionally by status."""
    slug = await _issuer_slug(session, actor)
    condition = (Credential.issuer_slug == slug) & (Credential.source == "issued")
    if status is not None:
        condition &= Credential.status == status
    total = await session.scalar(select(func.count()).select_from(Credential).where(condition))
    rows = await session.execute(
        _query()
        .where(condition)
        .order_by(Credential.issued_at.desc(), Credential.credential_id)
        .limit(limit)
        .offset(offset)
    )
    return IssuedPage(items=[_row(*row) for row in rows.tuples()], total=total or 0)


async def issued_credential(session: AsyncSession, actor: Actor, ident: str) -> IssuedCredential:
    """One credential by credential id or row id; only for the organisation that issued it."""
    slug = await _issuer_slug(session, actor)
    condition = Credential.credential_id == ident
    with contextlib.suppress(ValueError):
        condition = or_(condition, Credential.id == UUID(ident))
    found = (await session.execute(_query().where(condition))).tuples().first()
    if found is None:
        raise CredentialNotFoundError(f"no credential {ident}")
    credential, wallet = found
    if credential.issuer_slug != slug or credential.source != "issued":
        raise NotCredentialIssuerError(
            "only the organisation that issued this credential may see it",
        )
    return _row(credential, wallet)


class HeldCredential(NamedTuple):
    """A credential a wallet holds of one achievement, not revoked and not expired."""

    credential_id: str
    status: str
    issued_at: dt.datetime


_HELD = ("wallet_id", "credential_id", "status", "valid_until", "issued_at")


# What a wallet holds: the kind of credential and its achievement (one URI can be the
# achievement of several kinds: a scheme's certificate and an EVC record against it).
HeldKey = tuple[UUID, str, str]


async def held_credentials(
    session: AsyncSession, keys: Iterable[HeldKey], now: dt.datetime
) -> dict[HeldKey, HeldCredential]:
    """For (wallet, kind, achievement) keys, a credential we issued of that kind and
    achievement that the wallet still holds: not revoked and not past its validUntil. A
    suspended one counts (it can be reinstated). One query per kind and achievement and 5,000
    wallets, not one per key."""
    wallets: dict[tuple[str, str], set[UUID]] = defaultdict(set)
    for wallet_id, kind, achievement in keys:
        wallets[kind, achievement].add(wallet_id)
    table = cast(Table, Credential.__table__)
    held: dict[HeldKey, HeldCredential] = {}
    for (kind, achievement), ids in wallets.items():
        where = {"achievement_id": achievement, "kind": kind, "source": "issued"}
        for wallet_id, credential_id, status, until, issued_at in await rows_where_in(
            session, table, _HELD, "wallet_id", sorted(ids), where=where
        ):
            if status != "revoked" and (until is None or until > now):
                held.setdefault(
                    (wallet_id, kind, achievement), HeldCredential(credential_id, status, issued_at)
                )
    return held


__all__ = [
    "STATUSES",
    "HeldCredential",
    "HeldKey",
    "IssuedCredential",
    "IssuedPage",
    "held_credentials",
    "issued_by",
    "issued_credential",
    "issuer_visible_email",
]
