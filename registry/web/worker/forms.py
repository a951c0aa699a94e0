"""Reading the worker's two forms (experience, share) into the services' request types.

Each reader checks everything before anything is written, and returns the field errors as
message keys (`worker.error.<code>`) that the page shows next to the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from registry.sharing.shares import MAX_LIFETIME, is_uuid
from registry.web.pages import form_date
from schemas.common import NL_TIME
from schemas.wallet import ExperienceCreate, ShareCreate, WithheldPart

LIFETIMES = ("7", "30", "90")
OWN_DATE = "datum"
DEFAULT_LIFETIME = "30"
MAX_TITLE = 200
MAX_DESCRIPTION = 20_000
MAX_RECIPIENT = 254
MAX_CREDENTIALS = 500
Errors = dict[str, str]
PARTS: tuple[WithheldPart, ...] = ("name", "date", "notes")


def as_list(value: Any) -> list[str]:
    """A form field that may be given once, many times, or not at all."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in values if str(v).strip()]


def _date(value: str) -> dt.date | None:
    return form_date(value)


def read_experience(values: dict[str, str]) -> tuple[ExperienceCreate | None, Errors]:
    """The experience form as an ExperienceCreate, or the errors per field."""
    errors: Errors = {}
    title, description = values["title"], values["description"]
    if not title:
        errors["title"] = "worker.error.title-required"
    elif len(title) > MAX_TITLE:
        errors["title"] = "worker.error.title-long"
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = "worker.error.description-long"
    dates: dict[str, dt.date | None] = {}
    for name in ("start", "end"):
        try:
            dates[name] = _date(values[name])
        except ValueError:
            errors[name] = "worker.error.bad-date"
    start, end = dates.get("start"), dates.get("end")
    if start and end and end < start:
        errors["end"] = "worker.error.end-before-start"
    if errors:
        return None, errors
    return ExperienceCreate(title=title, description=description, start=start, end=end), {}


@dataclass(frozen=True, slots=True)
class ShareForm:
    """What the share form holds, as typed (to show it again after an error)."""

    credentials: list[str]
    recipient: str
    lifetime: str
    until: str
    # Per credential that offered the choice (a hidden `selective` field each), the parts
    # ticked to share; None: the form is new, every part ticked.
    keep: dict[str, list[str]] | None = None


def share_form(data: dict[str, Any], values: dict[str, str]) -> ShareForm:
    selective = [v for v in dict.fromkeys(as_list(data.get("selective"))) if is_uuid(v)]
    return ShareForm(
        # A browser sends each ticked box once; copies (a crafted post) count once.
        credentials=list(dict.fromkeys(as_list(data.get("credential")))),
        recipient=values["recipient"],
        lifetime=values["lifetime"] or DEFAULT_LIFETIME,
        until=values["until"],
        keep={
            v: [p for p in PARTS if p in as_list(data.get(f"keep-{v}"))]
            for v in selective[:MAX_CREDENTIALS]
        },
    )


def _withhold(form: ShareForm) -> dict[str, list[WithheldPart]] | None:
    """The parts left out (unticked) of each chosen credential that offered the choice: such
    a credential is shared in its SD-JWT VC form, with nothing left out too."""
    keep = form.keep or {}
    chosen = [v for v in form.credentials if v in keep]
    return {v: [p for p in PARTS if p not in keep[v]] for v in chosen} or None


def read_share(form: ShareForm, now: dt.datetime) -> tuple[ShareCreate | None, Errors]:
    """The share form as a ShareCreate, or the errors per field."""
    errors: Errors = {}
    if not form.credentials:
        errors["credentials"] = "worker.error.no-credential"
    elif len(form.credentials) > MAX_CREDENTIALS or not all(map(is_uuid, form.credentials)):
        errors["credentials"] = "worker.error.unknown-credential"
    if not form.recipient:
        errors["recipient"] = "worker.error.recipient-required"
    elif len(form.recipient) > MAX_RECIPIENT or "@" not in form.recipient:
        errors["recipient"] = "worker.error.bad-recipient"
    expires_at, field, error = _expiry(form, now)
    if error:
        errors[field] = error
    if errors or expires_at is None:
        return None, errors
    share = ShareCreate(
        credential_ids=form.credentials,
        recipient=form.recipient,
        expires_at=expires_at,
        withhold=_withhold(form),
    )
    return share, {}


def _expiry(form: ShareForm, now: dt.datetime) -> tuple[dt.datetime | None, str, str]:
    """When the link stops, or the field and error: a date typed in means the end of that day
    (Dutch time), whatever the menu says; else 7, 30 or 90 days from now. Without JavaScript
    the date field shows beside the menu, which always holds a choice (30 days unless
    changed), so a typed date is the one thing the worker surely chose; with JavaScript a
    hidden date field is not sent (`worker.js`). A date that is no date, is past, or is more
    than a year ahead is always an error, never passed over."""
    if form.until:
        moment, error = _until(form.until, now)
        return moment, "until", error
    if form.lifetime == OWN_DATE:
        return None, "until", "worker.error.date-required"
    if form.lifetime in LIFETIMES:
        return now + dt.timedelta(days=int(form.lifetime)), "", ""
    return None, "lifetime", "worker.error.lifetime"


def _until(typed: str, now: dt.datetime) -> tuple[dt.datetime | None, str]:
    """The end of the typed day in Dutch time, or the error key."""
    try:
        day = form_date(typed)
    except ValueError:
        day = None
    if day is None:
        return None, "worker.error.bad-date"
    moment = dt.datetime.combine(day, dt.time(23, 59), tzinfo=NL_TIME)
    if moment <= now:
        return None, "worker.error.date-past"
    if moment > now + MAX_LIFETIME:
        return None, "worker.error.bad-expiry"
    return moment, ""
