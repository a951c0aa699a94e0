"""European Learning Model v3.1 "LOQ" (Learning Opportunities and Qualifications) XML.

`export_loq` writes module versions as a LOQ document for the Europass Qualification Dataset
Register; `import_loq` reads such a document back (losslessly for our own exports). The XSD is
vendored under `xsd/loq/` (EUPL-1.2, European Commission) and loaded without network access.
"""

from __future__ import annotations

from catalogue.xml.elm_export import export_loq
from catalogue.xml.elm_import import import_loq
from catalogue.xml.elm_types import (
    ImportedCompetence,
    ImportedFramework,
    ImportedModule,
    ImportedProvider,
    ImportedRun,
)
from catalogue.xml.elm_vocab import LOQ, load_loq_schema, validate_loq

__all__ = [
    "LOQ",
    "ImportedCompetence",
    "ImportedFramework",
    "ImportedModule",
    "ImportedProvider",
    "ImportedRun",
    "export_loq",
    "import_loq",
    "load_loq_schema",
    "validate_loq",
]
