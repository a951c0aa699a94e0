"""What a wallet export needs besides the credentials to be verified offline, once this
registry is gone: the operator's DID document (the trust anchor a verifier may fall back on),
the signed trust list, the DID documents of the issuers and their signed status lists as they
stand now (`statusCheckedAt`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.status import StatusPurpose
from registry.issuers import issuers, keys, trust_lists
from registry.issuers.status_lists import served_list
from registry.models import Credential
from registry.settings import Settings

PURPOSES: tuple[StatusPurpose, ...] = ("revocation", "suspension")


class BundleSources(msgspec.Struct, kw_only=True, frozen=True):
    """The verification material of a bundle, all read from this registry at one moment."""

    status_checked_at: dt.datetime
    operator_document: dict[str, Any]
    trust_list: str
    did_documents: list[dict[str, Any]]
    status_lists: list[str]


async def bundle_sources(
    session: AsyncSession, settings: Settings, rows: Sequence[Credential]
) -> BundleSources:
    """The material to verify `rows` with. Only what this registry issued has issuers and
    status lists here; an imported credential's issuer is whoever it names (a did:key carries
    its own key; anything else the bundle cannot vouch for)."""
    checked_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _, trust_list = await trust_lists.signed_trust_list(session, settings)
    operator = await issuers.did_document(session, settings, keys.OPERATOR)
    slugs = sorted({row.issuer_slug for row in rows if row.issuer_slug is not None})
    documents = [await issuers.did_document(session, settings, slug) for slug in slugs]
    list_ids = sorted({row.status_list_id for row in rows if row.status_list_id is not None})
    status_lists = []
    for list_id in list_ids:
        for purpose in PURPOSES:
            served = await served_list(session, settings, list_id, purpose)
            status_lists.append(served.jws)
    return BundleSources(
        status_checked_at=checked_at,
        operator_document=operator,
        trust_list=trust_list,
        did_documents=documents,
        status_lists=status_lists,
    )
