"""Status of what the VC API issues: a `BitstringStatusListEntry` per purpose (revocation and
suspension, same index) on lists of the API issuer that signs the credential, served signed
with that issuer's key at `/credentials/status-lists/{id}[/suspension]`, and changed with
`POST /credentials/status`.

The lists live in tables of their own (`VcApiStatusList`, `VcApiCredential`), never among the
accredited issuers' lists; allocating indexes and the rules of a change (revocation is final,
reinstating undoes a suspension) are the issuers' (`registry.issuers.status_lists`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.dataintegrity import Cryptosuite, sign_proof
from credentials.did import xsd_datetime
from credentials.status import (
    StatusList,
    StatusPurpose,
    status_entry,
    status_list_credential,
    suspension_list_url,
)
from registry import locks
from registry.audit import record
from registry.issuers.status_lists import (
    STATUS_LIST_SIZE,
    VC_API_LISTS,
    StatusAction,
    empty_lists,
    next_status,
    set_bits,
    take_indexes,
    vc_api_list_url,
)
from registry.models import VcApiCredential, VcApiStatusList
from registry.settings import Settings
from registry.vcapi.keys import ApiIssuer, api_issuers
from schemas.common import Actor
from schemas.errors.issuers import AlreadyRevokedError
from schemas.errors.vcapi import (
    NotIssuableError,
    VcApiCredentialNotFoundError,
    VcApiStatusListNotFoundError,
)
from schemas.vcapi import StatusEntryUpdate, UpdateStatusRequest, UpdateStatusResponse

PATH: Final = VC_API_LISTS
# The list's own key signs it, with the suite that key makes.
LIST_SUITES: Final[dict[str, Cryptosuite]] = {
    "Ed25519": "eddsa-rdfc-2022",
    "P-256": "ecdsa-rdfc-2019",
}
MAX_ID: Final = 500  # VcApiCredential.credential_id


# The revocation list's URL; the suspension list is `suspension_list_url` of it.
list_url: Final = vc_api_list_url


def names_our_lists(settings: Settings, credential: dict[str, Any]) -> bool:
    """Whether a credential brings a status entry on one of these lists: only the API puts
    entries there, so the index it names is another credential's."""
    entries = credential.get("credentialStatus")
    prefix = f"{settings.base_url}{PATH}/"
    return any(
        isinstance(entry, dict) and str(entry.get("statusListCredential", "")).startswith(prefix)
        for entry in (entries if isinstance(entries, list) else [entries])
    )


async def status_entries(
    session: AsyncSession, settings: Settings, issuer: ApiIssuer, credential_id: str
) -> list[dict[str, Any]]:
    """The revocation and suspension entries of the credential `credential_id` signed by
    `issuer`: a random free index of the issuer's lists, or the one it was given before."""
    if len(credential_id) > MAX_ID:
        message = f"an id of at most {MAX_ID} characters gets a status entry"
        raise NotIssuableError(message, errors=[{"key": "id", "message": message}])
    await locks.hold(session, f"vc-api-status-list:{issuer.did}")
    row = await session.scalar(
        select(VcApiCredential).where(
            VcApiCredential.credential_id == credential_id,
            VcApiCredential.issuer_did == issuer.did,
        )
    )
    if row is None:
        list_id, index = await _allocate(session, issuer.did)
        row = VcApiCredential(
            credential_id=credential_id,
            issuer_did=issuer.did,
            status_list_id=list_id,
            status_index=index,
            issued_at=dt.datetime.now(dt.UTC),
        )
        session.add(row)
        await session.flush()
    url = list_url(settings.base_url, row.status_list_id)
    return [
        status_entry(list_url=url, index=row.status_index, purpose="revocation"),
        status_entry(
            list_url=suspension_list_url(url), index=row.status_index, purpose="suspension"
        ),
    ]


async def _allocate(session: AsyncSession, issuer_did: str) -> tuple[int, int]:
    """A free index on the issuer's first list that has one (under the caller's lock)."""
    lists = await session.scalars(
        select(VcApiStatusList)
        .where(VcApiStatusList.issuer_did == issuer_did, VcApiStatusList.used < STATUS_LIST_SIZE)
        .order_by(VcApiStatusList.id)
        .limit(1)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = lists.first()
    if row is None:
        row = VcApiStatusList(issuer_did=issuer_did, **empty_lists())
        session.add(row)
        await session.flush()
    [index] = take_indexes(row, 1)
    await session.flush()
    return row.id, index


def _action(entry: StatusEntryUpdate, status: bool) -> StatusAction | None:
    """What a requested bit means. None for a revocation bit cleared: nothing to do on a
    credential that is not revoked, and refused on one that is (revocation is final)."""
    if entry.status_purpose == "suspension":
        return "suspend" if status else "reinstate"
    return "revoke" if status else None


async def update_status(
    session: AsyncSession, settings: Settings, actor: Actor, request: UpdateStatusRequest
) -> UpdateStatusResponse:
    """Revoke, suspend or reinstate every copy the API issued with this id (one per API
    key at most), entry by entry as the request lists them."""
    entries = request.credential_status
    rows = list(
        await session.scalars(
            select(VcApiCredential)
            .where(VcApiCredential.credential_id == request.credential_id)
            .order_by(VcApiCredential.id)
            .with_for_update()
        )
    )
    if not rows:
        raise VcApiCredentialNotFoundError(
            f"this API issued no credential with id {request.credential_id}"
        )
    for entry in entries if isinstance(entries, list) else [entries]:
        action = _action(entry, entry.wanted(request.status))
        for row in _named(settings, rows, entry):
            if action is not None:
                await _change(session, actor, row, action)
            elif row.status == "revoked":
                raise AlreadyRevokedError("this credential is revoked for good")
    return UpdateStatusResponse(
        credential_id=request.credential_id, status=[row.status for row in rows]
    )


def _named(
    settings: Settings, rows: list[VcApiCredential], entry: StatusEntryUpdate
) -> list[VcApiCredential]:
    """The copies an entry names: all, or those on its list and index when it gives them."""
    named = []
    for row in rows:
        url = list_url(settings.base_url, row.status_list_id)
        given_list, given_index = entry.status_list_credential, entry.status_list_index
        if given_list not in (None, url, suspension_list_url(url)):
            continue
        if given_index not in (None, str(row.status_index)):
            continue
        named.append(row)
    if not named:
        raise VcApiCredentialNotFoundError("no copy of this credential has that status entry")
    return named


async def _change(
    session: AsyncSession, actor: Actor, row: VcApiCredential, action: StatusAction
) -> None:
    await locks.hold(session, f"vc-api-status-list-row:{row.status_list_id}")
    lists = await session.scalar(
        select(VcApiStatusList)
        .where(VcApiStatusList.id == row.status_list_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert lists is not None  # a foreign key guarantees it
    await session.refresh(row, ["status"])  # the status as of the lock, not before it
    row.status = next_status(row.status, action)
    set_bits(lists, row.status_index, row.status)
    row.status_changed_at = lists.updated_at
    await session.flush()
    verb = row.status if action != "reinstate" else "reinstated"
    await record(
        session,
        actor,
        f"vc-api.credential.{verb}",
        row.credential_id,
        issuer=row.issuer_did,
        status_list=row.status_list_id,
        status_index=row.status_index,
    )


async def served_list(
    session: AsyncSession, settings: Settings, list_id: int, purpose: StatusPurpose
) -> dict[str, Any]:
    """The BitstringStatusListCredential of one list with a Data Integrity proof of its
    issuer's key, so any verifier reads it with nothing but the did:key."""
    row = await session.get(VcApiStatusList, list_id)
    issuer = api_issuers(settings.secret_key).get(row.issuer_did) if row else None
    if row is None or issuer is None:
        # A list of a key this deployment no longer derives is no list it can sign.
        raise VcApiStatusListNotFoundError(f"no status list {list_id}")
    url = list_url(settings.base_url, row.id)
    if purpose == "suspension":
        url = suspension_list_url(url)
    bits = row.revoked if purpose == "revocation" else row.suspended
    document = status_list_credential(
        id=url,
        issuer=issuer.did,
        purpose=purpose,
        encoded_list=StatusList(bytearray(bits)).encode(),
        valid_from=row.updated_at,
    )
    return sign_proof(
        document,
        issuer.key,
        verification_method=issuer.method,
        cryptosuite=LIST_SUITES[issuer.kind],
        created=xsd_datetime(row.updated_at),
    )
