"""EDU-DEX directory feeds the operator registers for a provider (`/api/catalogue/feeds`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from uuid import UUID

import msgspec

from schemas.common import Request, Response, Slug

FeedUrl = Annotated[str, msgspec.Meta(pattern=r"^[hH][tT][tT][pP][sS]?://\S+$", max_length=2000)]


class FeedCreate(Request, kw_only=True):
    """A provider's EDU-DEX directory, by the provider's slug and the directory's address."""

    provider: Slug
    url: FeedUrl


class FeedOut(Response, kw_only=True):
    """A feed and what its last read did: `lastError` is empty after a read that went through
    (then `programs` is how many programs the directory listed)."""

    id: UUID
    provider: str
    url: str
    created_at: dt.datetime
    last_read_at: dt.datetime | None
    last_error: str | None
    programs: int
