"""The matching rules of issue 15, in one place and without a database: what a CV's credentials
say about a job profile's mandatory certificates and requirements, and the verdict.

- Only credentials whose verification is `valid` count. Self-declared experience is shown
  (`self-declared-only`) and never counts.
- A mandatory certificate is `present` when a valid person certificate (kind `certificate`:
  issued by an exam institute accredited for the scheme, or imported as a `Certification`
  whose verification, accreditation included, is valid) has as achievement id the
  certificate's URI or an exactMatch of it, and (with `maxAgeMonths`) was issued within that
  many months. A module certificate or EVC record aligned to the scheme never counts: only
  the exam gives the certificate. Otherwise `expired` when such a certificate is past its
  validUntil or too old, `revoked` when one was revoked or suspended (stopped by its issuer;
  `reason` says which), else `missing`.
- A requirement is `covered` by a valid credential showing the competence itself, else
  `covered-via-equivalent` by one showing an exactMatch or closeMatch of it (`via` names it).
- The verdict: `blocked` by any mandatory certificate not present or any `at-start` competence
  not covered, whatever else matches (no score can outweigh it); otherwise
  `fits-after-training` while a `can-learn` competence is not covered; otherwise `fits`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from schemas.kinds import CERTIFICATE
from schemas.matching import (
    CertificateStatus,
    MandatoryResult,
    RequirementResult,
    StopReason,
    Verdict,
)

STOPPED = frozenset({"revoked", "suspended"})
PERSON_CERTIFICATE = CERTIFICATE.kind


@dataclass(frozen=True, slots=True)
class Evidence:
    """One credential of the CV as matching reads it. `kind` its kind (`schemas.kinds`, or
    `other`); `verdict` is its verification's; `competences` what it shows the holder has
    (`credentials.competences`: achieved results only)."""

    id: str
    kind: str
    verdict: str
    achievement_id: str | None
    competences: frozenset[str]
    issued_at: dt.datetime | None
    valid_until: dt.datetime | None


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day `months` calendar months earlier (the month's last day when shorter)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    for day in range(moment.day, 0, -1):
        try:
            return moment.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise AssertionError("a month has a first day")


def certificate_result(
    certificate: Mapping[str, Any],
    stands_for: Iterable[str],
    evidence: Sequence[Evidence],
    now: dt.datetime,
) -> MandatoryResult:
    """The status of one mandatory certificate. `stands_for`: its URI and its exactMatches."""
    uris = {certificate["competence"], *stands_for}
    found = [e for e in evidence if e.kind == PERSON_CERTIFICATE and e.achievement_id in uris]
    max_age = certificate.get("maxAgeMonths")
    cutoff = months_before(now, max_age) if max_age else None

    def too_old(e: Evidence) -> bool:
        return cutoff is not None and (e.issued_at is None or e.issued_at < cutoff)

    present = [e.id for e in found if e.verdict == "valid" and not too_old(e)]
    expired = [
        e.id for e in found if e.verdict == "expired" or (e.verdict == "valid" and too_old(e))
    ]
    revoked = [e.id for e in found if e.verdict in STOPPED]
    status: CertificateStatus = "missing"
    ids: list[str] = []
    for status_, ids_ in (("present", present), ("expired", expired), ("revoked", revoked)):
        if ids_:
            status, ids = status_, ids_  # type: ignore[assignment]
            break
    # A suspension can be lifted, a revocation cannot: the pages say which one stops it.
    reason: StopReason | None = None
    if status == "revoked":
        reason = "revoked" if any(e.verdict == "revoked" for e in found) else "suspended"
    return MandatoryResult(
        name=certificate["name"],
        competence=certificate["competence"],
        status=status,
        credential_ids=ids,
        reason=reason,
    )


def requirement_result(
    requirement: Mapping[str, str],
    label: str,
    equivalents: Sequence[str],
    evidence: Sequence[Evidence],
    declared: set[str],
) -> RequirementResult:
    """How one required competence is met. `equivalents`: the URIs that stand for it (exact
    and close matches); `declared`: competences only self-declared experience names."""
    uri = requirement["competence"]
    valid = [e for e in evidence if e.verdict == "valid"]
    when: Any = requirement["when"]
    direct = [e.id for e in valid if uri in e.competences]
    if direct:
        return RequirementResult(
            competence=uri, label=label, when=when, status="covered", credential_ids=direct
        )
    for other in equivalents:
        via = [e.id for e in valid if other in e.competences]
        if via:
            return RequirementResult(
                competence=uri,
                label=label,
                when=when,
                status="covered-via-equivalent",
                credential_ids=via,
                via=other,
            )
    status: Any = "self-declared-only" if declared & {uri, *equivalents} else "missing"
    return RequirementResult(
        competence=uri, label=label, when=when, status=status, credential_ids=[]
    )


def verdict(
    mandatory: Sequence[MandatoryResult], requirements: Sequence[RequirementResult]
) -> Verdict:
    """Blocked by a certificate not present or an at-start gap; else after training while a
    can-learn gap remains; else fits."""
    met = {"covered", "covered-via-equivalent"}
    if any(m.status != "present" for m in mandatory):
        return "blocked"
    if any(r.when == "at-start" and r.status not in met for r in requirements):
        return "blocked"
    if any(r.status not in met for r in requirements):
        return "fits-after-training"
    return "fits"
