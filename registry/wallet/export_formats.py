"""The CV in formats other systems read: a signed CLR 2.0 (`GET /api/me/export?format=clr`)
and Europass EDC (`?format=edc`). Both hold the credentials the CV counts (verified, active,
not expired); what this registry issued is re-secured by its issuer with a Data Integrity
proof at export time, an imported credential goes in only when it came as JSON with a proof
(an imported JWS cannot be made a JSON credential by anyone but its issuer)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from credentials.export.clr import clr_credential, sign_clr
from credentials.export.edc import EdcEntry, edc_document
from registry.issuers import keys
from registry.models import Credential
from registry.settings import Settings
from registry.wallet.cv import is_current
from registry.wallet.export_downloads import secured_json
from registry.wallet.holders import Holder
from registry.wallet.wallet_content import wallet_rows
from schemas.errors.wallet import NothingToExportError

OPERATOR_NAME = "LLO-register"


async def cv_credentials(
    session: AsyncSession, settings: Settings, holder: Holder, now: dt.datetime
) -> list[tuple[Credential, dict[str, Any]]]:
    """The CV's credentials, each as a JSON credential with its issuer's proof."""
    found = []
    for row in await wallet_rows(session, holder):
        if not is_current(row, now):
            continue
        if row.issuer_slug is None and not row.jws.lstrip().startswith("{"):
            continue
        found.append((row, await secured_json(session, settings, row, now)))
    if not found:
        raise NothingToExportError("there is no current credential to put in this export")
    return found


async def export_clr(session: AsyncSession, settings: Settings, holder: Holder) -> str:
    """The CV as a ClrCredential signed with the operator key, as a compact JWS."""
    holder.require_worker("export the CV")
    now = dt.datetime.now(dt.UTC)
    items = [document for _, document in await cv_credentials(session, settings, holder, now)]
    operator = await keys.signing_key(session, settings, keys.OPERATOR)
    document = clr_credential(
        issuer=operator.did,
        issuer_name=OPERATOR_NAME,
        learner=holder.wallet.holder_did,
        learner_name=holder.wallet.name,
        credentials=items,
        now=now,
    )
    await holder.record(session, "wallet.exported", f"wallet:{holder.wallet.id}", format="clr")
    return sign_clr(document, operator.key, operator.kid)


async def export_edc(session: AsyncSession, settings: Settings, holder: Holder) -> dict[str, Any]:
    """The CV as Europass EDC: one EuropeanDigitalCredential per current credential."""
    holder.require_worker("export the CV")
    now = dt.datetime.now(dt.UTC)
    entries = [
        EdcEntry(
            id=row.credential_id,
            issuer=_issuer_id(document),
            issuer_name=row.issuer_name,
            achievement_id=row.achievement_id,
            achievement=row.achievement_name,
            issued_at=row.issued_at,
            valid_until=row.valid_until,
        )
        for row, document in await cv_credentials(session, settings, holder, now)
    ]
    await holder.record(session, "wallet.exported", f"wallet:{holder.wallet.id}", format="edc")
    return edc_document(holder.wallet.holder_did, holder.wallet.name, entries)


def _issuer_id(document: dict[str, Any]) -> str:
    issuer = document.get("issuer")
    ident = issuer.get("id") if isinstance(issuer, dict) else issuer
    return ident if isinstance(ident, str) else ""
