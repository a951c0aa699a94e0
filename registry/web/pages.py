"""What every page handler shares: who is signed in, rendering in the visitor's language,
reading forms, and safe redirects."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any, TypeVar
from uuid import UUID

import msgspec
from litestar import MediaType, Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_303_SEE_OTHER

from registry.web.i18n import (
    Translate,
    count_in_words,
    error_text,
    lang_of,
    minutes_in_words,
    status_change,
    translator,
)
from registry.web.labels import field_label
from registry.web.messages import MESSAGES
from schemas.common import Actor, Role
from schemas.errors import DomainError
from schemas.errors.accounts import EmailNotVerifiedError, NotSignedInError
from schemas.text import ControlCharacterError, control_errors, without_controls
from schemas.verification import Check

T = TypeVar("T")
AnyRequest = Request[Any, Any, Any]
Connection = ASGIConnection[Any, Any, Any, Any]

# Pages may use their own origin only; `frame-ancestors` stops click-jacking, and no referrer
# is sent so a share link (which is its own key) never leaks to another site. (Every response,
# pages too, gets `X-Content-Type-Options: nosniff` from registry.http.nosniff.)
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


# Green: trust it. Orange: look closer (it may be fine, or may be fine later). Red: do not trust.
VERDICT_COLOUR = {
    "valid": "green",
    "expired": "orange",
    "suspended": "orange",
    "not-yet-valid": "orange",
    "untrusted-issuer": "orange",
    "cannot-verify": "orange",
    "invalid": "red",
    "revoked": "red",
}


def verdict_colour(verdict: str) -> str:
    return VERDICT_COLOUR.get(verdict, "orange")


def verdict_reason(verdict: str, checks: Iterable[Check]) -> str:
    """The message key saying why a credential got its verdict: a failed check's own text
    where it has one (a key that is not the issuer's is no "try again later"), else the
    verdict's. The check pages and the worker's imports say it alike."""
    for check in checks:
        if check.status == "failed" and f"verdict_reason.{check.code}" in MESSAGES:
            return f"verdict_reason.{check.code}"
    return f"verdict_reason.{verdict}"


class WebUser(msgspec.Struct, frozen=True, kw_only=True):
    """The person signed in on this browser."""

    account_id: UUID
    role: Role
    name: str
    email: str | None = None
    provider_id: UUID | None = None
    # False until the account's address is proven: such a person only reaches the account
    # pages ("confirm your address", send the mail again) and signing out.
    verified: bool = True

    @property
    def actor(self) -> Actor:
        return Actor(account_id=self.account_id, role=self.role, provider_id=self.provider_id)


def web_user_of(connection: Connection) -> WebUser | None:
    user: WebUser | None = connection.state.get("web_user")
    return user


def signed_in(connection: Connection) -> WebUser:
    """The signed-in person whose address is proven (else the sign-in page, or the "confirm
    your address" page). Which roles may see a page its guard says (`schemas.access`)."""
    user = web_user_of(connection)
    if user is None:
        raise NotSignedInError("sign in first")
    if not user.verified:
        raise EmailNotVerifiedError("confirm your e-mail address first")
    return user


def provide_user(request: AnyRequest) -> WebUser:
    """The `user` of a page handler: the signed-in person (see `signed_in`)."""
    return signed_in(request)


def page(request: AnyRequest, template: str, status_code: int = 200, **context: Any) -> Template:
    """Render `template` with the layout's context: language, translator, user, path."""
    lang = lang_of(request)
    return Template(
        template_name=template,
        context={
            "lang": lang,
            "t": translator(lang),
            # `t_count("key", n)`: the `key.one` or `key.other` text, for "1 beroep gevonden".
            "t_count": lambda key, count: count_in_words(lang, count, key),
            "user": web_user_of(request),
            "path": request.url.path,
            "query": request.url.query,
            "verdict_colour": verdict_colour,
            "status_change": partial(status_change, lang),
            **context,
        },
        status_code=status_code,
        headers=SECURITY_HEADERS,
        # Explicit: a handler returning `Any` (page or redirect) would otherwise answer JSON.
        media_type=MediaType.HTML,
    )


def error_message(request: AnyRequest, error: DomainError, area: str | None = None) -> str:
    """A domain error in the visitor's language, for showing on a form (in the words of the
    form's area when it has its own: `error_text`; with the real wait for a limit that says
    how long it holds)."""
    lang = lang_of(request)
    if "retryAfter" in error.extra:
        wait = minutes_in_words(lang, int(error.extra["retryAfter"]))
        return translator(lang)("error.wait", wait=wait)
    return error_text(lang, error.code, error.message, area)


# The Dutch way of writing a date (31-12-2030, also with / or .), besides ISO.
DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def form_date(text: str) -> dt.date | None:
    """A date typed in a form: ISO (what a date picker sends) or the Dutch way, 31-12-2030;
    None when empty. ValueError when it is no date: every form reads dates the same way."""
    text = text.strip()
    if not text:
        return None
    match = DUTCH_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def safe_next(target: str | None, default: str = "/") -> str:
    """Only redirect to a path on this site (no `//host` or `https://host`): no open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def see_other(path: str, cookies: list[Cookie] | None = None) -> Redirect:
    """The answer to a successful form post: go to a page (Post/Redirect/Get)."""
    return Redirect(path=path, status_code=HTTP_303_SEE_OTHER, cookies=cookies)


# The status of a form shown again for a control character: the rule's own 422
# `invalid-input`, as for JSON, files and the error page.
REFUSED_STATUS = 422


class FormData(dict[str, Any]):
    """A submitted form: each field's value (a list for a field given more than once).

    No text may carry a control character (schemas.text: 422 `invalid-input`). `refused`
    holds, for each field that does, the message to show at it, naming the field by its
    label. Such a field's value here is what was typed without those characters: a page
    cannot show them (HTML cannot carry most of them) and a form could not send them back,
    so the form comes back with everything else as typed. While `refused` is set a handler
    writes nothing: it shows its form again with these errors and `error_status()`. A form
    with nothing to type (a button) calls `require_clean()` instead: the error page.
    """

    def __init__(
        self, fields: dict[str, Any], problem: ControlCharacterError | None, t: Translate
    ) -> None:
        super().__init__(fields)
        self.problem = problem
        entries = problem.extra["errors"] if problem is not None else []
        self.refused = {
            str(entry["key"]): t(
                "error.control-character.field", field=field_label(t, str(entry["key"]))
            )
            for entry in entries
        }

    def error_status(self, otherwise: int = 400) -> int:
        """The status of the form shown again: 422 for a control character, else the
        form's own (`otherwise`)."""
        return REFUSED_STATUS if self.problem is not None else otherwise

    def require_clean(self) -> None:
        """Refuse a control character with the error page (ControlCharacterError)."""
        if self.problem is not None:
            raise self.problem


async def read_form(request: AnyRequest) -> FormData:
    """A submitted form (see FormData: a handler must look at `refused` before it acts)."""
    form = await request.form()
    fields = [(key, value) for key, value in form.multi_items() if key != "_csrf_token"]
    errors = control_errors(fields, source="form")
    data: dict[str, Any] = {}
    for key, given in fields:
        value = without_controls(given) if isinstance(given, str) else given
        if key in data:
            existing = data[key]
            data[key] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            data[key] = value
    problem = ControlCharacterError(errors) if errors else None
    return FormData(data, problem, translator(lang_of(request)))


def fits(value: str, kind: Any) -> bool:
    """Whether a form field's text is a valid `kind` (a schema type such as `Email`), so a
    form checks a field by the very rule the service will apply."""
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError:
        return False
    return True


# msgspec names the refused field as "... - at `$.mandatoryCertificates[0].competence`".
REFUSED_AT = re.compile(r"at `\$((?:\.\w+|\[\d+\])+)`")
PATH_PART = re.compile(r"\w+")


def refused_path(exc: msgspec.ValidationError) -> list[str]:
    """Where msgspec refused a body, as keys and list positions outermost first
    (`["mandatoryCertificates", "0", "competence"]`); empty when it does not say."""
    found = REFUSED_AT.search(str(exc))
    return PATH_PART.findall(found.group(1)) if found else []


def form_values(data: Mapping[str, Any], *names: str) -> dict[str, str]:
    """The named text fields, stripped, with missing ones as ''."""
    return {name: str(data.get(name) or "").strip() for name in names}
