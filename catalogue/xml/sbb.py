"""SBB kwalificatiedossier XML, as SBB publishes it (root `<sbb>`, a UTF-8 byte order mark,
`dd-mm-yyyy` dates, decimal commas), read into plain values.

A dossier (`/sbb/dossiers/dossier`) has a basis part with basiskerntaken and profielen with
profielkerntaken; each kerntaak has werkprocessen. Their codes follow the `hoofdstuk` order, as
the dossier's own text numbers them: B1-K1-W1 is the first werkproces (by hoofdstuk) of the
first basiskerntaak; P2-K1-W3 the third of the first kerntaak of the second profiel. SBB's
competenties (`/sbb/competenties`, referenced by number from a werkproces) and the dossier's
kennis en vaardigheden (referenced by number from a kerntaak) are read as details of each
werkproces. Anything we cannot read raises `SbbDossierInvalidError` naming the line and element.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from lxml import etree

from catalogue.xml.safe import parse_xml
from schemas.errors.catalogue import SbbDossierInvalidError

Element = etree._Element
DATE = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")
T = TypeVar("T")


@dataclass(frozen=True)
class Werkproces:
    code: str
    title: str
    description: str
    # What SBB says about it beyond its title: nr, resultaat, gedrag, competenties (code and
    # title) and the kennis en vaardigheden of its kerntaak.
    details: dict[str, object]


@dataclass(frozen=True)
class Kerntaak:
    code: str
    title: str
    details: dict[str, object]
    werkprocessen: list[Werkproces]


@dataclass(frozen=True)
class Profiel:
    code: str
    title: str
    description: str
    crebo: str
    niveau: int | None
    sbu: int | None
    details: dict[str, object]
    kerntaken: list[Kerntaak]


@dataclass(frozen=True)
class Dossier:
    crebo: str
    title: str
    # The version: the date the dossier was established (vastgesteld), with SBB's own `versie`
    # text when it has one (e.g. "2015-11-26 Gewijzigd 2016").
    version: str
    established: dt.date | None
    basis_title: str
    details: dict[str, object]
    basis: list[Kerntaak]
    profielen: list[Profiel]

    def werkprocessen(self) -> list[Werkproces]:
        kerntaken = self.basis + [k for p in self.profielen for k in p.kerntaken]
        return [w for k in kerntaken for w in k.werkprocessen]


def _where(element: Element) -> str:
    return f"line {element.sourceline}, <{etree.QName(element).localname}>"


def _fail(element: Element, problem: str) -> SbbDossierInvalidError:
    return SbbDossierInvalidError(f"{_where(element)}: {problem}")


def _text(element: Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(str(t) for t in element.itertext()).split())


def _attr(element: Element, name: str, *, required: bool = True) -> str:
    value = " ".join((element.get(name) or "").split())
    if required and not value:
        raise _fail(element, f"attribute {name!r} is missing or empty")
    return value


def sbb_date(element: Element, value: str) -> dt.date | None:
    """A `dd-mm-yyyy` date (SBB's form); empty is None."""
    if not value:
        return None
    match = DATE.match(value)
    date = None
    if match is not None:
        with contextlib.suppress(ValueError):  # 31-02-2016 and the like
            date = dt.date(int(match[3]), int(match[2]), int(match[1]))
    if date is None:
        raise _fail(element, f"{value!r} is not a date dd-mm-yyyy")
    return date


def sbb_decimal(element: Element, value: str) -> Decimal | None:
    """A number with a decimal comma ("1,10"); empty is None."""
    if not value:
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise _fail(element, f"{value!r} is not a number") from None
    if not number.is_finite():
        raise _fail(element, f"{value!r} is not a number")
    return number


def _in_order(elements: list[Element]) -> list[Element]:
    """Elements in `hoofdstuk` order ("1" < "2" < "10"; "3.1" < "3.2"); a missing or repeated
    hoofdstuk is an error, since the codes are made from it."""
    keys: dict[tuple[int, ...], Element] = {}
    for element in elements:
        value = _attr(element, "hoofdstuk")
        if not re.fullmatch(r"\d+(\.\d+)*", value):
            raise _fail(element, f"hoofdstuk {value!r} is not a chapter number")
        key = tuple(int(part) for part in value.split("."))
        if key in keys:
            raise _fail(element, f"hoofdstuk {value!r} appears twice")
        keys[key] = element
    return [keys[key] for key in sorted(keys)]


class _Reader:
    """Reads one `<sbb>` document; the look-up tables are the document's own."""

    def __init__(self, root: Element) -> None:
        self.competenties = {
            _attr(c, "nr"): {"code": c.get("code", ""), "titel": _attr(c, "titel")}
            for c in root.iterfind("competenties/competentie")
        }
        self.kennis: dict[str, str] = {}

    def dossier(self, element: Element) -> Dossier:
        self.kennis = {
            _attr(k, "nr"): _attr(k, "titel")
            for k in element.iterfind("kennisenvaardigheden/kennisofvaardigheid")
        }
        crebo_el = element.find("dossiercrebos/dossiercrebo")
        if crebo_el is None:
            raise _fail(element, "no <dossiercrebos>/<dossiercrebo>")
        crebo = _text(crebo_el)
        if not re.fullmatch(r"\d{5}", crebo):
            raise _fail(crebo_el, f"crebo {crebo!r} is not five digits")
        established_el = element.find(
            "voorblad/omschrijving/verantwoording/vaststellingsinformatie/vastgesteldop"
        )
        established = (
            None if established_el is None else sbb_date(established_el, _text(established_el))
        )
        valid_from = sbb_date(crebo_el, crebo_el.get("Geldig_vanaf", ""))
        dated = established or valid_from
        if dated is None:
            raise _fail(element, "neither <vastgesteldop> nor Geldig_vanaf dates the version")
        versie = _attr(element, "versie", required=False)
        version = " ".join(x for x in [dated.isoformat(), versie] if x)
        basis_el = element.find("basis")
        basis = [
            self.kerntaak(k, f"B1-K{i}", "basiswerkprocessen")
            for i, k in enumerate(
                _in_order(element.findall("basis/basistaken/basiskerntaken/kerntaak")), 1
            )
        ]
        if not basis:
            raise _fail(element, "no basiskerntaken")
        profielen = [
            self.profiel(p, f"P{i}")
            for i, p in enumerate(_in_order(element.findall("profielen/profiel")), 1)
        ]
        return Dossier(
            crebo=crebo,
            title=_attr(element, "titel"),
            version=version[:40],
            established=established,
            basis_title=(basis_el.get("titel") if basis_el is not None else None) or "Basisdeel",
            details={
                "crebo": crebo,
                "nr": element.get("nr", ""),
                "status": element.get("status", ""),
                "versie": versie,
                "validFrom": _iso(valid_from),
                "endOfIntake": _iso(sbb_date(crebo_el, crebo_el.get("Datum_einde_instroom", ""))),
                "endOfTraining": _iso(
                    sbb_date(crebo_el, crebo_el.get("Datum_einde_opleiding", ""))
                ),
                "priceFactor": _plain(sbb_decimal(crebo_el, crebo_el.get("prijsfactor", ""))),
                "ministry": crebo_el.get("ministerie", ""),
            },
            basis=basis,
            profielen=profielen,
        )

    def profiel(self, element: Element, code: str) -> Profiel:
        crebo_el = element.find("creboinformatie/crebo")
        if crebo_el is None:
            raise _fail(element, "no <creboinformatie>/<crebo>")
        crebo = _text(crebo_el)
        if not re.fullmatch(r"\d{5}", crebo):
            raise _fail(crebo_el, f"crebo {crebo!r} is not five digits")
        niveau = _attr(element, "niveau", required=False)
        if niveau and niveau not in {"1", "2", "3", "4"}:
            raise _fail(element, f"niveau {niveau!r} is not an mbo level 1 to 4")
        sbu_el = element.find("omschrijving/sbu")
        sbu = None if sbu_el is None else sbb_decimal(sbu_el, _text(sbu_el))
        kerntaken = [
            self.kerntaak(k, f"{code}-K{i}", "profielwerkprocessen")
            for i, k in enumerate(_in_order(element.findall("profielkerntaken/kerntaak")), 1)
        ]
        return Profiel(
            code=code,
            title=_attr(element, "titel"),
            description=_text(element.find("omschrijving/typeringvanhetberoep")),
            crebo=crebo,
            niveau=int(niveau) if niveau else None,
            sbu=None if sbu is None else int(sbu.to_integral_value()),
            details={
                "nr": element.get("nr", ""),
                "beroepsgroep": element.get("beroepsgroep", ""),
                "soortopleiding": _text(element.find("omschrijving/soortopleiding")),
                "validFrom": _iso(sbb_date(crebo_el, crebo_el.get("Geldig_vanaf", ""))),
                "priceFactor": _plain(sbb_decimal(crebo_el, crebo_el.get("prijsfactor", ""))),
            },
            kerntaken=kerntaken,
        )

    def kerntaak(self, element: Element, code: str, wp_path: str) -> Kerntaak:
        kennis = [
            self._lookup(ref, self.kennis, "kennisofvaardigheid")
            for ref in element.iterfind("vakkennisenvaardigheden/vakkennisenvaardigheden")
        ]
        title = _attr(element, "titel")
        werkprocessen = [
            self.werkproces(w, f"{code}-W{i}", code, title, kennis)
            for i, w in enumerate(_in_order(element.findall(f"{wp_path}/werkproces")), 1)
        ]
        if not werkprocessen:
            raise _fail(element, "a kerntaak without werkprocessen")
        return Kerntaak(
            code=code,
            title=title,
            details={
                "nr": element.get("nr", ""),
                "complexiteit": _text(element.find("complexiteit")),
                "verantwoordelijkheid": _text(element.find("verantwoordelijkheid")),
            },
            werkprocessen=werkprocessen,
        )

    def werkproces(
        self, element: Element, code: str, kerntaak: str, kerntaak_title: str, kennis: list[str]
    ) -> Werkproces:
        competenties = [
            self._lookup(ref, self.competenties, "competentie")
            for ref in element.iterfind("werkprocescompetenties/competentie")
        ]
        return Werkproces(
            code=code,
            title=_attr(element, "titel"),
            description=_text(element.find("werkprocesomschrijving")),
            details={
                "nr": element.get("nr", ""),
                "kerntaak": kerntaak,
                "kerntaakTitle": kerntaak_title,
                "resultaat": _text(element.find("werkprocesresultaat")),
                "gedrag": _text(element.find("werkprocesgedrag")),
                "competenties": competenties,
                "kennisEnVaardigheden": kennis,
            },
        )

    @staticmethod
    def _lookup(ref: Element, table: dict[str, T], what: str) -> T:
        number = _attr(ref, "referentie")
        if number not in table:
            raise _fail(ref, f"refers to {what} {number}, which the document does not have")
        return table[number]


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def read_sbb(data: bytes, *, max_bytes: int) -> list[Dossier]:
    """The dossiers of an SBB document (one or more), or an error naming line and element."""
    root = parse_xml(data, max_bytes=max_bytes)
    if etree.QName(root).localname != "sbb" or etree.QName(root).namespace:
        raise _fail(root, "not an SBB kwalificatiedossier: the root element must be <sbb>")
    reader = _Reader(root)
    dossiers = [reader.dossier(d) for d in root.iterfind("dossiers/dossier")]
    if not dossiers:
        raise _fail(root, "no <dossiers>/<dossier>")
    return dossiers
