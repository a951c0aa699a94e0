"""The worker's CV: verified credentials grouped by competence and sector, progress towards the
qualifications their modules count for (with open runs for what remains), and self-declared
experience and unverified imports kept apart.

The CV reads the wallet's rows (status kept current by revocation and suspension) rather than
re-verifying every signature, so it costs a few indexed queries however large the database is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.models import (
    Module,
    ModuleVersion,
    Qualification,
    QualificationGroup,
    QualificationGroupModule,
    Run,
)
from registry.models import Credential
from registry.wallet.holders import Holder
from registry.wallet.wallet_content import credential_out, list_experience, wallet_rows
from schemas.wallet import (
    CompetenceGroup,
    Cv,
    CvCredential,
    OpenRun,
    ProgressGroup,
    ProgressModule,
    QualificationProgress,
    SectorGroup,
    SelfDeclared,
)

RUNS_PER_MODULE = 3


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
    return Cv(
        holder=holder.wallet.holder_did,
        name=holder.wallet.name,
        credentials=[_cv_credential(row) for row in current],
        by_competence=_by_competence(current),
        by_sector=_by_sector(current),
        qualifications=await _progress(session, base_url, done, today),
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


async def _progress(
    session: AsyncSession, base_url: str, done: dict[UUID, UUID], today: dt.date
) -> list[QualificationProgress]:
    """Progress per qualification that any of the done modules belongs to: the structure of
    those qualifications (with module titles) in one query, open runs in a second."""
    if not done:
        return []
    member = QualificationGroupModule
    wanted = (
        select(QualificationGroup.qualification_id)
        .join(member, member.group_id == QualificationGroup.id)
        .where(member.module_id.in_(list(done)))
    )
    rows = (
        await session.execute(
            select(
                Qualification.id,
                Qualification.code,
                Qualification.title,
                QualificationGroup.id,
                QualificationGroup.title,
                QualificationGroup.required,
                QualificationGroup.min_count,
                member.module_id,
                ModuleVersion.title,
            )
            .join(QualificationGroup, QualificationGroup.qualification_id == Qualification.id)
            .join(member, member.group_id == QualificationGroup.id)
            .join(Module, Module.id == member.module_id)
            .outerjoin(
                ModuleVersion,
                (ModuleVersion.module_id == Module.id)
                & (ModuleVersion.number == Module.published_version),
            )
            .where(Qualification.id.in_(wanted))
            .order_by(
                Qualification.title, Qualification.id, QualificationGroup.position, member.position
            )
        )
    ).all()
    runs = await _open_runs(session, base_url, {r[7] for r in rows} - done.keys(), today)
    qualifications: dict[UUID, QualificationProgress] = {}
    groups: dict[UUID, ProgressGroup] = {}
    for q_id, code, title, g_id, g_title, required, min_count, module_id, module_title in rows:
        progress = qualifications.get(q_id)
        if progress is None:
            progress = qualifications[q_id] = QualificationProgress(
                id=q_id,
                code=code,
                title=title,
                url=f"{base_url}/api/catalogue/qualifications/{q_id}",
                modules_done=0,
                modules_needed=0,
                complete=False,
                groups=[],
            )
        group = groups.get(g_id)
        if group is None:
            group = groups[g_id] = ProgressGroup(
                title=g_title,
                required=required,
                min_count=min_count,
                done=[],
                remaining=[],
                complete=False,
            )
            progress.groups.append(group)
        module = ProgressModule(
            id=module_id,
            title=module_title or "",
            url=f"{base_url}/api/catalogue/modules/{module_id}",
        )
        if module_id in done:
            module.credential = done[module_id]
            group.done.append(module)
        else:
            module.runs = runs.get(module_id, [])
            group.remaining.append(module)
    for progress in qualifications.values():
        for group in progress.groups:
            group.complete = len(group.done) >= _needed(group)
        progress.modules_done = sum(min(len(g.done), _needed(g)) for g in progress.groups)
        progress.modules_needed = sum(_needed(g) for g in progress.groups)
        progress.complete = all(g.complete for g in progress.groups)
    return list(qualifications.values())


def _needed(group: ProgressGroup) -> int:
    return len(group.done) + len(group.remaining) if group.required else group.min_count


async def _open_runs(
    session: AsyncSession, base_url: str, module_ids: set[UUID], today: dt.date
) -> dict[UUID, list[OpenRun]]:
    """The next open runs of each module (cancelled and full runs are left out)."""
    if not module_ids:
        return {}
    rows = await session.execute(
        select(Run.id, Run.module_id, Run.start_date, Run.end_date, Run.place)
        .where(Run.module_id.in_(module_ids), Run.status == "open", Run.start_date >= today)
        .order_by(Run.start_date)
    )
    runs: dict[UUID, list[OpenRun]] = defaultdict(list)
    for run_id, module_id, start, end, place in rows:
        if len(runs[module_id]) < RUNS_PER_MODULE:
            runs[module_id].append(
                OpenRun(
                    id=run_id,
                    start_date=start,
                    end_date=end,
                    place=place,
                    url=f"{base_url}/api/catalogue/modules/{module_id}/runs",
                )
            )
    return runs
