"""The demo crosswalk (issue 15): werkprocessen of a construction kwalificatiedossier mapped to
the ESCO skills the installation modules teach, so a worker with a construction credential sees
which installation jobs it counts for. The certificate schemes themselves are
`catalogue.demo_schemes`' (an exam institute certifies them; no module does)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import competences, crosswalks
from catalogue.demo_data import (
    APPLY_INSULATION_STRIPS,
    BUILDING_ENVELOPE,
    CONSTRUCTION_SAFETY,
    ELECTRICITY_CONSUMPTION,
    ENERGY_STORAGE,
    HEALTH_SAFETY_REGULATIONS,
    INSULATION_MATERIALS,
    SMART_GRIDS,
    SOLAR_MOUNTING_SYSTEMS,
)
from catalogue.demo_schemes import SCHEMES
from schemas.catalogue import CompetenceCreate, FrameworkCreate
from schemas.matching import MappingIn, Relation

SCHEME_URIS = {scheme.key: scheme.uri for scheme in SCHEMES}
VCA_BASIS = SCHEME_URIS["vca-basis"]
NEN_3140 = SCHEME_URIS["nen-3140"]
# ESCO skills the registry's demo job profile asks for, by a name of our own.
DEMO_SKILLS = {
    "health-safety-regulations": HEALTH_SAFETY_REGULATIONS,
    "electricity-consumption": ELECTRICITY_CONSUMPTION,
    "smart-grids": SMART_GRIDS,
    "construction-safety": CONSTRUCTION_SAFETY,
    "energy-storage": ENERGY_STORAGE,
}
BOUW = "https://demo.llo-registry.nl/standaarden/monteur-bouw"
BOUW_FRAMEWORK = FrameworkCreate(
    slug="kd-monteur-bouw",
    name="Kwalificatiedossier Monteur bouw (werkprocessen)",
    uri=BOUW,
    version="2026",
)
# (code, Dutch label, English label, [(relation, ESCO skill)])
BOUW_WERKPROCESSEN: list[tuple[str, str, str, list[tuple[Relation, str]]]] = [
    (
        "B1-K1-W4",
        "Werkt veilig en gezond op de bouwplaats",
        "Works safely and healthily on the building site",
        [("exactMatch", CONSTRUCTION_SAFETY), ("broadMatch", HEALTH_SAFETY_REGULATIONS)],
    ),
    (
        "B1-K2-W2",
        "Brengt isolatiemateriaal aan",
        "Applies insulation material",
        [("closeMatch", APPLY_INSULATION_STRIPS), ("broadMatch", INSULATION_MATERIALS)],
    ),
    (
        "B1-K2-W3",
        "Monteert bevestigingssystemen op daken",
        "Mounts fastening systems on roofs",
        [("closeMatch", SOLAR_MOUNTING_SYSTEMS)],
    ),
    (
        "B1-K3-W1",
        "Maakt de gebouwschil luchtdicht",
        "Makes the building envelope airtight",
        [("narrowMatch", BUILDING_ENVELOPE)],
    ),
]


def werkproces_uri(code: str) -> str:
    return f"{BOUW}/{code}"


async def load_demo_crosswalks(session: AsyncSession) -> None:
    """The construction werkprocessen as competences (labels for pages), and the crosswalk."""
    await competences.create_framework(session, BOUW_FRAMEWORK)
    items = [
        CompetenceCreate(
            framework=BOUW_FRAMEWORK.slug,
            uri=werkproces_uri(code),
            code=code,
            labels={"nl": nl, "en": en},
        )
        for code, nl, en, _ in BOUW_WERKPROCESSEN
    ]
    await competences.save_competences(session, items)
    mappings = [
        MappingIn(source=werkproces_uri(code), relation=relation, target=skill)
        for code, _, _, mapped in BOUW_WERKPROCESSEN
        for relation, skill in mapped
    ]
    await crosswalks.record(session, mappings)
