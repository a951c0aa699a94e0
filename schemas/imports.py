"""The answer of a catalogue import (`POST /api/catalogue/import?format=...`), for every format."""

from __future__ import annotations

from schemas.common import Response


class ImportCounts(Response, kw_only=True):
    """How many things of each kind an import touched in one way (created, updated, ...)."""

    frameworks: int = 0
    competences: int = 0
    qualifications: int = 0
    modules: int = 0
    occupations: int = 0


class ImportReport(Response, kw_only=True):
    """What an import did, or with `dryRun` would do: nothing of a dry run is kept.

    `unchanged` counts what the document names exactly as the catalogue already has it, so the
    same document imported twice reports everything unchanged the second time.
    """

    format: str
    dry_run: bool
    created: ImportCounts
    updated: ImportCounts
    withdrawn: ImportCounts
    unchanged: ImportCounts
    warnings: list[str]
