"""Bitstring status lists of the issuers: random free indexes, status changes, served lists.

Each `StatusListRow` holds three bitstrings of 131,072 bits: revocation (served at
`{base}/status/{id}`), suspension (served at `{base}/status/{id}/suspension`, same indexes)
and which indexes are taken. Allocation and status changes read-modify-write these bits, so
they lock first: on PostgreSQL `SELECT ... FOR UPDATE` (plus an advisory lock per issuer for
allocation, so concurrent first allocations share one new list); on SQLite a no-op UPDATE takes
the single writer lock before the read (otherwise two transactions could read the same bits
and the second write would drop the first's). The unique (status_list_id, status_index) on
`credential` is the last guard.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import secrets
from collections.abc import Iterable
from typing import Any, Literal
from uuid import UUID

import msgspec
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import provider_by_id
from credentials.jws import sign_compact
from credentials.status import (
    MIN_SIZE,
    StatusList,
    StatusPurpose,
    status_list_credential,
    suspension_list_url,
)
from registry import locks
from registry.audit import record
from registry.issuers import keys
from registry.mail.notices import queue_status_notice
from registry.models import Credential, StatusBits, StatusListRow, VcApiStatusList
from registry.settings import Settings
from schemas.common import Actor
from schemas.errors.issuers import (
    AlreadyRevokedError,
    AlreadySuspendedError,
    NoStatusEntryError,
    NotSuspendedError,
    StatusListNotFoundError,
)
from schemas.errors.issuing import CredentialNotFoundError, NotCredentialIssuerError
from schemas.issuers import StatusReason

STATUS_LIST_SIZE = MIN_SIZE
_BYTES = STATUS_LIST_SIZE // 8
_RNG = secrets.SystemRandom()
StatusAction = Literal["revoke", "suspend", "reinstate"]
VC_API_LISTS = "/credentials/status-lists"


def status_list_url(base_url: str, list_id: int) -> str:
    """The revocation list's URL; the suspension list is `suspension_list_url` of it."""
    return f"{base_url}/status/{list_id}"


def take_indexes(row: StatusBits, count: int) -> list[int]:
    """`count` random free indexes of the row, marked as taken."""
    taken = StatusList(bytearray(row.allocated))
    free = STATUS_LIST_SIZE - row.used
    if count * 4 > free:
        # Mostly full: random probing would miss often, so pick among the free ones.
        candidates = [i for i in range(STATUS_LIST_SIZE) if not taken.get(i)]
        picked = random.Random(secrets.randbits(64)).sample(candidates, count)  # noqa: S311
    else:
        chosen: set[int] = set()
        while len(chosen) < count:
            index = _RNG.randrange(STATUS_LIST_SIZE)
            if index not in chosen and not taken.get(index):
                chosen.add(index)
        picked = list(chosen)
    for index in picked:
        taken.set(index, True)
    row.allocated = taken.to_bytes()
    row.used += count
    return picked


def empty_lists() -> dict[str, Any]:
    """The columns of a new list pair: nothing taken, nothing revoked or suspended."""
    empty = bytes(_BYTES)
    now = dt.datetime.now(dt.UTC)
    return {
        "revoked": empty,
        "suspended": empty,
        "allocated": empty,
        "used": 0,
        "version": 1,
        "updated_at": now,
    }


def _new_row(issuer_slug: str) -> StatusListRow:
    return StatusListRow(issuer_slug=issuer_slug, **empty_lists())


async def allocate_status(
    session: AsyncSession, issuer_slug: str, count: int
) -> list[tuple[int, int]]:
    """`count` (status_list_id, index) pairs at random free indexes of the issuer's lists,
    never handed out twice, in the caller's transaction; a new list when the last is full."""
    if count <= 0:
        return []
    not_full = (StatusListRow.issuer_slug == issuer_slug, StatusListRow.used < STATUS_LIST_SIZE)
    await locks.hold(session, f"status-list:{issuer_slug}")
    rows = await session.scalars(
        select(StatusListRow)
        .where(*not_full)
        .order_by(StatusListRow.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    pairs: list[tuple[int, int]] = []
    for row in rows:
        take = min(count - len(pairs), STATUS_LIST_SIZE - row.used)
        pairs.extend((row.id, index) for index in take_indexes(row, take))
        if len(pairs) == count:
            break
    while len(pairs) < count:
        row = _new_row(issuer_slug)
        session.add(row)
        await session.flush()
        take = min(count - len(pairs), STATUS_LIST_SIZE)
        pairs.extend((row.id, index) for index in take_indexes(row, take))
    await session.flush()
    return pairs


async def _load_credential(session: AsyncSession, credential_id: str) -> Credential:
    condition = Credential.credential_id == credential_id
    with contextlib.suppress(ValueError):
        condition = or_(condition, Credential.id == UUID(credential_id))
    credential = await session.scalar(select(Credential).where(condition))
    if credential is None:
        raise CredentialNotFoundError(f"no credential {credential_id}")
    return credential


async def _require_issuer(session: AsyncSession, actor: Actor, credential: Credential) -> None:
    """Only the issuing organisation's accounts change a status (its provider and assessor
    accounts: the routes' guards let no other role in)."""
    provider = None
    if actor.provider_id is not None:
        provider = await provider_by_id(session, actor.provider_id)
    if provider is None or credential.issuer_slug != provider.slug:
        raise NotCredentialIssuerError(
            "only the organisation that issued this credential may change its status",
        )


def next_status(current: str, action: StatusAction) -> str:
    """Revocation is final; reinstating undoes a suspension only."""
    if current == "revoked":
        raise AlreadyRevokedError("this credential is revoked for good")
    if action == "suspend" and current == "suspended":
        raise AlreadySuspendedError("this credential is already suspended")
    if action == "reinstate" and current != "suspended":
        raise NotSuspendedError("only a suspended credential is reinstated")
    return {"revoke": "revoked", "suspend": "suspended", "reinstate": "active"}[action]


def set_bits(row: StatusBits, index: int, new_status: str) -> None:
    """The bits of `index` for a status (active, suspended or revoked), and a new version
    (the ETag of the served lists)."""
    revoked, suspended = StatusList(bytearray(row.revoked)), StatusList(bytearray(row.suspended))
    revoked.set(index, new_status == "revoked")
    suspended.set(index, new_status == "suspended")
    row.revoked, row.suspended = revoked.to_bytes(), suspended.to_bytes()
    row.version += 1
    row.updated_at = dt.datetime.now(dt.UTC)


async def set_status(
    session: AsyncSession,
    actor: Actor,
    credential_id: str,
    action: StatusAction,
    *,
    reason: StatusReason = "unspecified",
    note: str = "",
) -> Credential:
    """Revoke, suspend or reinstate a credential (by credential id or row id): sets the bits,
    bumps the list version (the ETag of the served lists), keeps why and when on the row (the
    list itself carries only bits; reinstating clears the why) and records an audit event."""
    credential = await _load_credential(session, credential_id)
    await _require_issuer(session, actor, credential)
    if credential.status_list_id is None or credential.status_index is None:
        raise NoStatusEntryError("this credential has no status entry")
    await locks.hold(session, f"status-list-row:{credential.status_list_id}")
    row = await session.scalar(
        select(StatusListRow)
        .where(StatusListRow.id == credential.status_list_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    await session.refresh(credential, ["status"])  # the status as of the lock, not before it
    assert row is not None  # a foreign key guarantees it
    new_status = next_status(credential.status, action)
    index = credential.status_index
    set_bits(row, index, new_status)
    credential.status = new_status
    stopped = new_status != "active"
    credential.status_reason = reason if stopped else None
    credential.status_note = (note.strip() or None) if stopped else None
    credential.status_changed_at = row.updated_at
    await session.flush()
    await record(
        session,
        actor,
        f"credential.{new_status if action != 'reinstate' else 'reinstated'}",
        credential.credential_id,
        status_list=row.id,
        status_index=index,
        reason=credential.status_reason,
        note=credential.status_note,
    )
    await queue_status_notice(
        session,
        credential,
        new_status,
        reason=credential.status_reason,
        note=credential.status_note,
    )
    return credential


# ---------------------------------------------------------------------------- serving


class ServedList(msgspec.Struct, kw_only=True, frozen=True):
    """A status list credential as served: its version (the ETag), document and JWS."""

    version: int
    document: dict[str, object]
    jws: str


async def served_list(
    session: AsyncSession, settings: Settings, list_id: int, purpose: StatusPurpose
) -> ServedList:
    """The signed BitstringStatusListCredential of one list, signed with the issuer's key."""
    row = await session.get(StatusListRow, list_id)
    if row is None:
        raise StatusListNotFoundError(f"no status list {list_id}")
    url = status_list_url(settings.base_url, row.id)
    if purpose == "suspension":
        url = suspension_list_url(url)
    bits = row.revoked if purpose == "revocation" else row.suspended
    signer = await keys.signing_key(session, settings, row.issuer_slug)
    document = status_list_credential(
        id=url,
        issuer=signer.did,
        purpose=purpose,
        encoded_list=StatusList(bytearray(bits)).encode(),
        valid_from=row.updated_at,
    )
    token = sign_compact(msgspec.json.encode(document), signer.key, kid=signer.kid, typ="vc+jwt")
    return ServedList(version=row.version, document=document, jws=token)


class StatusLists:
    """Decoded status lists by URL: `VerifierConfig(status_lists=...)` calls it per entry."""

    __slots__ = ("_lists",)

    def __init__(self, lists: dict[str, StatusList]) -> None:
        self._lists = lists

    def __call__(self, url: str) -> StatusList | None:
        return self._lists.get(url)

    def __len__(self) -> int:
        return len(self._lists)


def vc_api_list_url(base_url: str, list_id: int) -> str:
    """A revocation list of the W3C VC API's own issuers (`registry.vcapi.status`): another
    table and another path, read here so every verification knows the registry's lists."""
    return f"{base_url}{VC_API_LISTS}/{list_id}"


def _list_ids(urls: Iterable[str], prefix: str) -> set[int]:
    ids = set()
    for url in urls:
        tail = url.removeprefix(prefix).removesuffix("/suspension")
        if url.startswith(prefix) and tail.isdigit():
            ids.add(int(tail))
    return ids


async def status_source(
    session: AsyncSession, settings: Settings, urls: Iterable[str] | None = None
) -> StatusLists:
    """This registry's lists (the issuers' and the VC API's), read once for a request: those
    named in `urls` (revocation or suspension list URLs; others are ignored), or all of them
    when `urls` is None."""
    wanted = None if urls is None else list(urls)
    lists: dict[str, StatusList] = {}
    tables = (
        (StatusListRow, status_list_url, "/status/"),
        (VcApiStatusList, vc_api_list_url, f"{VC_API_LISTS}/"),
    )
    for model, url_of, path in tables:
        query = select(model.id, model.revoked, model.suspended)
        if wanted is not None:
            ids = _list_ids(wanted, settings.base_url + path)
            if not ids:
                continue
            query = query.where(model.id.in_(ids))
        for list_id, revoked, suspended in await session.execute(query):
            url = url_of(settings.base_url, list_id)
            lists[url] = StatusList(bytearray(revoked), purposes=["revocation"])
            lists[suspension_list_url(url)] = StatusList(
                bytearray(suspended), purposes=["suspension"]
            )
    return StatusLists(lists)
