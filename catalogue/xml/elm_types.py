"""What an ELM LOQ import yields: enough to create or update modules, providers and competences."""

from __future__ import annotations

from uuid import UUID

import msgspec

from schemas.catalogue import ModuleCreate, RunCreate


class ImportedProvider(msgspec.Struct, kw_only=True, frozen=True):
    """The organisation that provides a learning opportunity."""

    id: UUID | None = None
    slug: str
    name: str
    kvk: str | None = None
    website: str | None = None


class ImportedFramework(msgspec.Struct, kw_only=True, frozen=True):
    """A competence framework as far as the document names it."""

    slug: str
    name: str | None = None
    uri: str | None = None
    version: str | None = None


class ImportedCompetence(msgspec.Struct, kw_only=True, frozen=True):
    """A competence with what an importer needs to create it when it is unknown."""

    uri: str
    labels: dict[str, str]
    code: str | None = None
    level: str | None = None
    framework: ImportedFramework | None = None


class ImportedRun(msgspec.Struct, kw_only=True, frozen=True):
    """One run of an imported module; `id` is ours when the document came from us."""

    id: UUID | None = None
    run: RunCreate


class ImportedModule(msgspec.Struct, kw_only=True, frozen=True):
    """One learning opportunity, mapped back onto our module fields."""

    id: UUID | None = None
    version: int | None = None
    url: str
    provider: ImportedProvider
    module: ModuleCreate
    competences: list[ImportedCompetence] = []
    runs: list[ImportedRun] = []
