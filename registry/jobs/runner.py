"""Claiming and running jobs: each job once, however many runners poll the same database.

Claiming is one UPDATE that sets a lease on the first due job and returns it. On PostgreSQL
the job is picked with `FOR UPDATE SKIP LOCKED`, so concurrent runners take different jobs
without waiting on each other; on SQLite the statement runs under the database's single
writer lock, and the UPDATE repeats the "due and not leased" condition, so a second runner
that picked the same row matches nothing. The handler then runs in a transaction that also
marks the job done, only if the lease is still this runner's: work done under a lease that
ran out (and was taken over) is rolled back instead of committed twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import secrets
import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.jobs import DEFAULT_LEASE, KINDS, JobContext, load_kinds
from registry.models import Job
from registry.settings import Settings

log = logging.getLogger("registry.jobs")
FIRST_RETRY = dt.timedelta(seconds=30)
LONGEST_RETRY = dt.timedelta(hours=1)


class LeaseLostError(Exception):
    """The job's lease ran out and another runner took it over while this one worked."""


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    kind: str
    payload: dict[str, Any]
    attempt: int


def runner_name() -> str:
    """Who holds a lease: host, process and a random tag (two runners in one process differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _due(now: dt.datetime) -> Any:
    return and_(
        Job.done_at.is_(None),
        Job.run_at <= now,
        or_(Job.lease_until.is_(None), Job.lease_until < now),
    )


async def claim(session: AsyncSession, runner: str, now: dt.datetime) -> Claimed | None:
    """Lease the first due job to `runner` in the caller's transaction, or None."""
    # A plain read first: on SQLite an UPDATE takes the writer lock even when it matches
    # nothing, and idle runners polling every second should not take it.
    if await session.scalar(select(Job.id).where(_due(now)).limit(1)) is None:
        return None
    pick = select(Job.id).where(_due(now)).order_by(Job.run_at, Job.id).limit(1)
    if (await session.connection()).dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    row = (
        await session.execute(
            update(Job)
            .where(Job.id == pick.scalar_subquery(), _due(now))
            .values(lease_until=now + DEFAULT_LEASE, leased_by=runner, attempts=Job.attempts + 1)
            .returning(Job.id, Job.kind, Job.payload, Job.attempts)
            .execution_options(synchronize_session=False)
        )
    ).first()
    return None if row is None else Claimed(row[0], row[1], row[2], row[3])


def retry_delay(attempt: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, ... at most an hour."""
    delay: dt.timedelta = FIRST_RETRY * 2 ** max(attempt - 1, 0)
    return min(delay, LONGEST_RETRY)


async def run_one(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, runner: str
) -> bool:
    """Claim and run one due job; False when none is due."""
    async with sessionmaker() as session, session.begin():
        job = await claim(session, runner, _now())
    if job is None:
        return False
    try:
        await _execute(sessionmaker, settings, runner, job)
    except LeaseLostError:
        log.warning("job %s (%s): lease lost, its work was rolled back", job.id, job.kind)
    except Exception as error:  # any failure of a job is recorded, then retried
        await _failed(sessionmaker, job, runner, error)
    return True


async def _execute(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, runner: str, job: Claimed
) -> None:
    """The handler's work and the job's `done_at` in one transaction, committed only while
    the lease is still this runner's."""
    kind = KINDS.get(job.kind)
    if kind is None:
        raise LookupError(f"no handler for job kind {job.kind!r}")
    async with sessionmaker() as session, session.begin():
        context = JobContext(session, sessionmaker, settings, job.id, job.attempt)
        await kind.handler(context, job.payload)
        finished = await session.execute(
            update(Job)
            .where(Job.id == job.id, Job.leased_by == runner, Job.attempts == job.attempt)
            .values(done_at=_now(), lease_until=None, last_error=None)
            .execution_options(synchronize_session=False)
        )
        if finished.rowcount != 1:  # type: ignore[attr-defined]
            raise LeaseLostError(job.id)


async def _failed(
    sessionmaker: async_sessionmaker[AsyncSession], job: Claimed, runner: str, error: Exception
) -> None:
    kind = KINDS.get(job.kind)
    give_up = kind is None or job.attempt >= kind.max_attempts
    now = _now()
    log.warning("job %s (%s) attempt %s failed: %r", job.id, job.kind, job.attempt, error)
    values: dict[str, Any] = {"lease_until": None, "last_error": repr(error)[:2000]}
    if give_up:
        values.update(done_at=now, failed=True)
    else:
        values["run_at"] = now + retry_delay(job.attempt)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Job)
            .where(Job.id == job.id, Job.leased_by == runner, Job.attempts == job.attempt)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


async def run_due(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    runner: str | None = None,
    limit: int | None = None,
) -> int:
    """Run jobs until none is due (or `limit` ran); returns how many ran."""
    load_kinds()
    runner = runner or runner_name()
    count = 0
    while limit is None or count < limit:
        if not await run_one(sessionmaker, settings, runner):
            break
        count += 1
    return count


async def run_forever(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    """Poll for due jobs until cancelled (the app's lifespan and `registry worker`)."""
    runner = runner_name()
    while True:
        try:
            ran = await run_due(sessionmaker, settings, runner=runner)
        except Exception:  # the database may be away for a moment; keep the runner alive
            log.exception("job runner: polling failed")
            ran = 0
        if ran == 0:
            await asyncio.sleep(settings.job_poll_seconds)
