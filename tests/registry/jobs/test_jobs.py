"""The job runner: each job once (also with two processes racing), retries with a growing
delay, giving up, and leases that run out."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter
from typing import Any

import msgspec
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.jobs import JobContext, enqueue, job_kind
from registry.jobs.runner import LeaseLostError, _execute, claim, retry_delay, run_due
from registry.mail.compose import Line, Mail
from registry.mail.outbox import send_mail
from registry.models import Job, MailOptOut, MailOutbox
from registry.settings import Settings
from tests.mail_helpers import Inbox
from tests.registry.jobs.job_race import race

Maker = async_sessionmaker[AsyncSession]
CALLS: list[dict[str, Any]] = []


@job_kind("test.record")
async def _record(context: JobContext, payload: dict[str, Any]) -> None:
    """Writes a row (so rollback is visible) and remembers the call; fails while asked to."""
    CALLS.append(payload)
    context.session.add(MailOptOut(email=f"{payload['n']}-{context.attempt}@example.nl"))
    if context.attempt <= payload.get("fail_times", 0):
        raise RuntimeError(f"failure {context.attempt}")


@job_kind("test.always-fails", max_attempts=2)
async def _always_fails(context: JobContext, payload: dict[str, Any]) -> None:
    raise RuntimeError("no luck")


@pytest.fixture(autouse=True)
def _forget_calls() -> None:
    CALLS.clear()


async def _queue(sessionmaker: Maker, kind: str, **payload: Any) -> None:
    async with sessionmaker() as session, session.begin():
        await enqueue(session, kind, payload)


async def _job(sessionmaker: Maker) -> Job:
    async with sessionmaker() as session:
        job = await session.scalar(select(Job))
    assert job is not None
    return job


async def _make_due(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        await session.execute(update(Job).values(run_at=dt.datetime.now(dt.UTC)))


async def test_a_job_runs_once_and_is_marked_done(sessionmaker: Maker, settings: Settings) -> None:
    await _queue(sessionmaker, "test.record", n=1)
    assert await run_due(sessionmaker, settings) == 1
    assert await run_due(sessionmaker, settings) == 0
    assert CALLS == [{"n": 1}]
    job = await _job(sessionmaker)
    assert job.done_at is not None
    assert (job.attempts, job.failed, job.last_error, job.lease_until) == (1, False, None, None)


async def test_a_failed_job_is_retried_later_with_a_growing_delay(
    sessionmaker: Maker, settings: Settings
) -> None:
    await _queue(sessionmaker, "test.record", n=2, fail_times=2)
    before = dt.datetime.now(dt.UTC)
    assert await run_due(sessionmaker, settings) == 1  # fails; not due again yet
    job = await _job(sessionmaker)
    assert job.done_at is None
    assert "failure 1" in (job.last_error or "")
    assert before + retry_delay(1) <= job.run_at <= dt.datetime.now(dt.UTC) + retry_delay(1)
    async with sessionmaker() as session:  # the failed attempt's write was rolled back
        assert await session.scalar(select(func.count()).select_from(MailOptOut)) == 0
    await _make_due(sessionmaker)
    assert await run_due(sessionmaker, settings) == 1
    job = await _job(sessionmaker)
    assert job.run_at >= dt.datetime.now(dt.UTC) + retry_delay(2) - dt.timedelta(seconds=5)
    assert retry_delay(2) == 2 * retry_delay(1)
    await _make_due(sessionmaker)
    assert await run_due(sessionmaker, settings) == 1
    job = await _job(sessionmaker)
    assert (job.attempts, job.failed, job.last_error) == (3, False, None)
    assert job.done_at is not None
    async with sessionmaker() as session:
        assert list(await session.scalars(select(MailOptOut.email))) == ["2-3@example.nl"]


async def test_a_job_that_keeps_failing_is_given_up(
    sessionmaker: Maker, settings: Settings
) -> None:
    await _queue(sessionmaker, "test.always-fails")
    await run_due(sessionmaker, settings)
    await _make_due(sessionmaker)
    await run_due(sessionmaker, settings)
    job = await _job(sessionmaker)
    assert (job.attempts, job.failed) == (2, True)
    assert job.done_at is not None
    assert "no luck" in (job.last_error or "")
    await _make_due(sessionmaker)
    assert await run_due(sessionmaker, settings) == 0


async def test_a_lease_that_ran_out_is_claimed_again_and_the_late_work_rolled_back(
    sessionmaker: Maker, settings: Settings
) -> None:
    await _queue(sessionmaker, "test.record", n=3)
    now = dt.datetime.now(dt.UTC)
    async with sessionmaker() as session, session.begin():
        first = await claim(session, "runner-a", now)
    async with sessionmaker() as session, session.begin():
        assert await claim(session, "runner-b", now) is None  # the lease holds
    later = now + dt.timedelta(hours=1)
    async with sessionmaker() as session, session.begin():
        second = await claim(session, "runner-b", later)
    assert first is not None
    assert second is not None
    assert (first.id, first.attempt, second.attempt) == (second.id, 1, 2)
    with pytest.raises(LeaseLostError):
        await _execute(sessionmaker, settings, "runner-a", first)
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(MailOptOut)) == 0
    await _execute(sessionmaker, settings, "runner-b", second)
    job = await _job(sessionmaker)
    assert job.done_at is not None
    assert job.leased_by == "runner-b"


# Two processes on the test database.
@pytest.mark.committed
async def test_two_processes_racing_send_every_mail_exactly_once(
    sessionmaker: Maker, mail_settings: Settings, inbox: Inbox
) -> None:
    count = 120
    async with sessionmaker() as session, session.begin():
        for n in range(count):  # one job per mail: many small jobs to fight over
            mail = Mail(
                topic="test",
                to=f"race-{n}@example.nl",
                subject=Line("verify.subject"),
                lines=(Line("verify.body"),),
            )
            await send_mail(session, mail_settings, mail)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    workers = [
        context.Process(target=race, args=(msgspec.json.encode(mail_settings), barrier, results))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    ran = sorted(results.get(timeout=5) for _ in workers)
    assert sum(ran) == count
    inbox.wait_for(count)
    received = Counter(recipients[0] for _, recipients in inbox.envelopes)
    assert len(received) == count
    assert set(received.values()) == {1}
    async with sessionmaker() as session:
        jobs = list(await session.scalars(select(Job)))
        unsent = await session.scalar(
            select(func.count()).select_from(MailOutbox).where(MailOutbox.sent_at.is_(None))
        )
    assert len(jobs) == count
    assert {(job.attempts, job.failed) for job in jobs} == {(1, False)}
    assert all(job.done_at is not None for job in jobs)
    assert unsent == 0
    assert len({job.leased_by for job in jobs}) == 2, ran  # both processes really took part
