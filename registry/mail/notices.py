"""Notices by mail: a credential issued to a worker, its suspension, reinstatement or
revocation, and a share addressed to an employer.

Requests only queue a job (one per request, however many credentials a batch issues); the
job runner works out who gets which mail and queues the mails in bulk. Notices are optional:
an address in `mail_opt_out` gets none (account mails such as links still come).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.db import IN_CHUNK
from registry.jobs import JobContext, enqueue, enqueue_many, job_kind
from registry.mail.compose import Line, Mail, counted, greeting_name
from registry.mail.limits import may_mail
from registry.mail.outbox import send_mails
from registry.mail.texts import MAIL_TEXTS
from registry.models import Account, Credential, MailOptOut, Share, Wallet
from registry.settings import Settings

STATUS_TOPICS = {"suspended", "active", "revoked"}
WALLETS_PER_JOB = 200


async def queue_issued(session: AsyncSession, credential_row_ids: Sequence[UUID]) -> None:
    """One job for everything issued in this transaction (a cohort fans out in the runner)."""
    if credential_row_ids:
        await enqueue(
            session, "notices.issued", {"credentials": [str(i) for i in credential_row_ids]}
        )


async def queue_status_notice(
    session: AsyncSession,
    credential: Credential,
    status: str,
    *,
    reason: str | None = None,
    note: str | None = None,
) -> None:
    """Tell the holder that a credential was suspended, reinstated (`active`) or revoked,
    with the issuer's reason code and note when given."""
    await enqueue(
        session,
        "notices.status",
        {"credential": str(credential.id), "status": status, "reason": reason, "note": note},
    )


async def queue_share_notice(session: AsyncSession, share: Share) -> None:
    """Tell the recipient of a new share that something was shared with them."""
    await enqueue(session, "notices.share", {"share": str(share.id)})


async def _opted_out(session: AsyncSession, emails: Iterable[str]) -> set[str]:
    wanted = sorted(set(emails))
    found: set[str] = set()
    for start in range(0, len(wanted), IN_CHUNK):
        rows = await session.scalars(
            select(MailOptOut.email).where(MailOptOut.email.in_(wanted[start : start + IN_CHUNK]))
        )
        found.update(rows)
    return found


async def _accounts_by_email(session: AsyncSession, emails: Iterable[str]) -> dict[str, Account]:
    wanted = sorted(set(emails))
    found: dict[str, Account] = {}
    for start in range(0, len(wanted), IN_CHUNK):
        rows = await session.scalars(
            select(Account).where(Account.email.in_(wanted[start : start + IN_CHUNK]))
        )
        found.update({a.email: a for a in rows if a.email is not None})
    return found


def notice_address(wallet: Wallet, owner: Account | None) -> str | None:
    """Where a wallet's notices go: its owner's address once proven, else the address the
    issuer used (never an unproven account's own address)."""
    if owner is not None and owner.is_verified and owner.email:
        return owner.email
    return wallet.email


def _sign_up_url(settings: Settings, email: str, role: str) -> str:
    return f"{settings.base_url}/account-maken?{urlencode({'email': email, 'rol': role})}"


def _issued_mail(
    settings: Settings,
    email: str,
    account: Account | None,
    name: str,
    issuers: list[str],
    achievements: list[str],
) -> Mail:
    fields = {"issuer": ", ".join(dict.fromkeys(issuers)), "achievements": ", ".join(achievements)}
    if account is not None:
        follow = Line("issued.see")
        link = ("issued.action_see", f"{settings.base_url}/mijn-cv")
    else:
        follow = Line("issued.claim", {"email": email})
        link = ("issued.action_claim", _sign_up_url(settings, email, "worker"))
    return Mail(
        topic="issued",
        to=email,
        subject=Line("issued.subject"),
        lines=(Line("issued.body", fields), follow),
        name=name or None,
        link=link,
        optional=True,
    )


async def _issued_by_wallet(
    session: AsyncSession, ids: list[UUID]
) -> dict[UUID, list[tuple[UUID, str, str]]]:
    """(credential row id, issuer name, achievement name) of these credentials by wallet."""
    by_wallet: dict[UUID, list[tuple[UUID, str, str]]] = defaultdict(list)
    for start in range(0, len(ids), IN_CHUNK):
        rows = await session.execute(
            select(
                Credential.wallet_id,
                Credential.id,
                Credential.issuer_name,
                Credential.achievement_name,
            ).where(Credential.id.in_(ids[start : start + IN_CHUNK]))
        )
        for wallet_id, row_id, issuer, achievement in rows:
            by_wallet[wallet_id].append((row_id, issuer, achievement))
    # In the order they were issued (rows come back in whatever order the database likes).
    position = {row_id: index for index, row_id in enumerate(ids)}
    for found in by_wallet.values():
        found.sort(key=lambda item: position[item[0]])
    return by_wallet


@job_kind("notices.issued")
async def notify_issued(context: JobContext, payload: dict[str, Any]) -> None:
    """One mail per wallet that received credentials in one issuing request. A cohort is
    first split into jobs of WALLETS_PER_JOB wallets, so no job runs for long and several
    runners share the work."""
    session = context.session
    by_wallet = await _issued_by_wallet(session, [UUID(i) for i in payload["credentials"]])
    if len(by_wallet) > WALLETS_PER_JOB:
        groups = list(by_wallet.values())
        parts = [
            {"credentials": [str(row_id) for group in chunk for row_id, _, _ in group]}
            for chunk in (
                groups[i : i + WALLETS_PER_JOB] for i in range(0, len(groups), WALLETS_PER_JOB)
            )
        ]
        await enqueue_many(session, "notices.issued", parts)
        return
    wallets = {
        w.id: w for w in await session.scalars(select(Wallet).where(Wallet.id.in_(by_wallet)))
    }
    owner_ids = {w.account_id for w in wallets.values() if w.account_id}
    owners = {
        a.id: a for a in await session.scalars(select(Account).where(Account.id.in_(owner_ids)))
    }
    targets: list[tuple[str, Wallet]] = []
    for wallet in wallets.values():
        email = notice_address(wallet, owners.get(wallet.account_id) if wallet.account_id else None)
        if email:
            targets.append((email, wallet))
    accounts = await _accounts_by_email(session, [email for email, _ in targets])
    stopped = await _opted_out(session, [email for email, _ in targets])
    mails = [
        _issued_mail(
            context.settings,
            email,
            accounts.get(email),
            wallet.name,
            [issuer for _, issuer, _ in by_wallet[wallet.id]],
            [achievement for _, _, achievement in by_wallet[wallet.id]],
        )
        for email, wallet in targets
        if email not in stopped
    ]
    await send_mails(session, context.settings, mails)


@job_kind("notices.status")
async def notify_status(context: JobContext, payload: dict[str, Any]) -> None:
    session = context.session
    status = payload["status"]
    credential = await session.get(Credential, UUID(payload["credential"]))
    if credential is None or status not in STATUS_TOPICS:
        return
    wallet = await session.get(Wallet, credential.wallet_id)
    assert wallet is not None  # a foreign key
    owner = await session.get(Account, wallet.account_id) if wallet.account_id else None
    email = notice_address(wallet, owner)
    if email is None or await _opted_out(session, [email]):
        return
    fields = {"issuer": credential.issuer_name, "achievement": credential.achievement_name}
    lines = [Line(f"status.{status}.body", fields)]
    if payload.get("reason"):
        reason = str(payload["reason"])
        known = f"status_reason.{reason}" in MAIL_TEXTS
        words = Line(f"status_reason.{reason}" if known else "status_reason.unspecified")
        lines.append(Line("status.reason", {"reason": words}))
    if payload.get("note"):
        lines.append(Line("status.note", {"note": str(payload["note"])}))
    lines.append(Line("status.ask", {"issuer": credential.issuer_name}))
    mail = Mail(
        topic=f"status-{status}",
        to=email,
        subject=Line(f"status.{status}.subject"),
        lines=tuple(lines),
        name=wallet.name or None,
        link=("issued.action_see", f"{context.settings.base_url}/mijn-cv"),
        optional=True,
    )
    await send_mails(session, context.settings, [mail])


@job_kind("notices.share")
async def notify_share(context: JobContext, payload: dict[str, Any]) -> None:
    session, settings = context.session, context.settings
    share = await session.get(Share, UUID(payload["share"]))
    if share is None or share.withdrawn_at is not None:
        return
    recipient = (
        await session.get(Account, share.recipient_account_id)
        if share.recipient_account_id
        else None
    )
    email = recipient.email if recipient is not None else share.recipient
    if not email or "@" not in email or await _opted_out(session, [email]):
        return
    if not await may_mail(session, email, "share", dt.datetime.now(dt.UTC)):
        return  # the share stands; only its notice is skipped (and logged)
    account = recipient or (await _accounts_by_email(session, [email])).get(email)
    wallet = await session.get(Wallet, share.wallet_id)
    names = await session.scalars(
        select(Credential.achievement_name).where(
            Credential.credential_id.in_(share.credential_ids)
        )
    )
    holder = wallet.name if wallet is not None else ""
    fields = {"holder": holder, "achievements": ", ".join(names)}
    # The worker left their name out of every credential: the notice names nobody either.
    unnamed = "" if share.names_sharer else "_unnamed"
    if account is not None:
        follow, link = Line("share.see"), ("share.action_see", f"{settings.base_url}/werkgever")
    else:
        follow = Line("share.claim", {"email": email})
        link = ("share.action_claim", _sign_up_url(settings, email, "employer"))
    mail = Mail(
        topic="share",
        to=email,
        subject=Line(f"share.subject{unnamed}", {"holder": holder}),
        lines=(counted(f"share.body{unnamed}", len(share.credential_ids), fields), follow),
        name=greeting_name(account, email),
        link=link,
        optional=True,
    )
    await send_mails(session, settings, [mail])


async def notices_wanted(session: AsyncSession, email: str) -> bool:
    found = await session.scalar(select(MailOptOut.id).where(MailOptOut.email == email.lower()))
    return found is None


async def set_notices(session: AsyncSession, email: str, *, wanted: bool) -> None:
    """Stop or restart optional notices to an address (account mails always come)."""
    email = email.lower()
    current = await session.scalar(select(MailOptOut).where(MailOptOut.email == email))
    if wanted and current is not None:
        await session.delete(current)
    elif not wanted and current is None:
        session.add(MailOptOut(email=email))
    await session.flush()
