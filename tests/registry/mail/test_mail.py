"""Mail: the message (plain + HTML, Dutch then English), `.eml` files without SMTP, and
delivery over a real SMTP server on 127.0.0.1 from the job runner, with retries."""

from __future__ import annotations

import email
import email.policy
import string

import msgspec
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.jobs.runner import run_due
from registry.mail.compose import Line, Mail, compose
from registry.mail.outbox import send_mail
from registry.mail.smtp import SmtpTarget, parse_smtp_url
from registry.mail.texts import MAIL_TEXTS
from registry.models import Job, MailOutbox
from registry.settings import Settings
from schemas.errors import InvalidInputError
from tests.mail_helpers import Inbox, html, links, plain

Maker = async_sessionmaker[AsyncSession]
LINK = "http://testserver.local/e-mailadres-bevestigen?code=abc"


def _mail(to: str = "jan@example.nl", *, optional: bool = False) -> Mail:
    return Mail(
        topic="verify",
        to=to,
        subject=Line("verify.subject"),
        lines=(Line("verify.body"), Line("link_once.other", {"hours": "72"})),
        name="Jan Bakker",
        link=("verify.action", LINK),
        optional=optional,
    )


def test_a_mail_has_a_plain_and_an_html_part_dutch_first_then_english(
    settings: Settings,
) -> None:
    message = compose(settings, _mail())
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Subject"] == "Bevestig je e-mailadres / Confirm your e-mail address"
    assert b"\r\n" in message.as_bytes()  # CRLF, as SMTP and RFC 5322 want
    text = plain(parsed)  # type: ignore[arg-type]
    dutch, english = text.index("Hallo Jan Bakker"), text.index("Hello Jan Bakker")
    assert dutch < text.index("----- English -----") < english
    assert text.count(LINK) == 2
    assert "Deze link werkt 72 uur" in text
    assert "This link works for 72 hours" in text
    page = html(parsed)  # type: ignore[arg-type]
    assert '<div lang="nl">' in page
    assert '<div lang="en">' in page
    assert page.count(f'href="{LINK.replace("&", "&amp;")}"') == 2
    assert "List-Unsubscribe" not in parsed  # an account mail always comes


def test_an_optional_notice_says_how_to_stop_it(settings: Settings) -> None:
    parsed = email.message_from_bytes(
        compose(settings, _mail(optional=True)).as_bytes(), policy=email.policy.default
    )
    stop = links(parsed, "/meldingen-uit")  # type: ignore[arg-type]
    assert len(stop) == 1
    assert stop[0].startswith(f"{settings.base_url}/meldingen-uit?adres=jan%40example.nl&code=")
    assert parsed["List-Unsubscribe"] == f"<{stop[0]}>"


def test_every_mail_text_has_dutch_and_english_with_the_same_fields() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    wrong = [
        key
        for key, (dutch, english) in MAIL_TEXTS.items()
        if not dutch.strip() or not english.strip() or fields(dutch) != fields(english)
    ]
    assert wrong == []


async def test_without_smtp_a_mail_is_an_eml_file_once_its_transaction_commits(
    sessionmaker: Maker, settings: Settings
) -> None:
    outbox = settings.outbox_dir
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    async with sessionmaker() as session, session.begin():
        await send_mail(session, settings, _mail("rolled-back@example.nl"))
        assert not outbox.exists() or set(outbox.glob("*.eml")) == before
        await session.rollback()
    assert not outbox.exists() or set(outbox.glob("*.eml")) == before
    async with sessionmaker() as session, session.begin():
        await send_mail(session, settings, _mail())
    new = set(outbox.glob("*.eml")) - before
    assert len(new) == 1
    written = email.message_from_bytes(new.pop().read_bytes(), policy=email.policy.default)
    assert written["To"] == "jan@example.nl"
    assert links(written, "/e-mailadres-bevestigen") == [LINK]  # type: ignore[arg-type]
    async with sessionmaker() as session:
        row = await session.scalar(select(MailOutbox))
        jobs = list(await session.scalars(select(Job)))
    assert row is not None
    assert row.sent_at is not None
    assert jobs == []  # nothing left to send


async def test_over_smtp_a_mail_is_sent_by_the_runner_and_retried_when_refused(
    sessionmaker: Maker, mail_settings: Settings, inbox: Inbox
) -> None:
    async with sessionmaker() as session, session.begin():
        await send_mail(session, mail_settings, _mail())
    assert inbox.mails == []  # never sent inside the request's transaction
    inbox.refuse = True
    assert await run_due(sessionmaker, mail_settings) == 1
    async with sessionmaker() as session:
        job = await session.scalar(select(Job))
        row = await session.scalar(select(MailOutbox))
    assert job is not None
    assert row is not None
    assert job.done_at is None
    assert "451" in (job.last_error or "")
    assert row.sent_at is None
    inbox.refuse = False
    assert await run_due(sessionmaker, mail_settings) == 0  # not due until the delay passed
    async with sessionmaker() as session, session.begin():
        job = await session.scalar(select(Job))
        assert job is not None
        job.run_at = job.created_at
    assert await run_due(sessionmaker, mail_settings) == 1
    [received] = inbox.mails
    assert received["To"] == "jan@example.nl"
    assert links(received, "/e-mailadres-bevestigen") == [LINK]
    assert inbox.envelopes[0] == ("no-reply@localhost", ["jan@example.nl"])
    async with sessionmaker() as session:
        row = await session.scalar(select(MailOutbox))
    assert row is not None
    assert row.sent_at is not None


def test_smtp_urls() -> None:
    assert parse_smtp_url("smtp://127.0.0.1:2525") == SmtpTarget("127.0.0.1", 2525)
    assert parse_smtp_url("smtp://mailer:p%40ss@mail.example:587?starttls=1") == SmtpTarget(
        "mail.example", 587, "mailer", "p@ss", starttls=True
    )
    assert parse_smtp_url("smtps://mail.example").port == 465
    with pytest.raises(InvalidInputError):
        parse_smtp_url("http://mail.example")


def test_settings_from_the_environment() -> None:
    from registry.settings import settings_from_env

    env = {
        "REGISTRY_DATABASE_URL": "sqlite:////tmp/never-used.sqlite3",
        "REGISTRY_SECRET_KEY": "s",
        "REGISTRY_BASE_URL": "https://registry.example.nl",
        "REGISTRY_SMTP_URL": "smtp://127.0.0.1:2525",
        "REGISTRY_RUN_JOBS": "0",
    }
    settings = settings_from_env(env)
    assert settings.smtp_url == "smtp://127.0.0.1:2525"
    assert settings.mail_from == "LLO registry <no-reply@registry.example.nl>"
    assert settings.run_jobs is False
    defaults = settings_from_env(
        {k: v for k, v in env.items() if "SMTP" not in k and "JOBS" not in k}
    )
    assert (defaults.smtp_url, defaults.run_jobs) == (None, True)
    assert msgspec.structs.replace(defaults, var_dir="x").outbox_dir.as_posix() == "x/outbox"
