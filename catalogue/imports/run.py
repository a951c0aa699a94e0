"""One import, as the API route and the operator's import page both run it: the format's
roles and size limit, the importer in the caller's transaction, and for a dry run the same
work rolled back, so a preview cannot differ from what applying would do."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.imports import ImportContext, ImportFormat, Tally
from catalogue.imports.formats import FORMATS
from schemas.access import require_role
from schemas.common import Actor
from schemas.errors import PayloadTooLargeError
from schemas.errors.catalogue import ImportFormatUnknownError
from schemas.imports import ImportReport


def import_format(name: str) -> ImportFormat:
    """The format of this name; `unknown-import-format` naming the known ones."""
    spec = FORMATS.get(name)
    if spec is None:
        raise ImportFormatUnknownError(
            f"unknown import format {name!r}; known: {', '.join(FORMATS)}"
        )
    return spec


async def run_import(
    session: AsyncSession,
    actor: Actor,
    base_url: str,
    name: str,
    body: bytes,
    *,
    provider: str | None = None,
    language: str | None = None,
    dry_run: bool = False,
    allow_loopback_fetch: bool = False,
) -> ImportReport:
    """Import `body` as format `name` for `actor` (the operator: for `provider`, a slug, where
    the format is a provider's), all or nothing (an importer's error leaves
    the transaction to be rolled back); with `dry_run` everything is undone before returning."""
    spec = import_format(name)
    require_role(actor, *spec.roles)
    if len(body) > spec.max_bytes:
        raise PayloadTooLargeError(f"an import of format {name} is at most {spec.max_bytes} bytes")
    tally = Tally()
    context = ImportContext(
        session, actor, base_url, spec.max_bytes, provider, language, allow_loopback_fetch
    )
    await spec.run(context, body, tally)
    if dry_run:
        # The preview is the real import, undone: it cannot differ from what would happen.
        await session.rollback()
    return tally.report(name, dry_run=dry_run)
