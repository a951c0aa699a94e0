"""How modules add up to qualifications: a holder's progress towards each qualification their
done modules count for (with the next open runs of what remains; a withdrawn module is marked
not offered and gets no runs), and the least study load a
qualification takes. The one place for the rule "all required modules, at least `minCount` of
each choice group, and every required competence shown by a valid credential"."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from uuid import UUID

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.models import (
    Competence,
    Module,
    ModuleVersion,
    Qualification,
    QualificationCompetence,
    QualificationGroup,
    QualificationGroupModule,
    Run,
)
from catalogue.urls import module_runs_url, module_url, qualification_url
from schemas.catalogue import QualificationOut
from schemas.wallet import (
    OpenRun,
    ProgressCompetence,
    ProgressGroup,
    ProgressModule,
    QualificationProgress,
)

RUNS_PER_MODULE = 3


class StudyLoads(msgspec.Struct, kw_only=True, frozen=True):
    """The study load of a qualification in hours: of each module (its published version;
    modules never published are left out), the least per group and overall (None where a
    module's load is unknown)."""

    modules: dict[UUID, int]
    groups: list[int | None]
    total: int | None


async def published_study_loads(session: AsyncSession, module_ids: list[UUID]) -> dict[UUID, int]:
    """Study load in hours of each module's published version (modules never published are left
    out), so a qualification can show how its modules add up."""
    if not module_ids:
        return {}
    rows = await session.execute(
        select(Module.id, ModuleVersion.study_load_hours)
        .join(
            ModuleVersion,
            (ModuleVersion.module_id == Module.id)
            & (ModuleVersion.number == Module.published_version),
        )
        .where(Module.id.in_(module_ids))
    )
    return dict(rows.tuples().all())


async def study_loads(session: AsyncSession, qualification: QualificationOut) -> StudyLoads:
    """The least study load per group (all required ones; the lightest `minCount` of a choice
    group) and overall; None when a module's load is unknown."""
    loads = await published_study_loads(
        session, [m.id for g in qualification.groups for m in g.modules]
    )
    per_group: list[int | None] = []
    for group in qualification.groups:
        hours = [loads.get(m.id) for m in group.modules]
        known = sorted(h for h in hours if h is not None)
        per_group.append(sum(known[: group.min_count]) if len(known) == len(hours) else None)
    complete = all(h is not None for h in per_group)
    total = sum(h or 0 for h in per_group) if complete else None
    if not qualification.groups:
        # Made of competences only (an mbo qualification): the load its source sets.
        total = qualification.study_load_hours
    return StudyLoads(modules=loads, groups=per_group, total=total)


async def qualification_progress(
    session: AsyncSession,
    base_url: str,
    done: dict[UUID, UUID],
    today: dt.date,
    shown: Mapping[str, UUID] | None = None,
) -> list[QualificationProgress]:
    """Progress per qualification that any of the done modules belongs to (`done`: module id ->
    the credential that proves it) or that requires any of the shown competences (`shown`:
    competence URI -> a valid credential aligned to it, a module certificate or an achieved
    EVC result). Complete when every module group is and every required competence is shown."""
    qualifications = await _module_progress(session, base_url, done, today)
    await _competence_progress(session, base_url, shown or {}, qualifications)
    for progress in qualifications.values():
        progress.complete = all(g.complete for g in progress.groups) and (
            progress.competences_done == progress.competences_needed
        )
    return sorted(qualifications.values(), key=lambda p: (p.title, p.id))


async def _module_progress(
    session: AsyncSession, base_url: str, done: dict[UUID, UUID], today: dt.date
) -> dict[UUID, QualificationProgress]:
    """The module groups of each qualification a done module belongs to: their structure (with
    module titles) in one query, open runs in a second."""
    if not done:
        return {}
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
                Module.status,
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
    # A withdrawn module is no way forward: its old runs are not offered to whoever needs it.
    offered = {r[7] for r in rows if r[9] != "withdrawn"}
    runs = await _open_runs(session, base_url, offered - done.keys(), today)
    qualifications: dict[UUID, QualificationProgress] = {}
    groups: dict[UUID, ProgressGroup] = {}
    for q_id, code, title, g_id, g_title, required, min_count, module_id, module_title, _ in rows:
        progress = _entry(qualifications, base_url, q_id, code, title)
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
            url=module_url(base_url, module_id),
        )
        if module_id in done:
            module.credential = done[module_id]
            group.done.append(module)
        else:
            module.offered = module_id in offered
            module.runs = runs.get(module_id, [])
            group.remaining.append(module)
    for progress in qualifications.values():
        for group in progress.groups:
            group.complete = len(group.done) >= _needed(group)
        progress.modules_done = sum(min(len(g.done), _needed(g)) for g in progress.groups)
        progress.modules_needed = sum(_needed(g) for g in progress.groups)
    return qualifications


async def _competence_progress(
    session: AsyncSession,
    base_url: str,
    shown: Mapping[str, UUID],
    qualifications: dict[UUID, QualificationProgress],
) -> None:
    """Add the required competences of the qualifications found by module, and of those that
    require a shown competence, in one query (two when competences are shown)."""
    ids = set(qualifications)
    if shown:
        ids |= set(
            await session.scalars(
                select(QualificationCompetence.qualification_id)
                .join(Competence, Competence.id == QualificationCompetence.competence_id)
                .where(Competence.uri.in_(list(shown)))
            )
        )
    if not ids:
        return
    rows = await session.execute(
        select(
            Qualification.id,
            Qualification.code,
            Qualification.title,
            Competence.uri,
            Competence.code,
            Competence.label,
        )
        .join(QualificationCompetence, QualificationCompetence.qualification_id == Qualification.id)
        .join(Competence, Competence.id == QualificationCompetence.competence_id)
        .where(Qualification.id.in_(ids))
        .order_by(Qualification.id, QualificationCompetence.position)
    )
    for q_id, q_code, title, uri, code, label in rows:
        progress = _entry(qualifications, base_url, q_id, q_code, title)
        progress.competences.append(
            ProgressCompetence(uri=uri, code=code, label=label, credential=shown.get(uri))
        )
        progress.competences_needed += 1
        progress.competences_done += uri in shown


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
                    url=module_runs_url(base_url, module_id),
                )
            )
    return runs


def _entry(
    qualifications: dict[UUID, QualificationProgress],
    base_url: str,
    q_id: UUID,
    code: str,
    title: str,
) -> QualificationProgress:
    """The qualification's progress being counted, started empty the first time it is met."""
    progress = qualifications.get(q_id)
    if progress is None:
        progress = qualifications[q_id] = QualificationProgress(
            id=q_id,
            code=code,
            title=title,
            url=qualification_url(base_url, q_id),
            modules_done=0,
            modules_needed=0,
            complete=False,
            groups=[],
        )
    return progress
