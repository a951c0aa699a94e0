"""Two languages: plain Dutch (B1) first, English on request.

Every text on the pages comes from one message table, keyed by a short dotted name, with the
Dutch and the English text side by side so that a reviewer sees both at once. Each area of the
site keeps its own table in `registry/web/messages/`; they are merged here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from litestar import Request

from registry.web.messages import MESSAGES
from schemas.common import NL_TIME

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")
DEFAULT_LANG: Lang = "nl"
LANG_COOKIE = "lang"

Translate = Callable[..., str]
# The statuses an issuer gives a credential that stop it from counting.
STOPPED = ("revoked", "suspended")


def lang_of(request: Request[Any, Any, Any]) -> Lang:
    """The visitor's language: the switch's cookie, else Dutch."""
    chosen = request.cookies.get(LANG_COOKIE)
    return chosen if chosen in LANGS else DEFAULT_LANG


def translator(lang: Lang) -> Translate:
    """`t("key", name=...)`: the text in this language, with `{name}` fields filled in.

    An unknown key raises KeyError, so a typo fails the page's test instead of showing a key.
    """
    column = LANGS.index(lang)

    def t(key: str, /, **fields: Any) -> str:
        text = MESSAGES[key][column]
        return text.format(**fields) if fields else text

    return t


def count_in_words(lang: Lang, count: int, key: str) -> str:
    """'1 minuut' / '3 minuten': a number with the singular or plural of `key` (messages
    `<key>.one` and `<key>.other`, each with `{count}`)."""
    form = "one" if count == 1 else "other"
    return MESSAGES[f"{key}.{form}"][LANGS.index(lang)].format(count=count)


def minutes_in_words(lang: Lang, seconds: int) -> str:
    """A wait in whole minutes, rounded up: '1 minuut', '15 minuten'."""
    return count_in_words(lang, max(1, -(-seconds // 60)), "count.minutes")


def day_in_words(lang: Lang, value: dt.date | dt.datetime | None) -> str:
    """'3 maart 2031' / '3 March 2031' (a moment on the Dutch calendar): words read easier
    than 03-03-2031."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(NL_TIME).date()
    month = MESSAGES[f"month.{value.month}"][LANGS.index(lang)]
    return f"{value.day} {month} {value.year}"


def status_change(lang: Lang, status: str, at: dt.datetime | None, reason: str | None) -> str:
    """Why and since when a credential stopped counting: "Ingetrokken op 3 december 2026.
    Reden: fraude." ('' while it counts). Parts the registry does not know are left out."""
    if status not in STOPPED:
        return ""
    t = translator(lang)
    date = day_in_words(lang, at)
    head = t(f"status_change.{status}", date=date) if at else t(f"verdict.{status}")
    if reason is None:
        return f"{head}."
    known = f"status_reason.{reason}" in MESSAGES
    words = t(f"status_reason.{reason}" if known else "status_reason.unspecified")
    return f"{head}. {t('status_change.reason', reason=words)}."


def error_text(lang: Lang, code: str, fallback: str, area: str | None = None) -> str:
    """A domain error in plain words: the area's own text (`<area>.error.<code>`, for a form
    that says it its own way), else the shared one (`error.<code>`), else the service's."""
    texts = (area and MESSAGES.get(f"{area}.error.{code}")) or MESSAGES.get(f"error.{code}")
    return texts[LANGS.index(lang)] if texts else fallback
