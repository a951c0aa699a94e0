"""A CV's credentials as matching reads them (`rules.Evidence`): the worker's own wallet, by the
state the registry keeps (as the CV reads it: verified on import or issue, status kept current
by revocation and suspension, validUntil), or a share, by verifying its presentation now."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.matching.rules import Evidence
from registry.models import Credential, Experience
from registry.settings import Settings
from registry.sharing import opening, verification
from registry.wallet.holders import Holder
from registry.wallet.wallet_content import wallet_rows
from schemas.common import Actor
from schemas.errors.matching import ShareOrReceivedRequiredError
from schemas.matching import MatchRequest


def _evidence(row: Credential, verdict: str) -> Evidence:
    return Evidence(
        id=str(row.id),
        kind=row.kind,
        verdict=verdict,
        achievement_id=row.achievement_id,
        competences=frozenset(c.get("uri", "") for c in row.competences),
        issued_at=row.issued_at,
        valid_until=row.valid_until,
    )


def kept_verdict(row: Credential, now: dt.datetime) -> str:
    """The verdict of a wallet row by the state the registry keeps of it."""
    if not row.verified:
        return row.status if row.status != "active" else "invalid"
    if row.status != "active":
        return row.status
    if row.valid_until is not None and row.valid_until <= now:
        return "expired"
    return "valid"


async def from_wallet(
    session: AsyncSession, holder: Holder, now: dt.datetime
) -> tuple[list[Evidence], set[str]]:
    """The worker's credentials, and the competences their self-declared experience names."""
    rows = await wallet_rows(session, holder)
    declared = await session.scalars(
        select(Experience.competences).where(Experience.wallet_id == holder.wallet.id)
    )
    return [_evidence(row, kept_verdict(row, now)) for row in rows], {
        uri for uris in declared for uri in uris
    }


async def from_share(
    session: AsyncSession, settings: Settings, actor: Actor, request: MatchRequest
) -> tuple[list[Evidence], str]:
    """The credentials of a share (its link, or one received), each with the verdict of
    verifying the share's presentation now; and who shared it. Opening it is a view."""
    if (request.share is None) == (request.received_share_id is None):
        raise ShareOrReceivedRequiredError("give exactly one of share and receivedShareId")
    if request.share is not None:
        token = opening.token_from_url(settings, request.share)
        opened = await opening.open_by_token(session, settings, token, actor, via="match")
    else:
        assert request.received_share_id is not None
        opened = await opening.open_received(session, settings, actor, request.received_share_id)
    report = await verification.verify_opened_share(session, settings, opened)
    reports = report.credentials or []
    verdicts = {
        r.credential.id: r.verdict for r in reports if r.credential is not None and r.credential.id
    }
    evidence = [
        _evidence(row, verdicts.get(row.credential_id, "cannot-verify"))
        for row in opened.credentials
    ]
    # The presentation itself failing (its holder signature, audience, nonce, dates, the
    # share's own check) makes none of its credentials count.
    if any(c.status == "failed" and c.name != "credentials" for c in report.checks):
        evidence = [_evidence(row, report.verdict) for row in opened.credentials]
    return evidence, opened.sharer_name
