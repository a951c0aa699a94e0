"""Every error code the registry answers with: one class per code, grouped by area.

`base` holds the families (one HTTP status each, `registry.errors`) and the register of codes;
each area module holds its codes as subclasses of a family. Raise sites raise the class, the
web switches on classes (`isinstance`), never on the text of a code; the wire format is the
class's `code` in an `application/problem+json` answer.
"""

from __future__ import annotations

from schemas.errors import (  # noqa: F401  (imported for the register of codes)
    accounts,
    catalogue,
    credentials,
    issuers,
    issuing,
    matching,
    requests,
    service,
    sharing,
    vcapi,
    wallet,
)
from schemas.errors.base import (
    CODES,
    ConflictError,
    DomainError,
    GoneError,
    InvalidInputError,
    MalformedInputError,
    NotAuthenticatedError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    Problem,
    TooManyRequestsError,
    UnsupportedMediaTypeError,
    error_class,
)

__all__ = [
    "CODES",
    "ConflictError",
    "DomainError",
    "GoneError",
    "InvalidInputError",
    "MalformedInputError",
    "NotAuthenticatedError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "Problem",
    "TooManyRequestsError",
    "UnsupportedMediaTypeError",
    "error_class",
]
