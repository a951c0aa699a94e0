"""Read an EDU-DEX program document (program.xsd v1.8, see `catalogue.xml.edudex`) into the
fields of a module and its runs, naming the line and element of anything we cannot take.

Only what a module holds is read; the rest of a program (contacts, admission, other costs)
is left alone. The reading is the inverse of our export (`export_edudex_program`), so that an
exported module read back gives the values it was exported from wherever EDU-DEX can carry
them; `catalogue.imports.edudex` keeps the module's own value where it cannot.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from lxml import etree

from catalogue.xml.edudex import EDUDEX_PROGRAM, INSTRUCTION_MODE, RUN_STATUS, XML_LANG
from schemas.catalogue import DeliveryMode, RunStatus
from schemas.errors.catalogue import BadImportDocumentError

NS: Final = {"p": EDUDEX_PROGRAM}
_MODE_OF_INSTRUCTION: Final = {value: mode for mode, value in INSTRUCTION_MODE.items()}
_MODE_OF_FORM: Final[dict[str, DeliveryMode]] = {
    "e-learning": "online",
    "distance learning": "online",
    "virtual classroom": "online",
    "dual": "on-the-job",
}
_DAYS_PER_UNIT: Final = {"day": 1, "week": 7, "month": 30, "year": 365}
_HIGHER_LEVELS: Final = {"associate": 5, "bachelor": 6, "master": 7, "PhD": 8}
_CERTIFICATE_WORDS: Final = {
    "module certificate": "Deelcertificaat",
    "certificate": "Certificaat",
    "diploma": "Diploma",
    "certificate of participation": "Bewijs van deelname",
    "mbo-certificaat": "Mbo-certificaat",
}
_POSTCODE: Final = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")


@dataclass
class ProgramRun:
    """One `programRun`: its id in the document and the fields of a run."""

    external_id: str
    line: int
    fields: dict[str, Any]


@dataclass
class Program:
    """One program document as module fields (the keys of `ModuleCreate`) and runs."""

    program_id: str
    org_unit_id: str
    in_publication: bool
    fields: dict[str, Any]
    runs: list[ProgramRun] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def bad(element: etree._Element | None, message: str) -> BadImportDocumentError:
    """The error for one element: its line and name first, as every import message is."""
    if element is None:
        return BadImportDocumentError(message)
    name = etree.QName(element).localname
    return BadImportDocumentError(f"line {element.sourceline}, <{name}>: {message}")


def _find(parent: etree._Element, path: str) -> etree._Element | None:
    return parent.find("/".join(f"p:{step}" for step in path.split("/")), NS)


def _all(parent: etree._Element, path: str) -> list[etree._Element]:
    return parent.findall("/".join(f"p:{step}" for step in path.split("/")), NS)


def _text(parent: etree._Element, path: str) -> str | None:
    element = _find(parent, path)
    if element is None or element.text is None or not element.text.strip():
        return None
    return element.text.strip()


def _required(parent: etree._Element, path: str) -> str:
    value = _text(parent, path)
    if value is None:
        raise bad(parent, f"{path} is missing")
    return value


def _lang_text(parent: etree._Element, path: str, language: str) -> str | None:
    """The text in the module's language, else the first one given."""
    elements = [e for e in _all(parent, path) if e.text and e.text.strip()]
    chosen = next((e for e in elements if e.get(XML_LANG) == language), None)
    chosen = chosen if chosen is not None else (elements[0] if elements else None)
    return None if chosen is None or chosen.text is None else chosen.text.strip()


def _number(element: etree._Element) -> int:
    text = (element.text or "").strip()
    if not text.isdigit():
        raise bad(element, f"{text!r} is not a whole number")
    return int(text)


def cents(element: etree._Element) -> int:
    """An `amount` in euros ("1250.00"; a decimal comma too) as cents."""
    text = (element.text or "").strip().replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise bad(element, f"{text!r} is not an amount") from None
    if value < 0 or value != value.quantize(Decimal("0.01")):
        raise bad(element, f"{text!r} is not an amount in euros and cents")
    return int(value * 100)


def _date(element: etree._Element | None, what: str, parent: etree._Element) -> dt.date:
    if element is None or not (element.text or "").strip():
        raise bad(parent, f"{what} is missing")
    try:
        return dt.date.fromisoformat((element.text or "").strip())
    except ValueError:
        raise bad(element, f"{element.text!r} is not a date (yyyy-mm-dd)") from None


def _tuition(parent: etree._Element) -> int | None:
    """The tuition fee among a run's costs (what our runs and modules call the price)."""
    for cost in _all(parent, "cost"):
        if _text(cost, "costType") in (None, "tuition fee"):
            amount = _find(cost, "amount")
            return None if amount is None else cents(amount)
    return None


def _language(root: etree._Element) -> str:
    code = _text(root, "programCurriculum/instructionLanguage/languageCode")
    if code in ("nl", "en"):
        return code
    names = _all(root, "programDescriptions/programName")
    langs = [e.get(XML_LANG) for e in names]
    return "en" if "nl" not in langs and "en" in langs else "nl"


def _delivery_mode(root: etree._Element) -> DeliveryMode:
    mode = _MODE_OF_INSTRUCTION.get(_text(root, "programCurriculum/instructionMode") or "")
    if mode is not None:
        return mode
    if _text(root, "programClassification/fullyOnline") in ("true", "1"):
        return "online"
    return _MODE_OF_FORM.get(_text(root, "programClassification/programForm") or "", "classroom")


def _level(root: etree._Element) -> dict[str, Any] | None:
    text = _text(root, "programClassification/programLevel") or "none"
    found = re.fullmatch(r"mbo niveau ([1-4])", text)
    if found:
        return {"scheme": "mbo", "value": int(found.group(1))}
    if text in _HIGHER_LEVELS:
        return {"scheme": "nlqf", "value": _HIGHER_LEVELS[text]}
    return None


def _load_and_duration(root: etree._Element) -> tuple[int | None, int | None]:
    """Study load in hours and duration in days, as far as the document gives them."""
    duration = _find(root, "programClassification/programDuration")
    days = hours = None
    if duration is not None:
        unit = duration.get("unit", "day")
        value = _number(duration)
        if unit == "hour":
            hours = value
        elif unit in _DAYS_PER_UNIT:
            days = value * _DAYS_PER_UNIT[unit]
        else:
            raise bad(duration, f"unit {unit!r} is not year, month, week, day or hour")
    load = _find(root, "programCurriculum/studyLoad")
    if load is not None:
        value = _number(load)
        weeks = None if days is None else max(1, days // 7)
        hours = value * weeks if load.get("period") == "week" and weeks else value
    return hours, days


def _subject(root: etree._Element, subject: str, language: str) -> str | None:
    for element in _all(root, "programDescriptions/subjectText"):
        if _text(element, "subject") == subject:
            return _lang_text(element, "summaryText", language)
    return None


def _fields(root: etree._Element) -> dict[str, Any]:
    language = _language(root)
    descriptions = _find(root, "programDescriptions")
    if descriptions is None:
        raise bad(root, "programDescriptions is missing")
    title = _lang_text(descriptions, "programName", language)
    if title is None:
        raise bad(descriptions, "programName is missing")
    summary = _lang_text(descriptions, "programSummaryText", language) or title
    hours, days = _load_and_duration(root)
    if hours is None:
        raise bad(root, "programCurriculum/studyLoad is missing (the study load in hours)")
    degree = _text(root, "programClassification/degree") or ""
    credits = _find(root, "programClassification/credits")
    generic = _find(root, "programSchedule/genericProgramRun")
    return {
        "title": title,
        "summary": summary,
        "description": _lang_text(descriptions, "programDescriptionText", language) or "",
        "language": language,
        "level": _level(root),
        "study_load_hours": hours,
        "credits": None
        if credits is None
        else {"value": float(credits.text or 0), "system": credits.get("system", "ECTS")},
        "duration_days": days,
        "delivery_mode": _delivery_mode(root),
        "prerequisites": _subject(root, "admission", language) or "",
        "certificate": f"{_CERTIFICATE_WORDS.get(degree, 'Certificaat')} {title}"[:200],
        "price_cents": None if generic is None else _tuition(generic),
    }


def _run_status(run: etree._Element) -> RunStatus:
    status = _find(run, "status")
    text = _text(run, "status")
    if text == RUN_STATUS["open"]:
        start = _find(run, "startDate")
        final = start is None or start.get("isFinal", "true") in ("true", "1")
        return "open" if final else "planned"
    if text == RUN_STATUS["full"]:
        return "full"
    if text == RUN_STATUS["cancelled"]:
        return "cancelled"
    raise bad(status if status is not None else run, f"run status {text!r} is not known")


def _run(run: etree._Element, warnings: list[str], program_id: str) -> ProgramRun | None:
    external_id = _required(run, "id")
    start = _date(_find(run, "startDate"), "startDate", run)
    end = _date(_find(run, "endDate"), "endDate", run)
    if end < start:
        raise bad(_find(run, "endDate"), "endDate is before startDate")
    place = _text(run, "location/city") or _text(run, "location/locationName")
    postcode = (_text(run, "location/zipcode") or "").upper()
    if place is None or not _POSTCODE.match(postcode):
        warnings.append(
            f"line {run.sourceline}: program {program_id} run {external_id} has no place with "
            "a Dutch postcode and was left out"
        )
        return None
    seats = _find(run, "maxNumberOfParticipants")
    return ProgramRun(
        external_id=external_id,
        line=int(getattr(run, "sourceline", 0) or 0),
        fields={
            "start_date": start,
            "end_date": end,
            "place": place[:200],
            "postcode": postcode,
            "seats": 0 if seats is None else _number(seats),
            "price_cents": _tuition(run),
            "status": _run_status(run),
        },
    )


def read_program(root: etree._Element) -> Program:
    """The program document `root` as module fields and runs, or `bad-import-document`."""
    if root.tag != f"{{{EDUDEX_PROGRAM}}}program":
        raise bad(root, f"not an EDU-DEX program document (root {root.tag})")
    program_id = _required(root, "programClassification/programId")
    warnings: list[str] = []
    runs = [_run(r, warnings, program_id) for r in _all(root, "programSchedule/programRun")]
    ids = [r.external_id for r in runs if r is not None]
    if len(ids) != len(set(ids)):
        raise bad(_find(root, "programSchedule"), "two runs have the same id")
    return Program(
        program_id=program_id,
        org_unit_id=_required(root, "programClassification/orgUnitId"),
        in_publication=_text(root, "inPublication") not in ("false", "0"),
        fields=_fields(root),
        runs=[r for r in runs if r is not None],
        warnings=warnings,
    )
