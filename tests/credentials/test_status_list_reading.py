"""Reading a status list as Bitstring Status List v1.0's validate algorithm says: entries of
`statusSize` bits, the minimum list length for that size, indexes outside the list, and the
list credential's own validity window. Lists are real signed list credentials (see
`test_status_validation`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from credentials.status import MIN_SIZE, StatusList
from credentials.status_lists import read_status_list_credential
from schemas.credentials import CredentialStatus
from schemas.errors.credentials import StatusListCredentialError, StatusListError
from tests.credentials.test_status_validation import (
    MESSAGES,
    REVIEW,
    bits,
    list_document,
    own_lists,
    sign,
    signed_list,
    verify,
)
from tests.credentials.test_verify import (
    NOW,
    REVOCATION,
    SUSPENSION,
    World,
    check,
    entry,
)


@pytest.fixture
def world() -> World:
    return World()


# ---------------------------------------------------------------------- statusSize


def test_status_size_reads_that_many_bits_per_entry(world: World) -> None:
    """A revocation entry of 2 bits at index 3 is bits 6 and 7; any value but 0 revokes.
    Bit 3 (what a one-bit reader would look at) belongs to index 1."""
    two_bits = entry("revocation", 3, REVOCATION, status_size=2, status_message=REVIEW)
    wide = 2 * MIN_SIZE
    sibling = signed_list(world, SUSPENSION, "suspension", StatusList.new(wide))
    revoked = [signed_list(world, REVOCATION, "revocation", bits(7, size=wide)), sibling]
    assert verify(world, [two_bits], revoked).verdict == "revoked"
    other = [signed_list(world, REVOCATION, "revocation", bits(3, size=wide)), sibling]
    report = verify(world, [two_bits], other)
    assert (report.verdict, check(report, "status")) == ("valid", ("passed", "active"))


def test_a_list_too_short_for_the_status_size_cannot_verify(world: World) -> None:
    """131,072 bits hold only 65,536 entries of 2 bits: fewer than the spec's minimum
    (STATUS_LIST_LENGTH_ERROR)."""
    two_bits = entry("message", 3, MESSAGES, status_size=2, status_message=REVIEW)
    report = verify(world, [two_bits], [signed_list(world, MESSAGES, "message")])
    assert check(report, "status") == ("failed", "status-list-too-short")


def test_an_index_outside_the_list_cannot_verify(world: World) -> None:
    """RANGE_ERROR: entry 131,072 of 2 bits lies past a list of 262,144 bits."""
    lists = [signed_list(world, MESSAGES, "message", StatusList.new(2 * MIN_SIZE))]
    last = entry("message", MIN_SIZE - 1, MESSAGES, status_size=2, status_message=REVIEW)
    assert verify(world, [last], lists).verdict == "valid"
    past = entry("message", MIN_SIZE, MESSAGES, status_size=2, status_message=REVIEW)
    report = verify(world, [past], lists)
    assert check(report, "status") == ("failed", "status-index-out-of-range")


@pytest.mark.parametrize("index", ["-1", "1e3", "٣", "²", "0x7", ""])
def test_an_index_that_is_not_a_base_10_number_cannot_verify(world: World, index: str) -> None:
    odd = CredentialStatus(
        type="BitstringStatusListEntry",
        status_purpose="revocation",
        status_list_index=index,
        status_list_credential=REVOCATION,
    )
    report = verify(world, [odd], own_lists(world))
    assert check(report, "status") == ("failed", "malformed-status-entry")


def test_status_list_value_reads_bits_msb_first() -> None:
    found = bits(6, 8, 15)
    assert [found.value(2, 3), found.value(0, 8), found.value(1, 8)] == [0b101, 0b10, 0b10000001]
    assert found.value(8, 1) == 1
    assert found.value(MIN_SIZE // 16 - 1, 16) == 0
    with pytest.raises(StatusListError):
        found.value(MIN_SIZE // 2, 2)
    with pytest.raises(StatusListError):
        found.value(-1, 1)
    with pytest.raises(StatusListError):
        found.value(-1, 2)
    with pytest.raises(ValueError, match="at least one bit"):
        found.value(0, 0)


# ---------------------------------------------------------------------- validity window


def test_an_expired_list_says_nothing(world: World) -> None:
    """A list past its validUntil: the status is unknown, not "active" (nor "revoked")."""
    for revoked in (None, bits(7)):
        lists = [
            signed_list(world, REVOCATION, "revocation", revoked, valid_until=NOW),
            signed_list(world, SUSPENSION, "suspension"),
        ]
        report = verify(world, [entry("revocation", 7)], lists)
        assert (report.verdict, check(report, "status")) == (
            "cannot-verify",
            ("failed", "status-list-expired"),
        )
    lists[0] = signed_list(
        world, REVOCATION, "revocation", valid_until=NOW + dt.timedelta(seconds=1)
    )
    assert verify(world, [entry("revocation", 7)], lists).verdict == "valid"


def test_a_list_not_valid_yet_says_nothing(world: World) -> None:
    """validFrom later than our clock (beyond the leeway for the issuer's clock)."""
    later = NOW + dt.timedelta(minutes=10)
    lists = [
        signed_list(world, REVOCATION, "revocation"),
        signed_list(world, SUSPENSION, "suspension", valid_from=later),
    ]
    report = verify(world, [entry("revocation", 7)], lists)
    assert check(report, "status") == ("failed", "status-list-not-yet-valid")
    lists[1] = signed_list(
        world, SUSPENSION, "suspension", valid_from=NOW + dt.timedelta(minutes=4)
    )
    assert verify(world, [entry("revocation", 7)], lists).verdict == "valid"


@pytest.mark.parametrize("name", ["validFrom", "validUntil"])
@pytest.mark.parametrize("value", ["2026-06-01", "2026-06-01T12:00:00", "soon", 1780000000])
def test_a_list_credential_with_a_bad_date_is_refused(world: World, name: str, value: Any) -> None:
    document = list_document(REVOCATION, "revocation")
    document[name] = value
    with pytest.raises(StatusListCredentialError, match=name):
        read_status_list_credential(sign(world, document), world.config())
