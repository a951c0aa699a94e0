"""The worker's CV: verified credentials grouped by competence and sector, progress towards the
qualifications their modules and competences count for (with open runs for what remains; the
catalogue computes it), and self-declared experience and unverified imports kept apart.

The CV reads the wallet's rows (status kept current by revocation and suspension) rather than
re-verifying every signature, so it costs a few indexed queries however large the database is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import qualification_progress
from registry.models import Credential
from registry.wallet.holders import Holder
from registry.wallet.wallet_content import credential_out, list_experience, wallet_rows
from schemas.wallet import (
    CompetenceGroup,
    Cv,
    CvCredential,
    SectorGroup,
    SelfDeclared,
)


def is_current(row: Credential, now: dt.datetime) -> bool:
    """Verified, active (not revoked or suspended) and not past its validUntil."""
    return (
        row.verified
        and row.status == "active"
        and (row.valid_until is None or row.valid_until > now)
    )


async def build_cv(session: AsyncSession, base_url: str, holder: Holder, today: dt.date) -> Cv:
    """The CV of the holder's wallet."""
    now = dt.datetime.now(dt.UTC)
    rows = await wallet_rows(session, holder)
    current = [row for row in rows if is_current(row, now)]
    done = {row.module_id: row.id for row in reversed(current) if row.module_id is not None}
    # Competences shown: a module certificate's taught ones, an EVC record's achieved ones
    # only (`Credential.competences` holds no others).
    shown = {c["uri"]: row.id for row in reversed(current) for c in row.competences if "uri" in c}
    return Cv(
        holder=holder.wallet.holder_did,
        name=holder.wallet.name,
        credentials=[_cv_credential(row) for row in current],
        by_competence=_by_competence(current),
        by_sector=_by_sector(current),
        qualifications=await qualification_progress(session, base_url, done, today, shown),
        experience=SelfDeclared(items=await list_experience(session, holder)),
        unverified=[credential_out(row) for row in rows if not row.verified],
        inactive=[credential_out(row) for row in rows if row.verified and not is_current(row, now)],
    )


def _cv_credential(row: Credential) -> CvCredential:
    return CvCredential(
        id=row.id,
        achievement=row.achievement_name,
        achievement_id=row.achievement_id,
        issuer=row.issuer_name,
        kind=row.kind,
        issued_at=row.issued_at,
        valid_until=row.valid_until,
        credential_id=row.credential_id,
        source=row.source,
    )


def _by_competence(rows: list[Credential]) -> list[CompetenceGroup]:
    groups: dict[str, CompetenceGroup] = {}
    for row in rows:
        for competence in row.competences:
            uri = competence.get("uri", "")
            group = groups.get(uri)
            if group is None:
                group = groups[uri] = CompetenceGroup(
                    uri=uri,
                    label=competence.get("label", ""),
                    framework=competence.get("framework", ""),
                    credentials=[],
                )
            if row.id not in group.credentials:
                group.credentials.append(row.id)
    return sorted(groups.values(), key=lambda g: (-len(g.credentials), g.label.lower(), g.uri))


def _by_sector(rows: list[Credential]) -> list[SectorGroup]:
    sectors: dict[str, list[UUID]] = defaultdict(list)
    for row in rows:
        for sector in dict.fromkeys(row.sectors):
            sectors[sector].append(row.id)
    return [SectorGroup(sector=s, credentials=ids) for s, ids in sorted(sectors.items())]
