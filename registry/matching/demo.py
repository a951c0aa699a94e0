"""The demo employer's published job profile (issue 15): "Laadpaalmonteur" with two mandatory
certificates (VCA Basis, NEN 3140) and competences needed at the start or learnable after. The
demo worker has NEN 3140 (a person certificate of the demo exam institute) and the
at-start competences, and lacks VCA: blocked until then, then fits after training."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import DEMO_SKILLS, NEN_3140, VCA_BASIS
from registry.matching.profiles import create_profile
from schemas.common import Actor
from schemas.matching import CertificateIn, JobProfileCreate, RequirementIn

LAADPAALMONTEUR = JobProfileCreate(
    title="Laadpaalmonteur",
    description=(
        "Je plaatst en sluit laadpalen aan bij woningen en bedrijven in de regio Utrecht en "
        "Amersfoort. Je werkt veilig volgens NEN 3140 en je hebt VCA Basis. Wat je nog niet "
        "kunt, leer je bij ons in de eerste maanden."
    ),
    region="3",
    requirements=[
        RequirementIn(competence=DEMO_SKILLS["health-safety-regulations"], when="at-start"),
        RequirementIn(competence=DEMO_SKILLS["electricity-consumption"], when="at-start"),
        RequirementIn(competence=DEMO_SKILLS["smart-grids"], when="can-learn"),
        RequirementIn(competence=DEMO_SKILLS["construction-safety"], when="can-learn"),
        RequirementIn(competence=DEMO_SKILLS["energy-storage"], when="can-learn"),
    ],
    mandatory_certificates=[
        CertificateIn(name="VCA Basis", competence=VCA_BASIS, max_age_months=120),
        CertificateIn(name="NEN 3140", competence=NEN_3140),
    ],
    published=True,
)


async def load_demo_profiles(session: AsyncSession, employer: Actor) -> None:
    await create_profile(session, employer, LAADPAALMONTEUR)
