"""Wire types of crosswalks between competence frameworks, job profiles and the match of a CV
against a job profile (issue 15; the match answer's shape is a contract)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from schemas.common import LongText, NonEmpty, Request, Response, Uri

# SKOS mapping relations, read from the subject: "A broadMatch B" says B is broader than A.
Relation = Literal["exactMatch", "closeMatch", "broadMatch", "narrowMatch"]
RELATIONS: tuple[Relation, ...] = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch")
# The relations under which a competence stands for another in matching: the others are shown.
COUNTING: frozenset[str] = frozenset({"exactMatch", "closeMatch"})
When = Literal["at-start", "can-learn"]
Verdict = Literal["fits", "fits-after-training", "blocked"]
CertificateStatus = Literal["present", "missing", "expired", "revoked"]
# Why a mandatory certificate is `revoked`: its issuer revoked it, or suspended it (which
# can be lifted again).
StopReason = Literal["revoked", "suspended"]
RequirementStatus = Literal["covered", "covered-via-equivalent", "self-declared-only", "missing"]
Region = Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
MaxAge = Annotated[int, msgspec.Meta(ge=1, le=1200)]


# ---------------------------------------------------------------- crosswalks


class MappingIn(Request, kw_only=True):
    """One SKOS mapping: `source` `relation` `target`."""

    source: Uri
    relation: Relation
    target: Uri


class CrosswalkResult(Response, kw_only=True):
    """What an upload did: mappings new to the catalogue, and those it had already."""

    created: int
    unchanged: int


class Equivalent(Response, kw_only=True, omit_defaults=True):
    """A competence mapped to the one asked about, the relation read from the one asked about
    ("X broadMatch Y": Y is broader than X). `counts`: whether it stands for it in matching."""

    uri: str
    relation: Relation
    counts: bool
    label: str | None = None
    framework: str | None = None


class Equivalents(Response, kw_only=True):
    uri: str
    label: str | None = None
    equivalents: list[Equivalent]


# ---------------------------------------------------------------- job profiles


class RequirementIn(Request, kw_only=True):
    competence: Uri
    when: When


class CertificateIn(Request, kw_only=True):
    """A mandatory certificate: the URI of its scheme (or of a competence), and how old it may
    be at most."""

    name: NonEmpty
    competence: Uri
    max_age_months: MaxAge | None = None


Requirements = Annotated[list[RequirementIn], msgspec.Meta(max_length=200)]
Certificates = Annotated[list[CertificateIn], msgspec.Meta(max_length=20)]


class JobProfileCreate(Request, kw_only=True):
    """A job profile. `fromOccupation` copies an ESCO occupation's essential skills as
    `at-start` and its optional skills as `can-learn` (before the requirements given)."""

    title: NonEmpty | None = None
    description: LongText = ""
    occupation: Uri | None = None
    from_occupation: Uri | None = None
    region: Region | None = None
    requirements: Requirements = []
    mandatory_certificates: Certificates = []
    published: bool = False


class JobProfilePatch(Request, kw_only=True):
    """Change a job profile: fields left out stay as they are; lists are replaced whole."""

    title: NonEmpty | msgspec.UnsetType = msgspec.UNSET
    description: LongText | msgspec.UnsetType = msgspec.UNSET
    occupation: Uri | msgspec.UnsetType | None = msgspec.UNSET
    region: Region | msgspec.UnsetType | None = msgspec.UNSET
    requirements: Requirements | msgspec.UnsetType = msgspec.UNSET
    mandatory_certificates: Certificates | msgspec.UnsetType = msgspec.UNSET
    published: bool | msgspec.UnsetType = msgspec.UNSET


class Requirement(Response, kw_only=True):
    competence: str
    when: When
    label: str | None = None


class Certificate(Response, kw_only=True):
    name: str
    competence: str
    max_age_months: int | None = None


class JobProfileOut(Response, kw_only=True):
    id: UUID
    title: str
    description: str
    occupation: str | None
    region: str | None
    requirements: list[Requirement]
    mandatory_certificates: list[Certificate]
    published: bool
    employer: str
    mine: bool
    created_at: dt.datetime
    updated_at: dt.datetime


# ---------------------------------------------------------------- match


class MatchRequest(Request, kw_only=True):
    """A share of this registry, by its URL or as a share received (its id)."""

    share: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    received_share_id: UUID | None = None


class MandatoryResult(Response, kw_only=True, omit_defaults=True):
    name: str
    competence: str
    status: CertificateStatus
    credential_ids: list[str]
    reason: StopReason | None = None


class RequirementResult(Response, kw_only=True, omit_defaults=True):
    competence: str
    label: str
    when: When
    status: RequirementStatus
    credential_ids: list[str]
    via: str | None = None


class NextRun(Response, kw_only=True):
    id: UUID
    start_date: dt.date
    end_date: dt.date
    place: str
    postcode: str
    url: str


class RouteStep(Response, kw_only=True):
    module_id: UUID
    title: str
    provider: str
    covers: list[str]
    next_run: NextRun | None
    study_load_hours: int
    url: str


class Match(Response, kw_only=True):
    """The answer of a match (issue 15, a contract)."""

    profile_id: UUID
    profile_title: str
    verdict: Verdict
    mandatory: list[MandatoryResult]
    requirements: list[RequirementResult]
    route: list[RouteStep]
    unroutable: list[str]
    weeks_to_ready: int | None
    holder_name: str | None = None


__all__ = [
    "COUNTING",
    "RELATIONS",
    "CertificateIn",
    "CrosswalkResult",
    "Equivalent",
    "Equivalents",
    "JobProfileCreate",
    "JobProfileOut",
    "JobProfilePatch",
    "MappingIn",
    "Match",
    "MatchRequest",
    "RequirementIn",
    "RouteStep",
]
