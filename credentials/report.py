"""Collecting checks into a report, and the one rule that turns failed checks into a verdict."""

from __future__ import annotations

from schemas.verification import Check, CredentialSummary, Report, Verdict

# When several checks fail, the first verdict in this order wins (DESIGN section 5, verdict
# order): first whether it can be read and its signature checked, then status and dates, and
# trust last, so a revoked credential from an unknown issuer reads `revoked`.
SEVERITY: tuple[Verdict, ...] = (
    "invalid",
    "cannot-verify",
    "revoked",
    "suspended",
    "expired",
    "not-yet-valid",
    "untrusted-issuer",
)
_RANK = {verdict: rank for rank, verdict in enumerate(SEVERITY)}


def worst(verdicts: list[Verdict]) -> Verdict:
    """The most severe of these verdicts, or `valid` when there are none."""
    failed = [v for v in verdicts if v != "valid"]
    return min(failed, key=_RANK.__getitem__) if failed else "valid"


class Checks:
    """The checks of one pipeline run, in order, each failure with the verdict it implies."""

    __slots__ = ("_failed", "checks")

    def __init__(self) -> None:
        self.checks: list[Check] = []
        self._failed: list[Verdict] = []

    def passed(self, name: str, code: str = "ok", message: str = "") -> None:
        self.checks.append(Check(name=name, status="passed", code=code, message=message))

    def failed(self, name: str, verdict: Verdict, code: str, message: str) -> None:
        self.checks.append(Check(name=name, status="failed", code=code, message=message))
        self._failed.append(verdict)

    def skipped(self, name: str, code: str, message: str = "") -> None:
        self.checks.append(Check(name=name, status="skipped", code=code, message=message))

    def skip_rest(self, names: tuple[str, ...], reason: str) -> None:
        """Mark the checks that could not run after an earlier failure."""
        done = {c.name for c in self.checks}
        for name in names:
            if name not in done:
                self.skipped(name, "not-run", reason)

    @property
    def verdict(self) -> Verdict:
        return worst(self._failed)

    def report(self, summary: CredentialSummary | None) -> Report:
        return Report(verdict=self.verdict, checks=self.checks, credential=summary)
