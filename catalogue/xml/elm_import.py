"""Import an ELM v3.1 LOQ document back into module fields.

Reads our own exports losslessly (see `elm_export` for where each field lives) and other
publishers' documents as far as they carry what a module needs. Everything is validated
against the LOQ schema first and then against our own wire types, so nothing unchecked leaves.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TypeVar
from uuid import UUID

import msgspec
from lxml import etree

from catalogue.xml.elm_types import (
    ImportedCompetence,
    ImportedFramework,
    ImportedModule,
    ImportedProvider,
    ImportedRun,
)
from catalogue.xml.elm_vocab import (
    CREDIT_FRAMEWORKS,
    DC,
    EQF_PREFIX,
    EUR,
    KVK_SCHEME,
    LANGUAGE_URIS,
    MODE_URIS,
    NLQF_URIS,
    NOTE_CERTIFICATE,
    NOTE_COMPETENCE_LEVEL,
    NOTE_CREDITS,
    NOTE_FRAMEWORK,
    NOTE_FRAMEWORK_NAME,
    NOTE_FRAMEWORK_VERSION,
    NOTE_RUN_STATUS,
    NOTE_SEATS,
    NOTE_SECTOR,
    SCHEME_MODULE_VERSION,
    SCHEME_PROVIDER_ID,
    SCHEME_PROVIDER_SLUG,
    SCHEME_RUN,
    SKOS,
    q,
    validate_loq,
)
from catalogue.xml.safe import XmlContentError
from schemas.catalogue import (
    CompetenceRef,
    Credits,
    Level,
    ModuleCreate,
    ProviderCreate,
    RunCreate,
)
from schemas.levels import is_scheme

S = TypeVar("S", bound=msgspec.Struct)

_LANGUAGES = {uri: code for code, uri in LANGUAGE_URIS.items()}
_MODES = {uri: mode for mode, uri in MODE_URIS.items()}
_CREDIT_SYSTEMS = {uri: system for system, uri in CREDIT_FRAMEWORKS.items()}
_NLQF = {uri: value for value, uri in NLQF_URIS.items()}
_DAYS = re.compile(r"^P(\d+)D$")
_HOURS = re.compile(r"^PT(\d+)H$")


class _IncompleteError(Exception):
    """Something a module needs is missing or unreadable."""


def _checked(cls: type[S], **fields: object) -> S:
    """Build a wire type and run its constraints (plain construction skips `Meta` checks)."""
    value = cls(**fields)
    return msgspec.convert(msgspec.to_builtins(value), cls)


def _path(*tags: str) -> str:
    return "/".join(tags)


def _texts(element: etree._Element, tag: str) -> dict[str, str]:
    """Language-tagged strings (`language` attribute) of the children named `tag`."""
    return {c.get("language", ""): c.text or "" for c in element.findall(tag)}


def _pick(texts: dict[str, str], language: str) -> str | None:
    return texts.get(language, next(iter(texts.values()), None))


def _notes(element: etree._Element) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for note in element.findall(q("additionalNote")):
        subject = note.find(q("subject", DC))
        key = subject.get("uri", "") if subject is not None else ""
        notes.setdefault(key, []).append(note.findtext(q("noteLiteral")) or "")
    return notes


def _identifiers(element: etree._Element) -> dict[str, str]:
    """Our identifiers by scheme URI (`schemeId`)."""
    return {
        ident.findtext(q("schemeId")) or "": ident.findtext(q("notation", SKOS)) or ""
        for ident in element.findall(q("identifier"))
    }


def _refs(element: etree._Element, tag: str) -> list[str]:
    return [child.get("idref", "") for child in element.findall(q(tag))]


def _price_cents(element: etree._Element) -> int | None:
    for amount in element.iterfind(_path(q("priceDetail"), q("amount"))):
        unit = amount.find(q("unit"))
        if unit is None or unit.get("uri") != EUR:
            continue
        try:
            cents = Decimal(amount.findtext(q("value")) or "") * 100
        except InvalidOperation:
            raise _IncompleteError("price is not a decimal") from None
        if cents != cents.to_integral_value():
            raise _IncompleteError(f"price {cents / 100} has fractions of cents")
        return int(cents)
    return None


def _level(spec: etree._Element) -> Level | None:
    for concept in spec.findall(q("educationLevel")):
        # Our own notation, `<scheme>:<value>`; a value beyond its scheme's range is refused.
        scheme, colon, value = (concept.findtext(q("notation", SKOS)) or "").partition(":")
        uri = concept.get("uri", "")
        if colon and is_scheme(scheme) and value.isdigit():
            return Level(scheme=scheme, value=int(value))
        if uri.startswith(EQF_PREFIX) and uri[len(EQF_PREFIX) :].isdigit():
            return Level(scheme="eqf", value=int(uri[len(EQF_PREFIX) :]))
        if uri in _NLQF:
            return Level(scheme="nlqf", value=_NLQF[uri])
    return None


def _credits(spec: etree._Element, notes: dict[str, list[str]]) -> Credits | None:
    point = spec.find(q("creditPoint"))
    if point is not None:
        framework = point.find(q("framework"))
        system = _CREDIT_SYSTEMS.get(framework.get("uri", "") if framework is not None else "")
        if system is not None:
            return Credits(value=float(point.findtext(q("point")) or ""), system=system)
    for text in notes.get(NOTE_CREDITS, []):
        system, _, value = text.partition(" ")
        return Credits(value=float(value), system=system)
    return None


class _Index:
    """Elements of one document by id, for following `idref`s."""

    def __init__(self, root: etree._Element) -> None:
        def by_id(container: str, tag: str = "*") -> dict[str, etree._Element]:
            found = root.iterfind(_path(q(container), q(tag) if tag != "*" else "*"))
            return {element.get("id", ""): element for element in found}

        self.opportunities = by_id("learningOpportunityReferences", "learningOpportunity")
        self.specifications = by_id("learningAchievementSpecificationReferences")
        self.outcomes = by_id("learningOutcomeReferences", "learningOutcome")
        self.organisations = by_id("agentReferences", "organisation")
        self.locations = by_id("locationReferences", "location")


def _competence(outcome: etree._Element) -> ImportedCompetence | None:
    skill = outcome.find(q("relatedSkill"))
    if skill is None:
        skill = outcome.find(q("relatedESCOSkill"))
    if skill is None:
        return None  # a plain learning outcome, not one of our competences
    labels = _texts(skill, q("prefLabel", SKOS)) or _texts(outcome, q("title"))
    notes = _notes(outcome)
    framework = None
    if slug := next(iter(notes.get(NOTE_FRAMEWORK, [])), None):
        framework = ImportedFramework(
            slug=slug,
            name=next(iter(notes.get(NOTE_FRAMEWORK_NAME, [])), None),
            uri=skill.findtext(q("inScheme", SKOS)),
            version=next(iter(notes.get(NOTE_FRAMEWORK_VERSION, [])), None),
        )
    return ImportedCompetence(
        uri=skill.get("uri", ""),
        labels=labels,
        code=skill.findtext(q("notation", SKOS)),
        level=next(iter(notes.get(NOTE_COMPETENCE_LEVEL, [])), None),
        framework=framework,
    )


def _slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _provider(organisation: etree._Element) -> ImportedProvider:
    identifiers = _identifiers(organisation)
    name = _pick(_texts(organisation, q("legalName")), "nl") or ""
    slug = identifiers.get(SCHEME_PROVIDER_SLUG) or _slugify(name)
    kvk = None
    registration = organisation.find(q("registration"))
    if registration is not None and registration.findtext(q("schemeName")) == KVK_SCHEME:
        kvk = registration.findtext(q("notation", SKOS))
    website = organisation.findtext(_path(q("homepage"), q("contentUrl")))
    checked = _checked(ProviderCreate, slug=slug, name=name, kvk=kvk, website=website)
    provider_id = identifiers.get(SCHEME_PROVIDER_ID)
    return ImportedProvider(
        id=UUID(provider_id) if provider_id else None,
        slug=checked.slug,
        name=checked.name,
        kvk=checked.kvk,
        website=checked.website,
    )


def _run(index: _Index, opportunity: etree._Element) -> ImportedRun:
    start = opportunity.findtext(_path(q("temporal"), q("startDate")))
    end = opportunity.findtext(_path(q("temporal"), q("endDate")))
    address = _path(q("address"), q("fullAddress"), q("noteLiteral"))
    locations = [index.locations[ref] for ref in _refs(opportunity, "location")]
    full = locations[0].findtext(address) if locations else None
    if not (start and end and full and ", " in full):
        raise _IncompleteError("a run needs startDate, endDate and a 'postcode, place' address")
    postcode, place = full.split(", ", 1)
    notes = _notes(opportunity)
    run = _checked(
        RunCreate,
        start_date=dt.date.fromisoformat(start[:10]),
        end_date=dt.date.fromisoformat(end[:10]),
        place=place,
        postcode=postcode,
        seats=int(next(iter(notes.get(NOTE_SEATS, [])), "0")),
        price_cents=_price_cents(opportunity),
        status=next(iter(notes.get(NOTE_RUN_STATUS, [])), "open"),
    )
    run_id = _identifiers(opportunity)[SCHEME_RUN].rpartition("/")[2]
    return ImportedRun(id=UUID(run_id), run=run)


def _module_fields(index: _Index, opportunity: etree._Element) -> dict[str, object]:
    default = opportunity.find(q("defaultLanguage"))
    language = _LANGUAGES.get(default.get("uri", "") if default is not None else "", "")
    spec = index.specifications[_refs(opportunity, "learningAchievementSpecification")[0]]
    notes = _notes(opportunity)
    hours = _HOURS.match(spec.findtext(q("volumeOfLearning")) or "")
    days = _DAYS.match(opportunity.findtext(q("duration")) or "")
    mode = next((_MODES[m.get("uri", "")] for m in opportunity.findall(q("mode"))
                 if m.get("uri") in _MODES), None)  # fmt: skip
    if hours is None or mode is None:
        raise _IncompleteError("needs volumeOfLearning in whole hours (PTnH) and a mode")
    title = _pick(_texts(opportunity, q("title")), language) or ""
    outcomes = [index.outcomes[ref] for ref in _refs(spec, "learningOutcome")]
    return {
        "title": title,
        "summary": _pick(_texts(spec, q("description")), language) or "",
        "description": _pick(_texts(opportunity, q("description")), language) or "",
        "language": language,
        "level": _level(spec),
        "study_load_hours": int(hours[1]),
        "credits": _credits(spec, notes),
        "duration_days": int(days[1]) if days else None,
        "delivery_mode": mode,
        "prerequisites": spec.findtext(_path(q("entryRequirement"), q("noteLiteral"))) or "",
        "competences": [c for c in map(_competence, outcomes) if c is not None],
        "sectors": notes.get(NOTE_SECTOR, []),
        "certificate": next(iter(notes.get(NOTE_CERTIFICATE, [])), title),
        "price_cents": _price_cents(opportunity),
    }


def _module(index: _Index, opportunity: etree._Element) -> ImportedModule:
    fields = _module_fields(index, opportunity)
    competences: list[ImportedCompetence] = fields.pop("competences")  # type: ignore[assignment]
    refs = [CompetenceRef(uri=c.uri, level=c.level) for c in competences]
    module = _checked(ModuleCreate, competences=refs, **fields)
    module_id, version = None, None
    if marker := _identifiers(opportunity).get(SCHEME_MODULE_VERSION):
        uuid_text, _, number = marker.partition("/v")
        module_id, version = UUID(uuid_text), int(number)
    runs = [index.opportunities[ref] for ref in _refs(opportunity, "hasPart")]
    return ImportedModule(
        id=module_id,
        version=version,
        url=opportunity.get("id", ""),
        provider=_provider(index.organisations[_refs(opportunity, "providedBy")[0]]),
        module=module,
        competences=competences,
        runs=[_run(index, run) for run in runs if SCHEME_RUN in _identifiers(run)],
    )


def import_loq(root: etree._Element) -> list[ImportedModule]:
    """Modules from a LOQ document; raises `XmlContentError` for invalid or unusable input.

    Codes: "elm-invalid" (fails the XSD), "elm-unsupported" (valid ELM, but a learning
    opportunity lacks what a module needs or holds values our types refuse).
    """
    validate_loq(root)
    index = _Index(root)
    modules = []
    for lo_id, opportunity in index.opportunities.items():
        if SCHEME_RUN in _identifiers(opportunity):
            continue  # runs are read with the module they belong to
        try:
            modules.append(_module(index, opportunity))
        except (_IncompleteError, ValueError, KeyError, IndexError, msgspec.ValidationError) as exc:
            message = f"learningOpportunity {lo_id}: {exc}"
            raise XmlContentError("elm-unsupported", message) from None
    return modules
