"""The scheduled read of a feed: one `edudex.feed.read` job per feed, which reads the feed and
queues the next read, in the same transaction. A read that fails is kept on the feed as its
`lastError` (the job itself succeeds), so a broken feed is retried at its next turn instead of
piling up retries, and the operator sees why."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Final
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import fetch_with, read_feed
from registry.jobs import JobContext, enqueue, job_kind

READ_FEED: Final = "edudex.feed.read"
# EDU-DEX itself reads feeds once a day (in the evening, edudex.nl/en/support).
READ_EVERY: Final = dt.timedelta(hours=24)

log = logging.getLogger(__name__)


async def queue_read(
    session: AsyncSession, feed_id: UUID, *, after: dt.timedelta | None = None
) -> None:
    """Queue a read of the feed, now or after a while, in the caller's transaction."""
    run_at = None if after is None else dt.datetime.now(dt.UTC) + after
    await enqueue(session, READ_FEED, {"feed": str(feed_id)}, run_at=run_at)


@job_kind(READ_FEED)
async def read_feed_job(context: JobContext, payload: dict[str, Any]) -> None:
    """Read one feed and queue its next read; a feed deleted since is not read again."""
    feed_id = UUID(payload["feed"])
    settings = context.settings
    fetcher = fetch_with(allow_loopback=settings.fetch_allow_loopback)
    result = await read_feed(context.session, settings.base_url, feed_id, fetcher)
    if result is None:
        return
    feed, tally = result
    log.info("feed %s read: %s", feed.url, feed.last_error or dict(tally.counts["created"]))
    await queue_read(context.session, feed_id, after=READ_EVERY)
