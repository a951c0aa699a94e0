"""`/api/catalogue/feeds`: the operator registers, lists and removes EDU-DEX directory feeds."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, delete, get, post
from litestar.status_codes import HTTP_200_OK
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import create_feed, delete_feed, list_feeds
from registry.feeds.jobs import queue_read
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.errors import ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError
from schemas.feeds import FeedCreate, FeedOut

OPERATOR_ONLY = requires_role("operator")


class FeedController(Controller):
    """A provider's EDU-DEX directory feed, read on a schedule (operator)."""

    path = "/api/catalogue/feeds"
    tags = ["catalogue"]
    opt = api_doc(PermissionDeniedError)

    @post("/", guards=[OPERATOR_ONLY], opt=api_doc(InvalidInputError, ConflictError))
    async def create_feed(self, db_session: AsyncSession, data: FeedCreate) -> FeedOut:
        """Register a provider's directory feed; its first read is queued at once."""
        feed = await create_feed(db_session, data)
        await queue_read(db_session, feed.id)
        return feed

    @get("/", guards=[OPERATOR_ONLY])
    async def list_feeds(self, db_session: AsyncSession) -> list[FeedOut]:
        """Every feed with its last read and last error."""
        return await list_feeds(db_session)

    @delete(
        "/{feed_id:uuid}",
        status_code=HTTP_200_OK,
        guards=[OPERATOR_ONLY],
        opt=api_doc(NotFoundError),
    )
    async def delete_feed(self, db_session: AsyncSession, feed_id: UUID) -> FeedOut:
        """Stop reading a feed; the modules it brought stay."""
        return await delete_feed(db_session, feed_id)
