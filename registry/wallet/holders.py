"""Whose wallet a request touches: the worker's own, or a worker's through a coach's consent.

Every `/api/me/*` endpoint goes through `holder_context`: workers reach their own wallet, a
coach reaches a worker's wallet only with `X-On-Behalf-Of` and a live consent, and nobody else
(operator, employer, provider, assessor) reaches any wallet. The audit records the coach as
actor and the worker as `on_behalf_of`.

A coach helps with what is in the wallet (reading it, experience, importing a credential).
What gives the wallet's content or access to it away, shares, consents and the export with
the private holder key, stays with the worker: `Holder.require_worker`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import and_, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry import audit
from registry.models import Account, AuditEvent, Consent, Share, Wallet
from registry.wallet import wallets
from schemas.common import Actor
from schemas.errors.accounts import EmailNotVerifiedError
from schemas.errors.wallet import (
    ConsentNotFoundError,
    NoConsentError,
    NotACoachError,
    NotYourWalletError,
    OnBehalfOfRequiredError,
    WalletForbiddenError,
    WorkerNotFoundError,
    WorkerOnlyError,
)
from schemas.wallet import AuditEntry, ConsentOut

AUDIT_PAGE = 200
# What a coach sees of the audit trail: the wallet's content, which a coach may work on.
# Shares (with their recipients and views), consents and exports are the worker's alone;
# a list of what may be seen keeps any new kind of event hidden until someone decides.
COACH_AUDIT_ACTIONS = ("credential.imported", "experience.added", "experience.removed")


@dataclass(frozen=True, slots=True)
class Holder:
    """Who acts (`actor`), on whose wallet (`worker_id`, `wallet`)."""

    actor: Actor
    worker_id: UUID
    wallet: Wallet

    @property
    def on_behalf_of(self) -> UUID | None:
        """The worker, when someone else (a coach) acts for them."""
        return None if self.actor.account_id == self.worker_id else self.worker_id

    @property
    def is_worker(self) -> bool:
        return self.actor.account_id == self.worker_id

    def require_worker(self, what: str) -> None:
        """403 `worker-only` for anyone but the worker (a coach with consent included)."""
        if not self.is_worker:
            raise WorkerOnlyError(f"only the worker can {what}, not a coach acting for them")

    async def record(
        self, session: AsyncSession, action: str, subject: str, **details: Any
    ) -> None:
        """An audit event with the acting account and, for a coach, the worker."""
        await audit.record(
            session, self.actor, action, subject, on_behalf_of=self.on_behalf_of, **details
        )


async def holder_context(
    session: AsyncSession, actor: Actor, on_behalf_of: UUID | None, secret: str
) -> Holder:
    """The wallet this caller may use, or 403."""
    if actor.role == "worker":
        if on_behalf_of is not None and on_behalf_of != actor.account_id:
            raise NotYourWalletError("a worker acts only for themselves")
        worker_id = actor.account_id
    elif actor.role == "coach":
        if on_behalf_of is None:
            raise OnBehalfOfRequiredError(
                "a coach names the worker with the X-On-Behalf-Of header",
            )
        if not await has_consent(session, worker_id=on_behalf_of, coach_id=actor.account_id):
            raise NoConsentError("this worker has not given you consent")
        worker_id = on_behalf_of
    else:
        raise WalletForbiddenError(f"an account with the role {actor.role} cannot read wallets")
    return Holder(
        actor=actor, worker_id=worker_id, wallet=await _wallet(session, worker_id, secret)
    )


async def _wallet(session: AsyncSession, worker_id: UUID, secret: str) -> Wallet:
    """The worker's wallet; none at all while the worker's address is not proven, so nothing
    issued to the address (nor anything in a wallet claimed before proof was asked) shows."""
    account = await session.get(Account, worker_id)
    if account is None or account.role != "worker":
        raise WorkerNotFoundError("no such worker")
    if not account.is_verified:
        raise EmailNotVerifiedError("confirm your e-mail address first (see the mail we sent)")
    wallet = await session.scalar(select(Wallet).where(Wallet.account_id == worker_id))
    if wallet is not None:
        return wallet
    return await wallets.wallet_of_account(session, account, secret=secret)


async def has_consent(session: AsyncSession, *, worker_id: UUID, coach_id: UUID) -> bool:
    """Whether a live (not withdrawn) consent exists."""
    found = await session.scalar(
        select(Consent.id).where(
            Consent.worker_account_id == worker_id,
            Consent.coach_account_id == coach_id,
            Consent.withdrawn_at.is_(None),
        )
    )
    return found is not None


async def grant_consent(session: AsyncSession, holder: Holder, coach_id: UUID) -> ConsentOut:
    """The worker lets a coach act for them (one live consent per coach)."""
    holder.require_worker("give consent")
    coach = await session.get(Account, coach_id)
    if coach is None or coach.role != "coach":
        raise NotACoachError("coachId is not a coach account")
    consent = await session.scalar(
        select(Consent).where(
            Consent.worker_account_id == holder.worker_id,
            Consent.coach_account_id == coach_id,
            Consent.withdrawn_at.is_(None),
        )
    )
    if consent is None:
        consent = Consent(worker_account_id=holder.worker_id, coach_account_id=coach_id)
        session.add(consent)
        await session.flush()
        await holder.record(
            session, "consent.granted", f"consent:{consent.id}", coach=str(coach_id)
        )
    return _consent_out(consent, coach.name)


async def withdraw_consent(session: AsyncSession, holder: Holder, consent_id: UUID) -> ConsentOut:
    """The worker ends a consent; the coach loses access at once."""
    holder.require_worker("withdraw consent")
    consent = await session.get(Consent, consent_id)
    if consent is None or consent.worker_account_id != holder.worker_id:
        raise ConsentNotFoundError("no such consent")
    if consent.withdrawn_at is None:
        consent.withdrawn_at = dt.datetime.now(dt.UTC)
        await holder.record(session, "consent.withdrawn", f"consent:{consent.id}")
        await session.flush()
    coach = await session.get(Account, consent.coach_account_id)
    return _consent_out(consent, coach.name if coach else "")


async def list_consents(session: AsyncSession, holder: Holder) -> list[ConsentOut]:
    """Every consent the worker gave, newest first."""
    holder.require_worker("see consents")
    rows = await session.execute(
        select(Consent, Account.name)
        .join(Account, Account.id == Consent.coach_account_id)
        .where(Consent.worker_account_id == holder.worker_id)
        .order_by(Consent.created_at.desc())
    )
    return [_consent_out(consent, name) for consent, name in rows]


def _consent_out(consent: Consent, coach_name: str) -> ConsentOut:
    return ConsentOut(
        id=consent.id,
        worker_id=consent.worker_account_id,
        coach_id=consent.coach_account_id,
        coach_name=coach_name,
        created_at=consent.created_at,
        withdrawn_at=consent.withdrawn_at,
    )


async def audit_trail(session: AsyncSession, holder: Holder) -> list[AuditEntry]:
    """What was done in or with the worker's wallet: by them, for them, or to their shares.
    A coach sees only the events about the wallet's content (`COACH_AUDIT_ACTIONS`)."""
    shares = select(Share.id).where(Share.wallet_id == holder.wallet.id)
    subjects = [f"share:{share_id}" for share_id in await session.scalars(shares)]
    condition = or_(
        AuditEvent.actor_account_id == holder.worker_id,
        AuditEvent.on_behalf_of == holder.worker_id,
        AuditEvent.subject.in_(subjects) if subjects else false(),
        AuditEvent.subject == f"wallet:{holder.wallet.id}",
    )
    if not holder.is_worker:
        condition = and_(condition, AuditEvent.action.in_(COACH_AUDIT_ACTIONS))
    rows = await session.scalars(
        select(AuditEvent).where(condition).order_by(AuditEvent.id.desc()).limit(AUDIT_PAGE)
    )
    return [
        AuditEntry(
            at=row.at,
            action=row.action,
            subject=row.subject,
            actor_id=row.actor_account_id,
            on_behalf_of=row.on_behalf_of,
            details=row.details,
        )
        for row in rows
    ]


async def proven_email(session: AsyncSession, account_id: UUID) -> str | None:
    """The worker's e-mail address, once proven by a mailed link (else None)."""
    account = await session.get(Account, account_id)
    if account is None or account.email is None or account.email_verified_at is None:
        return None
    return account.email
