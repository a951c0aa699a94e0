"""Structural check of an EDU-DEX program document, standing in for the unpublished XSD.

The rules are the required fields, enumerations and patterns of program_in (the JSON form of
program.xsd v1.8) for the elements we emit, plus the XML rules from the EDU-DEX notes:
children in alphabetical order, `xml:lang` on texts, `unit`/`period`/`isFinal` attributes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping
from typing import Final, TypeVar

from lxml import etree

from schemas.catalogue import EDUDEX_ORG_UNIT_ID

NS: Final = "http://studieData.nl/schema/edudex/program"
XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
T = TypeVar("T")

ORG_UNIT_ID: Final = EDUDEX_ORG_UNIT_ID
PROGRAM_ID: Final = r"[- #&'()+,./0-9:?A-Z_a-z|éëïü{}]{1,64}"

REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "program": ("editor", "format", "generator", "lastEdited", "programAdmission",
                "programClassification", "programContacts", "programCurriculum",
                "programDescriptions", "programSchedule"),
    "programAdmission": ("applicationOpen", "applicationType", "paymentDue",
                         "startDateDetermination"),
    "programClassification": ("degree", "orgUnitId", "programDuration", "programForm",
                              "programId", "programLevel", "programLocation", "programType"),
    "programDescriptions": ("programDescriptionText", "programName", "programSummaryText"),
    "programRun": ("endDate", "id", "startDate", "status"),
    "cost": ("amount", "amountIsFinal", "costType", "currency", "id", "isRequiredCost"),
    "contactData": ("contactName", "role"),
    "instructionLanguage": ("languageCode", "percentage"),
    "programLocation": ("description",),
    "subjectText": ("subject",),
}  # fmt: skip

_LEVELS: Final = frozenset({
    "none", "propedeuse", "associate", "bachelor", "master", "post-hbo", "academic bachelor",
    "academic master", "PhD", "post-academic", "mavo", "havo", "vwo", "vbo", "vmbo",
    "vmbo/mavo", "lbo", "mbo", "hbo", "wo", "mbo niveau 1", "mbo niveau 2", "mbo niveau 3",
    "mbo niveau 4", "mbo+",
})  # fmt: skip
# Only the `degree` values a training module can carry; academic titles are left out on purpose.
_DEGREES: Final = frozenset({
    "", "none", "certificate", "diploma", "certificate on request",
    "certificate of participation", "testimonial", "module certificate", "mbo niveau 1",
    "mbo niveau 2", "mbo niveau 3", "mbo niveau 4", "mbo-verklaring", "mbo-certificaat",
})  # fmt: skip
ENUMS: Final[dict[str, frozenset[str]]] = {
    "applicationType": frozenset({"individual", "group"}),
    "paymentDue": frozenset({"up-front", "afterwards", "installments"}),
    "startDateDetermination": frozenset(
        {"fixed starting date", "agreed starting date", "direct start"}
    ),
    "degree": _DEGREES,
    "programForm": frozenset({"dual", "full-time", "part-time", "evening education",
                              "distance learning", "e-learning", "virtual classroom"}),
    "programLevel": _LEVELS,
    "programType": frozenset({"regular", "coaching", "conference", "educational", "exam",
                              "internship", "research", "self study", "traineeship", "training",
                              "virtual classroom", "webinar", "workshop", "document", "lecture",
                              "master class", "mbo module"}),
    "programRun/status": frozenset({"application opened", "application closed", "canceled"}),
    "costType": frozenset({"certificate", "cost of living", "examination", "excursions",
                           "housing", "insurance", "location", "lunch", "dinner",
                           "registration fee", "study material", "tuition fee", "visa/permit",
                           "coaching", "accommodation", "second accommodation",
                           "single payment discount"}),
    "subject": frozenset({"student profile", "characteristics", "curriculum",
                          "instruction modes", "1st year", "2nd year", "3rd year", "4th year",
                          "accreditation", "additional costs", "after graduation", "admission",
                          "application", "base courses", "contact", "enrollment",
                          "commercial partners", "competencies", "course schedule",
                          "draw selection", "education", "graduation", "internship",
                          "job perspective", "library", "matching", "numerus fixus",
                          "objectives", "program guide", "program start", "related programs",
                          "scheduled hours", "short program", "study abroad", "study advise",
                          "study load", "teachers", "tuition fee", "student testimonial",
                          "teacher testimonial", "alumnus testimonial", "description"}),
    "instructionMode": frozenset({
        "active learning", "blended learning", "case study", "classroom teaching", "coaching",
        "colloquium", "computer exercise", "computer modeling", "design project", "excursion",
        "exhibition", "gaming", "group assignment", "group discussion", "home study",
        "individual assignment", "individual guidance", "integration module", "internship",
        "laboratory work", "lecture", "literature study", "management game", "research",
        "research project", "research proposal", "roleplay", "oral presentation", "portfolio",
        "poster presentation", "practicum", "project", "self evaluation", "self study",
        "seminar", "simulation", "thesis", "tutorial", "traineeship", "training",
        "virtual classroom", "webinar", "working group", "workshop"}),
}  # fmt: skip
PATTERNS: Final[dict[str, str]] = {
    "programId": PROGRAM_ID,
    "orgUnitId": ORG_UNIT_ID,
    "programUUID": r"[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}",
    "programRun/id": r"[-a-zA-Z0-9_.{} /]{1,64}",
    "cost/id": r"[-a-zA-Z0-9_.{}]{1,64}",
    "amount": r"[-+]?[0-9]+(\.[0-9]{2})?",
    "currency": r"[A-Z]{3}",
    "languageCode": r"[a-z][a-z]",
    "percentage": r"[0-9]{1,3}",
    "maxNumberOfParticipants": r"[0-9]+",
    "programDuration": r"[0-9]+",
    "studyLoad": r"[1-9][0-9]*",
}
BOOLEANS: Final = frozenset(
    {"applicationOpen", "fullyOnline", "inPublication", "amountIsFinal", "isRequiredCost"}
)
DATES: Final = frozenset({"startDate", "endDate"})
# Language-dependent texts with their maximum length (0: no limit).
TEXTS: Final = {"programName": 200, "programSummaryText": 200, "programDescriptionText": 1200,
                "summaryText": 500, "webLink": 0, "locationName": 200}  # fmt: skip
ATTRIBUTES: Final = {
    "programDuration": ("unit", frozenset({"year", "month", "week", "day", "hour"})),
    "studyLoad": ("period", frozenset({"week", "program"})),
    "startDate": ("isFinal", frozenset({"true", "false", "1", "0"})),
    "endDate": ("isFinal", frozenset({"true", "false", "1", "0"})),
    "credits": ("system", frozenset({"ECTS", "KRT", "CE", "PE", "CCV", "VYN"})),
}


def _rule(table: Mapping[str, T], parent: str, name: str) -> T | None:
    """The rule for `parent/name` if there is one, else the rule for `name`."""
    return table.get(f"{parent}/{name}", table.get(name))


def _check_value(element: etree._Element, parent: str, name: str) -> list[str]:
    text = element.text or ""
    problems = []
    enum = _rule(ENUMS, parent, name)
    if enum is not None and text not in enum:
        problems.append(f"{parent}/{name}: {text!r} is not an allowed value")
    pattern = _rule(PATTERNS, parent, name)
    if pattern is not None and not re.fullmatch(pattern, text):
        problems.append(f"{parent}/{name}: {text!r} does not match {pattern}")
    if name in BOOLEANS and text not in {"true", "false", "1", "0"}:
        problems.append(f"{parent}/{name}: {text!r} is not a boolean")
    if name in DATES:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            problems.append(f"{parent}/{name}: {text!r} is not a date")
    if name in TEXTS:
        if not re.fullmatch(r"[a-z]{2}", element.get(XML_LANG, "")):
            problems.append(f"{parent}/{name}: missing xml:lang")
        if TEXTS[name] and len(text) > TEXTS[name]:
            problems.append(f"{parent}/{name}: longer than {TEXTS[name]} characters")
    if name in ATTRIBUTES:
        attribute, allowed = ATTRIBUTES[name]
        if element.get(attribute) not in allowed:
            problems.append(f"{parent}/{name}: @{attribute} {element.get(attribute)!r} invalid")
    return problems


def _check_children(element: etree._Element, name: str) -> list[str]:
    children = [etree.QName(child).localname for child in element if isinstance(child.tag, str)]
    problems = [f"{name}: missing {req}" for req in REQUIRED.get(name, ()) if req not in children]
    ordered = [child for child in children if not child.endswith("Free")]
    for before, after in itertools.pairwise(ordered):
        if after < before:
            problems.append(f"{name}: {after} must come before {before}")
            break
    return problems


def check_edudex_program(root: etree._Element) -> list[str]:
    """Problems found in a `program` document; an empty list means it passed."""
    if root.tag != f"{{{NS}}}program":
        return [f"root must be {{{NS}}}program, not {root.tag}"]
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        if etree.QName(element).namespace != NS:
            problems.append(f"{element.tag}: not in the program namespace")
            continue
        name = etree.QName(element).localname
        parent = element.getparent()
        parent_name = etree.QName(parent).localname if parent is not None else ""
        problems += _check_children(element, name)
        problems += _check_value(element, parent_name, name)
    return problems
