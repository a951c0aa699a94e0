"""Domain errors shared by every package.

Services raise these; `registry.errors` holds the one table that maps them to HTTP problems.
Each carries a stable `code` that clients may rely on.
"""

from __future__ import annotations

from typing import Any

import msgspec


class DomainError(Exception):
    """Base of every expected failure; `code` is stable, `message` is for people."""

    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.extra = extra


class InvalidInputError(DomainError):
    """The request is well-formed but its content is not acceptable."""

    code = "invalid-input"


class MalformedInputError(DomainError):
    """The body cannot be parsed at all (bad JSON, XML or CSV)."""

    code = "malformed-input"


class NotAuthenticatedError(DomainError):
    """No valid credentials were presented."""

    code = "not-authenticated"


class PermissionDeniedError(DomainError):
    """The caller is known but may not do this."""

    code = "forbidden"


class NotFoundError(DomainError):
    """The thing asked for does not exist (or is not visible to the caller)."""

    code = "not-found"


class ConflictError(DomainError):
    """The request conflicts with the current state (duplicate, wrong lifecycle step)."""

    code = "conflict"


class GoneError(DomainError):
    """The thing existed but is gone for good (a withdrawn or expired share)."""

    code = "gone"


class PayloadTooLargeError(DomainError):
    """The body is larger than the limit for this endpoint."""

    code = "payload-too-large"


class UnsupportedMediaTypeError(DomainError):
    """The body comes in a media type this endpoint does not read."""

    code = "unsupported-media-type"


class Problem(msgspec.Struct, kw_only=True):
    """Every error on the wire: RFC 9457 problem details with our stable `code`.

    Some problems carry more members: `errors` (the field errors of a validation problem, or
    every bad row of a batch) and, for some codes, `field` or `row`."""

    type: str
    title: str
    status: int
    code: str
    detail: str
    instance: str
    errors: list[dict[str, Any]] | msgspec.UnsetType = msgspec.UNSET
