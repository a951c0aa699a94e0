"""The JWT side of a credential: registered claims that must mirror it, the VC 1.1 `vc`-claim
form read as VC 2.0, and the validity window that both the credential's dates and its `nbf`
and `exp` claims bound (a token may carry `exp` without `validUntil`, and it still counts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from schemas.credentials import AchievementCredentialDoc, ClrCredentialDoc, VerifiableCredentialDoc
from schemas.verification import Verdict

# VC 1.1 names of the VC 2.0 validity properties, for credentials issued in the older form.
LEGACY_DATES = {"issuanceDate": "validFrom", "expirationDate": "validUntil"}
CLAIMS = ("iss", "sub", "jti", "nbf", "exp")
AnyCredential = AchievementCredentialDoc | VerifiableCredentialDoc | ClrCredentialDoc
TIME_CLAIMS = frozenset({"nbf", "exp"})


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """`issuer` as a string or as a Profile's `id`."""
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def numeric_date(value: object) -> float | None:
    """A JWT NumericDate (RFC 7519): a JSON number of seconds, never a boolean."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _epoch(value: dt.datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _datetime(stamp: float | None) -> dt.datetime | None:
    if stamp is None:
        return None
    try:
        return dt.datetime.fromtimestamp(stamp, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None  # out of any calendar: the credential then lacks the date


def legacy_credential(payload: Mapping[str, Any], vc: Mapping[str, Any]) -> dict[str, Any]:
    """A VC 1.1 JWT's `vc` claim with VC 2.0 names. VC 1.1 (section 6.3.1) lets `iss`, `nbf`,
    `exp`, `jti` and `sub` stand for issuer, issuanceDate, expirationDate, id and
    credentialSubject.id, which `vc` may then omit."""
    legacy: dict[str, Any] = {LEGACY_DATES.get(k) or k: v for k, v in vc.items()}
    if issuer_id(legacy) is None and isinstance(payload.get("iss"), str):
        legacy["issuer"] = payload["iss"]
    for claim, name in (("nbf", "validFrom"), ("exp", "validUntil")):
        when = _datetime(numeric_date(payload.get(claim)))
        if name not in legacy and when is not None:
            legacy[name] = when.isoformat()
    if "id" not in legacy and isinstance(payload.get("jti"), str):
        legacy["id"] = payload["jti"]
    subject = legacy.get("credentialSubject")
    if isinstance(subject, dict) and "id" not in subject and isinstance(payload.get("sub"), str):
        legacy["credentialSubject"] = {"id": payload["sub"], **subject}
    return legacy


def subject_id(doc: AnyCredential) -> str | None:
    """The id of the credential's one subject (None for several, or none)."""
    subject = doc.credential_subject
    if isinstance(subject, list):
        subject = subject[0] if len(subject) == 1 else {}
    if isinstance(subject, dict):
        ident = subject.get("id")
        return ident if isinstance(ident, str) else None
    return subject.id


def claims_problem(
    claims: Mapping[str, Any], doc: AnyCredential, issuer: str
) -> tuple[str, str] | None:
    """(code, message) of the first registered claim that is malformed or disagrees with the
    credential (VC-JOSE-COSE section 3.1.2), or None."""
    expected = {
        "iss": issuer,
        "sub": subject_id(doc),
        "jti": doc.id,
        "nbf": _epoch(doc.valid_from),
        "exp": _epoch(doc.valid_until),
    }
    for claim, value in claims.items():
        if claim in TIME_CLAIMS and numeric_date(value) is None:
            return f"bad-{claim}", f"{claim} is not a NumericDate"
        if claim in expected and expected[claim] is not None and value != expected[claim]:
            return f"{claim}-mismatch", f"{claim} disagrees"
    return None


def outside_window(
    doc: AnyCredential,
    claims: Mapping[str, Any],
    now: dt.datetime,
    leeway: dt.timedelta,
) -> tuple[Verdict, str] | None:
    """Not yet valid or expired, by the credential's own dates and by `nbf` and `exp`.

    The leeway allows for an issuer's clock running ahead of ours, so a credential made a
    moment ago is not "not yet valid". It does not stretch the end: an end date is the
    issuer's own word, and the CV, the share form and every check page call a credential
    expired from that moment on, all by this one rule."""
    stamp, slack = now.timestamp(), leeway.total_seconds()
    nbf, exp = numeric_date(claims.get("nbf")), numeric_date(claims.get("exp"))
    if doc.valid_from is not None and now + leeway < doc.valid_from:
        return "not-yet-valid", "validFrom is in the future"
    if nbf is not None and stamp + slack < nbf:
        return "not-yet-valid", "nbf is in the future"
    if doc.valid_until is not None and now >= doc.valid_until:
        return "expired", "validUntil has passed"
    if exp is not None and stamp >= exp:
        return "expired", "exp has passed"
    return None
