"""Wallets: a worker's holder key (did:key, wrapped at rest) and, once claimed, its account.

Issuing to an e-mail address that has no account yet creates an unclaimed wallet. A worker
account with that address claims it only once the address is proven (`attach_wallet`, called
when an account is made by an operator, and when someone follows a mailed link): an account
whose address is not proven is treated as if it did not exist.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar, cast
from uuid import UUID, uuid4

from sqlalchemy import Table, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.keys import SigningKey, did_key, wrap_key
from registry.db import rows_where_in
from registry.models import Account, Wallet
from schemas.errors import DomainError
from schemas.errors.wallet import (
    HolderError,
    HolderNameRequiredError,
    HolderNotWorkerError,
    HolderRequiredError,
    WalletConflictError,
    WorkerNotFoundError,
    WorkerNotVerifiedError,
)
from schemas.issuance import HolderIn

# Keeps each IN (...) well below the bound-parameter limits of SQLite and asyncpg.
CHUNK = 5_000


def new_wallet_rows(
    holders: Iterable[tuple[str | None, str, UUID | None]], secret: str
) -> list[dict[str, Any]]:
    """Rows for new wallets, one holder key each: (email, name, account id)."""
    rows = []
    for email, name, account_id in holders:
        key = SigningKey.generate()
        rows.append(
            {
                "id": uuid4(),
                "account_id": account_id,
                "email": email,
                "name": name,
                "holder_did": did_key(key.public),
                "wrapped_key": wrap_key(key, secret),
            }
        )
    return rows


class WalletInfo(NamedTuple):
    """What issuance needs of a wallet (no ORM object: a batch may create thousands)."""

    id: UUID
    holder_did: str
    name: str
    email: str | None
    account_id: UUID | None


K = TypeVar("K", str, UUID)


def _chunks(values: Iterable[K]) -> Iterator[list[K]]:
    """Distinct values in sorted chunks small enough for one IN (...) on every database."""
    wanted = sorted(set(values))
    for start in range(0, len(wanted), CHUNK):
        yield wanted[start : start + CHUNK]


INFO_NAMES = ("id", "holder_did", "name", "email", "account_id")
_INFO_COLUMNS = (Wallet.id, Wallet.holder_did, Wallet.name, Wallet.email, Wallet.account_id)


async def wallets_by_email(session: AsyncSession, emails: Iterable[str]) -> dict[str, WalletInfo]:
    """Existing wallets for these (lower-case) addresses."""
    table = cast(Table, Wallet.__table__)
    rows = await rows_where_in(session, table, INFO_NAMES, "email", sorted(set(emails)))
    return {row[3]: WalletInfo(*row) for row in rows}


async def wallets_by_account(session: AsyncSession, ids: Iterable[UUID]) -> dict[UUID, WalletInfo]:
    found: dict[UUID, WalletInfo] = {}
    for chunk in _chunks(ids):
        rows = await session.execute(select(*_INFO_COLUMNS).where(Wallet.account_id.in_(chunk)))
        found.update({w.account_id: WalletInfo(*w) for w in rows if w.account_id is not None})
    return found


async def accounts_by_id(session: AsyncSession, ids: Iterable[UUID]) -> dict[UUID, Account]:
    found: dict[UUID, Account] = {}
    for chunk in _chunks(ids):
        rows = await session.scalars(select(Account).where(Account.id.in_(chunk)))
        found.update({a.id: a for a in rows})
    return found


async def accounts_by_email(session: AsyncSession, emails: Iterable[str]) -> dict[str, Account]:
    found: dict[str, Account] = {}
    wanted = sorted(set(emails))
    for start in range(0, len(wanted), CHUNK):
        rows = await session.scalars(
            select(Account).where(Account.email.in_(wanted[start : start + CHUNK]))
        )
        found.update({a.email: a for a in rows if a.email is not None})
    return found


@dataclass(slots=True)
class HolderRef:
    """A checked holder: an existing wallet, or what a new wallet needs (e-mail or account)."""

    name: str | None
    email: str | None = None
    account_id: UUID | None = None
    wallet: WalletInfo | None = None
    claim: bool = False


def _holder_key(ref: HolderRef) -> str:
    return f"account:{ref.account_id}" if ref.account_id is not None else f"email:{ref.email}"


async def resolve_holders(
    session: AsyncSession, holders: Sequence[HolderIn]
) -> list[HolderRef | DomainError]:
    """Check every holder with four queries in all; an error in place of each bad one."""
    worker_ids = [h.worker_id for h in holders if h.worker_id is not None]
    emails = [h.email.lower() for h in holders if h.email is not None and h.worker_id is None]
    accounts = await accounts_by_id(session, worker_ids)
    by_email = await accounts_by_email(session, emails)
    account_ids = {*worker_ids, *(a.id for a in by_email.values())}
    owned = await wallets_by_account(session, account_ids)
    unclaimed_emails = [a.email for a in accounts.values() if a.email is not None]
    wallets = await wallets_by_email(session, [*emails, *unclaimed_emails])
    refs: list[HolderRef | DomainError] = []
    for holder in holders:
        try:
            if holder.worker_id is not None:
                refs.append(_worker_ref(holder, accounts.get(holder.worker_id), owned, wallets))
            else:
                refs.append(_email_ref(holder, by_email, owned, wallets))
        except DomainError as exc:
            refs.append(exc)
    return refs


def _worker_ref(
    holder: HolderIn,
    account: Account | None,
    owned: dict[UUID, WalletInfo],
    wallets: dict[str, WalletInfo],
) -> HolderRef:
    if holder.email is not None:
        raise HolderError("give either workerId or email and name, not both")
    if account is None or account.role != "worker":
        raise WorkerNotFoundError(f"no worker {holder.worker_id}")
    if not account.is_verified:
        raise WorkerNotVerifiedError(
            "this worker has not confirmed their e-mail address yet; issue to the address",
        )
    wallet = owned.get(account.id)
    if wallet is None and account.email is not None:
        unclaimed = wallets.get(account.email)
        if unclaimed is not None and unclaimed.account_id is None:
            return HolderRef(holder.name, account.email, account.id, unclaimed, claim=True)
    return HolderRef(holder.name or account.name, account.email, account.id, wallet)


def _email_ref(
    holder: HolderIn,
    accounts: dict[str, Account],
    owned: dict[UUID, WalletInfo],
    wallets: dict[str, WalletInfo],
) -> HolderRef:
    if holder.email is None:
        raise HolderRequiredError("the holder needs a workerId, or an email and a name")
    email = holder.email.lower()
    wallet = wallets.get(email)
    if wallet is not None:
        return HolderRef(holder.name, email, wallet.account_id, wallet)
    account = accounts.get(email)
    if account is not None and account.is_verified:
        if account.role != "worker":
            raise HolderNotWorkerError("this e-mail address belongs to a non-worker account")
        return HolderRef(holder.name or account.name, email, account.id, owned.get(account.id))
    if holder.name is None:
        raise HolderNameRequiredError("a new holder needs a name")
    return HolderRef(holder.name, email)


async def wallets_for(
    session: AsyncSession, secret: str, refs: Sequence[HolderRef]
) -> list[WalletInfo]:
    """The wallet of every checked holder, creating missing ones (one per distinct holder)
    in bulk; a wallet another transaction created meanwhile is picked up, not duplicated."""
    claims = {ref.wallet.id: ref.account_id for ref in refs if ref.claim and ref.wallet}
    for wallet_id, account_id in claims.items():
        await session.execute(
            update(Wallet)
            .where(Wallet.id == wallet_id, Wallet.account_id.is_(None))
            .values(account_id=account_id)
        )
    missing = {_holder_key(r): r for r in refs if r.wallet is None}
    created = await _create_wallets(session, secret, missing) if missing else {}
    return [ref.wallet or created[_holder_key(ref)] for ref in refs]


async def _create_wallets(
    session: AsyncSession, secret: str, missing: dict[str, HolderRef]
) -> dict[str, WalletInfo]:
    rows = new_wallet_rows(
        ((r.email, r.name or "", r.account_id) for r in missing.values()), secret
    )
    dialect = (await session.connection()).dialect.name
    table = cast(Table, Wallet.__table__)
    stmt = (pg_insert if dialect == "postgresql" else sqlite_insert)(table)
    inserted = set(await session.scalars(stmt.on_conflict_do_nothing().returning(table.c.id), rows))
    created: dict[str, WalletInfo] = {}
    for key, row in zip(missing, rows, strict=True):
        if row["id"] in inserted:
            created[key] = WalletInfo(
                row["id"], row["holder_did"], row["name"], row["email"], row["account_id"]
            )
    lost = {key: ref for key, ref in missing.items() if key not in created}
    if lost:  # created by a concurrent request since we looked
        by_account = await wallets_by_account(
            session, [r.account_id for r in lost.values() if r.account_id is not None]
        )
        by_email = await wallets_by_email(
            session, [r.email for r in lost.values() if r.email is not None]
        )
        for key, ref in lost.items():
            wallet = by_account.get(ref.account_id) if ref.account_id else None
            wallet = wallet or by_email.get(ref.email or "")
            if wallet is None:
                raise WalletConflictError("a wallet could not be created")
            created[key] = wallet
    return created


async def wallet_of_account(session: AsyncSession, account: Account, *, secret: str) -> Wallet:
    """A worker account's wallet: its own, the unclaimed one issued to its e-mail address
    (claimed now), or a new one."""
    ref = (await resolve_holders(session, [HolderIn(worker_id=account.id)]))[0]
    if isinstance(ref, DomainError):
        raise ref
    info = (await wallets_for(session, secret, [ref]))[0]
    wallet = await session.get(Wallet, info.id)
    assert wallet is not None
    return wallet


async def attach_wallet(session: AsyncSession, account: Account) -> None:
    """Once a worker's address is proven: claim the unclaimed wallet issued to it, or, when
    the account has a wallet already and none was issued to the address, let that wallet
    carry the address (so later issuance to it lands there).

    An account holds one wallet. When it has one and another was issued to its new address,
    both stay as they are: their credentials name different holder keys and cannot merge.
    """
    if account.role != "worker" or account.email is None or not account.is_verified:
        return
    own = await session.scalar(select(Wallet).where(Wallet.account_id == account.id))
    issued = await session.scalar(select(Wallet).where(Wallet.email == account.email))
    if own is None and issued is not None and issued.account_id is None:
        issued.account_id = account.id
    elif own is not None and issued is None:
        own.email = account.email
    await session.flush()
