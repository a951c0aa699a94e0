"""Error pages show the header of the person who sees them: signed in, their name, sign-out
and their area; signed out, the sign-in link and nothing of anyone. Also for errors Litestar
raises before any page handler ran (an unknown path, a wrong method)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.web import CSRF_COOKIE
from registry.web.auth.session import SESSION_COOKIE
from tests.registry.wallet_helpers import World
from tests.web.helpers import CSRF_FIELD, HTML, Browser, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
NAME = "Anna de Beoordelaar"
# Each way to an error page: before routing (404 unknown path; 405 a method the page does not
# take), before the handler (403 a form without its CSRF token) and inside a page handler
# (404 for a record that is not there).
ERRORS = {
    "unknown-path": ("GET", "/bestaat-niet", 404),
    "wrong-method": ("DELETE", "/catalogus", 405),
    "csrf-refused": ("POST", "/uitloggen", 403),
    "in-handler": ("GET", f"/beoordelaar/evc/{uuid.uuid4()}", 404),
}
# A signed-out visitor's handler error: a module page for a module that is not there.
SIGNED_OUT_ERRORS = {
    **ERRORS,
    "in-handler": ("GET", "/catalogus/modules/bestaat-niet", 404),
}
# What only a signed-in person's header has.
PERSONAL = ("Uitloggen", "Sign out", "Ingelogd als", "Signed in as", 'href="/account"')
AREA_LINKS = ('href="/beoordelaar"', 'href="/mijn-cv"', 'href="/aanbieder"', 'href="/beheer"')


async def _error_page(browser: Browser, method: str, path: str, status: int) -> str:
    answer = await browser.client.request(method, path, headers=HTML)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    text: str = answer.text
    return text


async def _assessor(client: Client, sessionmaker: Maker) -> Browser:
    # opleider-b (`world`, tests/conftest.py) is an EVC organisation: its record pages answer
    # 404 for a record that is not there.
    return await signed_in(
        client, sessionmaker, "assessor", "anna@example.org", name=NAME, provider="opleider-b"
    )


@pytest.mark.parametrize("error", list(ERRORS))
async def test_an_error_page_shows_the_signed_in_persons_header(
    world: World, client: Client, sessionmaker: Maker, error: str
) -> None:
    browser = await _assessor(client, sessionmaker)
    text = await _error_page(browser, *ERRORS[error])
    assert f"Ingelogd als {NAME}" in text
    assert ">Uitloggen</button>" in text
    assert 'href="/beoordelaar"' in text
    assert 'href="/account"' in text
    assert 'href="/inloggen"' not in text


@pytest.mark.parametrize("error", list(ERRORS))
async def test_an_error_page_in_english_shows_the_signed_in_persons_header(
    world: World, client: Client, sessionmaker: Maker, error: str
) -> None:
    browser = await _assessor(client, sessionmaker)
    await browser.get("/taal/en")
    text = await _error_page(browser, *ERRORS[error])
    assert "That did not work" in text
    assert f"Signed in as {NAME}" in text
    assert ">Sign out</button>" in text
    assert ">Record EVC</a>" in text
    assert ">Sign in</a>" not in text


@pytest.mark.parametrize("error", list(SIGNED_OUT_ERRORS))
@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_an_error_page_tells_a_signed_out_visitor_nothing_of_anyone(
    world: World, client: Client, sessionmaker: Maker, error: str, lang: str
) -> None:
    # Someone signed in on this site before: their session ended, the browser still sends it.
    browser = await _assessor(client, sessionmaker)
    assert (await _sign_out_from(browser, "/inloggen")).status_code == 303
    client.cookies.set(SESSION_COOKIE, "a-session-that-ended")
    await browser.get(f"/taal/{lang}")
    text = await _error_page(browser, *SIGNED_OUT_ERRORS[error])
    assert ">Inloggen</a>" in text if lang == "nl" else ">Sign in</a>" in text
    assert NAME not in text
    for personal in PERSONAL + AREA_LINKS:
        assert personal not in text, personal


async def _sign_out_from(browser: Browser, path: str) -> Any:
    """Press the header's sign-out button on the page at `path`."""
    page = await browser.client.get(path, headers=HTML)
    match = CSRF_FIELD.search(page.text)
    assert match is not None, "the header's sign-out form carries a CSRF token"
    return await browser.client.post(
        "/uitloggen", data={"_csrf_token": match.group(1)}, headers=HTML, follow_redirects=False
    )


@pytest.mark.parametrize("forget_csrf_cookie", [False, True])
async def test_the_sign_out_button_of_a_not_found_page_signs_out(
    world: World, client: Client, sessionmaker: Maker, forget_csrf_cookie: bool
) -> None:
    browser = await _assessor(client, sessionmaker)
    if forget_csrf_cookie:
        # A browser restarted: the session cookie lasts, the CSRF cookie (no max-age) not.
        client.cookies.delete(CSRF_COOKIE)
    answer = await _sign_out_from(browser, "/bestaat-niet")
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/?uitgelogd=1"
    home = await browser.get("/")
    assert NAME not in home.text
    assert re.search(r'href="/inloggen"', home.text)
