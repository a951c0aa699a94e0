"""The demo crosswalk (issue 15): werkprocessen of a construction kwalificatiedossier mapped to
the ESCO skills the installation modules teach, so a worker with a construction credential sees
which installation jobs it counts for; and the NEN 3140 certificate scheme mapped to the demo
module whose certificate is that certificate (an achievement that is exactly the scheme)."""

from __future__ import annotations

from uuid import UUID

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
from catalogue.urls import module_version_url
from schemas.catalogue import CompetenceCreate, FrameworkCreate
from schemas.matching import MappingIn, Relation

VCA_BASIS = "https://www.vca.nl/schemes/vca-basis"
NEN_3140 = "https://www.nen.nl/schemes/nen-3140"
F_GASSEN_1 = "https://www.fgassen.nl/schemes/f-gassen-cat-1"
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
CERTIFICATE_SCHEMES = [
    (VCA_BASIS, "VCA Basis", "VCA Basic safety"),
    (NEN_3140, "NEN 3140 (veilig werken aan elektrische installaties)", "NEN 3140"),
    (F_GASSEN_1, "F-gassen categorie I", "F-gas category I"),
]
SCHEMES_FRAMEWORK = FrameworkCreate(
    slug="certificaatschemas",
    name="Certificaatschema's (VCA, NEN, F-gassen)",
    uri="https://demo.llo-registry.nl/certificaatschemas",
    version="2026",
)


def werkproces_uri(code: str) -> str:
    return f"{BOUW}/{code}"


async def load_demo_crosswalks(session: AsyncSession, base_url: str, nen3140_module: UUID) -> None:
    """The construction werkprocessen and the certificate schemes as competences (labels for
    pages), and the demo crosswalk."""
    await competences.create_framework(session, BOUW_FRAMEWORK)
    await competences.create_framework(session, SCHEMES_FRAMEWORK)
    items = [
        CompetenceCreate(
            framework=BOUW_FRAMEWORK.slug,
            uri=werkproces_uri(code),
            code=code,
            labels={"nl": nl, "en": en},
        )
        for code, nl, en, _ in BOUW_WERKPROCESSEN
    ]
    items += [
        CompetenceCreate(framework=SCHEMES_FRAMEWORK.slug, uri=uri, labels={"nl": nl, "en": en})
        for uri, nl, en in CERTIFICATE_SCHEMES
    ]
    await competences.save_competences(session, items)
    mappings = [
        MappingIn(source=werkproces_uri(code), relation=relation, target=skill)
        for code, _, _, mapped in BOUW_WERKPROCESSEN
        for relation, skill in mapped
    ]
    # The demo module "NEN 3140 VOP" (version 1) awards a NEN 3140 certificate.
    mappings.append(
        MappingIn(
            source=module_version_url(base_url, nen3140_module, 1),
            relation="exactMatch",
            target=NEN_3140,
        )
    )
    await crosswalks.record(session, mappings)
