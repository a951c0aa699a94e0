"""A control character in an account form: the form again (422), with what was typed.

The rule stays (422 `invalid-input`, nothing written); the person keeps what they typed, with
the control character taken out of what is shown, and reads which field it was by its label.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.settings import Settings
from tests.mail_helpers import Inbox
from tests.web.account_helpers import CODE_FIELD, Mailroom, sign_up
from tests.web.helpers import (
    HTML,
    PASSWORD,
    Browser,
    assert_form_again,
    signed_in,
    table_counts,
)

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
JAN = "jan.bakker@example.nl"


@pytest.fixture
def mailroom(sessionmaker: Maker, mail_settings: Settings, inbox: Inbox) -> Mailroom:
    return Mailroom(sessionmaker, mail_settings, inbox)


async def test_sign_up_sign_in_and_forgotten_password_keep_what_was_typed(
    client: Client, sessionmaker: Maker
) -> None:
    browser = Browser(client)
    before = await table_counts(sessionmaker)
    typed = {"role": "employer", "email": "jan@example.nl", "password": PASSWORD}
    answer = await browser.post("/account-maken", {**typed, "name": "Jan\x01Bakker"})
    assert_form_again(
        answer,
        "name",
        "'Naam'",
        ['value="JanBakker"', 'value="jan@example.nl"', 'value="employer" checked'],
    )
    assert PASSWORD not in answer.text  # a password is never shown again
    answer = await browser.post("/inloggen", {"email": "jan\x07@example.nl", "password": PASSWORD})
    assert_form_again(answer, "email", "'E-mailadres'", ['value="jan@example.nl"'])
    assert 'id="email-error"' in answer.text  # at the field, not only above the form
    answer = await browser.post("/wachtwoord-vergeten", {"email": "jan\x0b@example.nl"})
    assert_form_again(answer, "email", "'E-mailadres'", ['value="jan@example.nl"'])
    assert await table_counts(sessionmaker) == before


async def test_mailed_link_pages_keep_what_was_typed(
    mail_client: Client, mailroom: Mailroom, sessionmaker: Maker
) -> None:
    """The reset page (name and role for an address never proven) and the confirm page's
    password: the page again, the link not used."""
    browser = Browser(mail_client)
    await sign_up(browser, JAN)
    await sign_up(browser, JAN)  # the owner of a taken address gets a reset link
    for path, fields, field, named, kept in (
        (
            "/wachtwoord-herstellen",
            {"password": PASSWORD, "role": "employer", "name": "Jan\x1fBakker"},
            "name",
            "'Naam'",
            ['value="JanBakker"', 'value="employer" checked'],
        ),
        ("/e-mailadres-bevestigen", {"password": "jan\x00"}, "password", "'Wachtwoord'", []),
    ):
        link = await mailroom.link(JAN, path)
        code = CODE_FIELD.search((await browser.get(link)).text)
        assert code is not None
        before = await table_counts(sessionmaker)
        answer = await browser.post(urlsplit(link).path, {"code": code.group(1), **fields})
        assert_form_again(answer, field, named, [f'value="{code.group(1)}"', *kept])
        assert await table_counts(sessionmaker) == before, path
    assert not (await mailroom.account(JAN)).is_verified


async def test_the_account_page_keeps_the_new_address_in_both_languages(
    client: Client, sessionmaker: Maker
) -> None:
    browser = await signed_in(client, sessionmaker, "worker", "sanne@example.nl")
    before = await table_counts(sessionmaker)
    form = {"email": "sanne\x85@nieuw.nl", "password": PASSWORD}
    answer = await browser.post("/account/e-mailadres", form)
    assert_form_again(answer, "email", "'E-mailadres'", ['value="sanne@nieuw.nl"'])
    await client.get("/taal/en?next=/account", headers=HTML)
    english = await browser.post("/account/e-mailadres", form)
    assert english.status_code == 422
    assert "&#39;E-mail address&#39; contains an invisible control character" in english.text
    assert 'value="sanne@nieuw.nl"' in english.text
    assert await table_counts(sessionmaker) == before
