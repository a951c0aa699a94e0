"""Sign-in, sessions, CSRF and the language switch, over HTTP."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Account, WebSession
from tests.web.helpers import HTML, PASSWORD, Browser, person

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]


async def test_password_is_stored_as_argon2id(sessionmaker: Maker) -> None:
    account = await person(sessionmaker, "worker", "w@example.nl")
    assert account.password_hash is not None
    assert account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash


async def test_sign_in_sets_a_safe_session_cookie(client: Client, sessionmaker: Maker) -> None:
    await person(sessionmaker, "worker", "w@example.nl")
    answer = await Browser(client).sign_in("w@example.nl")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/mijn-cv"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("llo_session="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # served over http in tests; https sets it (next test)
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(WebSession)) == 1


# An app of its own, with an engine of its own.
@pytest.mark.committed
async def test_session_cookie_is_secure_over_https(settings: Any, engine: Any) -> None:
    from registry.app import create_app

    https = type(settings)(
        database_url=settings.database_url,
        base_url="https://registry.example",
        secret_key=settings.secret_key,
    )
    async with AsyncTestClient(create_app(https), base_url="https://registry.example") as client:
        maker = __import__("registry.db", fromlist=["make_sessionmaker"]).make_sessionmaker(engine)
        await person(maker, "worker", "w@example.nl")
        answer = await Browser(client).sign_in("w@example.nl")
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("llo_session="))
    assert "Secure" in cookie


async def test_wrong_password_and_unknown_email_get_the_same_answer(
    client: Client, sessionmaker: Maker
) -> None:
    await person(sessionmaker, "worker", "w@example.nl")
    browser = Browser(client)
    wrong = await browser.sign_in("w@example.nl", "wrong-password")
    unknown = await browser.sign_in("nobody@example.nl", "wrong-password")
    assert wrong.status_code == unknown.status_code == 400
    assert "E-mailadres of wachtwoord klopt niet" in wrong.text
    assert "E-mailadres of wachtwoord klopt niet" in unknown.text
    assert "llo_session" not in wrong.headers.get("set-cookie", "")


async def test_form_without_csrf_token_is_refused(client: Client, sessionmaker: Maker) -> None:
    await person(sessionmaker, "worker", "w@example.nl")
    answer = await client.post(
        "/inloggen", data={"email": "w@example.nl", "password": PASSWORD}, headers=HTML
    )
    assert answer.status_code == 403
    assert "Het formulier is verlopen" in answer.text
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(WebSession)) == 0


async def test_csrf_failure_is_problem_json_for_machines(client: Client) -> None:
    answer = await client.post("/inloggen", data={"email": "x"})
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("application/problem+json")


async def test_sign_out_ends_the_session_on_the_server(client: Client, sessionmaker: Maker) -> None:
    await person(sessionmaker, "worker", "w@example.nl")
    browser = Browser(client)
    await browser.sign_in("w@example.nl")
    assert (await browser.post("/uitloggen")).status_code == 303
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(WebSession)) == 0


async def test_next_only_goes_to_this_site(client: Client, sessionmaker: Maker) -> None:
    await person(sessionmaker, "worker", "w@example.nl")
    browser = Browser(client)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        answer = await browser.post(
            "/inloggen", {"email": "w@example.nl", "password": PASSWORD, "next": target}
        )
        assert answer.headers["location"] == "/mijn-cv", target
    answer = await browser.post(
        "/inloggen", {"email": "w@example.nl", "password": PASSWORD, "next": "/catalogus?q=a"}
    )
    assert answer.headers["location"] == "/catalogus?q=a"


async def test_register_makes_a_worker_and_refuses_other_roles(
    client: Client, sessionmaker: Maker
) -> None:
    browser = Browser(client)
    refused = await browser.post(
        "/account-maken",
        {"role": "provider", "name": "X", "email": "x@example.nl", "password": PASSWORD},
    )
    assert refused.status_code == 400
    made = await browser.post(
        "/account-maken",
        {"role": "worker", "name": "Sam", "email": "Sam@Example.nl", "password": PASSWORD},
    )
    assert made.status_code == 200
    assert "We hebben een mail gestuurd naar sam@example.nl" in made.text
    again = await browser.post(
        "/account-maken",
        {"role": "worker", "name": "Sam", "email": "sam@example.nl", "password": PASSWORD},
    )
    assert again.status_code == 200  # the same answer: nothing tells the address is taken
    assert "Er is al een account" not in again.text
    async with sessionmaker() as session:
        accounts = list(await session.scalars(select(Account)))
    assert [(a.role, a.email, a.is_verified) for a in accounts] == [
        ("worker", "sam@example.nl", False)
    ]


async def test_language_cookie_switches_texts(client: Client) -> None:
    answer = await client.get("/taal/en?next=/inloggen", headers=HTML, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/inloggen"
    english = await client.get("/inloggen", headers=HTML)
    assert '<html lang="en">' in english.text
    assert "Sign in" in english.text


async def test_pages_send_security_headers(client: Client) -> None:
    answer = await client.get("/inloggen", headers=HTML)
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["referrer-policy"] == "no-referrer"


async def test_unknown_page_is_a_dutch_404_page(client: Client) -> None:
    answer = await client.get("/bestaat-niet", headers=HTML)
    assert answer.status_code == 404
    assert "Deze pagina bestaat niet" in answer.text
    api = await client.get("/api/bestaat-niet")
    assert api.headers["content-type"].startswith("application/problem+json")


async def test_refused_registration_writes_nothing(client: Client, sessionmaker: Maker) -> None:
    browser = Browser(client)
    short = await browser.post(
        "/account-maken",
        {"role": "worker", "name": "Sam", "email": "sam@example.nl", "password": "kort"},
    )
    assert short.status_code == 400
    assert "minstens 10 tekens" in short.text
    assert short.headers["content-type"].startswith("text/html")
    async with sessionmaker() as session:
        assert await session.scalar(select(func.count()).select_from(Account)) == 0


# An app of its own, with an engine of its own.
@pytest.mark.committed
async def test_sign_in_attempts_are_limited_per_minute(settings: Any, engine: Any) -> None:
    from registry.app import create_app

    strict = msgspec.structs.replace(settings, sign_in_per_minute=3)
    async with AsyncTestClient(create_app(strict), base_url="http://testserver.local") as client:
        browser = Browser(client)
        answers = [await browser.sign_in("nobody@example.nl", "wrong-password") for _ in range(4)]
        assert [a.status_code for a in answers] == [400, 400, 400, 429]
        assert "Wacht 1 minuut" in answers[-1].text
        assert 0 < int(answers[-1].headers["retry-after"]) <= 60
        # Reading the sign-in page is not limited.
        assert (await browser.get("/inloggen")).status_code == 200
