"""The status check of a credential: the validate algorithm of W3C Bitstring Status List v1.0
over each of its status entries, plus our own convention (a revocation list's sibling
suspension list, `credentials.status.suspension_list_url`).

Per entry, by its `statusPurpose`: `revocation` and `suspension` stop the credential when the
entry's value is not 0; `message` reports the `statusMessage` of its value and stops nothing;
`refresh` says nothing about validity and is not read; any other purpose we cannot judge. A
list is relied on only when it is at hand, signed by the credential's issuer, declares the
entry's purpose (else the spec's STATUS_VERIFICATION_ERROR), is inside its own validity window
and holds at least 131,072 entries of `statusSize` bits (STATUS_LIST_LENGTH_ERROR) including
the entry's (RANGE_ERROR). Every other case means the status is unknown: `cannot-verify` with
a code saying why, never "active" and never "revoked".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

import msgspec

from credentials.status import MIN_SIZE, StatusList, suspension_list_url
from schemas.credentials import CredentialStatus
from schemas.verification import Verdict

StatusSource = Callable[[str], StatusList | None]
ENTRY_TYPE = "BitstringStatusListEntry"
# The purposes whose non-zero value stops a credential, and the verdict each gives.
STOPPING: dict[str, Verdict] = {"revocation": "revoked", "suspension": "suspended"}
MESSAGE, REFRESH = "message", "refresh"
# statusMessage must list every value of statusSize bits, so a credential small enough to
# verify never needs more than this; the cap keeps 1 << size cheap.
MAX_STATUS_SIZE = 16
# Without statusMessage, a one-bit entry's values are called "unset" and "set" (the spec).
DEFAULT_MESSAGES = {0: "unset", 1: "set"}
_HEX = re.compile(r"0x[0-9a-fA-F]+")


class StatusOutcome(msgspec.Struct, frozen=True):
    """The status check's result: `verdict` None when it passed."""

    verdict: Verdict | None
    code: str
    message: str


class _UnknownStatusError(Exception):
    """The status of an entry cannot be known: the check's code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


class StatusReader:
    """Reads the status entries of one credential of `issuer` from the lists at hand.
    `ours`: the issuer is one of the operator's own, so every revocation list of it has a
    sibling suspension list that must be read too (another issuer's counts when at hand)."""

    def __init__(
        self,
        lists: StatusSource,
        issuer: str | None,
        *,
        ours: bool,
        now: dt.datetime,
        leeway: dt.timedelta,
    ) -> None:
        self.lists, self.issuer, self.ours = lists, issuer, ours
        self.now, self.leeway = now, leeway

    def check(self, entries: Sequence[CredentialStatus]) -> StatusOutcome:
        """All entries. A revocation is final, so it wins over an entry we cannot read; a
        suspension does not (an unread entry could hide a revocation)."""
        stops: list[StatusOutcome] = []
        unknown: list[StatusOutcome] = []
        messages: list[str] = []
        for entry in entries:
            try:
                verdict, text = self.entry(entry)
            except _UnknownStatusError as why:
                unknown.append(StatusOutcome("cannot-verify", why.code, why.message))
                continue
            if verdict is not None:
                stops.append(StatusOutcome(verdict, verdict, f"the issuer has {verdict} it"))
            elif text:
                messages.append(text)
        revoked = [stop for stop in stops if stop.verdict == "revoked"]
        for found in (revoked, unknown, stops):
            if found:
                return found[0]
        return StatusOutcome(None, "active", "; ".join(messages))

    def entry(self, entry: CredentialStatus) -> tuple[Verdict | None, str]:
        """One entry: the verdict it gives (None: it stops nothing) and a status message."""
        url, index, purpose = (
            entry.status_list_credential,
            entry.status_list_index,
            entry.status_purpose,
        )
        if entry.type != ENTRY_TYPE or url is None or index is None:
            raise _UnknownStatusError("unknown-status-type", str(entry.type))
        if purpose == REFRESH:
            return None, ""  # a newer credential may be had; this one stays as valid as it is
        if purpose != MESSAGE and purpose not in STOPPING:
            raise _UnknownStatusError(
                "unknown-status-purpose", f"a status purpose we do not know: {purpose}"
            )
        if not (index.isascii() and index.isdigit()):
            raise _UnknownStatusError(
                "malformed-status-entry", "statusListIndex is not a base-10 number"
            )
        size, labels = entry_size(entry)
        lists = [(url, purpose)]
        sibling = suspension_list_url(url)
        if purpose == "revocation" and (self.ours or self.lists(sibling) is not None):
            lists.append((sibling, "suspension"))
        for list_url, list_purpose in lists:
            value = self.value(list_url, list_purpose, int(index), size)
            if purpose == MESSAGE:
                return None, f"status message {value:#x}: {labels[value]}"
            if value:
                return STOPPING[list_purpose], ""
        return None, ""

    def value(self, url: str, purpose: str, index: int, size: int) -> int:
        """The value of entry `index` (of `size` bits) on the list at `url`, if that list may
        be relied on for an entry of `purpose` of this issuer."""
        found = self.lists(url)
        if found is None:
            raise _UnknownStatusError("status-unavailable", f"no status list {url}")
        if found.issuer is not None and found.issuer != self.issuer:
            problem = f"the status list {url} is not signed by the credential's issuer"
            raise _UnknownStatusError("status-unavailable", problem)
        if purpose not in found.purposes:
            stated = ", ".join(sorted(found.purposes)) or "no purpose"
            problem = f"the status list {url} is for {stated}, not {purpose}"
            raise _UnknownStatusError("status-purpose-mismatch", problem)
        if found.valid_from is not None and self.now + self.leeway < found.valid_from:
            raise _UnknownStatusError(
                "status-list-not-yet-valid", f"the status list {url} is not valid yet"
            )
        if found.valid_until is not None and self.now >= found.valid_until:
            raise _UnknownStatusError("status-list-expired", f"the status list {url} has expired")
        if found.size // size < MIN_SIZE:
            problem = f"the status list {url} holds fewer than {MIN_SIZE} entries of {size} bits"
            raise _UnknownStatusError("status-list-too-short", problem)
        if (index + 1) * size > found.size:
            problem = f"status index {index} is outside the status list {url}"
            raise _UnknownStatusError("status-index-out-of-range", problem)
        return found.value(index, size)


def entry_size(entry: CredentialStatus) -> tuple[int, dict[int, str]]:
    """The entry's `statusSize` (1 when absent) and its messages by value, checked as the
    spec asks: a size of at least 1, and `statusMessage` (needed above 1 bit) naming each
    possible value once as "0x..."."""
    size = 1 if entry.status_size is None else entry.status_size
    if not 1 <= size <= MAX_STATUS_SIZE:
        problem = f"statusSize {size} is not from 1 to {MAX_STATUS_SIZE}"
        raise _UnknownStatusError("malformed-status-entry", problem)
    messages = entry.status_message
    if messages is None:
        if size > 1:
            raise _UnknownStatusError(
                "malformed-status-entry", "statusSize above 1 needs statusMessage"
            )
        return size, DEFAULT_MESSAGES
    labels: dict[int, str] = {}
    for item in messages:
        value = int(item.status, 16) if _HEX.fullmatch(item.status) else None
        if value is None or value >= 1 << size or value in labels:
            problem = f"statusMessage status {item.status!r} is not one value of {size} bits"
            raise _UnknownStatusError("malformed-status-entry", problem)
        labels[value] = item.message
    if len(labels) != 1 << size:
        problem = f"statusMessage must name all {1 << size} values of {size} bits"
        raise _UnknownStatusError("malformed-status-entry", problem)
    return size, labels
