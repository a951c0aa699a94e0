"""The demo's certificate schemes: person certificates that employers in installation and
construction require on day one, each issued by an accredited exam institute after an exam.

They are a competence framework of their own, so a job profile names a scheme by URI like any
other competence, and searching in Dutch finds it. How long a certificate stays valid is the
scheme owner's rule; the exam institute puts it in the certificate as `validUntil`.
"""

from __future__ import annotations

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import competences
from schemas.catalogue import CompetenceCreate, FrameworkCreate

__all__ = ["CERTIFICATE_SCHEMES", "SCHEMES", "DemoScheme", "load_demo_schemes"]

CERTIFICATE_SCHEMES = FrameworkCreate(
    slug="certificaatschemas",
    name="Certificaatschema's voor persoonscertificaten",
    uri="https://demo.llo-registry.nl/frameworks/certificaatschemas",
    version="2026",
)


class DemoScheme(msgspec.Struct, kw_only=True, frozen=True):
    """A certificate scheme: its URI, Dutch and English names, code, and how many years a
    certificate under it is valid (None: no end)."""

    key: str
    uri: str
    nl: str
    en: str
    code: str
    valid_years: int | None = None


SCHEMES: tuple[DemoScheme, ...] = (
    DemoScheme(
        key="vca-basis",
        uri="https://www.vca.nl/schemes/vca-basis",
        nl="VCA Basis",
        en="VCA Basic Safety",
        code="B-VCA",
        valid_years=10,
    ),
    DemoScheme(
        key="nen-3140",
        uri="https://www.nen.nl/schemes/nen-3140",
        nl="NEN 3140 Voldoende Onderricht Persoon",
        en="NEN 3140 Instructed Person",
        code="NEN 3140 VOP",
    ),
    DemoScheme(
        key="f-gassen-cat-1",
        uri="https://www.fgassen.nl/schemes/f-gassen-cat-1",
        nl="F-gassen categorie 1",
        en="F-gases category 1",
        code="F-gassen cat. 1",
    ),
)


async def load_demo_schemes(session: AsyncSession) -> None:
    """The framework and its schemes, with Dutch labels first (the operator's)."""
    await competences.create_framework(session, CERTIFICATE_SCHEMES)
    await competences.save_competences(
        session,
        [
            CompetenceCreate(
                framework=CERTIFICATE_SCHEMES.slug,
                uri=scheme.uri,
                code=scheme.code,
                labels={"nl": scheme.nl, "en": scheme.en},
                description=f"Persoonscertificaat {scheme.nl}, behaald met een examen.",
            )
            for scheme in SCHEMES
        ],
    )
