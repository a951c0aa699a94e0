"""The one table from domain errors to HTTP problems (RFC 9457 `application/problem+json`)."""

from __future__ import annotations

import logging
import re
from typing import Any

from litestar import Request, Response
from litestar.exceptions import (
    ClientException,
    HTTPException,
    MethodNotAllowedException,
    NotFoundException,
    ValidationException,
)
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from schemas.errors import (
    ConflictError,
    DomainError,
    GoneError,
    InvalidInputError,
    MalformedInputError,
    NotAuthenticatedError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    TooManyRequestsError,
    UnsupportedMediaTypeError,
)

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("registry")

# An error's status is that of the first class in its MRO found here, so a class that
# inherits from two families (XmlContentError: InvalidInputError and XmlRejectedError) gets
# the status of the base it names first.
STATUS_OF: dict[type[DomainError], int] = {
    MalformedInputError: 400,
    NotAuthenticatedError: 401,
    PermissionDeniedError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    GoneError: 410,
    PayloadTooLargeError: 413,
    UnsupportedMediaTypeError: 415,
    InvalidInputError: 422,
    TooManyRequestsError: 429,
    DomainError: 400,
}

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    410: "Gone",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
}


# An error names the value it rejects, but never repeats a whole 60 KB query or field: any run
# of text without spaces longer than this is cut to an excerpt, and a whole detail (a value with
# spaces in it) is cut at DETAIL_LIMIT.
EXCERPT_LIMIT = 100
DETAIL_LIMIT = 1000
_LONG_RUN = re.compile(rf"\S{{{EXCERPT_LIMIT + 1},}}")


def excerpt(text: str) -> str:
    """`text` with each over-long run of non-space characters, and the whole, cut short with an
    ellipsis, so a problem never echoes its whole input."""
    text = _LONG_RUN.sub(lambda m: m.group()[:EXCERPT_LIMIT] + "\u2026", text)
    return text if len(text) <= DETAIL_LIMIT else text[:DETAIL_LIMIT] + "\u2026"


def _excerpts(value: Any) -> Any:
    """Every string in an error's extra members (Litestar's `errors[]`) cut as `excerpt`."""
    if isinstance(value, str):
        return excerpt(value)
    if isinstance(value, list):
        return [_excerpts(v) for v in value]
    if isinstance(value, dict):
        return {k: _excerpts(v) for k, v in value.items()}
    return value


def status_of(error: DomainError) -> int:
    return status_of_type(type(error))


def status_of_type(kind: type[DomainError]) -> int:
    """The status of every error of this class (the OpenAPI document lists them by class)."""
    return next(STATUS_OF[cls] for cls in kind.__mro__ if cls in STATUS_OF)


def problem(
    request: Request[Any, Any, Any], status: int, code: str, detail: str, **extra: Any
) -> Response[dict[str, Any]]:
    """A problem response with a stable `code` member; echoed values cut to an excerpt."""
    body = {
        "type": f"urn:llo-registry:problem:{code}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "code": code,
        "detail": excerpt(detail),
        "instance": excerpt(request.url.path),
        **_excerpts(extra),
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if "retryAfter" in extra:
        headers["Retry-After"] = str(extra["retryAfter"])
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers or None)


def retry_after(exc: Exception) -> int | None:
    """Seconds to wait after a 429: our own `TooManyRequestsError`, or Litestar's rate limit
    (whose `RateLimit-Reset` says when its window ends)."""
    if isinstance(exc, DomainError):
        value = exc.extra.get("retryAfter")
    elif isinstance(exc, HTTPException) and exc.status_code == 429:
        value = (exc.headers or {}).get("RateLimit-Reset")
    else:
        value = None
    return max(1, int(value)) if value is not None else None


def http_error_code(exc: HTTPException) -> str:
    """The stable code of one of Litestar's own errors (a route not found, a rate limit)."""
    codes: dict[type[HTTPException], str] = {
        NotFoundException: "not-found",
        MethodNotAllowedException: "method-not-allowed",
    }
    by_status = {413: "payload-too-large", 415: "unsupported-media-type", 429: "too-many-requests"}
    return codes.get(type(exc)) or by_status.get(exc.status_code, "http-error")


def handle_domain_error(request: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    return problem(request, status_of(exc), exc.code, exc.message, **exc.extra)


def handle_validation(request: Request[Any, Any, Any], exc: ValidationException) -> Response[Any]:
    """Litestar's validation: a path that no valid parameter fits names nothing (404, as the
    router answers for `/status/abc`), a bad query parameter or header is 400, a bad body
    field 422."""
    errors = exc.extra if isinstance(exc.extra, list) else []
    if errors and all(e.get("source") == "path" for e in errors):
        return problem(request, 404, "not-found", "nothing is found at this address")
    # No field errors at all: Litestar's "Missing required query parameter ..." (a body field
    # error always names its field).
    if all(e.get("source") in {"query", "path", "header"} for e in errors):
        return problem(request, 400, "invalid-parameter", str(exc.detail), errors=errors)
    return problem(request, 422, "invalid-input", str(exc.detail), errors=errors)


def handle_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    if type(exc) is ClientException and exc.status_code == 400:
        # Litestar raises a bare ClientException when msgspec cannot decode the body.
        return problem(
            request, 400, "malformed-json", f"the request body is not valid JSON: {exc.detail}"
        )
    wait = retry_after(exc)
    extra = {"retryAfter": wait} if wait is not None else {}
    return problem(request, exc.status_code, http_error_code(exc), str(exc.detail), **extra)


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Log the stack trace; never send it to the client."""
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem(
        request,
        HTTP_500_INTERNAL_SERVER_ERROR,
        "internal-error",
        "something went wrong on our side",
    )


EXCEPTION_HANDLERS: dict[Any, Any] = {
    DomainError: handle_domain_error,
    ValidationException: handle_validation,
    HTTPException: handle_http,
    Exception: handle_unexpected,
}

__all__ = [
    "EXCEPTION_HANDLERS",
    "PROBLEM_JSON",
    "excerpt",
    "http_error_code",
    "problem",
    "retry_after",
    "status_of",
    "status_of_type",
]
