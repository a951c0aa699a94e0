"""Issuer keys as published in DID documents, and the operator's signed trust list.

Signed documents tolerate unknown fields (a newer operator may add some); datetimes must carry
a time zone so that comparisons with an aware clock never fail.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from schemas.kinds import CredentialKind

__all__ = [
    "Accreditation",
    "AccreditationKind",
    "AwareDatetime",
    "KeyStatus",
    "PublishedKey",
    "TrustListDocument",
    "TrustListOrigin",
    "TrustedIssuer",
    "TrustedKey",
]

AwareDatetime = Annotated[dt.datetime, msgspec.Meta(tz=True)]
KeyStatus = Literal["current", "retired"]
# An accreditation is for one kind of credential (the vocabulary is `schemas.kinds`).
AccreditationKind = CredentialKind


class PublishedKey(msgspec.Struct, kw_only=True, frozen=True):
    """One issuer key for a DID document: `fragment` names it (e.g. its JWK thumbprint)."""

    fragment: str
    key: dict[str, Any]
    status: KeyStatus = "current"
    retired_at: AwareDatetime | None = None


class TrustedKey(msgspec.Struct, kw_only=True, rename="camel"):
    """An issuer key on the trust list; retired keys stay listed so old credentials verify."""

    kid: str
    jwk: dict[str, Any]
    status: KeyStatus = "current"
    valid_from: AwareDatetime
    valid_until: AwareDatetime | None = None


class Accreditation(msgspec.Struct, kw_only=True, rename="camel"):
    """What an issuer may issue, and when. `achievements` holds achievement URLs or URL
    prefixes (a prefix matches at a "/", "#" or "?" boundary); empty means any.

    `ownAchievements` (absent in older lists: false) scopes the accreditation to achievements
    the issuer made itself: `achievements` then lists the issuer's own modules, and a
    credential counts only when its `achievement.creator.id` is the issuer. Foreign badges
    often name another creator than their issuer, so the rule applies only where set.
    """

    kind: AccreditationKind
    achievements: list[str] = msgspec.field(default_factory=list)
    own_achievements: bool = False
    valid_from: AwareDatetime
    valid_until: AwareDatetime | None = None


class TrustedIssuer(msgspec.Struct, kw_only=True, rename="camel"):
    did: str
    name: str
    keys: list[TrustedKey] = msgspec.field(default_factory=list)
    accreditations: list[Accreditation] = msgspec.field(default_factory=list)


class TrustListDocument(msgspec.Struct, kw_only=True, rename="camel"):
    """The trust list as signed by the operator (`credentials.trust.TrustList` adds lookups)."""

    id: str
    issuer: str
    issued: AwareDatetime
    issuers: list[TrustedIssuer] = msgspec.field(default_factory=list)


class TrustListOrigin(msgspec.Struct, kw_only=True, omit_defaults=True):
    """How a configured trust list came to be trusted, for the offline report: signed and
    checked with an anchor (a file, or the registry database), or plain JSON trusted as
    configured (`signed` false)."""

    file: str
    signed: bool
    anchor: str | None = None
    kid: str | None = None
