"""The status check as W3C Bitstring Status List v1.0's validate algorithm says: the list's
purpose must be the entry's, `statusSize` bits per entry, `message` and `refresh` purposes
that never revoke, unknown purposes, and the list credential's own validity window.

Every list here is a real BitstringStatusListCredential signed with the issuer's key and read
back as a verifier reads it (`credentials.status_lists.status_source`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec
import pytest

from credentials.jws import sign_compact
from credentials.status import MIN_SIZE, StatusList, status_list_credential
from credentials.status_lists import read_status_list_credential, status_source
from schemas.credentials import CredentialStatus, StatusMessage
from schemas.errors.credentials import StatusListCredentialError
from schemas.verification import Report
from tests.credentials.test_verify import (
    ISSUER_DID,
    LIST,
    LONG_AGO,
    REVOCATION,
    SUSPENSION,
    World,
    check,
    entry,
    parts,
)

MESSAGES = LIST + "messages"
REFRESH = LIST + "refresh"
REVIEW = [
    StatusMessage(status="0x0", message="pending_review"),
    StatusMessage(status="0x1", message="accepted"),
    StatusMessage(status="0x2", message="rejected"),
    StatusMessage(status="0x3", message="undefined"),
]


@pytest.fixture
def world() -> World:
    return World()


def list_document(
    url: str, purpose: str | list[str], bits: StatusList | None = None, **dates: dt.datetime
) -> dict[str, Any]:
    document = status_list_credential(
        id=url,
        issuer=ISSUER_DID,
        purpose="revocation",
        encoded_list=(bits or StatusList.new()).encode(),
        valid_from=dates.get("valid_from", LONG_AGO),
        valid_until=dates.get("valid_until"),
    )
    document["credentialSubject"]["statusPurpose"] = purpose
    return document


def sign(world: World, document: dict[str, Any]) -> str:
    """The list as its issuer serves it: a BitstringStatusListCredential signed by its key."""
    return sign_compact(
        json.dumps(document).encode(), world.issuer_key, kid=world.kid, typ="vc+jwt"
    )


def signed_list(
    world: World,
    url: str,
    purpose: str | list[str],
    bits: StatusList | None = None,
    **dates: dt.datetime,
) -> str:
    return sign(world, list_document(url, purpose, bits, **dates))


def bits(*set_bits: int, size: int = MIN_SIZE) -> StatusList:
    found = StatusList.new(size)
    for bit in set_bits:
        found.set(bit, True)
    return found


def credential(world: World, status: list[CredentialStatus]) -> str:
    """A credential of our issuer with these entries. OB 3.0 lets us issue one; VC 2.0 allows
    several, so for more the issuer signs the same credential with all of them."""
    if len(status) <= 1:
        return world.credential(status=status)
    _, payload, _ = parts(world.credential(status=status[:1]))
    payload["credentialStatus"] = msgspec.to_builtins(status)
    return sign_compact(json.dumps(payload).encode(), world.issuer_key, kid=world.kid, typ="vc+jwt")


def verify(world: World, status: list[CredentialStatus], lists: list[str]) -> Report:
    source = status_source(lists, world.config())
    return world.verify(credential(world, status), status_lists=source.get)


def own_lists(world: World, revoked: StatusList | None = None) -> list[str]:
    """Our issuer's revocation list and its sibling suspension list (our convention)."""
    return [
        signed_list(world, REVOCATION, "revocation", revoked),
        signed_list(world, SUSPENSION, "suspension"),
    ]


# ---------------------------------------------------------------------- statusPurpose


@pytest.mark.parametrize("bit_set", [True, False])
def test_a_list_of_another_purpose_is_not_relied_on(world: World, bit_set: bool) -> None:
    """The entry says revocation, the list at its URL says suspension: the spec's
    STATUS_VERIFICATION_ERROR. Neither "revoked" (bit set) nor "active" (clear)."""
    lists = [
        signed_list(world, REVOCATION, "suspension", bits(7) if bit_set else None),
        signed_list(world, SUSPENSION, "suspension"),
    ]
    report = verify(world, [entry("revocation", 7)], lists)
    assert report.verdict == "cannot-verify"
    assert check(report, "status") == ("failed", "status-purpose-mismatch")
    message = next(c.message for c in report.checks if c.name == "status")
    assert REVOCATION in message
    assert "suspension" in message


def test_a_sibling_list_of_another_purpose_is_not_relied_on(world: World) -> None:
    """Our convention reads the sibling as a suspension list: it must say so."""
    lists = [
        signed_list(world, REVOCATION, "revocation"),
        signed_list(world, SUSPENSION, "revocation", bits(7)),
    ]
    report = verify(world, [entry("revocation", 7)], lists)
    assert check(report, "status") == ("failed", "status-purpose-mismatch")


def test_a_suspension_entry_on_a_revocation_list_is_not_relied_on(world: World) -> None:
    entries = [entry("suspension", 7, REVOCATION)]
    report = verify(world, entries, [signed_list(world, REVOCATION, "revocation", bits(7))])
    assert (report.verdict, check(report, "status")) == (
        "cannot-verify",
        ("failed", "status-purpose-mismatch"),
    )


def test_signed_lists_of_the_right_purposes_still_revoke_and_suspend(world: World) -> None:
    report = verify(world, [entry("revocation", 7)], own_lists(world, bits(7)))
    assert (report.verdict, check(report, "status")) == ("revoked", ("failed", "revoked"))
    lists = [
        signed_list(world, REVOCATION, "revocation"),
        signed_list(world, SUSPENSION, "suspension", bits(7)),
    ]
    report = verify(world, [entry("revocation", 7)], lists)
    assert (report.verdict, check(report, "status")) == ("suspended", ("failed", "suspended"))
    report = verify(world, [entry("revocation", 7)], own_lists(world))
    assert (report.verdict, check(report, "status")) == ("valid", ("passed", "active"))


def test_a_list_may_serve_several_purposes(world: World) -> None:
    """The spec's note: one list can carry several purposes; the entry's must be among them."""
    lists = [
        signed_list(world, REVOCATION, ["suspension", "revocation"], bits(7)),
        signed_list(world, SUSPENSION, "suspension"),
    ]
    assert verify(world, [entry("revocation", 7)], lists).verdict == "revoked"


@pytest.mark.parametrize("purpose", [None, "", [], ["revocation", 3]])
def test_a_list_credential_without_a_purpose_is_refused(world: World, purpose: Any) -> None:
    document = list_document(REVOCATION, purpose)
    if purpose is None:
        del document["credentialSubject"]["statusPurpose"]
    token = sign(world, document)
    with pytest.raises(StatusListCredentialError, match="statusPurpose"):
        read_status_list_credential(token, world.config())


# ---------------------------------------------------------------------- message and refresh


def status_text(report: Report) -> str:
    return next(c.message for c in report.checks if c.name == "status")


def test_a_message_entry_reports_its_message_and_never_revokes(world: World) -> None:
    """statusSize 2 at index 5 is bits 10 and 11; 0b10 is "rejected". The entry stops
    nothing: the credential stays valid, the message is in the check's detail."""
    message_entry = entry("message", 5, MESSAGES, status_size=2, status_message=REVIEW)
    wide = 2 * MIN_SIZE
    lists = [*own_lists(world), signed_list(world, MESSAGES, "message", bits(10, size=wide))]
    report = verify(world, [entry("revocation", 7), message_entry], lists)
    assert (report.verdict, check(report, "status")) == ("valid", ("passed", "active"))
    assert status_text(report) == "status message 0x2: rejected"
    lists[-1] = signed_list(world, MESSAGES, "message", bits(11, size=wide))
    report = verify(world, [entry("revocation", 7), message_entry], lists)
    assert status_text(report) == "status message 0x1: accepted"


def test_a_one_bit_message_entry_without_messages_reads_set(world: World) -> None:
    """Without statusMessage a bit reads "set" or "unset" (the spec). A set bit on a message
    list, even with a list at the sibling URL, is no revocation and no suspension."""
    lists = [
        signed_list(world, MESSAGES, "message", bits(5)),
        signed_list(world, MESSAGES + "/suspension", "suspension", bits(5)),
    ]
    report = verify(world, [entry("message", 5, MESSAGES)], lists)
    assert (report.verdict, status_text(report)) == ("valid", "status message 0x1: set")
    report = verify(world, [entry("message", 4, MESSAGES)], lists)
    assert (report.verdict, status_text(report)) == ("valid", "status message 0x0: unset")


def test_a_message_entry_needs_its_list(world: World) -> None:
    message_entry = entry("message", 5, MESSAGES, status_size=2, status_message=REVIEW)
    report = verify(world, [entry("revocation", 7), message_entry], own_lists(world))
    assert check(report, "status") == ("failed", "status-unavailable")
    lists = [*own_lists(world), signed_list(world, MESSAGES, "revocation", bits(10))]
    report = verify(world, [entry("revocation", 7), message_entry], lists)
    assert check(report, "status") == ("failed", "status-purpose-mismatch")


@pytest.mark.parametrize(
    "changes",
    [
        {"status_size": 2},  # above 1 bit, statusMessage is required
        {"status_size": 0},
        {"status_size": -1},
        {"status_size": 2, "status_message": REVIEW[:3]},  # not every value
        {"status_size": 1, "status_message": REVIEW[:2] + REVIEW[:1]},
        {"status_size": 2, "status_message": [*REVIEW[:3], REVIEW[0]]},  # 0x0 twice
        {"status_size": 1, "status_message": [REVIEW[0], StatusMessage(status="1", message="x")]},
        {"status_size": 1, "status_message": [REVIEW[0], StatusMessage(status="0x2", message="")]},
    ],
)
def test_malformed_status_size_or_messages_cannot_verify(
    world: World, changes: dict[str, Any]
) -> None:
    lists = [signed_list(world, MESSAGES, "message", StatusList.new(2 * MIN_SIZE))]
    report = verify(world, [entry("message", 5, MESSAGES, **changes)], lists)
    assert (report.verdict, check(report, "status")) == (
        "cannot-verify",
        ("failed", "malformed-status-entry"),
    )


def test_a_refresh_entry_says_nothing_about_validity(world: World) -> None:
    """`refresh`: a newer credential may be had. No list is needed and none revokes."""
    refresh = entry("refresh", 7, REFRESH)
    report = verify(world, [refresh], [])
    assert (report.verdict, check(report, "status")) == ("valid", ("passed", "active"))
    lists = [*own_lists(world), signed_list(world, REFRESH, "refresh", bits(7))]
    report = verify(world, [refresh, entry("revocation", 7)], lists)
    assert report.verdict == "valid"
    # Beside a revocation entry it hides nothing.
    lists = [*own_lists(world, bits(7)), signed_list(world, REFRESH, "refresh", bits(7))]
    assert verify(world, [refresh, entry("revocation", 7)], lists).verdict == "revoked"


@pytest.mark.parametrize("purpose", ["expiry", "Revocation", None])
def test_an_unknown_purpose_cannot_verify(world: World, purpose: str | None) -> None:
    """Even a list of that very purpose with the bit set: we do not know what it means."""
    odd = CredentialStatus(
        type="BitstringStatusListEntry",
        status_purpose=purpose,
        status_list_index="7",
        status_list_credential=LIST + "odd",
    )
    lists = [signed_list(world, LIST + "odd", purpose or "revocation", bits(7))]
    report = verify(world, [odd], lists)
    assert (report.verdict, check(report, "status")) == (
        "cannot-verify",
        ("failed", "unknown-status-purpose"),
    )


def test_a_revocation_wins_over_an_entry_we_cannot_read(world: World) -> None:
    """Revocation is final: nothing an unread entry says could undo it. In either order."""
    odd = entry("expiry", 3, LIST + "odd")
    for entries in ([odd, entry("revocation", 7)], [entry("revocation", 7), odd]):
        report = verify(world, entries, own_lists(world, bits(7)))
        assert (report.verdict, check(report, "status")) == ("revoked", ("failed", "revoked"))
        report = verify(world, entries, own_lists(world))
        assert check(report, "status") == ("failed", "unknown-status-purpose")


def test_a_suspension_does_not_hide_an_entry_we_cannot_read(world: World) -> None:
    """That entry could be a revocation: the status is unknown, in either order."""
    lists = [
        signed_list(world, REVOCATION, "revocation"),
        signed_list(world, SUSPENSION, "suspension", bits(7)),
    ]
    missing = entry("revocation", 3, LIST + "missing")
    for entries in ([missing, entry("revocation", 7)], [entry("revocation", 7), missing]):
        report = verify(world, entries, lists)
        assert check(report, "status") == ("failed", "status-unavailable")
