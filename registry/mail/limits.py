"""How many mails one address may get: every per-address limit in one place.

Counted from `mail_outbox` (every mail the registry made, kept), by recipient and topic, so a
limit holds whatever made the mail: a form, the API, or the job runner. Per-client limits on
the forms themselves are in `registry.web` (`mail_form_limit`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import MailOutbox

log = logging.getLogger("registry.mail")
WINDOW = dt.timedelta(hours=1)
# Account mails with a link (confirm, "you already have an account", reset, new address) to
# one address per hour, whichever form or account asked for them: a form cannot flood a mailbox.
MAILS_PER_HOUR = 3
# Share notices to one address per hour: sharing is not a way to flood someone's mailbox
# either (the share itself is still made and listed for the recipient).
SHARE_NOTICES_PER_HOUR = 3
Kind = Literal["account", "share"]
LIMITS: dict[Kind, tuple[tuple[str, ...], int]] = {
    "account": (("verify", "exists", "reset", "change"), MAILS_PER_HOUR),
    "share": (("share",), SHARE_NOTICES_PER_HOUR),
}


async def may_mail(
    session: AsyncSession,
    email: str,
    kind: Kind,
    now: dt.datetime,
    *,
    quiet_for: dt.timedelta | None = None,
) -> bool:
    """Whether another mail of this kind may go to this address now: fewer than its limit in
    the last hour, and none at all within `quiet_for`. A refusal is logged."""
    topics, limit = LIMITS[kind]
    recent = select(func.count(), func.max(MailOutbox.created_at)).where(
        MailOutbox.recipient == email.lower(),
        MailOutbox.topic.in_(topics),
        MailOutbox.created_at > now - WINDOW,
    )
    count, latest = (await session.execute(recent)).one()
    if count >= limit:
        log.info("%s mail to %s skipped: %d sent in the last hour", kind, email, count)
        return False
    return not (quiet_for is not None and latest is not None and latest > now - quiet_for)
