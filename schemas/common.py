"""Small shared wire types."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

import msgspec

NonEmpty = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
ShortText = Annotated[str, msgspec.Meta(max_length=500)]
LongText = Annotated[str, msgspec.Meta(max_length=20_000)]
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"
Slug = Annotated[str, msgspec.Meta(pattern=SLUG_PATTERN)]
Email = Annotated[
    str, msgspec.Meta(pattern=r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$", max_length=254)
]
Uri = Annotated[str, msgspec.Meta(pattern=r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$", max_length=500)]
# The largest values of the integer columns that numbers in paths name (a status list's id,
# a module version's number): a larger number names no row, where binding it overflowed the
# driver or the database (a 500). Number path parameters are bounded by these: not found.
MAX_INTEGER = 2**31 - 1  # Integer columns
MAX_BIG_INTEGER = 2**63 - 1  # BigInteger columns (BigIntBase ids)
# `integrator`: another system calling the W3C VC API (`registry.vcapi`) with a bearer token.
Role = Literal["operator", "provider", "assessor", "worker", "employer", "coach", "integrator"]
ROLES: tuple[Role, ...] = (
    "operator",
    "provider",
    "assessor",
    "worker",
    "employer",
    "coach",
    "integrator",
)
# Course dates, expiry days and the dates on pages are Dutch calendar dates.
NL_TIME = ZoneInfo("Europe/Amsterdam")


def today_nl() -> dt.date:
    """Today's date in the Netherlands: course dates are Dutch calendar dates."""
    return dt.datetime.now(NL_TIME).date()


def wire_datetime(value: dt.datetime) -> str:
    """An aware datetime as the API writes it in every answer: UTC with "Z", exactly as msgspec
    encodes a datetime field, for the few places that carry one as a string."""
    text: str = msgspec.json.decode(msgspec.json.encode(value.astimezone(dt.UTC)))
    return text


class Request(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """Base for request bodies: strict, camelCase."""


class Response(msgspec.Struct, kw_only=True, rename="camel"):
    """Base for response bodies: camelCase."""


class Actor(msgspec.Struct, kw_only=True, frozen=True):
    """Who is acting, as services see it: no tokens, no HTTP."""

    account_id: UUID
    role: Role
    provider_id: UUID | None = None

    @property
    def is_operator(self) -> bool:
        return self.role == "operator"
