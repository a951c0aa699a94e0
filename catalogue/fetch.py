"""Reading a provider's documents from its own web server: the one place the catalogue fetches.

Only EDU-DEX directory feeds (`catalogue.feeds`) and the directory import use it, on the
operator's word. Every fetch is http or https, with timeouts, a size limit that is enforced
while reading (a server that lies about `Content-Length` or sends none is cut off), and
redirects followed by hand only to http or https, at most a few.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final
from urllib.parse import urljoin, urlsplit

import httpx

from schemas.errors.catalogue import BadFeedUrlError, FeedUnreadableError

MAX_DOCUMENT_BYTES: Final = 5_000_000
TIMEOUT: Final = httpx.Timeout(10.0, connect=5.0)
MAX_REDIRECTS: Final = 3
SCHEMES: Final = frozenset({"http", "https"})

# What an import is given to read the documents a directory lists.
Fetcher = Callable[[str], Awaitable[bytes]]


def check_url(url: str) -> str:
    """An http(s) URL with a host, or `bad-feed-url`."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise BadFeedUrlError(f"{url!r} is not an http or https address")
    return url


async def fetch(url: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The body at `url`, or `feed-unreadable` saying why (status, size, time, redirect)."""
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            try:
                async with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code != 200:
                        raise FeedUnreadableError(
                            f"{url}: the server answered {response.status_code}"
                        )
                    return await _body(response, url, max_bytes)
            except httpx.HTTPError as exc:
                raise FeedUnreadableError(f"{url}: {type(exc).__name__} {exc}".strip()) from None
    raise FeedUnreadableError(f"{url}: more than {MAX_REDIRECTS} redirects")


async def _body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FeedUnreadableError(f"{url}: larger than {max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FeedUnreadableError(f"{url}: larger than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
