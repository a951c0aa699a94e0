"""A CLR 2.0 ClrCredential's nested credentials: after the CLR's own checks, every credential
in `credentialSubject.verifiableCredential` goes through the same pipeline (JSON with proofs,
compact JWS, or enveloped), and must be about the CLR's learner.

The CLR's report carries one report per nested credential in `credentials` and a check
`credentials` that fails, with the worst of their verdicts, when any is not `valid`: a CLR is
never better than what it bundles. Nested credentials are opened one level deep only.
"""

from __future__ import annotations

from collections.abc import Callable

from credentials.report import Checks, worst
from schemas.credentials import ClrCredentialDoc
from schemas.verification import Check, Report, Verdict

__all__ = ["MAX_CREDENTIALS", "NestedVerifier", "about", "nested_reports"]

# At most this many credentials in one presentation or one CLR.
MAX_CREDENTIALS = 500
# Verifies one nested item (a JSON credential, a JWS or an enveloped credential) for a learner.
NestedVerifier = Callable[[object, str | None], Report]


def nested_reports(
    checks: Checks, doc: ClrCredentialDoc, verify_item: NestedVerifier | None
) -> list[Report] | None:
    """The `credentials` check of a CLR and the report of each nested credential (None when
    they were not opened)."""
    subject = doc.credential_subject
    items = subject.verifiable_credential
    items = items if isinstance(items, list) else [items]
    if verify_item is None:
        # A CLR inside a CLR (or a caller without a nested verifier): unchecked, never valid.
        checks.failed(
            "credentials",
            "cannot-verify",
            "nested-not-opened",
            "the nested credentials were not checked",
        )
        return None
    if len(items) > MAX_CREDENTIALS:
        checks.failed("credentials", "invalid", "too-many-credentials", f"over {MAX_CREDENTIALS}")
        return None
    reports = [verify_item(item, subject.id) for item in items]
    failed: list[Verdict] = [r.verdict for r in reports if r.verdict != "valid"]
    if failed:
        message = f"{len(failed)} of {len(reports)} nested credential(s) not valid"
        checks.failed("credentials", worst(failed), "nested-not-valid", message)
    else:
        checks.passed("credentials", "nested-valid", f"{len(reports)} credential(s)")
    return reports


def about(report: Report, who: str | None, *, check: str, other: str, message: str) -> Report:
    """The report of a credential that must be about `who` (a presentation's holder, a CLR's
    learner): a check `check` added, failed with `other` (`invalid`) when its subject is
    someone else. Nothing is added when either side names no one."""
    subject = report.credential.subject if report.credential else None
    if subject is None or who is None:
        return report
    if subject != who:
        report.checks.append(Check(name=check, status="failed", code=other, message=message))
        report.verdict = "invalid"
    else:
        report.checks.append(Check(name=check, status="passed", code=f"{check}s-credential"))
    return report
