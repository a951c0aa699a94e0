"""Catalogue imports: one endpoint, one report shape, one importer per document format.

`POST /api/catalogue/import?format=<name>[&dryRun=true]` reads the body, checks its media type
and size, hands it to the format's importer inside the request's one transaction, and answers
the importer's `Tally` as an `ImportReport`. A dry run does all the work and then rolls it back,
so its preview is exactly what the real import would do. An importer raises a problem error
(naming the line or element) for bad input; the transaction then keeps nothing.

Each format lives in a module of this package and is listed once in `catalogue.imports.formats`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from schemas.common import Actor, Role
from schemas.imports import ImportCounts, ImportReport

# What an import counts.
Kind = Literal["frameworks", "competences", "qualifications", "modules", "occupations"]
# What it did to one thing.
Outcome = Literal["created", "updated", "withdrawn", "unchanged"]


@dataclass
class Tally:
    """The running count of one import, and its warnings, for the report."""

    counts: dict[Outcome, Counter[Kind]] = field(
        default_factory=lambda: {
            "created": Counter(),
            "updated": Counter(),
            "withdrawn": Counter(),
            "unchanged": Counter(),
        }
    )
    warnings: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome, kind: Kind, n: int = 1) -> None:
        self.counts[outcome][kind] += n

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def report(self, fmt: str, *, dry_run: bool) -> ImportReport:
        def counts(outcome: Outcome) -> ImportCounts:
            return ImportCounts(**dict(self.counts[outcome]))

        return ImportReport(
            format=fmt,
            dry_run=dry_run,
            created=counts("created"),
            updated=counts("updated"),
            withdrawn=counts("withdrawn"),
            unchanged=counts("unchanged"),
            warnings=self.warnings,
        )


@dataclass(frozen=True)
class ImportContext:
    """What an importer may use: the request's session, who imports, and where we live."""

    session: AsyncSession
    actor: Actor
    base_url: str
    max_bytes: int
    # The provider an operator imports for (`provider=`; a provider's own import names itself).
    provider: str | None = None
    # The language of a document of one language (ESCO ships a CSV file per language), from
    # the route's `language`; None when the request names none.
    language: str | None = None
    # Whether documents a directory names may be fetched from loopback addresses (tests only:
    # `REGISTRY_FETCH_ALLOW_LOOPBACK`).
    allow_loopback_fetch: bool = False


# An importer reads `body` and writes through `context.session`, counting into the tally.
Importer = Callable[[ImportContext, bytes, Tally], Awaitable[None]]


@dataclass(frozen=True)
class ImportFormat:
    """One document format the import endpoint takes."""

    run: Importer
    # Who may import it (the route lets providers and the operator in; this narrows it).
    roles: tuple[Role, ...]
    # The media types of its body; the first is assumed when the request names none.
    media_types: tuple[str, ...]
    # The largest body it takes (the route's own limit is the largest of all formats').
    max_bytes: int = 5_000_000
