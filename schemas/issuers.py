"""Wire types of accreditation and credential status changes (camelCase on the wire)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args
from uuid import UUID

import msgspec

from schemas.common import Request, Response, Slug
from schemas.trust import AccreditationKind, AwareDatetime

__all__ = [
    "STATUS_REASONS",
    "AccreditationCreate",
    "AccreditationOut",
    "AccreditationPatch",
    "CredentialStatusOut",
    "StatusAction",
    "StatusChangeIn",
    "StatusReason",
]

StatusAction = Literal["revoke", "suspend", "reinstate"]
# Why an issuer revokes or suspends a credential: a closed list, so that workers and employers
# can be told in their own language (texts: registry/status_reasons.py).
StatusReason = Literal[
    "unspecified",
    "issued-in-error",
    "fraud",
    "assessment-withdrawn",
    "superseded",
    "holder-request",
    "under-investigation",
]
STATUS_REASONS: tuple[StatusReason, ...] = get_args(StatusReason)
AchievementRef = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]


class AccreditationCreate(Request, kw_only=True, forbid_unknown_fields=True):
    """Accredit a provider organisation. `achievements` holds module ids, qualification ids
    (meaning each of its modules) or absolute URLs (e.g. an EVC standard); empty means any.

    Or trust an issuer of another system: `issuer` (a DID or an https:// id), `name`, and
    `keyDocument` (its DID document, issuer profile / controller document, verification
    method, JWK or JWKS) instead of `provider`; its `achievements` are absolute URLs."""

    provider: Slug | None = None
    issuer: Annotated[str, msgspec.Meta(min_length=1, max_length=500)] | None = None
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)] | None = None
    key_document: dict[str, Any] | None = None
    kind: AccreditationKind
    achievements: Annotated[list[AchievementRef], msgspec.Meta(max_length=1000)] = []
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None


class AccreditationPatch(Request, kw_only=True, forbid_unknown_fields=True):
    """End an accreditation (or move its end): `validUntil`."""

    valid_until: AwareDatetime


class AccreditationOut(Response, kw_only=True):
    """An accreditation as the operator and the accredited organisation see it."""

    id: UUID
    provider: str | None
    provider_name: str | None
    issuer: str
    kind: str
    achievements: list[str]
    valid_from: dt.datetime
    valid_until: dt.datetime | None
    active: bool


class StatusChangeIn(Request, kw_only=True, forbid_unknown_fields=True):
    """Why a credential is revoked or suspended; no body at all means reason "unspecified".
    The note is for the holder (and the issuer's own records), never shown to employers."""

    reason: StatusReason = "unspecified"
    note: Annotated[str, msgspec.Meta(max_length=1000)] = ""


class CredentialStatusOut(Response, kw_only=True):
    """A credential's status after a change, with why and when."""

    id: UUID
    credential_id: str
    status: str
    status_reason: str | None = None
    status_note: str | None = None
    status_changed_at: dt.datetime | None = None
    status_list: str | None
    status_index: int | None
