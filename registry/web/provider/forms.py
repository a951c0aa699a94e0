"""The provider's forms as request bodies: module and run fields, checked with Dutch messages.

Each field is checked here first so that a person gets one clear message per field; the
services' own types (ModuleCreate, ModulePatch, RunCreate) still decide in the end, and a
field they refuse is mapped back to its form field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import known_uris, list_competences
from registry.web.i18n import Translate
from registry.web.pages import form_date, form_values, refused_path
from schemas.catalogue import ModuleOut
from schemas.levels import LEVELS as ALL_LEVELS
from schemas.levels import level_key, parse_level_key

T = TypeVar("T")

MODULE_FIELDS = (
    "title",
    "summary",
    "description",
    "level",
    "study_load_hours",
    "delivery_mode",
    "sectors",
    "competences",
    "certificate",
)
RUN_FIELDS = ("start_date", "end_date", "place", "postcode", "seats", "status")
MODES = ("classroom", "online", "blended", "on-the-job")
# The level choices of the module form, as form values (`mbo-3`).
LEVELS = [level_key(scheme, value) for scheme, value in ALL_LEVELS]
RUN_STATUSES = ("open", "planned")
MAX_COMPETENCES = 50
SECTOR = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")
URI_IN_LINE = re.compile(r"(?:https?://|urn:)\S+")
WIRE_TO_FIELD = {
    "title": "title",
    "summary": "summary",
    "description": "description",
    "level": "level",
    "studyLoadHours": "study_load_hours",
    "deliveryMode": "delivery_mode",
    "sectors": "sectors",
    "competences": "competences",
    "certificate": "certificate",
    "startDate": "start_date",
    "endDate": "end_date",
    "place": "place",
    "postcode": "postcode",
    "seats": "seats",
    "status": "status",
}


@dataclass
class Checked:
    """A form's stripped values, its field errors, and the request body when there are none."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)


def _whole(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value)
    except ValueError:
        return None
    return number if low <= number <= high else None


def convert(checked: Checked, kind: type[T], t: Translate, prefix: str) -> T | None:
    """The body as the service's type; a refused field becomes that field's error."""
    try:
        return msgspec.convert(checked.body, type=kind)
    except msgspec.ValidationError as exc:
        path = refused_path(exc)
        name = WIRE_TO_FIELD.get(path[0], "") if path else ""
        key = name or next(iter(checked.values))
        checked.errors[key] = t(f"{prefix}.invalid.{key}")
        return None


# ---------------------------------------------------------------- modules


def module_values(module: ModuleOut) -> dict[str, str]:
    """The form's values for editing a module's newest version."""
    doc = module.current
    return {
        "title": doc.title,
        "summary": doc.summary,
        "description": doc.description,
        "level": level_key(doc.level.scheme, doc.level.value) if doc.level else "",
        "study_load_hours": str(doc.study_load_hours),
        "delivery_mode": doc.delivery_mode,
        "sectors": ", ".join(doc.sectors),
        "competences": "\n".join(f"{c.label} | {c.uri}" for c in doc.competences),
        "certificate": doc.certificate,
    }


async def check_module(session: AsyncSession, data: Mapping[str, Any], t: Translate) -> Checked:
    """Check the module form; `body` is the camelCase ModuleCreate/ModulePatch body."""
    values = form_values(data, *MODULE_FIELDS)
    checked = Checked(values=values)
    errors = checked.errors
    if not values["title"]:
        errors["title"] = t("provider.module.invalid.title")
    hours = _whole(values["study_load_hours"], 1, 10_000)
    if hours is None:
        errors["study_load_hours"] = t("provider.module.invalid.study_load_hours")
    if values["delivery_mode"] not in MODES:
        errors["delivery_mode"] = t("provider.module.invalid.delivery_mode")
    level = parse_level_key(values["level"])
    if values["level"] and level is None:
        errors["level"] = t("provider.module.invalid.level")
    sectors = [s for s in re.split(r"[\s,;]+", values["sectors"].lower()) if s]
    if not all(SECTOR.match(s) for s in sectors):
        errors["sectors"] = t("provider.module.invalid.sectors")
    uris = await _competence_uris(session, values["competences"], t, errors)
    checked.body = {
        "title": values["title"],
        "summary": values["summary"],
        "description": values["description"],
        "level": {"scheme": level[0], "value": level[1]} if level is not None else None,
        "studyLoadHours": hours,
        "deliveryMode": values["delivery_mode"],
        "sectors": list(dict.fromkeys(sectors)),
        "competences": [{"uri": uri} for uri in uris],
        # The certificate's name may be left empty: most providers name it after the module.
        "certificate": values["certificate"]
        or t("provider.module.certificate_default", title=values["title"]),
    }
    return checked


async def _competence_uris(
    session: AsyncSession, text: str, t: Translate, errors: dict[str, str]
) -> list[str]:
    """One competence per line: its URI (a label may stand before it) or its exact label."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_COMPETENCES:
        errors["competences"] = t("provider.module.too_many_competences", count=MAX_COMPETENCES)
        return []
    uris: list[str] = []
    for line in lines:
        found = URI_IN_LINE.search(line)
        uri = await (_known_uri(session, found.group(0)) if found else _uri_of_label(session, line))
        if uri is None:
            errors["competences"] = t("provider.module.unknown_competence", line=line)
            return []
        if uri == "":
            errors["competences"] = t("provider.module.ambiguous_competence", line=line)
            return []
        if uri not in uris:
            uris.append(uri)
    return uris


async def _known_uri(session: AsyncSession, uri: str) -> str | None:
    return uri if uri in await known_uris(session, [uri]) else None


async def _uri_of_label(session: AsyncSession, label: str) -> str | None:
    """The URI of the competence with this label; '' when several fit and none exactly."""
    found = await list_competences(session, q=label, framework=None, limit=20, offset=0)
    exact = [
        c
        for c in found.items
        if label.casefold() in (c.label.casefold(), *(v.casefold() for v in c.labels.values()))
    ]
    if len(exact) == 1:
        return exact[0].uri
    if len(found.items) == 1:
        return found.items[0].uri
    return None if not found.items else ""


# ---------------------------------------------------------------- runs


def check_run(data: Mapping[str, Any], t: Translate) -> Checked:
    """Check the form for a new run; `body` is the camelCase RunCreate body."""
    values = form_values(data, *RUN_FIELDS)
    values["postcode"] = values["postcode"].upper()
    checked = Checked(values=values)
    errors = checked.errors
    dates: dict[str, dt.date] = {}
    for name in ("start_date", "end_date"):
        try:
            day = form_date(values[name])
        except ValueError:
            day = None
        if day is None:
            errors[name] = t(f"provider.run.invalid.{name}")
        else:
            dates[name] = day
    if len(dates) == 2 and dates["end_date"] < dates["start_date"]:
        errors["end_date"] = t("provider.run.end_before_start")
    if not values["place"]:
        errors["place"] = t("provider.run.invalid.place")
    if not POSTCODE.match(values["postcode"]):
        errors["postcode"] = t("provider.run.invalid.postcode")
    seats = _whole(values["seats"], 0, 10_000)
    if seats is None:
        errors["seats"] = t("provider.run.invalid.seats")
    if values["status"] not in RUN_STATUSES:
        errors["status"] = t("provider.run.invalid.status")
    checked.body = {
        "startDate": values["start_date"],
        "endDate": values["end_date"],
        "place": values["place"],
        "postcode": values["postcode"],
        "seats": seats,
        "status": values["status"],
    }
    return checked
