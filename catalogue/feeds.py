"""EDU-DEX directory feeds: the operator registers a provider's directory; the registry reads
it on a schedule (`registry.feeds`) and brings the provider's modules up to date.

A read is all or nothing: a directory or program that cannot be fetched or read changes none
of the provider's modules, and the feed keeps the error (`lastError`) until a read goes
through. Programs that leave the directory are withdrawn (`catalogue.imports.edudex_directory`).
"""

from __future__ import annotations

import datetime as dt
from typing import Final
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.fetch import Fetcher, check_url, fetch
from catalogue.imports import Tally
from catalogue.imports.edudex_directory import DirectoryImport, read_directory
from catalogue.models import EdudexFeed, ImportOrigin, Provider
from catalogue.xml.safe import parse_xml
from schemas.common import Actor
from schemas.errors import DomainError
from schemas.errors.catalogue import FeedExistsError, FeedNotFoundError, UnknownProviderError
from schemas.feeds import FeedCreate, FeedOut

# Who a scheduled read acts as: nobody's account; the import acts as the feed's provider.
FEED_READER: Final = Actor(account_id=UUID(int=0), role="operator")


def _out(feed: EdudexFeed, slug: str) -> FeedOut:
    return FeedOut(
        id=feed.id,
        provider=slug,
        url=feed.url,
        created_at=feed.created_at,
        last_read_at=feed.last_read_at,
        last_error=feed.last_error,
        programs=feed.programs,
    )


async def create_feed(session: AsyncSession, data: FeedCreate) -> FeedOut:
    """Register a provider's directory feed (operator)."""
    provider = await session.scalar(select(Provider).where(Provider.slug == data.provider))
    if provider is None:
        raise UnknownProviderError(f"unknown provider {data.provider!r}")
    url = check_url(data.url)
    taken = await session.scalar(
        select(EdudexFeed.id).where(EdudexFeed.provider_id == provider.id, EdudexFeed.url == url)
    )
    if taken is not None:
        raise FeedExistsError(f"provider {provider.slug} has this feed already: {taken}")
    feed = EdudexFeed(provider_id=provider.id, url=url, programs=0)
    session.add(feed)
    await session.flush()
    return _out(feed, provider.slug)


async def list_feeds(session: AsyncSession) -> list[FeedOut]:
    rows = await session.execute(
        select(EdudexFeed, Provider.slug)
        .join(Provider, Provider.id == EdudexFeed.provider_id)
        .order_by(Provider.slug, EdudexFeed.url)
    )
    return [_out(feed, slug) for feed, slug in rows.tuples()]


async def delete_feed(session: AsyncSession, feed_id: UUID) -> FeedOut:
    """Stop reading a feed; its modules stay as they are (they came from the provider)."""
    feed = await session.get(EdudexFeed, feed_id)
    if feed is None:
        raise FeedNotFoundError(f"no feed {feed_id}")
    provider = await session.get_one(Provider, feed.provider_id)
    await session.execute(
        update(ImportOrigin).where(ImportOrigin.feed_id == feed.id).values(feed_id=None)
    )
    out = _out(feed, provider.slug)
    await session.delete(feed)
    await session.flush()
    return out


async def read_feed(
    session: AsyncSession, base_url: str, feed_id: UUID, fetcher: Fetcher = fetch
) -> tuple[FeedOut, Tally] | None:
    """Read a feed now and keep what came of it; None when the feed is gone."""
    feed = await session.get(EdudexFeed, feed_id)
    if feed is None:
        return None
    provider = await session.get_one(Provider, feed.provider_id)
    tally = Tally()
    try:
        # A savepoint: a read that fails keeps nothing of itself, but its error is kept.
        async with session.begin_nested():
            directory = read_directory(parse_xml(await fetcher(feed.url)))
            importer = DirectoryImport(session, base_url, FEED_READER, fetcher)
            await importer.apply(provider, directory, tally, feed.id)
    except DomainError as exc:
        feed.last_error = f"{exc.code}: {exc.message}"
    else:
        feed.last_error = None
        feed.programs = len(directory.resources)
    feed.last_read_at = dt.datetime.now(dt.UTC)
    await session.flush()
    return _out(feed, provider.slug), tally
