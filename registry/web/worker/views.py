"""What the worker pages show, built from the wallet services' answers.

The page handlers stay thin: they call these builders, which only reshape what `build_cv`,
`list_credentials` and `list_shares` return (no queries of their own), and format dates in the
visitor's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from credentials.competences import subject_name_in
from credentials.sdjwt_vc import issued_parts
from registry.settings import Settings
from registry.sharing import shares
from registry.wallet import wallet_content
from registry.wallet.cv import build_cv
from registry.wallet.holders import Holder
from registry.web.i18n import (
    STOPPED,
    Lang,
    Translate,
    day_in_words,
    status_change,
    translator,
)
from registry.web.pages import VERDICT_COLOUR, verdict_reason
from registry.web.worker.linkedin import linkedin_url
from schemas.common import NL_TIME, today_nl
from schemas.errors.sharing import ShareNotFoundError
from schemas.kinds import KINDS, OTHER_KIND
from schemas.wallet import CompetenceRef, CvCredential, ShareOut, WalletCredential

VERIFY_PATH = "/controleren/bewijs/"


# ---------------------------------------------------------------- dates


def format_date(lang: Lang, value: dt.date | dt.datetime | None) -> str:
    """`2 maart 2031`: a day as people write it (moments on the Dutch calendar)."""
    return day_in_words(lang, value)


def format_moment(lang: Lang, value: dt.datetime) -> str:
    """`2 maart 2031, 14:05` in Dutch time."""
    local = value.astimezone(NL_TIME)
    return f"{format_date(lang, local)}, {local:%H:%M}"


def date_helpers(lang: Lang) -> dict[str, Any]:
    """The date formatters every worker template gets."""
    return {"fmt_date": partial(format_date, lang), "fmt_moment": partial(format_moment, lang)}


# ---------------------------------------------------------------- credentials


@dataclass(frozen=True, slots=True)
class CredentialView:
    """One credential as the worker pages show it, with one verdict word for its state."""

    id: UUID
    credential_id: str
    achievement: str
    issuer: str
    kind: str
    issued_at: dt.datetime
    valid_until: dt.datetime | None
    verdict: str
    competences: list[CompetenceRef] = field(default_factory=list)
    # Why and since when the issuer revoked or suspended it, with the issuer's note.
    status_reason: str | None = None
    status_note: str | None = None
    status_changed_at: dt.datetime | None = None
    # False for an import that did not verify: kept apart, never counted or shared.
    verified: bool = True
    # Why an import did not verify (a `verdict_reason.*` message key), from its report.
    reason: str | None = None
    # What a share may leave out of its SD-JWT VC form ("name", "date", "notes": the
    # signed value), empty when it has none (registry.sharing.disclosure).
    parts: dict[str, Any] = field(default_factory=dict)
    # "issued" here (its issuer can sign a JSON copy) or "imported" (kept as it came).
    source: str = "issued"

    @property
    def shareable(self) -> bool:
        """What no longer counts (revoked, suspended) or never did (an import that did not
        verify) cannot be shared (`registry.sharing.shares`)."""
        return self.verified and self.verdict not in STOPPED


def verdict_of(item: WalletCredential, now: dt.datetime) -> str:
    """valid / revoked / suspended / expired for what was issued here or verified on import;
    the import's own verdict for what did not verify."""
    if not item.verified:
        return item.verdict if item.verdict in VERDICT_COLOUR else "cannot-verify"
    if item.status in {"revoked", "suspended"}:
        return item.status
    if item.valid_until is not None and item.valid_until <= now:
        return "expired"
    return "valid"


def view_of(item: WalletCredential, now: dt.datetime) -> CredentialView:
    return CredentialView(
        id=item.id,
        credential_id=item.credential_id,
        achievement=item.achievement,
        issuer=item.issuer,
        kind=item.kind if item.kind in KINDS else OTHER_KIND,
        issued_at=item.issued_at,
        valid_until=item.valid_until,
        verdict=verdict_of(item, now),
        competences=item.competences,
        status_reason=item.status_reason,
        status_note=item.status_note,
        status_changed_at=item.status_changed_at,
        verified=item.verified,
        reason=_import_reason(item),
        parts=issued_parts(item.sd_jwt) if item.sd_jwt else {},
        source=item.source,
    )


def _import_reason(item: WalletCredential) -> str | None:
    """Why an import did not verify, in the check pages' words (its stored report)."""
    if item.verified or item.verification is None:
        return None
    return verdict_reason(item.verification.verdict, item.verification.checks)


def _current_view(item: CvCredential) -> CredentialView:
    # build_cv lists only current credentials here: verified, active and not expired.
    return CredentialView(
        id=item.id,
        credential_id=item.credential_id,
        achievement=item.achievement,
        issuer=item.issuer,
        kind=item.kind if item.kind in KINDS else OTHER_KIND,
        issued_at=item.issued_at,
        valid_until=item.valid_until,
        verdict="valid",
        source=item.source,
    )


@dataclass(frozen=True, slots=True)
class CompetenceView:
    uri: str
    label: str
    framework: str
    achievements: list[str]


async def cv_context(
    session: AsyncSession, base_url: str, holder: Holder, now: dt.datetime
) -> dict[str, Any]:
    """The CV page: competences, progress, credentials, and apart from those what is
    self-declared or did not verify."""
    cv = await build_cv(session, base_url, holder, today_nl())
    verified = [_current_view(c) for c in cv.credentials]
    verified += [view_of(c, now) for c in cv.inactive]
    verified.sort(key=lambda c: c.issued_at, reverse=True)
    names = {c.id: c.achievement for c in cv.credentials}
    competences = [
        CompetenceView(
            uri=group.uri,
            label=group.label or group.uri,
            framework=group.framework,
            achievements=[names[i] for i in group.credentials if i in names],
        )
        for group in cv.by_competence
    ]
    return {
        "name": cv.name,
        "qualifications": cv.qualifications,
        "competences": competences,
        "credentials": verified,
        "unverified": [view_of(c, now) for c in cv.unverified],
        "experience": cv.experience.items,
        "linkedin": {c.id: _linkedin(c, base_url) for c in verified},
    }


async def wallet_views(
    session: AsyncSession, holder: Holder, now: dt.datetime
) -> tuple[str, list[CredentialView]]:
    """The holder's name and every credential in the wallet, newest first."""
    wallet = await wallet_content.list_credentials(session, holder)
    return wallet.name, [view_of(item, now) for item in wallet.items]


# ---------------------------------------------------------------- shares


@dataclass(frozen=True, slots=True)
class ShareView:
    """A share with the names of what it holds and whom it is for."""

    share: ShareOut
    achievements: list[str]

    @property
    def recipient(self) -> str:
        """The recipient account's name, else the address the worker gave."""
        return self.share.recipient_name or self.share.recipient


async def shares_context(
    session: AsyncSession, settings: Settings, holder: Holder
) -> list[ShareView]:
    """Every share of the wallet, newest first, with credential names instead of ids."""
    wallet = await wallet_content.list_credentials(session, holder)
    names = {item.credential_id: item.achievement for item in wallet.items}
    return [
        ShareView(share=s, achievements=[names.get(cid, "") for cid in s.credential_ids])
        for s in await shares.list_shares(session, settings, holder)
    ]


async def share_context(
    session: AsyncSession, settings: Settings, holder: Holder, share_id: UUID
) -> ShareView:
    """One share of the wallet (404 for any other), for the page with its link and QR code."""
    for view in await shares_context(session, settings, holder):
        if view.share.id == share_id:
            return view
    raise ShareNotFoundError("no such share")


# ---------------------------------------------------------------- certificate


@dataclass(frozen=True, slots=True)
class CertificateView:
    """Everything a printed or PDF certificate shows."""

    holder_name: str | None  # the name in the credential (None: it names nobody)
    credential: CredentialView
    verify_url: str


def status_line(lang: Lang, credential: CredentialView, today: dt.date) -> str:
    """The status as a dated sentence for a certificate on paper: "Geldig op 5 december
    2026", "Verlopen op ...", or why and since when it was revoked or suspended."""
    t: Translate = translator(lang)
    if credential.verdict == "valid":
        return t("worker.cert.valid_on", date=day_in_words(lang, today))
    if credential.verdict == "expired" and credential.valid_until is not None:
        return t("worker.cert.expired_on", date=day_in_words(lang, credential.valid_until))
    change = status_change(
        lang, credential.verdict, credential.status_changed_at, credential.status_reason
    )
    return change or t(f"verdict.{credential.verdict}")


def _linkedin(view: CredentialView, base_url: str) -> str:
    return linkedin_url(
        name=view.achievement,
        organisation=view.issuer,
        issued=view.issued_at,
        expires=view.valid_until,
        cert_id=view.credential_id or str(view.id),
        cert_url=verify_url(base_url, view.id),
    )


def verify_url(base_url: str, credential_id: UUID) -> str:
    """The public page that checks this credential (what the QR code on paper opens)."""
    return f"{base_url}{VERIFY_PATH}{credential_id}"


async def certificate_view(
    session: AsyncSession, base_url: str, holder: Holder, ident: str, now: dt.datetime
) -> CertificateView | None:
    """The credential with this row id in the holder's own wallet, or None (also for another
    worker's credential, so a page cannot tell whether it exists)."""
    try:
        wanted = UUID(ident)
    except ValueError:
        return None
    wallet = await wallet_content.list_credentials(session, holder)
    for item in wallet.items:
        if item.id == wanted:
            return CertificateView(
                holder_name=subject_name_in(item.credential),
                credential=view_of(item, now),
                verify_url=verify_url(base_url, item.id),
            )
    return None
