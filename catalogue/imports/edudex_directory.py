"""EDU-DEX directory documents: a provider's list of program documents, by URL.

Every program the directory lists is fetched (`catalogue.fetch`) and imported as a program
document is (`catalogue.imports.edudex`); a module that came from the provider's EDU-DEX
programs before and that the directory no longer lists is withdrawn, never deleted (its
versions stay resolvable for the credentials that name them). Which modules a directory
speaks for: those last imported through the same feed, or, for a directory imported by
hand, the provider's EDU-DEX modules that came through no feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from uuid import UUID

from lxml import etree
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.fetch import Fetcher, check_url, fetch_with
from catalogue.imports import ImportContext, Tally
from catalogue.imports.edudex import SOURCE, ProgramImport
from catalogue.imports.edudex_read import bad, read_program
from catalogue.imports.origins import acting_provider, import_provider
from catalogue.models import ImportOrigin, Module, Provider
from catalogue.modules import ModuleService
from catalogue.xml.safe import parse_xml
from schemas.common import Actor
from schemas.errors.catalogue import BadFeedUrlError, BadImportDocumentError

EDUDEX_DIRECTORY: Final = "http://studieData.nl/schema/edudex/directory"
NS: Final = {"d": EDUDEX_DIRECTORY}


@dataclass(frozen=True)
class Resource:
    """One `programResource`: the program's id and where its document is."""

    program_id: str
    url: str
    line: int


@dataclass(frozen=True)
class Directory:
    org_unit_id: str | None
    resources: list[Resource]


def read_directory(root: etree._Element) -> Directory:
    """The programs an `edudexDirectory` lists, or `bad-import-document`."""
    if root.tag != f"{{{EDUDEX_DIRECTORY}}}edudexDirectory":
        raise bad(root, f"not an EDU-DEX directory document (root {root.tag})")
    resources = []
    for element in root.findall("d:programResource", NS):
        program_id = (element.findtext("d:programId", None, NS) or "").strip()
        url = (element.findtext("d:resourceUrl", None, NS) or "").strip()
        if not program_id or not url:
            raise bad(element, "a programResource needs a programId and a resourceUrl")
        try:
            check_url(url)
        except BadFeedUrlError as exc:
            raise bad(element, exc.message) from None
        resources.append(Resource(program_id, url, int(getattr(element, "sourceline", 0) or 0)))
    if len({r.program_id for r in resources}) != len(resources):
        raise bad(root, "a programId is listed twice")
    org_unit = (root.findtext("d:orgUnitId", None, NS) or "").strip() or None
    return Directory(org_unit, resources)


async def import_edudex_directory(context: ImportContext, body: bytes, tally: Tally) -> None:
    """A directory imported by hand (operator): its programs fetched and imported."""
    directory = read_directory(parse_xml(body, max_bytes=context.max_bytes))
    provider = await import_provider(context, directory.org_unit_id)
    fetcher = fetch_with(allow_loopback=context.allow_loopback_fetch)
    await DirectoryImport(context.session, context.base_url, context.actor, fetcher).apply(
        provider, directory, tally
    )


class DirectoryImport:
    """One directory into one provider's modules, in the caller's transaction."""

    def __init__(
        self, session: AsyncSession, base_url: str, actor: Actor, fetcher: Fetcher
    ) -> None:
        self.session = session
        self.programs = ProgramImport(session, base_url, actor)
        self.fetcher = fetcher

    async def apply(
        self, provider: Provider, directory: Directory, tally: Tally, feed_id: UUID | None = None
    ) -> None:
        listed: set[UUID] = set()
        for resource in directory.resources:
            program = read_program(parse_xml(await self.fetcher(resource.url)))
            if program.program_id != resource.program_id:
                raise BadImportDocumentError(
                    f"line {resource.line}: {resource.url} holds program "
                    f"{program.program_id!r}, the directory says {resource.program_id!r}"
                )
            module_id = await self.programs.apply(provider, program, tally, feed_id)
            if module_id is not None:
                listed.add(module_id)
        await self._withdraw_unlisted(provider, listed, feed_id, tally)

    async def _withdraw_unlisted(
        self, provider: Provider, listed: set[UUID], feed_id: UUID | None, tally: Tally
    ) -> None:
        origins = select(ImportOrigin.module_id).where(
            ImportOrigin.provider_id == provider.id,
            ImportOrigin.source == SOURCE,
            ImportOrigin.feed_id.is_(None) if feed_id is None else ImportOrigin.feed_id == feed_id,
        )
        modules = await self.session.scalars(
            select(Module).where(Module.id.in_(origins), Module.status != "withdrawn")
        )
        service = ModuleService(self.session, self.programs.base_url)
        for module in list(modules):
            if module.id in listed:
                continue
            if module.status == "published":
                await service.withdraw(acting_provider(self.programs.actor, provider), module.id)
            else:
                # A draft leaves too: the provider no longer offers it.
                module.status = "withdrawn"
            tally.add("withdrawn", "modules")
        await self.session.flush()
