"""The verification report (DESIGN section 5, a contract)."""

from __future__ import annotations

from typing import Literal

import msgspec

Verdict = Literal[
    "valid",
    "invalid",
    "revoked",
    "suspended",
    "expired",
    "not-yet-valid",
    "untrusted-issuer",
    "cannot-verify",
]
CheckStatus = Literal["passed", "failed", "skipped"]


class Check(msgspec.Struct, kw_only=True):
    """One named check of the pipeline."""

    name: str
    status: CheckStatus
    code: str
    message: str = ""


class CredentialSummary(msgspec.Struct, kw_only=True, rename="camel", omit_defaults=True):
    """What a person needs to read from a verified credential.

    `issuerName` is the name the credential gives its issuer: a claim. `trustedIssuerName` is
    the name under which the configured trust list lists the issuer whose key signed it, and
    is absent when the key did not come from the trust list: only then is the issuer known.
    `subjectName` is the holder's name from the credential (an OB 3.0 identifier of type
    name), for comparing with an identity document. `statusReason` (a code of
    `schemas.issuers.StatusReason`) and `statusChangedAt` say why and since when a revoked or
    suspended credential stopped counting: only for credentials this registry issued, when
    the verified issuer is the one that issued them (the status list carries only bits).
    `withheld` lists what the holder left out of a selectively disclosed credential."""

    id: str | None = None
    issuer: str | None = None
    issuer_name: str | None = None
    trusted_issuer_name: str | None = None
    subject: str | None = None
    subject_name: str | None = None
    achievement: str | None = None
    achievement_id: str | None = None
    achievement_type: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    status_reason: str | None = None
    status_changed_at: str | None = None
    # An SD-JWT VC of ours: the provider's notes when disclosed, and which parts the issuer
    # made that the holder left out ("name", "date", "notes"; credentials.sdjwt_vc).
    notes: str | None = None
    withheld: list[str] | None = None


class Report(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A verdict with the checks that led to it; a presentation adds one report per credential."""

    verdict: Verdict
    checks: list[Check]
    credential: CredentialSummary | None = None
    credentials: list[Report] | None = None
    holder: str | None = None
