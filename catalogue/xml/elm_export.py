"""Export module versions as an ELM v3.1 LOQ document (root `Courses`).

Shape, per module version:
- a `learningOpportunity` (id = module URL) with title, description, duration, mode, price,
  provider and `hasPart` links to one child `learningOpportunity` per run; LOQ allows only one
  `temporal` per opportunity, so runs cannot be listed on the module itself;
- a `learningAchievementSpecification` with summary, study load, credits, level, language,
  prerequisites and one `learningOutcome` per competence (ESCO skills as `relatedESCOSkill`);
- the provider as an `organisation` with its own `location` (LOQ requires one).
What ELM has no element for goes into `additionalNote`s whose `dc:subject` is one of our URNs
and into `identifier`s with our `schemeId`, so that `import_loq` can recover every field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from lxml import etree

from catalogue.xml.elm_vocab import (
    COUNTRY_NL,
    CREDIT_FRAMEWORKS,
    ESCO_PREFIX,
    EUR,
    ISCED_ENERGY,
    KVK_SCHEME,
    LANGUAGE_URIS,
    MODE_URIS,
    NON_FORMAL_LEARNING,
    NOTE_CERTIFICATE,
    NOTE_COMPETENCE_LEVEL,
    NOTE_CREDITS,
    NOTE_FRAMEWORK,
    NOTE_FRAMEWORK_NAME,
    NOTE_FRAMEWORK_VERSION,
    NOTE_RUN_STATUS,
    NOTE_SEATS,
    NOTE_SECTOR,
    NSMAP,
    PROGRAMME_MODULE,
    SCHEME_MODULE_VERSION,
    SCHEME_PROVIDER_ID,
    SCHEME_PROVIDER_SLUG,
    SCHEME_QUALIFICATION,
    SCHEME_RUN,
    SKOS,
    XSD_VERSION,
    level_uri,
    q,
)
from schemas.catalogue import (
    FrameworkCreate,
    FrameworkOut,
    Level,
    ModuleDocument,
    ProviderRef,
    QualificationOut,
    RunDocument,
)

Framework = FrameworkOut | FrameworkCreate


def sub(parent: etree._Element, tag: str, text: str | None = None, *, ns: str | None = None,
        **attrib: str) -> etree._Element:  # fmt: skip
    """Append a child element (LOQ namespace unless `ns` is given)."""
    child = etree.SubElement(parent, q(tag, ns) if ns else q(tag), attrib)
    if text is not None:
        child.text = text
    return child


def _lang(parent: etree._Element, tag: str, text: str, language: str) -> None:
    sub(parent, tag, text, language=language)


def _concept(parent: etree._Element, tag: str, uri: str) -> etree._Element:
    return sub(parent, tag, uri=uri)


def _ref(parent: etree._Element, tag: str, target: str) -> None:
    sub(parent, tag, idref=target)


def _note(parent: etree._Element, subject: str, text: str, language: str = "en") -> None:
    note = sub(parent, "additionalNote")
    sub(note, "subject", ns="http://purl.org/dc/terms/", uri=subject)
    _lang(note, "noteLiteral", text, language)


def _identifier(parent: etree._Element, notation: str, name: str, scheme: str) -> None:
    ident = sub(parent, "identifier")
    sub(ident, "notation", notation, ns=SKOS)
    sub(ident, "schemeName", name)
    sub(ident, "schemeId", scheme)


def _homepage(parent: etree._Element, url: str) -> None:
    sub(sub(parent, "homepage"), "contentUrl", url)


def _price(parent: etree._Element, cents: int | None) -> None:
    if cents is None:
        return
    amount = sub(sub(parent, "priceDetail"), "amount")
    _concept(amount, "unit", EUR)
    sub(amount, "value", f"{cents // 100}.{cents % 100:02d}")


def _language_uri(language: str) -> str:
    try:
        return LANGUAGE_URIS[language]
    except KeyError:
        raise ValueError(f"no EU language URI for {language!r}") from None


def _level(parent: etree._Element, level: Level) -> None:
    concept = _concept(parent, "educationLevel", level_uri(level.scheme, level.value))
    sub(concept, "prefLabel", f"{level.scheme.upper()} {level.value}", ns=SKOS, language="en")
    # The notation carries scheme and value verbatim, so mbo and NLQF stay distinct on import.
    sub(concept, "notation", f"{level.scheme}:{level.value}", ns=SKOS)


def _run_id(module: ModuleDocument, run: RunDocument) -> str:
    return f"{module.url}#run-{run.id}"


class _Document:
    """The containers of one `Courses` document, filled module by module."""

    def __init__(self, frameworks: Mapping[str, Framework]) -> None:
        # lxml-stubs do not allow the None key lxml uses for the default namespace.
        nsmap: dict[str, str] = NSMAP  # type: ignore[assignment]
        self.root = etree.Element(q("Courses"), nsmap=nsmap, xsdVersion=XSD_VERSION)
        self.opportunities = sub(self.root, "learningOpportunityReferences")
        self.specifications = sub(self.root, "learningAchievementSpecificationReferences")
        self.outcomes = sub(self.root, "learningOutcomeReferences")
        self.agents = sub(self.root, "agentReferences")
        self.locations = sub(self.root, "locationReferences")
        self.frameworks = frameworks
        self.providers: set[UUID] = set()
        self.specs_by_module: dict[UUID, list[str]] = {}

    def to_bytes(self) -> bytes:
        for container in list(self.root):
            if len(container) == 0:  # empty containers are valid but only noise
                self.root.remove(container)
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def add_provider(self, provider: ProviderRef) -> str:
        org_id = f"urn:uuid:{provider.id}"
        if provider.id in self.providers:
            return org_id
        self.providers.add(provider.id)
        org = sub(self.agents, "organisation", id=org_id)
        _lang(org, "legalName", provider.name, "nl")
        _identifier(org, str(provider.id), "LLO provider id", SCHEME_PROVIDER_ID)
        _identifier(org, provider.slug, "LLO provider slug", SCHEME_PROVIDER_SLUG)
        if provider.kvk:
            registration = sub(org, "registration")
            sub(registration, "notation", provider.kvk, ns=SKOS)
            sub(registration, "schemeName", KVK_SCHEME)
            _concept(registration, "spatial", COUNTRY_NL)
        if provider.website:
            _homepage(org, provider.website)
        location_id = f"{org_id}#location"
        _ref(org, "location", location_id)
        # LOQ requires a location per organisation; we only know the country.
        location = sub(self.locations, "location", id=location_id)
        _concept(sub(location, "address"), "countryCode", COUNTRY_NL)
        return org_id

    def add_module(self, module: ModuleDocument) -> None:
        org_id = self.add_provider(module.provider)
        spec_id = f"{module.url}#specification"
        self.specs_by_module.setdefault(module.id, []).append(spec_id)
        self._opportunity(module, org_id, spec_id)
        self._specification(module, spec_id, self._outcomes(module))
        for run in module.runs:
            self._run(module, run, org_id, spec_id)

    def _opportunity(self, module: ModuleDocument, org_id: str, spec_id: str) -> None:
        lo = sub(self.opportunities, "learningOpportunity", id=module.url)
        version = f"{module.id}/v{module.version}"
        _identifier(lo, version, "LLO module version", SCHEME_MODULE_VERSION)
        _lang(lo, "title", module.title, module.language)
        if module.description:
            _lang(lo, "description", module.description, module.language)
        _concept(lo, "type", PROGRAMME_MODULE)
        _note(lo, NOTE_CERTIFICATE, module.certificate, module.language)
        for sector in module.sectors:
            _note(lo, NOTE_SECTOR, sector)
        credits = module.credits
        if credits is not None and credits.system not in CREDIT_FRAMEWORKS:
            _note(lo, NOTE_CREDITS, f"{credits.system} {credits.value!r}")
        _homepage(lo, module.url)
        if module.duration_days is not None:
            sub(lo, "duration", f"P{module.duration_days}D")
        _concept(lo, "mode", MODE_URIS[module.delivery_mode])
        _price(lo, module.price_cents)
        _ref(lo, "providedBy", org_id)
        _ref(lo, "learningAchievementSpecification", spec_id)
        for run in module.runs:
            _ref(lo, "hasPart", _run_id(module, run))
        _concept(lo, "defaultLanguage", _language_uri(module.language))

    def _specification(self, module: ModuleDocument, spec_id: str, outcomes: list[str]) -> None:
        las = sub(self.specifications, "learningAchievementSpecification", id=spec_id)
        _lang(las, "title", module.title, module.language)
        if module.summary:
            _lang(las, "description", module.summary, module.language)
        _concept(las, "ISCEDFCode", ISCED_ENERGY)
        sub(las, "volumeOfLearning", f"PT{module.study_load_hours}H")
        credits = module.credits
        if credits is not None and credits.system in CREDIT_FRAMEWORKS:
            point = sub(las, "creditPoint")
            _concept(point, "framework", CREDIT_FRAMEWORKS[credits.system])
            sub(point, "point", repr(credits.value))
        if module.level is not None:
            _level(las, module.level)
        _concept(las, "language", _language_uri(module.language))
        _concept(las, "learningSetting", NON_FORMAL_LEARNING)
        if module.prerequisites:
            requirement = sub(las, "entryRequirement")
            _lang(requirement, "noteLiteral", module.prerequisites, module.language)
        for outcome_id in outcomes:
            _ref(las, "learningOutcome", outcome_id)

    def _outcomes(self, module: ModuleDocument) -> list[str]:
        if not module.competences:
            # LOQ requires at least one learning outcome; this one names no skill, so the
            # importer does not mistake it for a competence.
            outcome_id = f"{module.url}#outcome"
            outcome = sub(self.outcomes, "learningOutcome", id=outcome_id)
            _lang(outcome, "title", module.title, module.language)
            return [outcome_id]
        ids = []
        for number, competence in enumerate(module.competences, start=1):
            outcome_id = f"{module.url}#outcome-{number}"
            outcome = sub(self.outcomes, "learningOutcome", id=outcome_id)
            labels = competence.labels or {module.language: competence.label}
            for language, label in sorted(labels.items()):
                _lang(outcome, "title", label, language)
            _note(outcome, NOTE_FRAMEWORK, competence.framework)
            _note(outcome, NOTE_FRAMEWORK_VERSION, competence.framework_version)
            framework = self.frameworks.get(competence.framework)
            if framework is not None:
                _note(outcome, NOTE_FRAMEWORK_NAME, framework.name)
            if competence.level is not None:
                _note(outcome, NOTE_COMPETENCE_LEVEL, competence.level)
            esco = competence.uri.startswith(ESCO_PREFIX)
            tag = "relatedESCOSkill" if esco else "relatedSkill"
            skill = _concept(outcome, tag, competence.uri)
            for language, label in sorted(labels.items()):
                sub(skill, "prefLabel", label, ns=SKOS, language=language)
            if competence.code:
                sub(skill, "notation", competence.code, ns=SKOS)
            if framework is not None:
                sub(skill, "inScheme", framework.uri, ns=SKOS)
            ids.append(outcome_id)
        return ids

    def _run(self, module: ModuleDocument, run: RunDocument, org_id: str, spec_id: str) -> None:
        run_id = _run_id(module, run)
        lo = sub(self.opportunities, "learningOpportunity", id=run_id)
        # Ids and notations must be unique per document, and every version of a module
        # lists the same runs, so both are scoped to the module version.
        notation = f"{module.id}/v{module.version}/runs/{run.id}"
        _identifier(lo, notation, "LLO run", SCHEME_RUN)
        _lang(lo, "title", module.title, module.language)
        _note(lo, NOTE_RUN_STATUS, run.status)
        _note(lo, NOTE_SEATS, str(run.seats))
        _homepage(lo, module.url)
        temporal = sub(lo, "temporal")
        sub(temporal, "startDate", f"{run.start_date.isoformat()}T00:00:00")
        sub(temporal, "endDate", f"{run.end_date.isoformat()}T00:00:00")
        _price(lo, run.price_cents)
        _ref(lo, "providedBy", org_id)
        _ref(lo, "location", f"{run_id}-location")
        _ref(lo, "learningAchievementSpecification", spec_id)
        _ref(lo, "isPartOf", module.url)
        _concept(lo, "defaultLanguage", _language_uri(module.language))
        location = sub(self.locations, "location", id=f"{run_id}-location")
        _lang(location, "geographicName", run.place, "nl")
        address = sub(location, "address")
        # "postcode, place": a Dutch postcode never contains a comma, so this splits back exactly.
        _lang(sub(address, "fullAddress"), "noteLiteral", f"{run.postcode}, {run.place}", "nl")
        _concept(address, "countryCode", COUNTRY_NL)

    def add_qualification(self, qualification: QualificationOut) -> None:
        las = sub(self.specifications, "learningAchievementSpecification", id=qualification.url)
        _identifier(las, str(qualification.id), "LLO qualification", SCHEME_QUALIFICATION)
        _lang(las, "title", qualification.title, "nl")
        sub(las, "altLabel", qualification.code, ns=SKOS, language="nl")
        if qualification.description:
            _lang(las, "description", qualification.description, "nl")
        _concept(las, "ISCEDFCode", ISCED_ENERGY)
        if qualification.level is not None:
            _level(las, qualification.level)
        _concept(las, "language", _language_uri("nl"))
        _concept(las, "learningSetting", NON_FORMAL_LEARNING)
        outcome_id = f"{qualification.url}#outcome"
        outcome = sub(self.outcomes, "learningOutcome", id=outcome_id)
        _lang(outcome, "title", qualification.title, "nl")
        _ref(las, "learningOutcome", outcome_id)
        members = {m.id for group in qualification.groups for m in group.modules}
        for module_id in sorted(members & self.specs_by_module.keys()):
            for spec_id in self.specs_by_module[module_id]:
                _ref(las, "hasPart", spec_id)


def export_loq(
    modules: Sequence[ModuleDocument],
    qualifications: Sequence[QualificationOut] = (),
    *,
    frameworks: Mapping[str, Framework] | None = None,
) -> bytes:
    """An ELM LOQ document for these module versions (and qualifications composed of them).

    `frameworks` (by slug) adds framework names and URIs, which module documents do not carry.
    """
    document = _Document(frameworks or {})
    for module in modules:
        document.add_module(module)
    for qualification in qualifications:
        document.add_qualification(qualification)
    return document.to_bytes()
