"""Shares that disclose less: per credential, the parts the worker leaves out.

A deelcertificaat carries its SD-JWT VC form (`Credential.sd_jwt`, signed at issuance by the
issuer: see docs/credentials.md, "Selective disclosure"). A share that names a credential in
`withhold` presents that form instead of the JWS, with only the disclosures the worker kept
and a key binding JWT signed with the holder key for the share's audience and nonce, made
afresh at each opening (verifiers take key binding JWTs only minutes old).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.keys import SigningKey
from credentials.sdjwt_vc import PART_CLAIMS, present_sd_jwt
from registry.models import Credential
from schemas.errors.sharing import NotSelectivelyDisclosableError, WithheldNotSharedError

_ORDER = list(PART_CLAIMS)


def _row_id(value: str) -> str | None:
    try:
        return str(UUID(value))
    except ValueError:
        return None


async def checked_withheld(
    session: AsyncSession,
    wallet_id: UUID,
    shared: list[str],
    withhold: Mapping[str, Sequence[str]] | None,
) -> dict[str, list[str]] | None:
    """`withhold` keyed by credential id (a row id is accepted as in `credentialIds`), each
    list in one order without repeats; 422 for a credential not shared or without an SD-JWT
    VC form. None when nothing is named."""
    if not withhold:
        return None
    rows = await session.execute(
        select(Credential.id, Credential.credential_id, Credential.sd_jwt).where(
            Credential.wallet_id == wallet_id, Credential.credential_id.in_(shared)
        )
    )
    by_key: dict[str, tuple[str, bool]] = {}
    for row_id, credential_id, sd_jwt in rows:
        by_key[str(row_id)] = by_key[credential_id] = (credential_id, sd_jwt is not None)
    found = {key: by_key.get(key) or by_key.get(_row_id(key) or "") for key in withhold}
    not_shared = [key for key, hit in found.items() if hit is None]
    if not_shared:
        raise WithheldNotSharedError(
            "withhold names credentials that are not shared", credentials=not_shared
        )
    plain = sorted({hit[0] for hit in found.values() if hit is not None and not hit[1]})
    if plain:
        raise NotSelectivelyDisclosableError(
            "only deelcertificaten with an SD-JWT VC form can leave parts out",
            credentials=plain,
        )
    return {
        hit[0]: sorted(set(withhold[key]), key=_ORDER.index)
        for key, hit in found.items()
        if hit is not None
    }


def presented(
    credentials: Sequence[Credential],
    withheld: Mapping[str, list[str]] | None,
    holder: SigningKey,
    *,
    audience: str,
    nonce: str,
    now: dt.datetime,
) -> list[str]:
    """What a share presents of each credential: its SD-JWT VC with the parts left out and
    key binding where the share names it, else the JWS."""
    withheld = withheld or {}
    return [
        present_sd_jwt(
            credential.sd_jwt,
            withheld[credential.credential_id],
            holder,
            audience=audience,
            nonce=nonce,
            issued_at=now,
        )
        if credential.sd_jwt is not None and credential.credential_id in withheld
        else credential.jws
        for credential in credentials
    ]
