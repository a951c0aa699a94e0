"""EDU-DEX program XML (program.xsd v1.8) for one module version.

EDU-DEX publishes no public XSD; element names, nesting and enumerations follow the JSON form
of program.xsd in the EDU-DEX Data API spec, XML details follow the notes in the standards
folder (children in alphabetical `xs:sequence` order, `xml:lang` on texts, `unit`/`period`
attributes). `check_edudex_program` is our structural stand-in for XSD validation.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from lxml import etree

from catalogue.xml.edudex_check import ORG_UNIT_ID, check_edudex_program
from schemas.catalogue import DeliveryMode, Level, ModuleDocument, RunDocument, RunStatus

__all__ = ["EDUDEX_PROGRAM", "check_edudex_program", "export_edudex_program"]

EDUDEX_PROGRAM: Final = "http://studieData.nl/schema/edudex/program"
XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
# The `format` value used by published feeds; EDU-DEX documents no other.
FORMAT: Final = "EDU-DEX 1.0"
GENERATOR: Final = "llo-registry"

RUN_STATUS: Final[dict[RunStatus, str]] = {
    "planned": "application opened",
    "open": "application opened",
    "full": "application closed",
    "cancelled": "canceled",
}
PROGRAM_FORM: Final[dict[DeliveryMode, str]] = {
    "classroom": "part-time",  # modules are taken next to a job
    "online": "e-learning",
    "blended": "part-time",
    "on-the-job": "dual",
}
INSTRUCTION_MODE: Final[dict[DeliveryMode, str]] = {
    "classroom": "classroom teaching",
    "online": "self study",
    "blended": "blended learning",
    "on-the-job": "traineeship",
}
CREDIT_SYSTEMS: Final = frozenset({"ECTS", "KRT", "CE", "PE", "CCV", "VYN"})
_HIGHER_LEVELS: Final = {5: "associate", 6: "bachelor", 7: "master", 8: "PhD"}


def _sub(parent: etree._Element, tag: str, text: str | None = None, *, lang: str | None = None,
         **attrib: str) -> etree._Element:  # fmt: skip
    child = etree.SubElement(parent, f"{{{EDUDEX_PROGRAM}}}{tag}", attrib)
    if lang is not None:
        child.set(XML_LANG, lang)
    if text is not None:
        child.text = text
    return child


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def program_level(level: Level | None) -> str:
    """EDU-DEX programLevel; NLQF/EQF 1-4 sit at mbo levels 1-4, 5-8 at higher education."""
    if level is None:
        return "none"
    if level.value <= 4:
        return f"mbo niveau {level.value}"
    return _HIGHER_LEVELS[level.value]


def _cost(parent: etree._Element, cents: int) -> None:
    # Order is the XSD sequence: amount, amountIsFinal, costType, currency, id, isRequiredCost.
    cost = _sub(parent, "cost")
    _sub(cost, "amount", _money(cents))
    _sub(cost, "amountIsFinal", "true")
    _sub(cost, "costType", "tuition fee")
    _sub(cost, "currency", "EUR")
    _sub(cost, "id", "tuition-fee")
    _sub(cost, "isRequiredCost", "true")


def _admission(root: etree._Element, module: ModuleDocument) -> None:
    admission = _sub(root, "programAdmission")
    has_open_run = any(run.status == "open" for run in module.runs)
    is_open = has_open_run or (not module.runs and module.status == "published")
    _sub(admission, "applicationOpen", _bool(is_open))
    _sub(admission, "applicationType", "individual")
    _sub(admission, "paymentDue", "up-front")
    determination = "fixed starting date" if module.runs else "agreed starting date"
    _sub(admission, "startDateDetermination", determination)


def _classification(root: etree._Element, module: ModuleDocument, org_unit_id: str) -> None:
    classification = _sub(root, "programClassification")
    if module.credits is not None and module.credits.system in CREDIT_SYSTEMS:
        _sub(classification, "credits", f"{module.credits.value:g}", system=module.credits.system)
    _sub(classification, "degree", "module certificate")
    _sub(classification, "fullyOnline", _bool(module.delivery_mode == "online"))
    _sub(classification, "orgUnitId", org_unit_id)
    if module.duration_days is not None:
        _sub(classification, "programDuration", str(module.duration_days), unit="day")
    else:
        _sub(classification, "programDuration", str(module.study_load_hours), unit="hour")
    _sub(classification, "programForm", PROGRAM_FORM[module.delivery_mode])
    _sub(classification, "programId", str(module.id))
    _sub(classification, "programLevel", program_level(module.level))
    places = sorted({run.place for run in module.runs if run.status != "cancelled"})
    if not places:
        places = ["Online" if module.delivery_mode == "online" else "Location by agreement"]
    for place in places:
        _sub(_sub(classification, "programLocation"), "description", place)
    _sub(classification, "programType", "training")
    _sub(classification, "programUUID", str(module.id))


def _contacts(root: etree._Element, module: ModuleDocument) -> None:
    contact = _sub(_sub(root, "programContacts"), "contactData")
    _sub(contact, "contactName", module.provider.name)
    _sub(contact, "role", "provider")
    if module.provider.website:
        _sub(contact, "webLink", module.provider.website, lang=module.language)


def _curriculum(root: etree._Element, module: ModuleDocument) -> None:
    curriculum = _sub(root, "programCurriculum")
    language = _sub(curriculum, "instructionLanguage")
    _sub(language, "languageCode", module.language)
    _sub(language, "percentage", "100")
    _sub(curriculum, "instructionMode", INSTRUCTION_MODE[module.delivery_mode])
    _sub(curriculum, "studyLoad", str(module.study_load_hours), period="program")


def _descriptions(root: etree._Element, module: ModuleDocument) -> None:
    descriptions = _sub(root, "programDescriptions")
    lang = module.language
    text = module.description or module.summary or module.title
    _sub(descriptions, "programDescriptionText", _clip(text, 1200), lang=lang)
    _sub(descriptions, "programName", _clip(module.title, 200), lang=lang)
    _sub(descriptions, "programSummaryText", _clip(module.summary or module.title, 200), lang=lang)
    if module.prerequisites:
        subject = _sub(descriptions, "subjectText")
        _sub(subject, "subject", "admission")
        _sub(subject, "summaryText", _clip(module.prerequisites, 500), lang=lang)
    if module.competences:
        labels = "; ".join(c.labels.get(lang, c.label) for c in module.competences)
        subject = _sub(descriptions, "subjectText")
        _sub(subject, "subject", "competencies")
        _sub(subject, "summaryText", _clip(labels, 500), lang=lang)
    _sub(descriptions, "webLink", module.url, lang=lang)


def _run(schedule: etree._Element, module: ModuleDocument, run: RunDocument) -> None:
    element = _sub(schedule, "programRun")
    price = run.price_cents if run.price_cents is not None else module.price_cents
    if price is not None:
        _cost(element, price)
    # Dates of a planned run may still move; EDU-DEX marks such dates as not final.
    final = _bool(run.status != "planned")
    _sub(element, "endDate", run.end_date.isoformat(), isFinal=final)
    _sub(element, "id", str(run.id))
    location = _sub(element, "location")
    _sub(location, "city", run.place)
    _sub(location, "country", "nl")
    _sub(location, "locationName", run.place, lang=module.language)
    _sub(location, "zipcode", run.postcode)
    _sub(element, "maxNumberOfParticipants", str(run.seats))
    _sub(element, "startDate", run.start_date.isoformat(), isFinal=final)
    _sub(element, "status", RUN_STATUS[run.status])


def _schedule(root: etree._Element, module: ModuleDocument) -> None:
    schedule = _sub(root, "programSchedule")
    if not module.runs and module.price_cents is not None:
        _cost(_sub(schedule, "genericProgramRun"), module.price_cents)
    for run in module.runs:
        _run(schedule, module, run)


def export_edudex_program(
    module: ModuleDocument, *, org_unit_id: str, generated_at: dt.datetime
) -> bytes:
    """One EDU-DEX `program` document; `org_unit_id` is the provider's EDU-DEX org unit."""
    if not re.fullmatch(ORG_UNIT_ID, org_unit_id):
        raise ValueError(f"orgUnitId {org_unit_id!r} does not match {ORG_UNIT_ID}")
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    # lxml-stubs do not allow the None key lxml uses for the default namespace.
    nsmap: dict[str, str] = {None: EDUDEX_PROGRAM, "xsi": XSI}  # type: ignore[dict-item]
    root = etree.Element(f"{{{EDUDEX_PROGRAM}}}program", nsmap=nsmap)
    root.set(f"{{{XSI}}}schemaLocation", f"{EDUDEX_PROGRAM} {EDUDEX_PROGRAM}.xsd")
    _sub(root, "editor", module.provider.name)
    _sub(root, "format", FORMAT)
    _sub(root, "generator", GENERATOR)
    _sub(root, "inPublication", _bool(module.status == "published"))
    _sub(root, "lastEdited", generated_at.isoformat(timespec="seconds"))
    _admission(root, module)
    _classification(root, module, org_unit_id)
    _contacts(root, module)
    _curriculum(root, module)
    _descriptions(root, module)
    _schedule(root, module)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
