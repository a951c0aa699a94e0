"""Errors for people: an HTML page (or a sign-in redirect) instead of problem+json.

The API keeps its problem+json answers. A request gets a page when it is not for a machine
path and its `Accept` header asks for HTML, as a browser's does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from litestar import Response
from litestar.exceptions import HTTPException, NotAuthorizedException, PermissionDeniedException

from registry.errors import http_error_code, retry_after, status_of
from registry.web.i18n import error_text, lang_of, minutes_in_words, translator
from registry.web.labels import field_label
from registry.web.messages import MESSAGES
from registry.web.pages import AnyRequest, page, see_other
from schemas.errors import DomainError
from schemas.errors.accounts import EmailNotVerifiedError
from schemas.text import ControlCharacterError

log = logging.getLogger("registry")
# Paths for machines: errors stay problem+json, and CSRF does not apply (they authenticate
# with bearer tokens, never with the session cookie).
MACHINE_PREFIXES = (
    "/api/",
    "/credentials/",
    "/presentations/",
    "/status/",
    "/issuers/",
    "/trust-list",
    "/.well-known/",
    "/schema",
    "/health",
    "/static/",
)
# Where a signed-in person whose address is not proven yet is sent.
CONFIRM_PAGE = "/account/bevestigen"
Handler = Callable[[AnyRequest, Any], Response[Any]]
# A CSRF cookie the error page sets (see `registry.web.auth.session.know_the_visitor`), kept
# in the request's state.
NEW_CSRF_COOKIE = "error_page_csrf_cookie"


def wants_page(request: AnyRequest) -> bool:
    if request.url.path.startswith(MACHINE_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def _status_and_code(exc: Exception) -> tuple[int, str, str]:
    if isinstance(exc, DomainError):
        return status_of(exc), exc.code, exc.message
    if isinstance(exc, PermissionDeniedException) and "CSRF" in str(exc.detail):
        return 403, "csrf", str(exc.detail)
    if isinstance(exc, HTTPException):
        return exc.status_code, http_error_code(exc), str(exc.detail)
    return 500, "internal-error", "internal error"


def error_page(request: AnyRequest, exc: Exception) -> Response[Any]:
    status, code, message = _status_and_code(exc)
    if isinstance(exc, EmailNotVerifiedError):
        return see_other(CONFIRM_PAGE)
    if status == 401 or isinstance(exc, NotAuthorizedException):
        # Not signed in (or the session ended): sign in, then come back here.
        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return see_other(f"/inloggen?next={quote(back)}")
    lang = lang_of(request)
    t = translator(lang)
    status_text = t(f"error.status.{status}") if f"error.status.{status}" in MESSAGES else ""
    detail = error_text(lang, code, "") if status < 500 else ""
    if isinstance(exc, ControlCharacterError):
        labels = [field_label(t, name) for name in _field_names(exc)]
        detail = t("error.control-character", fields=", ".join(labels))
    wait = retry_after(exc)
    if wait is not None:
        detail = t("error.wait", wait=minutes_in_words(lang, wait))
    answer = page(
        request,
        "error.html",
        status_code=status,
        status=status,
        message=detail or status_text or t("error.status.400"),
        code=code if status < 500 else None,
        original=message if status < 500 else None,
    )
    if wait is not None:
        answer.headers["Retry-After"] = str(wait)
    if NEW_CSRF_COOKIE in request.state:
        answer.set_cookie(request.state[NEW_CSRF_COOKIE])
    return answer


def _field_names(exc: ControlCharacterError) -> list[str]:
    return [str(entry["key"]) for entry in exc.extra.get("errors", [])]


def negotiated(handler: Handler) -> Handler:
    """Wrap an API exception handler: pages get HTML, machines keep problem+json."""

    def handle(request: AnyRequest, exc: Any) -> Response[Any]:
        if wants_page(request):
            if isinstance(exc, Exception) and not isinstance(exc, DomainError | HTTPException):
                log.exception("unhandled error on %s %s", request.method, request.url.path)
            return error_page(request, exc)
        return handler(request, exc)

    return handle
