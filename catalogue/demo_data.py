"""Demo data set: energy-transition training modules in the Netherlands.

Pure, typed data. Providers, KvK numbers and web sites are fictional (web sites use the reserved
``.example`` domain); the modules describe real kinds of training in the Dutch installation and
building sector, written in plain Dutch (B1). Every competence is an ESCO v1.1.1 skill URI from
the bundled green skills collection (``catalogue/data/esco-green-skills-v1.1.1-en.csv``).

Run dates are relative to a given day (`demo_modules(today)`), so the data stays current.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from uuid import UUID

import msgspec

from schemas.catalogue import (
    CompetenceRef,
    Credits,
    DeliveryMode,
    Language,
    Level,
    ModuleCreate,
    ProviderCreate,
    QualificationCreate,
    QualificationGroupIn,
    RunCreate,
    RunStatus,
)

__all__ = [
    "MODULES",
    "PROVIDERS",
    "QUALIFICATIONS",
    "DemoModule",
    "DemoProvider",
    "DemoQualification",
    "demo_modules",
    "qualification_create",
]


class DemoProvider(msgspec.Struct, kw_only=True):
    """A demo provider organisation."""

    provider: ProviderCreate


class DemoModule(msgspec.Struct, kw_only=True):
    """A demo module with its runs; `key` is how qualifications refer to it."""

    key: str
    provider_slug: str
    module: ModuleCreate
    runs: list[RunCreate]
    publish: bool = True


class DemoQualification(msgspec.Struct, kw_only=True):
    """A demo qualification; modules are referred to by `DemoModule.key`."""

    key: str
    code: str
    title: str
    description: str
    level: Level | None
    sector: str | None
    required: list[str]
    optional_groups: list[tuple[str, int, list[str]]] = []


# ---------------------------------------------------------------- providers

OOST = "installatie-academie-oost"
RIJNMOND = "techniek-college-rijnmond"
NOORD = "energie-vakschool-noord"
ZUID = "duurzaam-wonen-academie-zuid"

PROVIDERS: list[DemoProvider] = [
    DemoProvider(
        provider=ProviderCreate(
            slug=OOST,
            name="Installatie Academie Oost",
            kvk="91847263",
            sectors=["installatietechniek", "energie"],
            website="https://installatie-academie-oost.example",
        )
    ),
    DemoProvider(
        provider=ProviderCreate(
            slug=RIJNMOND,
            name="Techniek College Rijnmond",
            kvk="92736154",
            sectors=["installatietechniek", "elektrotechniek", "energie"],
            website="https://techniek-college-rijnmond.example",
        )
    ),
    DemoProvider(
        provider=ProviderCreate(
            slug=NOORD,
            name="Energie Vakschool Noord",
            kvk="93625047",
            sectors=["energie", "installatietechniek"],
            website="https://energie-vakschool-noord.example",
        )
    ),
    DemoProvider(
        provider=ProviderCreate(
            slug=ZUID,
            name="Duurzaam Wonen Academie Zuid",
            kvk="94513826",
            sectors=["bouw", "energie"],
            website=None,
        )
    ),
]

# ---------------------------------------------------------------- competences (ESCO v1.1.1)

_ESCO = "http://data.europa.eu/esco/skill/"

INSTALL_HEAT_PUMP = _ESCO + "00735755-adc6-4ea0-b034-b8caff339c9f"
TYPES_OF_HEAT_PUMPS = _ESCO + "59998878-fa14-458a-9085-06b45e89df1b"
IDENTIFY_HEAT_PUMP_SOURCE = _ESCO + "97b473ae-8535-498d-9999-cc77549c5e50"
TEST_REFRIGERATION_CIRCUITS = _ESCO + "bce60ecd-ceee-4dbd-b619-70c9789ec634"
DOMESTIC_HEATING_SYSTEMS = _ESCO + "95013213-ee67-493b-86d0-e383e0f72482"
HEATING_EFFICIENCY_ADVICE = _ESCO + "8614b988-b907-473e-a701-47b525959dc8"
GAS_CONSUMPTION = _ESCO + "3b73a161-be59-4079-815e-b4879f9b20b5"
INSTALL_PV_SYSTEMS = _ESCO + "18d3f89a-6ac5-4ca6-bf93-0baec4e13bcd"
MOUNT_PV_PANELS = _ESCO + "08a5f6dd-d3dd-4371-9919-6d730f34499c"
SOLAR_MOUNTING_SYSTEMS = _ESCO + "9f719da2-5ba8-46b8-b20b-3d5f59208f49"
MAINTAIN_PV_SYSTEMS = _ESCO + "33784b61-bd86-4451-8a89-741ada5f8475"
INSTALL_SOLAR_WATER_HEATER = _ESCO + "2a74063a-d4b1-42fb-bc90-cb8c06ff53ec"
SOLAR_THERMAL_SYSTEMS = _ESCO + "ab0deac2-b872-45c8-ad65-657938d2fe79"
CONSTRUCTION_SAFETY = _ESCO + "86df7af2-f9f3-4c06-a500-7f1fba9e78fe"
HEALTH_SAFETY_REGULATIONS = _ESCO + "f2f463e5-2382-49cb-8199-e7e043d868df"
SAFETY_ENGINEERING = _ESCO + "cab07957-4f35-4bdd-9d6d-dc5a0cf42e13"
ELECTRICITY_CONSUMPTION = _ESCO + "21c27eba-bd1f-42f5-a1d5-c250227030f7"
SMART_GRIDS = _ESCO + "79a5bc25-5b59-47bc-a4c2-fb8e8cb1ddf6"
SHIFT_ENERGY_DEMANDS = _ESCO + "c1de3963-05eb-4e45-8496-58156a345fb1"
ENERGY_STORAGE = _ESCO + "6c6daac0-80f5-431f-a33f-c5b722094657"
SUSTAINABLE_TRANSPORT = _ESCO + "3edfa33c-c644-4a9a-acd1-e82039daa663"
ENVIRONMENTAL_LEGISLATION = _ESCO + "6f5850ea-5785-4e2c-b062-743066fd5bdb"
EMISSION_STANDARDS = _ESCO + "2bdc2f65-b42f-4963-abff-d7214ca4caae"
VENTILATION_ADVICE = _ESCO + "1de91358-6ad3-4513-b975-396c61cf8858"
VENTILATION_ENERGY = _ESCO + "ba54cf3c-dd64-48ea-8a9d-ee621a05fb07"
INDOOR_AIR_QUALITY = _ESCO + "21934d08-3535-4dc2-ae67-fde9fd21dc60"
AIRTIGHT_CONSTRUCTION = _ESCO + "589f0d24-0846-4971-bc6c-a42bb274f69a"
INSULATION_MATERIALS = _ESCO + "0d0fe364-462d-48dd-b54b-e972e2bdecb1"
APPLY_INSULATION_STRIPS = _ESCO + "be973dc1-6aa9-4aed-954c-644affe78639"
BUILDING_ENVELOPE = _ESCO + "63f9a5bc-f070-46a6-bea7-c6b9e9dbacc3"
ENERGY_PERFORMANCE_BUILDINGS = _ESCO + "4e09e2d2-e317-47d2-bf5e-1d6c66be3efc"
ANALYSE_ENERGY_CONSUMPTION = _ESCO + "29bfe2cd-f011-4f94-a3aa-f77768e60460"
UTILITY_CONSUMPTION_ADVICE = _ESCO + "1ab1449d-5b65-458b-b115-f5283a52da8e"
HYDROGEN_INFORMATION = _ESCO + "4f499e02-2983-40c5-a493-c720e6b03b23"
BIOGAS_PRODUCTION = _ESCO + "c65ac31c-fdaf-4e87-beca-8ed952c3aa35"
ENERGY_AUDIT = _ESCO + "0ad6d5e8-593f-4191-843c-439b23a468ca"
IDENTIFY_ENERGY_NEEDS = _ESCO + "96d901a6-c931-4e8d-b685-a47e1deaaa1b"
PROMOTE_SUSTAINABLE_ENERGY = _ESCO + "1a6c7e0d-fc13-41d7-a5c0-8ca00606de89"
SUSTAINABLE_INSTALLATION_MATERIALS = _ESCO + "303c6ab0-21c3-4b09-ac77-d405936857d9"

# ---------------------------------------------------------------- places

#: (place, postcode) of training locations; postcodes are in the real range of each city centre.
UTRECHT = ("Utrecht", "3511 CE")
ROTTERDAM = ("Rotterdam", "3011 AD")
DEN_HAAG = ("Den Haag", "2511 CV")
DORDRECHT = ("Dordrecht", "3311 JH")
ZWOLLE = ("Zwolle", "8011 CW")
ARNHEM = ("Arnhem", "6811 DK")
ENSCHEDE = ("Enschede", "7511 JE")
APELDOORN = ("Apeldoorn", "7311 KZ")
GRONINGEN = ("Groningen", "9711 LM")
LEEUWARDEN = ("Leeuwarden", "8911 BK")
ASSEN = ("Assen", "9401 HR")
EINDHOVEN = ("Eindhoven", "5611 AZ")
DEN_BOSCH = ("'s-Hertogenbosch", "5211 JV")
BREDA = ("Breda", "4811 BC")
AMSTERDAM = ("Amsterdam", "1011 AB")
AMERSFOORT = ("Amersfoort", "3811 HN")

# ---------------------------------------------------------------- modules


def _refs(*uris: str, level: str | None = None) -> list[CompetenceRef]:
    return [CompetenceRef(uri=uri, level=level) for uri in uris]


def _start(today: dt.date, weeks: int) -> dt.date:
    """The Monday of the week that is `weeks` weeks after `today`'s week."""
    return today + dt.timedelta(days=7 * weeks - today.weekday())


def _run(
    today: dt.date,
    weeks: int,
    where: tuple[str, str],
    *,
    days: int,
    seats: int,
    price_cents: int | None,
    status: RunStatus = "open",
    weekly: bool = False,
) -> RunCreate:
    """A run starting on a Monday `weeks` weeks ahead.

    Classroom days are consecutive work days (Monday to Friday, longer runs continue next
    week); with `weekly` there is one lesson day a week, so a 6-day run takes six weeks.
    """
    start = _start(today, weeks)
    if weekly:
        end = start + dt.timedelta(weeks=days - 1)
    else:
        full_weeks, rest = divmod(days - 1, 5)
        end = start + dt.timedelta(weeks=full_weeks, days=rest)
    place, postcode = where
    return RunCreate(
        start_date=start,
        end_date=end,
        place=place,
        postcode=postcode,
        seats=seats,
        price_cents=price_cents,
        status=status,
    )


def _module(
    *,
    title: str,
    summary: str,
    description: str,
    level: Level | None,
    hours: int,
    days: int,
    mode: DeliveryMode,
    prerequisites: str,
    competences: list[CompetenceRef],
    sectors: list[str],
    certificate: str,
    price_cents: int | None,
    language: Language = "nl",
    credits: Credits | None = None,
) -> ModuleCreate:
    return ModuleCreate(
        title=title,
        summary=summary,
        description=description,
        language=language,
        level=level,
        study_load_hours=hours,
        credits=credits,
        duration_days=days,
        delivery_mode=mode,
        prerequisites=prerequisites,
        competences=competences,
        sectors=sectors,
        certificate=certificate,
        price_cents=price_cents,
    )


def _mbo(value: int) -> Level:
    return Level(scheme="mbo", value=value)


def _nlqf(value: int) -> Level:
    return Level(scheme="nlqf", value=value)


def demo_modules(today: dt.date) -> list[DemoModule]:
    """All demo modules, with runs dated relative to `today`.

    Runs start on Mondays: most within 2 to 12 weeks (open), some later (planned). One run is
    full and exactly one run in the whole set is cancelled.
    """
    modules: list[DemoModule] = []

    def add(
        key: str,
        provider: str,
        module: ModuleCreate,
        runs: list[tuple[int, tuple[str, str], int, RunStatus]],
        *,
        weekly: bool = False,
        publish: bool = True,
    ) -> None:
        days = module.duration_days or 1
        modules.append(
            DemoModule(
                key=key,
                provider_slug=provider,
                module=module,
                runs=[
                    _run(
                        today,
                        weeks,
                        where,
                        days=days,
                        seats=seats,
                        price_cents=module.price_cents,
                        status=status,
                        weekly=weekly,
                    )
                    for weeks, where, seats, status in runs
                ],
                publish=publish,
            )
        )

    # -- electrical safety basics

    add(
        "nen3140-vop",
        RIJNMOND,
        _module(
            title="NEN 3140 Voldoende onderrichte persoon (VOP)",
            summary=(
                "Veilig eenvoudige elektrische werkzaamheden doen, zoals een apparaat aansluiten "
                "of een groep spanningsloos maken. Na deze training kan uw werkgever u aanwijzen "
                "als voldoende onderrichte persoon."
            ),
            description=(
                "Steeds meer monteurs werken aan elektrische installaties: aan een warmtepomp, "
                "een laadpaal of zonnepanelen. Dan moet u weten hoe u veilig werkt. In deze "
                "training leert u wat de norm NEN 3140 van u vraagt. U leert welke gevaren "
                "elektriciteit heeft en hoe u een installatie spanningsloos maakt en controleert. "
                "U oefent met een werkplek die u veilig inricht en met de juiste meetapparatuur. "
                "U sluit af met een theorietoets en een praktijkopdracht."
            ),
            level=_mbo(2),
            hours=8,
            days=1,
            mode="classroom",
            prerequisites="Geen vooropleiding nodig. U kunt Nederlands lezen op niveau B1.",
            competences=_refs(HEALTH_SAFETY_REGULATIONS, SAFETY_ENGINEERING, level="basis"),
            sectors=["installatietechniek", "elektrotechniek"],
            certificate="Certificaat NEN 3140 VOP",
            price_cents=29500,
        ),
        [
            (2, ROTTERDAM, 16, "open"),
            (3, DEN_HAAG, 16, "open"),
            (5, UTRECHT, 16, "full"),
            (8, ROTTERDAM, 16, "open"),
            (11, DORDRECHT, 12, "open"),
            (20, ROTTERDAM, 16, "planned"),
        ],
    )

    add(
        "nen3140-vp",
        RIJNMOND,
        _module(
            title="NEN 3140 Vakbekwaam persoon (VP)",
            summary=(
                "Zelfstandig werken aan laagspanningsinstallaties en zelf de veiligheid regelen. "
                "Voor monteurs die al elektrotechnische kennis hebben."
            ),
            description=(
                "Een vakbekwaam persoon werkt zelfstandig aan elektrische installaties en "
                "beoordeelt zelf de risico's. In twee dagen leert u de regels van NEN 3140 en "
                "NEN-EN 50110 toepassen in uw eigen werk. U leert een werkplan maken, een "
                "installatie veilig vrijgeven en metingen uitvoeren. Ook leert u wanneer u een "
                "werkverantwoordelijke inschakelt. U sluit af met een examen over theorie en "
                "praktijk."
            ),
            level=_mbo(3),
            hours=16,
            days=2,
            mode="classroom",
            prerequisites=(
                "Een diploma elektrotechniek op mbo-niveau 2 of hoger, of aantoonbare "
                "werkervaring als elektromonteur."
            ),
            competences=_refs(
                HEALTH_SAFETY_REGULATIONS,
                SAFETY_ENGINEERING,
                CONSTRUCTION_SAFETY,
                level="gevorderd",
            ),
            sectors=["elektrotechniek", "installatietechniek"],
            certificate="Certificaat NEN 3140 VP",
            price_cents=59500,
        ),
        [
            (4, ROTTERDAM, 12, "open"),
            (9, DEN_HAAG, 12, "open"),
            (12, BREDA, 10, "open"),
            (22, ROTTERDAM, 12, "planned"),
        ],
    )

    add(
        "nen1010-basis",
        RIJNMOND,
        _module(
            title="NEN 1010 basis: veilige laagspanningsinstallaties",
            summary=(
                "De basis van NEN 1010: hoe een veilige elektrische installatie in een woning "
                "of klein gebouw is opgebouwd, en waar u op let bij uitbreiden."
            ),
            description=(
                "Een warmtepomp, laadpaal of thuisbatterij vraagt veel van de meterkast. In deze "
                "online training leert u hoe NEN 1010 is opgebouwd. U leert groepen indelen, "
                "kabels en beveiligingen kiezen en aardlekschakelaars toepassen. U rekent aan de "
                "belasting van een bestaande installatie en bepaalt of die kan worden uitgebreid. "
                "Elke les sluit af met korte oefenvragen. Aan het eind maakt u een online toets."
            ),
            level=_mbo(3),
            hours=24,
            days=6,
            mode="online",
            prerequisites="Certificaat NEN 3140 VOP of VP, of vergelijkbare kennis.",
            competences=_refs(
                SAFETY_ENGINEERING, HEALTH_SAFETY_REGULATIONS, ELECTRICITY_CONSUMPTION
            ),
            sectors=["elektrotechniek", "installatietechniek"],
            certificate="Certificaat NEN 1010 basis",
            price_cents=49500,
        ),
        [
            (2, ROTTERDAM, 40, "open"),
            (7, ROTTERDAM, 40, "open"),
            (16, ROTTERDAM, 40, "planned"),
        ],
        weekly=True,
    )

    # -- electricity: charging, solar, storage

    add(
        "laadpaalmonteur",
        OOST,
        _module(
            title="Laadpaalmonteur",
            summary=(
                "Laadpalen voor elektrische auto's installeren, aansluiten en in gebruik nemen, "
                "thuis en bij bedrijven. Inclusief slim laden en verdelen van vermogen."
            ),
            description=(
                "Er komen in Nederland elk jaar veel laadpalen bij. In deze opleiding leert u een "
                "laadpaal veilig plaatsen en aansluiten op de meterkast. U leert de juiste kabel "
                "en beveiliging kiezen en de installatie meten en testen. Ook leert u hoe slim "
                "laden werkt: de laadpaal past het vermogen aan, zodat de hoofdaansluiting niet "
                "overbelast raakt. U oefent in onze praktijkhal met laadpalen van verschillende "
                "merken. U legt uw werk vast in een opleverrapport voor de klant."
            ),
            level=_mbo(3),
            hours=40,
            days=5,
            mode="blended",
            prerequisites="Certificaat NEN 3140 VOP of VP. Basiskennis elektrotechniek.",
            competences=_refs(
                ELECTRICITY_CONSUMPTION,
                SHIFT_ENERGY_DEMANDS,
                SMART_GRIDS,
                HEALTH_SAFETY_REGULATIONS,
                SUSTAINABLE_TRANSPORT,
            ),
            sectors=["installatietechniek", "elektrotechniek", "energie"],
            certificate="Deelcertificaat Laadpaalmonteur",
            price_cents=149500,
        ),
        [
            (3, ARNHEM, 12, "open"),
            (6, ZWOLLE, 12, "open"),
            (9, ENSCHEDE, 10, "cancelled"),
            (10, UTRECHT, 12, "open"),
            (24, ARNHEM, 12, "planned"),
        ],
    )

    add(
        "zonnepanelenmonteur",
        OOST,
        _module(
            title="Zonnepanelenmonteur",
            summary=(
                "Zonnepanelen veilig op daken monteren en het systeem met omvormer aansluiten. "
                "Voor schuine en platte daken."
            ),
            description=(
                "U leert een pv-systeem plaatsen van dak tot meterkast. Eerst leert u veilig "
                "werken op hoogte en het dak beoordelen. Daarna monteert u het draagsysteem en "
                "de panelen op een schuin en een plat oefendak. U sluit de omvormer aan, meet "
                "het systeem door en neemt het in gebruik. Ook leert u storingen vinden en het "
                "systeem onderhouden. U werkt volgens de geldende installatie-eisen voor "
                "zonnestroom."
            ),
            level=_mbo(2),
            hours=32,
            days=4,
            mode="classroom",
            prerequisites=(
                "Certificaat NEN 3140 VOP. Geschikt om op hoogte te werken (geen hoogtevrees)."
            ),
            competences=_refs(
                INSTALL_PV_SYSTEMS,
                MOUNT_PV_PANELS,
                SOLAR_MOUNTING_SYSTEMS,
                MAINTAIN_PV_SYSTEMS,
                CONSTRUCTION_SAFETY,
            ),
            sectors=["installatietechniek", "energie"],
            certificate="Deelcertificaat Zonnepanelenmonteur",
            price_cents=119500,
        ),
        [
            (2, APELDOORN, 10, "open"),
            (5, ARNHEM, 10, "open"),
            (8, ZWOLLE, 10, "open"),
            (12, ENSCHEDE, 10, "open"),
            (26, APELDOORN, 10, "planned"),
        ],
    )

    add(
        "thuisbatterij",
        NOORD,
        _module(
            title="Thuisbatterij en energieopslag installeren",
            summary=(
                "Een thuisbatterij kiezen, plaatsen en aansluiten, en de klant uitleggen hoe "
                "opslag het eigen verbruik van zonnestroom verhoogt."
            ),
            description=(
                "Met een thuisbatterij gebruikt een huishouden meer van de eigen zonnestroom. In "
                "deze training leert u welke soorten batterijen er zijn en hoe u de juiste "
                "grootte bepaalt. U leert de batterij veilig plaatsen, met aandacht voor brand"
                "veiligheid en ventilatie. U sluit het systeem aan op de omvormer en de "
                "meterkast en stelt het energiebeheer in. Ten slotte oefent u het gesprek met "
                "de klant over verbruik, opbrengst en terugverdientijd."
            ),
            level=_mbo(3),
            hours=16,
            days=2,
            mode="classroom",
            prerequisites="Certificaat NEN 3140 VOP. Ervaring met zonnepanelen is handig.",
            competences=_refs(
                ENERGY_STORAGE,
                SHIFT_ENERGY_DEMANDS,
                ELECTRICITY_CONSUMPTION,
                HEALTH_SAFETY_REGULATIONS,
            ),
            sectors=["installatietechniek", "energie"],
            certificate="Deelcertificaat Energieopslag",
            price_cents=69500,
        ),
        [
            (4, GRONINGEN, 12, "open"),
            (7, LEEUWARDEN, 12, "open"),
            (11, ASSEN, 10, "open"),
            (18, GRONINGEN, 12, "planned"),
        ],
    )

    add(
        "energiemanagement-thuis",
        NOORD,
        _module(
            title="Slimme meter en energiemanagement in de woning",
            summary=(
                "Gegevens van de slimme meter uitlezen en gebruiken om het energieverbruik van "
                "een huishouden te verlagen en slim te verschuiven."
            ),
            description=(
                "Een slimme meter laat precies zien wanneer een huishouden stroom en gas "
                "gebruikt. In deze online cursus leert u de meter uitlezen via de P1-poort en "
                "een energiemanagementsysteem koppelen. U leert verbruikspatronen herkennen en "
                "apparaten zoals een warmtepomp, laadpaal of wasmachine laten draaien als er "
                "veel zonnestroom is. U maakt een kort advies voor een voorbeeldwoning. Dit "
                "advies bespreekt u met een docent in een online gesprek."
            ),
            level=_nlqf(3),
            hours=12,
            days=3,
            mode="online",
            prerequisites="Geen. Een laptop met internetverbinding is nodig.",
            competences=_refs(
                ANALYSE_ENERGY_CONSUMPTION,
                ELECTRICITY_CONSUMPTION,
                SMART_GRIDS,
                UTILITY_CONSUMPTION_ADVICE,
            ),
            sectors=["energie", "installatietechniek"],
            certificate="Certificaat Energiemanagement woning",
            price_cents=24500,
        ),
        [
            (2, GRONINGEN, 30, "open"),
            (6, GRONINGEN, 30, "open"),
            (14, GRONINGEN, 30, "planned"),
        ],
        weekly=True,
    )

    # -- heat: heat pumps, refrigerants, ventilation

    add(
        "f-gassen-cat1",
        RIJNMOND,
        _module(
            title="F-gassen categorie I",
            summary=(
                "Werken aan koel- en warmtepompsystemen met F-gassen: vullen, lekdicht maken, "
                "terugwinnen en registreren volgens de Europese F-gassenregels."
            ),
            description=(
                "Wie aan een warmtepomp of airco met F-gassen werkt, moet daarvoor gecertificeerd "
                "zijn. In deze training leert u hoe koudemiddelen werken en wat de regels zijn "
                "voor milieu en veiligheid. U oefent het solderen van leidingen, het afpersen "
                "en vacuüm trekken van een circuit en het vullen en terugwinnen van koudemiddel. "
                "U leert een lekdichtheidscontrole doen en registreren in het logboek. De training "
                "bereidt u voor op het examen F-gassen categorie I."
            ),
            level=_mbo(3),
            hours=40,
            days=5,
            mode="classroom",
            prerequisites=(
                "Technische vooropleiding op mbo-niveau 2 of werkervaring in de installatie"
                "techniek. Ervaring met solderen is handig."
            ),
            competences=_refs(
                TEST_REFRIGERATION_CIRCUITS, ENVIRONMENTAL_LEGISLATION, EMISSION_STANDARDS
            ),
            sectors=["installatietechniek", "koudetechniek"],
            certificate="Persoonscertificaat F-gassen categorie I",
            price_cents=189500,
        ),
        [
            (3, ROTTERDAM, 8, "open"),
            (7, ROTTERDAM, 8, "open"),
            (12, DEN_HAAG, 8, "open"),
            (25, ROTTERDAM, 8, "planned"),
        ],
    )

    add(
        "warmtepompmonteur",
        OOST,
        _module(
            title="Warmtepompmonteur",
            summary=(
                "Lucht-water- en bodemwarmtepompen in woningen installeren, inregelen en "
                "opleveren. Met veel oefenen in de praktijkhal."
            ),
            description=(
                "De warmtepomp vervangt in veel woningen de cv-ketel. In deze opleiding leert u "
                "hoe een warmtepomp werkt en welke soort bij welke woning past. U plaatst de "
                "binnen- en buitenunit, sluit de leidingen en de elektra aan en vult het "
                "systeem. U regelt de warmtepomp in op de woning en de afgiftesystemen, zoals "
                "vloerverwarming. U leert storingen vinden en de klant uitleggen hoe de "
                "installatie het zuinigst werkt. U sluit af met een praktijkexamen."
            ),
            level=_mbo(3),
            hours=80,
            days=10,
            mode="blended",
            prerequisites=(
                "Diploma monteur werktuigkundige installaties (mbo 2) of vergelijkbare "
                "werkervaring. Certificaat NEN 3140 VOP."
            ),
            competences=_refs(
                INSTALL_HEAT_PUMP,
                TYPES_OF_HEAT_PUMPS,
                IDENTIFY_HEAT_PUMP_SOURCE,
                DOMESTIC_HEATING_SYSTEMS,
                TEST_REFRIGERATION_CIRCUITS,
            ),
            sectors=["installatietechniek", "energie"],
            certificate="Deelcertificaat Warmtepompmonteur",
            price_cents=279500,
        ),
        [
            (3, ZWOLLE, 12, "open"),
            (6, ARNHEM, 12, "open"),
            (10, AMERSFOORT, 12, "open"),
            (28, ZWOLLE, 12, "planned"),
        ],
        weekly=True,
    )

    add(
        "hybride-warmtepomp",
        ZUID,
        _module(
            title="Hybride warmtepomp installeren en inregelen",
            summary=(
                "Een hybride warmtepomp naast de bestaande cv-ketel plaatsen, koppelen en zo "
                "inregelen dat het gasverbruik zo laag mogelijk wordt."
            ),
            description=(
                "Een hybride warmtepomp verwarmt het huis meestal met elektriciteit en gebruikt "
                "de cv-ketel alleen als het erg koud is. In deze training leert u welke woningen "
                "geschikt zijn en hoe u de warmtepomp koppelt aan de ketel en de thermostaat. U "
                "regelt de installatie in en controleert de werking. U leert ook hoe u de klant "
                "uitlegt wat de besparing op gas is en wat de klant zelf kan doen."
            ),
            level=_mbo(3),
            hours=24,
            days=3,
            mode="classroom",
            prerequisites="Ervaring met het installeren of onderhouden van cv-ketels.",
            competences=_refs(
                INSTALL_HEAT_PUMP,
                DOMESTIC_HEATING_SYSTEMS,
                HEATING_EFFICIENCY_ADVICE,
                GAS_CONSUMPTION,
            ),
            sectors=["installatietechniek", "energie"],
            certificate="Certificaat Hybride warmtepomp",
            price_cents=89500,
        ),
        [
            (2, EINDHOVEN, 10, "open"),
            (5, DEN_BOSCH, 10, "open"),
            (9, BREDA, 10, "open"),
            (19, EINDHOVEN, 10, "planned"),
        ],
    )

    add(
        "wtw-balansventilatie",
        ZUID,
        _module(
            title="Monteur balansventilatie en WTW",
            summary=(
                "Balansventilatie met warmteterugwinning (WTW) aanleggen, inregelen en "
                "onderhouden, voor een gezond binnenklimaat in goed geïsoleerde woningen."
            ),
            description=(
                "Hoe beter een woning is geisoleerd, hoe belangrijker goede ventilatie wordt. In "
                "deze opleiding leert u hoe balansventilatie met warmteterugwinning werkt. U "
                "legt kanalen aan, plaatst de unit en regelt de luchthoeveelheden per ruimte in. "
                "U meet de luchtkwaliteit en het geluid en legt de resultaten vast. Ook leert u "
                "filters vervangen en onderhoud plannen. Een deel van de opleiding doet u op "
                "een echte bouwplaats, samen met een ervaren monteur."
            ),
            level=_mbo(3),
            hours=32,
            days=4,
            mode="on-the-job",
            prerequisites=(
                "Basiskennis installatietechniek. Werkervaring in de bouw of installatie."
            ),
            competences=_refs(
                VENTILATION_ADVICE,
                VENTILATION_ENERGY,
                INDOOR_AIR_QUALITY,
                AIRTIGHT_CONSTRUCTION,
            ),
            sectors=["installatietechniek", "bouw"],
            certificate="Deelcertificaat Monteur ventilatiesystemen",
            price_cents=99500,
        ),
        [
            (4, EINDHOVEN, 8, "open"),
            (8, DEN_BOSCH, 8, "open"),
            (21, EINDHOVEN, 8, "planned"),
        ],
    )

    add(
        "zonneboiler",
        NOORD,
        _module(
            title="Zonneboiler installeren",
            summary=(
                "Een zonneboiler met collectoren plaatsen en aansluiten op de warmwater"
                "voorziening, ook in combinatie met een warmtepomp."
            ),
            description=(
                "Een zonneboiler verwarmt tapwater met zonnewarmte. In deze training leert u "
                "collectoren op het dak plaatsen, leidingen aanleggen en het voorraadvat "
                "aansluiten. U vult het systeem en stelt de regeling in. U werkt een dag mee met "
                "een ervaren installateur bij een klant thuis."
            ),
            level=_mbo(2),
            hours=16,
            days=2,
            mode="on-the-job",
            prerequisites="Ervaring met sanitaire of verwarmingsinstallaties.",
            competences=_refs(
                INSTALL_SOLAR_WATER_HEATER, SOLAR_THERMAL_SYSTEMS, CONSTRUCTION_SAFETY
            ),
            sectors=["installatietechniek", "energie"],
            certificate="Certificaat Zonneboiler",
            price_cents=54500,
        ),
        [
            (5, LEEUWARDEN, 6, "open"),
            (10, GRONINGEN, 6, "open"),
            (20, ZWOLLE, 6, "planned"),
        ],
    )

    # -- buildings: insulation and energy advice

    add(
        "spouwmuur-vloerisolatie",
        ZUID,
        _module(
            title="Spouwmuur- en vloerisolatie aanbrengen",
            summary=(
                "Bestaande woningen na-isoleren: de spouwmuur vullen en de vloer van onderen "
                "isoleren, netjes en zonder vochtproblemen."
            ),
            description=(
                "Isoleren is vaak de eerste stap naar een duurzaam huis. In deze training leert "
                "u een spouwmuur beoordelen: is hij geschikt en hoe breed is de spouw? U leert "
                "isolatiemateriaal inblazen en controleren of de spouw goed gevuld is. Ook "
                "isoleert u een vloer vanuit de kruipruimte. U let op ventilatie van de "
                "kruipruimte en op kieren en naden. Veilig werken in de kruipruimte komt ook aan "
                "bod."
            ),
            level=_mbo(2),
            hours=24,
            days=3,
            mode="on-the-job",
            prerequisites=(
                "Geen vooropleiding nodig. Lichamelijk geschikt voor werk in kruipruimtes."
            ),
            competences=_refs(
                INSULATION_MATERIALS,
                APPLY_INSULATION_STRIPS,
                BUILDING_ENVELOPE,
                ENERGY_PERFORMANCE_BUILDINGS,
            ),
            sectors=["bouw", "isolatie"],
            certificate="Certificaat Na-isolatie woningen",
            price_cents=64500,
        ),
        [
            (3, EINDHOVEN, 8, "open"),
            (6, BREDA, 8, "open"),
            (11, DEN_BOSCH, 8, "open"),
        ],
    )

    add(
        "energieadviseur-woningen",
        ZUID,
        _module(
            title="Energieadviseur woningen (EPA-W)",
            summary=(
                "Een woning opnemen, het energielabel bepalen en de bewoner een helder advies "
                "geven over isolatie, ventilatie en duurzame installaties."
            ),
            description=(
                "Als energieadviseur bezoekt u woningen en brengt u in kaart hoe energiezuinig "
                "ze zijn. U leert een woning opnemen volgens de methode NTA 8800 en het "
                "energielabel berekenen met software. Daarna maakt u een maatwerkadvies: welke "
                "maatregelen passen bij dit huis, wat kosten ze en wat leveren ze op? U oefent "
                "het adviesgesprek met bewoners in begrijpelijke taal. U sluit af met een "
                "praktijkopname en een theorie-examen."
            ),
            level=_nlqf(4),
            hours=60,
            days=8,
            mode="blended",
            prerequisites=(
                "Mbo-diploma niveau 4 in bouw of techniek, of vergelijkbare werkervaring."
            ),
            competences=_refs(
                ENERGY_AUDIT,
                ENERGY_PERFORMANCE_BUILDINGS,
                IDENTIFY_ENERGY_NEEDS,
                HEATING_EFFICIENCY_ADVICE,
                PROMOTE_SUSTAINABLE_ENERGY,
            ),
            sectors=["bouw", "energie"],
            certificate="Certificaat Energieadviseur woningen",
            price_cents=165000,
            credits=Credits(value=2.0, system="ECTS"),
        ),
        [
            (4, UTRECHT, 14, "open"),
            (8, EINDHOVEN, 14, "open"),
            (12, AMSTERDAM, 14, "open"),
            (30, UTRECHT, 14, "planned"),
        ],
        weekly=True,
    )

    # -- gases

    add(
        "groen-gas-waterstof-veiligheid",
        NOORD,
        _module(
            title="Veilig werken met groen gas en waterstof",
            summary=(
                "De eigenschappen en risico's van groen gas en waterstof kennen, en veilig "
                "werken aan leidingen en installaties waar deze gassen door gaan."
            ),
            description=(
                "In Noord-Nederland wordt veel gewerkt aan groen gas en waterstof. Deze gassen "
                "gedragen zich anders dan aardgas. In deze training leert u hoe groen gas en "
                "waterstof worden gemaakt en wat de gevaren zijn, zoals lekkage en explosie. U "
                "leert gasdetectie gebruiken, een werkplek veilig maken en handelen bij een "
                "incident. De training sluit af met een praktijkoefening en een toets."
            ),
            level=_mbo(3),
            hours=16,
            days=2,
            mode="classroom",
            prerequisites="Werkervaring met gasinstallaties of in de procesindustrie.",
            competences=_refs(
                HYDROGEN_INFORMATION,
                BIOGAS_PRODUCTION,
                SAFETY_ENGINEERING,
                HEALTH_SAFETY_REGULATIONS,
            ),
            sectors=["energie", "installatietechniek"],
            certificate="Certificaat Veilig werken met waterstof en groen gas",
            price_cents=79500,
        ),
        [
            (3, GRONINGEN, 12, "open"),
            (9, ASSEN, 12, "open"),
            (17, GRONINGEN, 12, "planned"),
        ],
    )

    # -- English-taught modules for international workers

    add(
        "solar-pv-installer-en",
        OOST,
        _module(
            title="Solar PV installer (English-taught)",
            summary=(
                "Install rooftop solar PV systems safely, from mounting rails to inverter, "
                "following Dutch installation practice. Taught in English."
            ),
            description=(
                "For international technicians working in the Netherlands. You learn to work "
                "safely at height, mount rails and panels on pitched and flat roofs, connect "
                "the inverter and test the system. The course explains Dutch rules and "
                "terminology, so you can work in a Dutch team."
            ),
            level=_mbo(2),
            hours=32,
            days=4,
            mode="classroom",
            prerequisites="NEN 3140 VOP certificate or equivalent. Basic English (B1).",
            competences=_refs(
                INSTALL_PV_SYSTEMS, MOUNT_PV_PANELS, SOLAR_MOUNTING_SYSTEMS, CONSTRUCTION_SAFETY
            ),
            sectors=["installatietechniek", "energie"],
            certificate="Certificate Solar PV installer",
            price_cents=124500,
            language="en",
        ),
        [
            (6, AMSTERDAM, 10, "open"),
            (23, ARNHEM, 10, "planned"),
        ],
    )

    add(
        "duurzame-installatiematerialen",
        OOST,
        _module(
            title="Duurzaam kiezen: circulaire installatiematerialen",
            summary=(
                "Installatiematerialen kiezen die lang meegaan, te hergebruiken zijn en minder "
                "CO2 kosten. Nog in ontwikkeling."
            ),
            description=(
                "Deze module is in ontwikkeling. U leert materialen vergelijken op milieu-impact "
                "en hergebruik, en leest milieuproductverklaringen."
            ),
            level=None,
            hours=8,
            days=1,
            mode="online",
            prerequisites="",
            competences=_refs(SUSTAINABLE_INSTALLATION_MATERIALS, ENVIRONMENTAL_LEGISLATION),
            sectors=["installatietechniek"],
            certificate="Bewijs van deelname Circulaire installatiematerialen",
            price_cents=None,
        ),
        [(32, UTRECHT, 40, "planned")],
        publish=False,
    )

    return modules


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


#: The demo modules with runs relative to the day this module was imported (UTC).
#: Prefer `demo_modules(today)` where the date matters.
MODULES: list[DemoModule] = demo_modules(_today())

# ---------------------------------------------------------------- qualifications

QUALIFICATIONS: list[DemoQualification] = [
    DemoQualification(
        key="allround-monteur-duurzame-installaties",
        code="Q-ALLROUND-DI",
        title="Allround monteur duurzame installaties",
        description=(
            "Een allround monteur duurzame installaties legt elektrische installaties voor de "
            "energietransitie aan in woningen en kleine bedrijven: laadpalen, zonnepanelen en "
            "installaties voor warmte en opslag. U behaalt dit profiel met de verplichte modules "
            "en minstens twee keuzemodules."
        ),
        level=_mbo(3),
        sector="installatietechniek",
        required=["nen3140-vop", "laadpaalmonteur", "zonnepanelenmonteur"],
        optional_groups=[
            (
                "Keuzemodules warmte en opslag (minstens 2)",
                2,
                [
                    "warmtepompmonteur",
                    "hybride-warmtepomp",
                    "wtw-balansventilatie",
                    "thuisbatterij",
                ],
            )
        ],
    ),
    DemoQualification(
        key="monteur-warmtetechniek",
        code="Q-MONTEUR-WT",
        title="Monteur warmtetechniek",
        description=(
            "Een monteur warmtetechniek installeert en onderhoudt duurzame verwarming in "
            "woningen: warmtepompen, hybride systemen en zonneboilers. U werkt veilig met "
            "koudemiddelen en elektriciteit. U behaalt dit profiel met de verplichte modules en "
            "minstens één keuzemodule."
        ),
        level=_mbo(3),
        sector="installatietechniek",
        required=["nen3140-vop", "f-gassen-cat1", "warmtepompmonteur"],
        optional_groups=[
            (
                "Keuzemodules verdieping (minstens 1)",
                1,
                ["hybride-warmtepomp", "wtw-balansventilatie", "zonneboiler"],
            )
        ],
    ),
]


def qualification_create(
    qualification: DemoQualification, module_ids: Mapping[str, UUID]
) -> QualificationCreate:
    """The `QualificationCreate` body for a demo qualification, given module ids by key."""
    return QualificationCreate(
        code=qualification.code,
        title=qualification.title,
        description=qualification.description,
        level=qualification.level,
        sector=qualification.sector,
        required_modules=[module_ids[key] for key in qualification.required],
        optional_groups=[
            QualificationGroupIn(
                title=title, min_count=min_count, modules=[module_ids[key] for key in keys]
            )
            for title, min_count, keys in qualification.optional_groups
        ],
    )
