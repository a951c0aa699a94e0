"""CTDL JSON-LD as a catalogue import (`format=ctdl`).

A `ceterms:LearningProgram` (a provider's, or the operator's naming the provider): each
`ceterms:Course` of its `ceterms:hasPart` becomes a draft module of the provider, and the
program a qualification made of those modules (one required group, in `hasPart` order). A
`ceasn:CompetencyFramework` (the operator's) becomes a framework with its competences and tree
(`catalogue.imports.ctdl_framework`). Courses and programs are found again by their `@id`
(`import_origin`); a course whose fields are those of the module's current version is left
alone, so the same document twice changes nothing. What CTDL does not say in our terms is
reported as a warning, never guessed silently: a price in another currency than the euro,
a course without a study load (set to 1 hour on the draft, for the provider to correct).
"""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.imports import ImportContext, Tally
from catalogue.imports.ctdl_framework import import_framework
from catalogue.imports.ctdl_read import (
    Graph,
    document_language,
    duration_days,
    duration_hours,
    pick,
    read_graph,
    refs,
    texts,
    types_of,
)
from catalogue.imports.origins import acting_provider, convert, find_origin, import_provider
from catalogue.models import (
    ImportOrigin,
    Module,
    ModuleVersion,
    Provider,
    Qualification,
    QualificationGroup,
    QualificationGroupModule,
)
from catalogue.modules import ModuleService, apply_fields, load_version
from schemas.catalogue import ModuleCreate, ModulePatch
from schemas.errors.catalogue import BadImportDocumentError, QualificationExistsError

SOURCE: Final = "ctdl"
PROGRAM: Final = "ceterms:LearningProgram"
COURSE: Final = "ceterms:Course"
FRAMEWORK: Final = "ceasn:CompetencyFramework"
DELIVERY: Final = {
    "deliveryType:OnlineOnly": "online",
    "deliveryType:OnlineDelivery": "online",
    "deliveryType:BlendedDelivery": "blended",
    "deliveryType:InPerson": "classroom",
    "deliveryType:InPersonOnly": "classroom",
}
EUROS: Final = frozenset({"EUR", "Euro", "euro", "Euros"})
REQUIRED_GROUP: Final = "Verplichte modules"


async def import_ctdl(context: ImportContext, body: bytes, tally: Tally) -> None:
    """A learning program (provider or operator) or a competency framework (operator)."""
    graph = read_graph(body)
    programs = graph.of_type(PROGRAM)
    if graph.of_type(FRAMEWORK) and not programs:
        await import_framework(context, graph, tally)
        return
    if len(programs) != 1:
        raise BadImportDocumentError(
            f"a CTDL import holds one {PROGRAM} or a {FRAMEWORK}; this one has "
            f"{len(programs)} learning programs"
        )
    provider = await import_provider(context, None)
    await ProgramImport(context, provider, graph, tally).run(*programs[0])


class ProgramImport:
    """One learning program into one provider's draft modules and a qualification."""

    def __init__(self, context: ImportContext, provider: Provider, graph: Graph, tally: Tally):
        self.session: AsyncSession = context.session
        self.service = ModuleService(context.session, context.base_url)
        self.as_provider = acting_provider(context.actor, provider)
        self.provider = provider
        self.graph = graph
        self.tally = tally

    async def run(self, key: str, program: dict[str, Any]) -> None:
        modules = []
        for part in refs(program.get("ceterms:hasPart")):
            course = self.graph.nodes.get(part)
            if course is None or COURSE not in types_of(course):
                self.tally.warn(
                    f"{key}: part {part} is no ceterms:Course in the document; left out"
                )
                continue
            modules.append(await self._course(part, course, program))
        if not modules:
            raise BadImportDocumentError(f"{key}: ceterms:hasPart names no course in the document")
        await self._qualification(key, program, modules)

    def _fields(self, key: str, course: dict[str, Any], program: dict[str, Any]) -> dict[str, Any]:
        language = document_language(course)
        names = texts(course.get("ceterms:name"), language)
        title = pick(names)
        if title is None:
            raise BadImportDocumentError(f"{key}: ceterms:name is missing")
        language = language if language in names else next(iter(names))
        description = pick(texts(course.get("ceterms:description"), language)) or ""
        durations = [
            d.get("ceterms:exactDuration") for d in _list(course, "ceterms:estimatedDuration")
        ]
        exact = next((d for d in durations if isinstance(d, str)), "")
        hours = duration_hours(exact)
        if hours is None:
            self.tally.warn(f"{key}: no study load in hours; set to 1 hour on the draft")
        return {
            "title": title[:200],
            "summary": _clip(description or title, 500),
            "description": description,
            "language": "nl" if language == "nl" else "en",
            "study_load_hours": hours or 1,
            "duration_days": duration_days(exact),
            "delivery_mode": self._delivery(course) or self._delivery(program) or "classroom",
            "prerequisites": _clip(self._entry(course, language), 500),
            "certificate": f"Certificaat {title}"[:200],
            "price_cents": self._price(key, course),
        }

    def _delivery(self, node: dict[str, Any]) -> str | None:
        for alignment in _list(node, "ceterms:deliveryType"):
            mode = DELIVERY.get(str(alignment.get("ceterms:targetNode")))
            if mode is not None:
                return mode
        return None

    def _entry(self, course: dict[str, Any], language: str) -> str:
        conditions = _list(course, "ceterms:entryCondition")
        found = (pick(texts(c.get("ceterms:description"), language)) for c in conditions)
        return next((text for text in found if text), "")

    def _price(self, key: str, course: dict[str, Any]) -> int | None:
        for cost in _list(course, "ceterms:estimatedCost"):
            price = cost.get("ceterms:price")
            if not isinstance(price, int | float) or isinstance(price, bool):
                continue
            if cost.get("ceterms:currency") not in EUROS:
                currency = cost.get("ceterms:currency")
                self.tally.warn(f"{key}: a price in {currency}, not in euros; left out")
                return None
            return round(price * 100)
        return None

    async def _course(self, key: str, course: dict[str, Any], program: dict[str, Any]) -> UUID:
        fields = self._fields(key, course, program)
        origin = await find_origin(self.session, self.provider, SOURCE, key)
        if origin is None or origin.module_id is None:
            created = await self.service.create(
                self.as_provider, convert(fields, ModuleCreate, key, {})
            )
            self.session.add(
                ImportOrigin(
                    provider_id=self.provider.id,
                    source=SOURCE,
                    external_id=key,
                    module_id=created.id,
                )
            )
            self.tally.add("created", "modules")
            return created.id
        module = await self.session.get_one(Module, origin.module_id)
        number = module.draft_version or module.published_version
        assert number is not None  # a module always has a version
        current = await load_version(self.session, module.id, number)
        probe = _probe(convert(fields, ModuleCreate, key, {}))
        changes = {
            name: value
            for name, value in fields.items()
            if name != "certificate" and getattr(probe, name) != getattr(current, name)
        }
        if changes and module.status != "withdrawn":
            await self.service.patch(
                self.as_provider, module.id, convert(changes, ModulePatch, key, {})
            )
        self.tally.add("updated" if changes else "unchanged", "modules")
        return module.id

    async def _qualification(self, key: str, program: dict[str, Any], modules: list[UUID]) -> None:
        language = document_language(program)
        title = pick(texts(program.get("ceterms:name"), language))
        if title is None:
            raise BadImportDocumentError(f"{key}: ceterms:name is missing")
        description = pick(texts(program.get("ceterms:description"), language)) or ""
        origin = await find_origin(self.session, self.provider, SOURCE, key)
        if origin is not None and origin.qualification_id is not None:
            qualification = await self.session.get_one(Qualification, origin.qualification_id)
            before = (qualification.title, qualification.description, _members(qualification))
            if before == (title[:200], description, modules):
                self.tally.add("unchanged", "qualifications")
                return
            qualification.title, qualification.description = title[:200], description
            qualification.groups = [_group(modules)]
            self.tally.add("updated", "qualifications")
            await self.session.flush()
            return
        code = str(program.get("ceterms:ctid") or key)[-40:]
        if await self.session.scalar(select(Qualification.id).where(Qualification.code == code)):
            raise QualificationExistsError(f"{key}: a qualification with code {code!r} exists")
        qualification = Qualification(
            code=code,
            title=title[:200],
            description=description,
            owner_provider_id=self.provider.id,
            groups=[_group(modules)],
        )
        self.session.add(qualification)
        await self.session.flush()
        self.session.add(
            ImportOrigin(
                provider_id=self.provider.id,
                source=SOURCE,
                external_id=key,
                qualification_id=qualification.id,
            )
        )
        await self.session.flush()
        self.tally.add("created", "qualifications")


def _list(node: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = node.get(name, [])
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _probe(data: ModuleCreate) -> ModuleVersion:
    """A version holding the document's fields, to compare with the module's (never added)."""
    probe = ModuleVersion()
    apply_fields(probe, data)
    return probe


def _group(modules: list[UUID]) -> QualificationGroup:
    return QualificationGroup(
        position=0,
        title=REQUIRED_GROUP,
        required=True,
        min_count=len(modules),
        members=[QualificationGroupModule(module_id=m, position=i) for i, m in enumerate(modules)],
    )


def _members(qualification: Qualification) -> list[UUID]:
    return [m.module_id for group in qualification.groups for m in group.members]
