"""Every format `POST /api/catalogue/import?format=` takes: one line each."""

from __future__ import annotations

from catalogue.imports import ImportFormat
from catalogue.imports.ctdl import import_ctdl
from catalogue.imports.edudex import import_edudex
from catalogue.imports.edudex_directory import import_edudex_directory
from catalogue.imports.elm import import_elm
from catalogue.imports.esco_occupations import (
    import_esco_occupation_skills,
    import_esco_occupations,
)
from catalogue.imports.sbb import import_sbb
from schemas.media_types import CSV_TYPES, JSON_ONLY, XML_TYPES

# ESCO v1.1.1's files: occupations_en.csv 2.9 MB, occupationSkillRelations.csv 21 MB.
ESCO_OCCUPATIONS_MAX_BYTES = 8_000_000
ESCO_RELATIONS_MAX_BYTES = 32_000_000

FORMATS: dict[str, ImportFormat] = {
    "elm": ImportFormat(run=import_elm, roles=("provider", "operator"), media_types=XML_TYPES),
    "edudex": ImportFormat(
        run=import_edudex, roles=("provider", "operator"), media_types=XML_TYPES
    ),
    # Fetches the programs it lists from the provider's server: on the operator's word only.
    "edudex-directory": ImportFormat(
        run=import_edudex_directory, roles=("operator",), media_types=XML_TYPES
    ),
    # JSON-LD: application/ld+json is read as JSON (application/*+json).
    "ctdl": ImportFormat(run=import_ctdl, roles=("provider", "operator"), media_types=JSON_ONLY),
    "sbb": ImportFormat(run=import_sbb, roles=("operator",), media_types=XML_TYPES),
    "esco-occupations": ImportFormat(
        run=import_esco_occupations,
        roles=("operator",),
        media_types=CSV_TYPES,
        max_bytes=ESCO_OCCUPATIONS_MAX_BYTES,
    ),
    "esco-occupation-skills": ImportFormat(
        run=import_esco_occupation_skills,
        roles=("operator",),
        media_types=CSV_TYPES,
        max_bytes=ESCO_RELATIONS_MAX_BYTES,
    ),
}

# The import route reads no more than the largest format allows.
IMPORT_MAX_BYTES = max(spec.max_bytes for spec in FORMATS.values())
# Every media type some format reads, for the route's documentation.
IMPORT_MEDIA_TYPES = sorted(
    {media_type for spec in FORMATS.values() for media_type in spec.media_types}
)
