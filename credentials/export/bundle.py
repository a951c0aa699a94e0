"""Verifying a wallet bundle (`GET /api/me/export`) offline, with nothing but the file.

The bundle carries the operator's DID document, the signed trust list, the issuers' DID
documents and their signed status lists. The trust list is checked with a trust anchor: the one
the caller gives (`registry verify --trust-anchor`), else the operator document inside the
bundle. The latter only shows that the bundle is consistent with itself (whoever made the file
could have made its anchor too), so the report says which anchor was used.

The status lists are as they stood at `statusCheckedAt`. A revocation made later is not in
them, so once they are older than the verifier's maximum age (`--max-status-age`, else
STATUS_MAX_AGE_DAYS; never the bundle's own unsigned `statusMaxAgeDays`) a credential they show
as active is not reported `valid` but `cannot-verify` (`status-stale`, with the age); one they
show as revoked or suspended stays so. A `statusCheckedAt` in the future (beyond CLOCK_SKEW) is
not believed either: the lists count as stale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from credentials.keydocs import KeyStore
from credentials.report import worst
from credentials.status_lists import status_source
from credentials.trust import TrustAnchor, load_trust_list
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.errors import DomainError
from schemas.errors.credentials import BadBundleError
from schemas.json_input import decode_json
from schemas.verification import Check, Report, Verdict
from schemas.wallet import STATUS_MAX_AGE_DAYS

BUNDLE_ANCHOR = "the operator document in the bundle"
DAY = dt.timedelta(days=1)
CLOCK_SKEW = dt.timedelta(minutes=1)


class BundleInput(msgspec.Struct, kw_only=True, rename="camel"):
    """The parts of a bundle that verification reads (the holder key is not needed)."""

    status_checked_at: dt.datetime
    operator_document: dict[str, Any]
    trust_list: str
    did_documents: list[dict[str, Any]]
    status_lists: list[str]
    credentials: list[dict[str, Any]]


class BundleItem(msgspec.Struct, kw_only=True, rename="camel"):
    """One credential of the bundle and its report."""

    id: str
    verdict: Verdict
    report: Report


class BundleReport(msgspec.Struct, kw_only=True, rename="camel"):
    """The verdict on every credential in a bundle (the worst of them as `verdict`)."""

    verdict: Verdict
    anchor: str
    anchor_in_bundle: bool
    status_checked_at: dt.datetime
    status_age_days: int
    status_max_age_days: int
    status_stale: bool
    credentials: list[BundleItem]


def read_bundle(data: bytes) -> BundleInput:
    """The bundle's verification parts, or `bad-bundle` saying what is wrong."""
    try:
        return decode_json(data, BundleInput)
    except msgspec.ValidationError as error:
        raise BadBundleError(f"not a wallet bundle: {error}") from None
    except DomainError as error:
        raise BadBundleError(f"not a wallet bundle: {error.message}") from None


def bundle_config(bundle: BundleInput, anchor: TrustAnchor) -> VerifierConfig:
    """A verifier that knows nothing but what the bundle holds, trusting its trust list once
    `anchor` has checked it."""
    trust_list = load_trust_list(bundle.trust_list, anchor)
    documents = KeyStore()
    for document in bundle.did_documents:
        documents.add(document)
    base = VerifierConfig(trust_list=trust_list, documents=documents)
    lists = status_source(bundle.status_lists, base)
    return msgspec.structs.replace(base, status_lists=lists.get)


def verify_bundle(
    data: bytes,
    anchor: TrustAnchor | None = None,
    *,
    now: dt.datetime | None = None,
    max_age_days: int | None = None,
) -> BundleReport:
    """Every credential in the bundle, checked offline. Without `anchor` the bundle's own
    operator document anchors the trust list. The status lists are relied on for
    `max_age_days` (default STATUS_MAX_AGE_DAYS): the verifier's choice, not the file's."""
    bundle = read_bundle(data)
    in_bundle = anchor is None
    if anchor is None:
        anchor = TrustAnchor.from_json(bundle.operator_document, BUNDLE_ANCHOR)
    verifier = Verifier(bundle_config(bundle, anchor))
    now = now or dt.datetime.now(dt.UTC)
    checked = bundle.status_checked_at
    checked = checked if checked.tzinfo else checked.replace(tzinfo=dt.UTC)
    max_age = STATUS_MAX_AGE_DAYS if max_age_days is None else max_age_days
    age = now - checked
    stale = age > max_age * DAY or age < -CLOCK_SKEW
    items = []
    for entry in bundle.credentials:
        token, ident = entry.get("credential"), entry.get("id")
        if not isinstance(token, str) or not isinstance(ident, str):
            raise BadBundleError("every credential in a bundle has an id and a credential")
        report = verifier.verify(token)
        if stale:
            _stale(report, age, checked, max_age)
        items.append(BundleItem(id=ident, verdict=report.verdict, report=report))
    return BundleReport(
        verdict=worst([item.verdict for item in items]) if items else "valid",
        anchor=anchor.source,
        anchor_in_bundle=in_bundle,
        status_checked_at=checked,
        status_age_days=age // DAY,
        status_max_age_days=max_age,
        status_stale=stale,
        credentials=items,
    )


def _stale(report: Report, age: dt.timedelta, checked: dt.datetime, max_age: int) -> None:
    """A credential the stale lists show as active: its status is no longer known."""
    message = (
        f"the status lists are {age // DAY} days old (checked {checked.date()}; "
        f"relied on for at most {max_age} days): a later revocation would not show"
    )
    if age < -CLOCK_SKEW:
        message = (
            f"the status lists claim to be checked in the future ({checked.isoformat()}): "
            "their age is unknown"
        )
    for index, check in enumerate(report.checks):
        if check.name == "status" and check.status == "passed":
            report.checks[index] = Check(
                name="status",
                status="failed",
                code="status-stale",
                message=message,
            )
            report.verdict = worst([report.verdict, "cannot-verify"])


def anchor_line(report: BundleReport) -> str:
    if report.anchor_in_bundle:
        return (
            f"trust anchor: {BUNDLE_ANCHOR} (this shows the bundle is consistent with itself; "
            "give --trust-anchor with the operator's DID document to pin the registry)"
        )
    return f"trust anchor: {report.anchor}"


def status_line(report: BundleReport) -> str:
    state = "STALE" if report.status_stale else "fresh"
    if report.status_age_days < 0:
        state = "STALE (checked in the future)"
    return (
        f"status lists: checked {report.status_checked_at.isoformat()}, "
        f"{report.status_age_days} days old, at most {report.status_max_age_days} days: {state}"
    )
