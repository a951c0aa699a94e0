"""The outbox: every mail is stored in `mail_outbox` in the caller's transaction, then
delivered in one of two ways.

- SMTP (`REGISTRY_SMTP_URL` set): a `mail.send` job sends it from the job runner, never in a
  request, and retries with a growing delay when the server is away.
- No SMTP (the `make serve` default): the message is written as an `.eml` file into
  `<REGISTRY_VAR_DIR>/outbox/` as soon as its transaction commits (in a request: before the
  response is sent) and its link is logged, so someone trying the demo can follow it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from registry.jobs import JobContext, enqueue_many, job_kind
from registry.mail.compose import Mail, compose
from registry.mail.smtp import PartlySentError, parse_smtp_url, send_all
from registry.models import MailOutbox
from registry.settings import Settings

log = logging.getLogger("registry.mail")
MAILS_PER_JOB = 50
INLINE_BUILD = 5
_PENDING_FILES = "registry.mail.pending_files"


async def send_mails(session: AsyncSession, settings: Settings, mails: Sequence[Mail]) -> None:
    """Queue mails in the caller's transaction (one INSERT for all of them)."""
    if not mails:
        return
    now = dt.datetime.now(dt.UTC)
    by_file = settings.smtp_url is None
    # Building a message costs about a millisecond: a runner's batch is built in a thread so
    # that the server process it runs in keeps answering requests meanwhile.
    built = (
        _build(settings, mails)
        if len(mails) <= INLINE_BUILD
        else await asyncio.to_thread(_build, settings, mails)
    )
    rows = [
        {
            "recipient": mail.to,
            "topic": mail.topic,
            "subject": subject[:300],
            "message": data,
            "created_at": now,
            "sent_at": now if by_file else None,
        }
        for mail, subject, data in built
    ]
    ids = list(await session.scalars(insert(MailOutbox).returning(MailOutbox.id), rows))
    if by_file:
        pending = session.sync_session.info.setdefault(_PENDING_FILES, [])
        for mail_id, (mail, _, data) in zip(ids, built, strict=True):
            pending.append((settings.outbox_dir, mail_id, mail, data))
        return
    chunks = [ids[i : i + MAILS_PER_JOB] for i in range(0, len(ids), MAILS_PER_JOB)]
    await enqueue_many(session, "mail.send", [{"ids": chunk} for chunk in chunks])


def _build(settings: Settings, mails: Sequence[Mail]) -> list[tuple[Mail, str, bytes]]:
    built = []
    for mail in mails:
        message = compose(settings, mail)
        built.append((mail, str(message["Subject"]), message.as_bytes()))
    return built


async def send_mail(session: AsyncSession, settings: Settings, mail: Mail) -> None:
    await send_mails(session, settings, [mail])


def eml_path(outbox: Path, mail_id: int, mail: Mail) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    return outbox / f"{stamp}-{mail_id:06d}-{mail.topic}.eml"


def _write_files(session: Session) -> None:
    """After a commit: write the mails of that transaction as `.eml` files, log each link."""
    for outbox, mail_id, mail, data in session.info.pop(_PENDING_FILES, []):
        outbox.mkdir(parents=True, exist_ok=True)
        path = eml_path(outbox, mail_id, mail)
        path.write_bytes(data)
        link = f"; link: {mail.link[1]}" if mail.link else ""
        log.info("mail to %s written to %s%s", mail.to, path, link)


def _forget_files(session: Session) -> None:
    session.info.pop(_PENDING_FILES, None)


event.listen(Session, "after_commit", _write_files)
event.listen(Session, "after_rollback", _forget_files)


@job_kind("mail.send")
async def deliver(context: JobContext, payload: dict[str, Any]) -> None:
    """Send the job's unsent mails over one SMTP connection."""
    session, settings = context.session, context.settings
    rows = (
        await session.execute(
            select(MailOutbox.id, MailOutbox.recipient, MailOutbox.message).where(
                MailOutbox.id.in_(payload["ids"]), MailOutbox.sent_at.is_(None)
            )
        )
    ).all()
    if not rows:
        return
    if settings.smtp_url is None:
        raise RuntimeError("mail.send needs REGISTRY_SMTP_URL (the mails were queued for SMTP)")
    target = parse_smtp_url(settings.smtp_url)
    mails = [(row[0], row[1], row[2]) for row in rows]
    try:
        await asyncio.to_thread(send_all, target, settings.mail_from, mails)
    except PartlySentError as error:
        # Keep what the server took, even though the job fails and is retried for the rest.
        async with context.sessionmaker() as own, own.begin():
            await _mark_sent(own, error.sent)
        raise
    await _mark_sent(session, [row[0] for row in rows])


async def _mark_sent(session: AsyncSession, ids: list[int]) -> None:
    if ids:
        await session.execute(
            update(MailOutbox)
            .where(MailOutbox.id.in_(ids))
            .values(sent_at=dt.datetime.now(dt.UTC))
            .execution_options(synchronize_session=False)
        )
