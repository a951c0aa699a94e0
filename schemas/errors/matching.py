"""Crosswalks between competence frameworks, job profiles and matching."""

from __future__ import annotations

from schemas.errors.base import (
    InvalidInputError,
    MalformedInputError,
    NotFoundError,
    PermissionDeniedError,
)


class BadCrosswalkError(MalformedInputError):
    """A crosswalk upload (CSV, Turtle, JSON-LD) that cannot be read."""

    code = "bad-crosswalk"


class CrosswalkEmptyError(InvalidInputError):
    """An upload without a single SKOS mapping in it."""

    code = "crosswalk-empty"


class SelfMappingError(InvalidInputError):
    """A competence mapped to itself."""

    code = "self-mapping"


class JobProfileNotFoundError(NotFoundError):
    """No job profile with this id that the caller may see."""

    code = "job-profile-not-found"


class NotYourJobProfileError(PermissionDeniedError):
    """Only the employer who made a job profile changes it or matches against it."""

    code = "not-profile-owner"


class OccupationUnknownError(InvalidInputError):
    """`fromOccupation` or `occupation` names no occupation the catalogue has (or occupations
    are not imported yet)."""

    code = "occupation-unknown"


class OccupationMismatchError(InvalidInputError):
    """`occupation` and `fromOccupation` name different occupations: which one the profile is
    for is the employer's to say (`fromOccupation` alone sets `occupation`)."""

    code = "occupation-mismatch"


class ShareOrReceivedRequiredError(InvalidInputError):
    """A match names exactly one of `share` and `receivedShareId`."""

    code = "share-or-received-required"


class RequirementConflictError(InvalidInputError):
    """The same competence listed as both `at-start` and `can-learn`: which one the employer
    means is theirs to say (taking either silently could weaken the job's demand)."""

    code = "requirement-conflict"
