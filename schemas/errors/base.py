"""The families of domain errors, each with its HTTP status (`registry.errors`), and the
register of codes: every class that names a `code` is the one class of that code.
"""

from __future__ import annotations

from typing import Any, ClassVar

import msgspec

# Every code and its one class; filled as the classes are defined (`schemas.errors` imports
# every area, so the register is complete once the package is imported).
CODES: dict[str, type[DomainError]] = {}


class DomainError(Exception):
    """Base of every expected failure; `code` (of the class) is stable, `message` is for
    people, `extra` adds members to the problem (`errors`, `field`, `row`, ...)."""

    code: ClassVar[str] = "error"

    def __init__(self, message: str, **extra: Any) -> None:
        if "code" in extra:
            raise TypeError("a code is its class's: raise the class of the code")
        super().__init__(message)
        self.message = message
        self.extra = extra

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            return
        known = CODES.setdefault(cls.code, cls)
        if known is not cls:
            raise TypeError(f"the code {cls.code!r} has a class already: {known.__qualname__}")


def error_class(code: str) -> type[DomainError] | None:
    """The class of a code (for codes that travel as text, e.g. the rows of a batch)."""
    return CODES.get(code)


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


class TooManyRequestsError(DomainError):
    """Too many attempts for now; `retryAfter` (seconds) says how long to wait."""

    code = "too-many-requests"


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
