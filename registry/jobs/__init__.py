"""One job runner for background work: mail now, feed and peer refreshes later.

A job is a row in `job` (kind, JSON payload, when it is due). Work that must not be lost is
queued in the caller's transaction (`enqueue`), so a job exists exactly when the change that
asked for it was committed. Runners, in every server process or in `registry worker`, claim a
due job by writing a lease on it in one atomic statement (`registry.jobs.runner`), so each job
runs once however many processes poll; a runner that dies loses its lease and the job is
claimed again when the lease runs out. A failed job is retried with a growing delay.

A kind is registered with `@job_kind("name")` beside the code it belongs to; `load_kinds`
imports those modules so that any runner knows every kind.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Job
from registry.settings import Settings

# Modules that register job kinds when imported.
KIND_MODULES = ("registry.mail.outbox", "registry.mail.notices", "registry.feeds.jobs")
DEFAULT_LEASE = dt.timedelta(minutes=10)
DEFAULT_ATTEMPTS = 10


@dataclass(frozen=True, slots=True)
class JobContext:
    """What a handler gets: a session in the job's transaction (committed together with the
    job's `done_at`), a sessionmaker for work that must persist even if the job fails, the
    settings and the job's id and attempt number."""

    session: AsyncSession
    sessionmaker: async_sessionmaker[AsyncSession]
    settings: Settings
    job_id: int
    attempt: int


Handler = Callable[[JobContext, dict[str, Any]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class JobKind:
    handler: Handler
    max_attempts: int


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, max_attempts: int = DEFAULT_ATTEMPTS) -> Callable[[Handler], Handler]:
    """Register `handler` as the code that runs jobs of kind `name`."""

    def register(handler: Handler) -> Handler:
        if name in KINDS and KINDS[name].handler is not handler:
            raise RuntimeError(f"job kind {name!r} registered twice")
        KINDS[name] = JobKind(handler, max_attempts)
        return handler

    return register


def load_kinds() -> None:
    for module in KIND_MODULES:
        importlib.import_module(module)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def enqueue(
    session: AsyncSession, kind: str, payload: dict[str, Any], *, run_at: dt.datetime | None = None
) -> None:
    """Queue one job in the caller's transaction."""
    await enqueue_many(session, kind, [payload], run_at=run_at)


async def enqueue_many(
    session: AsyncSession,
    kind: str,
    payloads: Sequence[dict[str, Any]],
    *,
    run_at: dt.datetime | None = None,
) -> None:
    """Queue jobs of one kind with one INSERT, in the caller's transaction."""
    if not payloads:
        return
    now = _now()
    rows = [
        {
            "kind": kind,
            "payload": payload,
            "run_at": run_at or now,
            "attempts": 0,
            "failed": False,
            "created_at": now,
        }
        for payload in payloads
    ]
    await session.execute(insert(Job), rows)


__all__ = [
    "KINDS",
    "JobContext",
    "JobKind",
    "enqueue",
    "enqueue_many",
    "job_kind",
    "load_kinds",
]
