"""Reading a provider's documents from its own web server: the one place the catalogue fetches.

Only EDU-DEX directory feeds (`catalogue.feeds`) and the directory import use it, on the
operator's word. Every fetch is http or https, with timeouts, a size limit that is enforced
while reading (a server that lies about `Content-Length` or sends none is cut off), and
redirects followed by hand only to http or https, at most a few.

A URL comes from a provider's document, so it must not reach into our own network: the host
is resolved once, every address that is not a public one (loopback, private, link-local,
multicast, reserved, ...) is refused before anything connects, and the connection goes to the
address that was checked (no second look-up whose answer could differ). Each redirect hop is
checked the same way. Only tests, whose servers run on 127.0.0.1, allow loopback addresses
(`REGISTRY_FETCH_ALLOW_LOOPBACK=on`); every other private address stays refused even then.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from typing import Final
from urllib.parse import urljoin, urlsplit

import httpx

from schemas.errors.catalogue import BadFeedUrlError, FeedUnreadableError

MAX_DOCUMENT_BYTES: Final = 5_000_000
TIMEOUT: Final = httpx.Timeout(10.0, connect=5.0)
MAX_REDIRECTS: Final = 3
SCHEMES: Final = frozenset({"http", "https"})
REFUSED: Final = "refused: not a public address"

# What an import is given to read the documents a directory lists.
Fetcher = Callable[[str], Awaitable[bytes]]


def check_url(url: str) -> str:
    """An http(s) URL with a host and no user name or password, or `bad-feed-url`."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise BadFeedUrlError(f"{url!r} is not an http or https address")
    if parts.username is not None or parts.password is not None:
        raise BadFeedUrlError("an address with a user name or password is not accepted")
    return url


def is_public(address: str, *, allow_loopback: bool = False) -> bool:
    """A global unicast address (or, when allowed, a loopback one); an IPv4-mapped IPv6
    address is judged as its IPv4 form."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if allow_loopback and ip.is_loopback:
        return True
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


async def resolve(url: str, *, allow_loopback: bool = False) -> str:
    """The address to connect to for `url`'s host: public, or `bad-feed-url` (refused).
    Every address the name resolves to must be public, so no answer picks a private one."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), TIMEOUT.connect
        )
    except (OSError, UnicodeError, TimeoutError):
        raise FeedUnreadableError(f"{url}: the host name is not known") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses or not all(is_public(a, allow_loopback=allow_loopback) for a in addresses):
        raise BadFeedUrlError(f"{url}: {REFUSED}")
    return addresses[0]


def _pinned(url: str, address: str) -> httpx.Request:
    """A GET of `url` sent to `address`, with the URL's own host name in `Host` and TLS."""
    target = httpx.URL(url)
    host = target.host
    return httpx.Request(
        "GET",
        target.copy_with(host=address),
        headers={"Host": target.netloc.decode("ascii")},
        extensions={"sni_hostname": host} if target.scheme == "https" else {},
    )


async def fetch(
    url: str, *, max_bytes: int = MAX_DOCUMENT_BYTES, allow_loopback: bool = False
) -> bytes:
    """The body at `url`, or `feed-unreadable` saying why (status, size, time, redirect);
    `bad-feed-url` for an address that is refused."""
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            request = _pinned(url, await resolve(url, allow_loopback=allow_loopback))
            try:
                response = await client.send(request, stream=True)
                try:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    if response.status_code != 200:
                        raise FeedUnreadableError(
                            f"{url}: the server answered {response.status_code}"
                        )
                    return await _body(response, url, max_bytes)
                finally:
                    await response.aclose()
            except httpx.HTTPError as exc:
                raise FeedUnreadableError(f"{url}: {type(exc).__name__} {exc}".strip()) from None
    raise FeedUnreadableError(f"{url}: more than {MAX_REDIRECTS} redirects")


def fetch_with(*, allow_loopback: bool) -> Fetcher:
    """`fetch` with the deployment's word on loopback addresses (only tests allow them)."""

    async def fetch_url(url: str) -> bytes:
        return await fetch(url, allow_loopback=allow_loopback)

    return fetch_url


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
