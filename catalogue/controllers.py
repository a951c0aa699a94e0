"""HTTP controllers of the catalogue: thin, parse input, call a service, return a Struct.

Dependencies come by name from the app (`db_session`, `actor`, `viewer`, `base_url`), so this
package never imports the registry.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from litestar import Controller, Request, get, patch, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import competences as competence_service
from catalogue import providers as provider_service
from catalogue import runs as run_service
from catalogue.esco import parse_esco_csv, parse_plain_csv
from catalogue.frameworks import framework_detail
from catalogue.modules import ModuleService
from catalogue.qualifications import QualificationService
from catalogue.search import SearchQuery, search_modules
from catalogue.urls import DOSSIERS, MODULES, QUALIFICATIONS, werkproces_url
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.catalogue import (
    CompetenceCreate,
    CompetenceLabels,
    CompetenceList,
    CompetenceOut,
    DeliveryMode,
    FrameworkCreate,
    FrameworkDetail,
    FrameworkOut,
    ImportResult,
    ModuleCreate,
    ModuleDocument,
    ModuleOut,
    ModulePatch,
    ProviderCreate,
    ProviderOut,
    ProviderPatch,
    QualificationCreate,
    QualificationList,
    QualificationOut,
    RunCreate,
    RunDocument,
    RunPatch,
    SearchResult,
)
from schemas.common import MAX_INTEGER, SLUG_PATTERN, Actor, today_nl
from schemas.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from schemas.levels import HIGHEST_LEVEL, LevelScheme

CSV_MAX_BYTES = 20_000_000
Limit = Annotated[int, Parameter(ge=1, le=100)]
Offset = Annotated[int, Parameter(ge=0, le=100_000)]
OPERATOR = requires_role("operator")
PROVIDER = requires_role("provider")


class ProviderController(Controller):
    """Provider organisations."""

    path = "/api/catalogue/providers"
    tags = ["catalogue"]

    @get("/")
    async def list_providers(self, db_session: AsyncSession) -> list[ProviderOut]:
        """List provider organisations."""
        return await provider_service.list_providers(db_session)

    @post(
        "/",
        guards=[OPERATOR],
        opt=api_doc(PermissionDeniedError, InvalidInputError, ConflictError),
    )
    async def create_provider(self, db_session: AsyncSession, data: ProviderCreate) -> ProviderOut:
        """Register a provider organisation (operator), with its org unit id at EDU-DEX
        (`edudexOrgUnitId`, which an EDU-DEX import maps a document's orgUnitId by)."""
        return await provider_service.create_provider(db_session, data)

    @patch(
        "/{slug:str}",
        guards=[OPERATOR],
        opt=api_doc(PermissionDeniedError, NotFoundError, InvalidInputError, ConflictError),
    )
    async def patch_provider(
        self,
        db_session: AsyncSession,
        slug: Annotated[str, Parameter(max_length=64)],
        data: ProviderPatch,
    ) -> ProviderOut:
        """Set or clear a provider's EDU-DEX org unit id (operator)."""
        return await provider_service.patch_provider(db_session, slug, data)


class CompetenceController(Controller):
    """Competence frameworks and competences."""

    path = "/api/catalogue"
    tags = ["catalogue"]

    @get("/frameworks")
    async def list_frameworks(self, db_session: AsyncSession) -> list[FrameworkOut]:
        """List competence frameworks."""
        return await competence_service.list_frameworks(db_session)

    @get("/frameworks/{ref:str}", opt=api_doc(NotFoundError))
    async def get_framework(
        self, db_session: AsyncSession, ref: Annotated[str, Parameter(max_length=500)]
    ) -> FrameworkDetail:
        """A framework version (by id or slug) with its tree: nodes (e.g. kerntaken) with
        their children and competences (e.g. werkprocessen), and the versions of its series."""
        return await framework_detail(db_session, ref)

    @get(
        f"{DOSSIERS.removeprefix('/api/catalogue')}/{{crebo:str}}/{{version:str}}/{{code:str}}",
        opt=api_doc(NotFoundError),
    )
    async def get_werkproces(
        self,
        db_session: AsyncSession,
        base_url: str,
        crebo: Annotated[str, Parameter(max_length=5)],
        version: Annotated[str, Parameter(max_length=64)],
        code: Annotated[str, Parameter(max_length=40)],
    ) -> CompetenceOut:
        """A werkproces of one version of an SBB kwalificatiedossier: its URI answers here."""
        return await competence_service.get_competence(
            db_session, werkproces_url(base_url, crebo, version, code)
        )

    @post("/frameworks", guards=[OPERATOR], opt=api_doc(PermissionDeniedError, ConflictError))
    async def create_framework(
        self, db_session: AsyncSession, data: FrameworkCreate
    ) -> FrameworkOut:
        """Register a competence framework (operator)."""
        return await competence_service.create_framework(db_session, data)

    @get("/competences", opt=api_doc(NotFoundError))
    async def list_competences(
        self,
        db_session: AsyncSession,
        q: Annotated[str | None, Parameter(max_length=200)] = None,
        framework: Annotated[
            str | None,
            Parameter(max_length=500, description="A framework version's id, slug or URI."),
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
        used: Annotated[
            bool, Parameter(description="Only competences a published module teaches.")
        ] = False,
        without_label: Annotated[
            str | None,
            Parameter(
                query="withoutLabel",
                pattern=r"^[a-z]{2}$",
                description="Only competences with no label in this language (e.g. nl).",
            ),
        ] = None,
    ) -> CompetenceList:
        """List competences, filtered by framework, label (`q`: any language, case and
        accents ignored, Dutch matches first), use, or a missing language."""
        return await competence_service.list_competences(
            db_session,
            q=q,
            framework=framework,
            limit=limit,
            offset=offset,
            used=used,
            without_label=without_label,
        )

    @post("/competences", guards=[OPERATOR], opt=api_doc(PermissionDeniedError, NotFoundError))
    async def create_competence(
        self, db_session: AsyncSession, data: CompetenceCreate
    ) -> ImportResult:
        """Create or update one competence by URI (operator)."""
        return await competence_service.save_competences(db_session, [data])

    @post(
        "/competences/import",
        request_max_body_size=CSV_MAX_BYTES,
        guards=[OPERATOR],
        opt=api_doc(PermissionDeniedError, NotFoundError, body={"text/csv": str}),
    )
    async def import_competences(
        self,
        db_session: AsyncSession,
        request: Request[Any, Any, Any],
        framework: Annotated[str, Parameter(pattern=SLUG_PATTERN)],
        csv_format: Annotated[Literal["esco", "plain"], Parameter(query="format")] = "plain",
        language: Annotated[str, Parameter(pattern=r"^[a-z]{2}$")] = "en",
    ) -> ImportResult:
        """Import competences from CSV: an ESCO skills export (`preferredLabel` in `language`,
        or `preferredLabel_<lang>` columns, in a language ESCO publishes, else 422
        `unknown-esco-language`; labels of other languages are kept) or our plain
        format (all labels replaced) (operator)."""
        data = await request.body()
        if csv_format == "esco":
            items = parse_esco_csv(data, framework=framework, language=language)
        else:
            items = parse_plain_csv(data, framework=framework)
        return await competence_service.save_competences(
            db_session, items, merge_labels=csv_format == "esco"
        )

    @patch(
        "/competences/{competence_id:uuid}", guards=[OPERATOR], opt=api_doc(PermissionDeniedError)
    )
    async def relabel_competence(
        self, db_session: AsyncSession, competence_id: UUID, data: CompetenceLabels
    ) -> CompetenceOut:
        """Add or replace a competence's labels per language, e.g. Dutch (operator)."""
        return await competence_service.relabel_competence(db_session, competence_id, data)

    @get("/competences/by-uri", opt=api_doc(NotFoundError))
    async def get_competence(
        self, db_session: AsyncSession, uri: Annotated[str, Parameter(max_length=500)]
    ) -> CompetenceOut:
        """One competence by its URI."""
        return await competence_service.get_competence(db_session, uri)


class ModuleController(Controller):
    """Modules, their versions and runs."""

    path = MODULES
    tags = ["catalogue"]

    @get("/")
    async def search_modules(
        self,
        db_session: AsyncSession,
        base_url: str,
        q: Annotated[str | None, Parameter(max_length=200)] = None,
        competence: Annotated[str | None, Parameter(max_length=500)] = None,
        level: Annotated[int | None, Parameter(ge=1, le=HIGHEST_LEVEL)] = None,
        level_scheme: Annotated[LevelScheme | None, Parameter(query="levelScheme")] = None,
        sector: Annotated[str | None, Parameter(max_length=40)] = None,
        region: Annotated[str | None, Parameter(max_length=60)] = None,
        mode: DeliveryMode | None = None,
        start_from: Annotated[dt.date | None, Parameter(query="startFrom")] = None,
        start_to: Annotated[dt.date | None, Parameter(query="startTo")] = None,
        provider: Annotated[str | None, Parameter(max_length=64)] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> SearchResult:
        """Search published modules: full text plus filters, paginated."""
        query = SearchQuery(
            q=q,
            competence=competence,
            level=level,
            level_scheme=level_scheme,
            sector=sector,
            region=region,
            delivery_mode=mode,
            start_from=start_from,
            start_to=start_to,
            provider=provider,
            limit=limit,
            offset=offset,
        )
        return await search_modules(db_session, base_url, query, today=today_nl())

    @post(
        "/", guards=[PROVIDER], opt=api_doc(PermissionDeniedError, InvalidInputError, ConflictError)
    )
    async def create_module(
        self, db_session: AsyncSession, base_url: str, actor: Actor, data: ModuleCreate
    ) -> ModuleOut:
        """Create a module as draft version 1 (provider)."""
        return await ModuleService(db_session, base_url).create(actor, data)

    @get("/{module_id:uuid}")
    async def get_module(
        self, db_session: AsyncSession, base_url: str, viewer: Actor | None, module_id: UUID
    ) -> ModuleOut:
        """A module with its current version (drafts only for its own provider)."""
        return await ModuleService(db_session, base_url).view(viewer, module_id)

    @patch(
        "/{module_id:uuid}", guards=[PROVIDER], opt=api_doc(PermissionDeniedError, ConflictError)
    )
    async def update_module(
        self,
        db_session: AsyncSession,
        base_url: str,
        actor: Actor,
        module_id: UUID,
        data: ModulePatch,
    ) -> ModuleOut:
        """Edit a module; a published module gets a new draft version."""
        return await ModuleService(db_session, base_url).patch(actor, module_id, data)

    @post(
        "/{module_id:uuid}/publish",
        status_code=200,
        guards=[PROVIDER],
        opt=api_doc(PermissionDeniedError, ConflictError),
    )
    async def publish_module(
        self, db_session: AsyncSession, base_url: str, actor: Actor, module_id: UUID
    ) -> ModuleOut:
        """Publish the draft version."""
        return await ModuleService(db_session, base_url).publish(actor, module_id)

    @post(
        "/{module_id:uuid}/withdraw",
        status_code=200,
        guards=[PROVIDER],
        opt=api_doc(PermissionDeniedError, ConflictError),
    )
    async def withdraw_module(
        self, db_session: AsyncSession, base_url: str, actor: Actor, module_id: UUID
    ) -> ModuleOut:
        """Withdraw a module from the catalogue; its versions stay resolvable."""
        return await ModuleService(db_session, base_url).withdraw(actor, module_id)

    @get("/{module_id:uuid}/versions/{number:int}")
    async def get_module_version(
        self,
        db_session: AsyncSession,
        base_url: str,
        viewer: Actor | None,
        module_id: UUID,
        number: Annotated[int, Parameter(ge=0, le=MAX_INTEGER)],
    ) -> ModuleDocument:
        """One exact, immutable module version."""
        return await ModuleService(db_session, base_url).version(viewer, module_id, number)

    @get("/{module_id:uuid}/runs")
    async def list_runs(
        self, db_session: AsyncSession, viewer: Actor | None, module_id: UUID
    ) -> list[RunDocument]:
        """The runs of a module, cancelled ones included and marked."""
        return await run_service.list_runs(db_session, viewer, module_id)

    @post(
        "/{module_id:uuid}/runs",
        guards=[PROVIDER],
        opt=api_doc(PermissionDeniedError, ConflictError),
    )
    async def create_run(
        self, db_session: AsyncSession, actor: Actor, module_id: UUID, data: RunCreate
    ) -> RunDocument:
        """Add a run to one of your modules."""
        return await run_service.create_run(db_session, actor, module_id, data)

    @patch(
        "/{module_id:uuid}/runs/{run_id:uuid}",
        guards=[PROVIDER],
        opt=api_doc(PermissionDeniedError, ConflictError, InvalidInputError),
    )
    async def update_run(
        self,
        db_session: AsyncSession,
        actor: Actor,
        module_id: UUID,
        run_id: UUID,
        data: RunPatch,
    ) -> RunDocument:
        """Change a run, for example cancel it."""
        return await run_service.patch_run(db_session, actor, module_id, run_id, data)


class QualificationController(Controller):
    """Qualifications composed of modules."""

    path = QUALIFICATIONS
    tags = ["catalogue"]

    @get("/")
    async def list_qualifications(
        self, db_session: AsyncSession, base_url: str, limit: Limit = 50, offset: Offset = 0
    ) -> QualificationList:
        """List qualifications."""
        return await QualificationService(db_session, base_url).page(limit=limit, offset=offset)

    @post(
        "/",
        guards=[requires_role("operator", "provider")],
        opt=api_doc(PermissionDeniedError, ConflictError, InvalidInputError),
    )
    async def create_qualification(
        self, db_session: AsyncSession, base_url: str, actor: Actor, data: QualificationCreate
    ) -> QualificationOut:
        """Define a qualification from published modules (operator or provider)."""
        return await QualificationService(db_session, base_url).create(actor, data)

    @get("/{qualification_id:uuid}")
    async def get_qualification(
        self, db_session: AsyncSession, base_url: str, qualification_id: UUID
    ) -> QualificationOut:
        """A qualification and how its modules add up."""
        return await QualificationService(db_session, base_url).get(qualification_id)
