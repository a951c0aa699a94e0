"""ELM LOQ XML as a catalogue import: modules of providers (see `catalogue.xml_io`)."""

from __future__ import annotations

from catalogue.imports import ImportContext, Tally
from catalogue.xml_io import CatalogueXml


async def import_elm(context: ImportContext, body: bytes, tally: Tally) -> None:
    """A provider's own modules (the operator's: any provider's), created or updated."""
    result = await CatalogueXml(context.session, context.base_url).import_elm(
        context.actor, body, max_bytes=context.max_bytes
    )
    tally.add("created", "modules", result.created)
    tally.add("updated", "modules", result.updated)
    tally.add("unchanged", "modules", result.unchanged)
