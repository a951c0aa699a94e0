"""ELM v3.1 LOQ: namespaces, controlled-vocabulary URIs and the offline schema.

Every URI below is an enumeration value of the vendored `xsd/loq/cv/*.xsd`, so the schema
itself checks that we picked existing concepts.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any, Final, assert_never

from lxml import etree

from catalogue.xml.safe import XmlContentError, parse_xml
from schemas.catalogue import DeliveryMode
from schemas.levels import LevelScheme

LOQ_XSD: Final = Path(__file__).parent / "xsd" / "loq" / "loq.xsd"

LOQ: Final = "http://data.europa.eu/snb/model/ap/loq-constraints/"
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
DC: Final = "http://purl.org/dc/terms/"
NSMAP: Final = {None: LOQ, "skos": SKOS, "dc": DC}
XSD_VERSION: Final = "3.1.0"

# Our own concepts for what ELM cannot say natively (note subjects, identifier schemes). A URN
# rather than an http URL: nobody should try to dereference it, and we claim no domain.
EXT: Final = "urn:llo-registry:elm:"
SCHEME_MODULE_VERSION: Final = EXT + "module-version"
SCHEME_RUN: Final = EXT + "run"
SCHEME_PROVIDER_ID: Final = EXT + "provider-id"
SCHEME_PROVIDER_SLUG: Final = EXT + "provider-slug"
SCHEME_QUALIFICATION: Final = EXT + "qualification"
NOTE_CERTIFICATE: Final = EXT + "certificate"
NOTE_SECTOR: Final = EXT + "sector"
NOTE_CREDITS: Final = EXT + "credits"
NOTE_RUN_STATUS: Final = EXT + "run-status"
NOTE_SEATS: Final = EXT + "seats"
NOTE_FRAMEWORK: Final = EXT + "framework"
NOTE_FRAMEWORK_NAME: Final = EXT + "framework-name"
NOTE_FRAMEWORK_VERSION: Final = EXT + "framework-version"
NOTE_COMPETENCE_LEVEL: Final = EXT + "competence-level"
LEVEL_PREFIX: Final = EXT + "level:"

KVK_SCHEME: Final = "KVK"  # Dutch Chamber of Commerce register number

# Europass "modes of learning and assessment" (cv/europass-modes.xsd).
MODE_URIS: Final[dict[DeliveryMode, str]] = {
    "classroom": "http://data.europa.eu/snb/learning-assessment/9191af2ed9",  # Presential
    "online": "http://data.europa.eu/snb/learning-assessment/920fbb3cbe",  # Online
    "blended": "http://data.europa.eu/snb/learning-assessment/e92d221e4d",  # Blended
    "on-the-job": "http://data.europa.eu/snb/learning-assessment/729f3bed4b",  # Workbased
}
NON_FORMAL_LEARNING: Final = "http://data.europa.eu/snb/learning-setting/e207a81fc7"
PROGRAMME_MODULE: Final = "http://data.europa.eu/snb/learning-opportunity/0f7dac46ca"
# ISCED-F 0713 "Electricity and energy": the whole catalogue is energy-transition training,
# and ELM requires at least one ISCED-F code per achievement specification.
ISCED_ENERGY: Final = "http://data.europa.eu/snb/isced-f/0713"
CREDIT_FRAMEWORKS: Final = {
    "ECTS": "http://data.europa.eu/snb/education-credit/6fcec5c5af",
    "ECVET": "http://data.europa.eu/snb/education-credit/60b314e826",
}
EUR: Final = "http://publications.europa.eu/resource/authority/currency/EUR"
COUNTRY_NL: Final = "http://publications.europa.eu/resource/authority/country/NLD"
LANGUAGE_URIS: Final = {
    "nl": "http://publications.europa.eu/resource/authority/language/NLD",
    "en": "http://publications.europa.eu/resource/authority/language/ENG",
    "de": "http://publications.europa.eu/resource/authority/language/DEU",
    "fr": "http://publications.europa.eu/resource/authority/language/FRA",
}
EQF_PREFIX: Final = "http://data.europa.eu/snb/eqf/"
# NLQF levels as listed in the QDR NQF vocabulary (cv/nqf.xsd).
NLQF_URIS: Final = {
    1: "http://data.europa.eu/snb/qdr/c_3e11a3fd",
    2: "http://data.europa.eu/snb/qdr/c_c749fa23",
    3: "http://data.europa.eu/snb/qdr/c_f97cdbb5",
    4: "http://data.europa.eu/snb/qdr/c_ff656b33",
    5: "http://data.europa.eu/snb/qdr/c_18c9e9fe",
    6: "http://data.europa.eu/snb/qdr/c_1711a061",
    7: "http://data.europa.eu/snb/qdr/c_478359fc",
    8: "http://data.europa.eu/snb/qdr/c_2835a50f",
}
ESCO_PREFIX: Final = "http://data.europa.eu/esco/"


def level_uri(scheme: LevelScheme, value: int) -> str:
    """The concept URI of a level: EQF and NLQF from the EU vocabularies, mbo from ours."""
    match scheme:
        case "eqf":
            return f"{EQF_PREFIX}{value}"
        case "nlqf":
            return NLQF_URIS[value]
        case "mbo":
            return f"{LEVEL_PREFIX}{scheme}:{value}"
        case _:
            assert_never(scheme)


def q(tag: str, ns: str = LOQ) -> str:
    """Clark notation for a tag in a namespace (LOQ by default)."""
    return f"{{{ns}}}{tag}"


_validate_lock = threading.Lock()


@functools.cache
def load_loq_schema() -> etree.XMLSchema:
    """The LOQ schema, loaded once from the vendored files (all imports are relative paths)."""
    doc = parse_xml(LOQ_XSD.read_bytes(), base_url=LOQ_XSD.as_uri())
    return etree.XMLSchema(doc)


def validate_loq(root: etree._Element) -> None:
    """Raise `XmlContentError("elm-invalid", ...)` with the first schema error."""
    schema = load_loq_schema()
    # An XMLSchema keeps its error log on the object, so concurrent validations would mix logs.
    with _validate_lock:
        if schema.validate(root):
            return
        log: Any = schema.error_log  # lxml-stubs declare _ErrorLog without any members
        first = log[0]
        message = f"line {first.line}: {first.message}"
    raise XmlContentError("elm-invalid", message)
