"""HTTP endpoints for catalogue documents: ELM LOQ and EDU-DEX export, and the import of every
format `catalogue.imports.formats` lists."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.openapi import ResponseSpec
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.imports.formats import IMPORT_MAX_BYTES, IMPORT_MEDIA_TYPES
from catalogue.imports.run import import_format, run_import
from catalogue.xml_io import CatalogueXml
from schemas.access import require_role, requires_role
from schemas.api_doc import api_doc
from schemas.common import Actor
from schemas.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    UnsupportedMediaTypeError,
)
from schemas.errors.catalogue import ModuleIdRequiredError
from schemas.imports import ImportReport
from schemas.media_types import require_media_type

XML = "application/xml"


class CatalogueXmlController(Controller):
    """The catalogue as XML for Europass (ELM LOQ) and EDU-DEX."""

    path = "/api/catalogue"
    tags = ["catalogue"]

    @get("/export", media_type=XML, opt=api_doc(InvalidInputError, NotFoundError))
    async def export_catalogue(
        self,
        db_session: AsyncSession,
        base_url: str,
        export_format: Annotated[Literal["elm", "edudex"], Parameter(query="format")],
        module_id: Annotated[UUID | None, Parameter(query="moduleId")] = None,
    ) -> Response[bytes]:
        """Export the published catalogue as ELM LOQ (or, with `moduleId`, that one module), or
        one module as EDU-DEX program XML. An unknown or unpublished module is 404 in both."""
        service = CatalogueXml(db_session, base_url)
        if export_format == "elm":
            return Response(await service.export_elm(module_id), media_type=XML)
        if module_id is None:
            raise ModuleIdRequiredError("EDU-DEX export is per module: add moduleId")
        return Response(await service.export_edudex(module_id), media_type=XML)

    @post(
        "/import",
        request_max_body_size=IMPORT_MAX_BYTES,
        guards=[requires_role("provider", "operator")],
        opt=api_doc(
            PermissionDeniedError,
            ConflictError,
            UnsupportedMediaTypeError,
            body=dict.fromkeys(IMPORT_MEDIA_TYPES, str),
        ),
        responses={200: ResponseSpec(ImportReport, description="A dry run, or nothing created")},
    )
    async def import_catalogue(
        self,
        db_session: AsyncSession,
        base_url: str,
        allow_loopback_fetch: bool,
        actor: Actor,
        request: Request[Any, Any, Any],
        name: Annotated[str, Parameter(query="format")] = "elm",
        dry_run: Annotated[bool, Parameter(query="dryRun")] = False,
        provider: Annotated[str | None, Parameter(query="provider", max_length=64)] = None,
        language: Annotated[
            str | None,
            Parameter(
                pattern=r"^[a-z]{2}$",
                description="The language of a file of one language (esco-occupations).",
            ),
        ] = None,
    ) -> Response[ImportReport]:
        """Import a document into the catalogue, all or nothing: `format` says what it is (see
        `catalogue.imports.formats`; `elm` when absent). With `dryRun=true` the answer says what
        would be created, updated and withdrawn, and nothing is kept. The operator names the
        provider a provider's document is for with `provider` (its slug). 201 when something was
        created, else 200."""
        # Role and media type before the body is read (run_import asks the role too: pages
        # call it without this route).
        spec = import_format(name)
        require_role(actor, *spec.roles)
        require_media_type(request, spec.media_types, default=spec.media_types[0])
        report = await run_import(
            db_session,
            actor,
            base_url,
            name,
            await request.body(),
            provider=provider,
            language=language,
            dry_run=dry_run,
            allow_loopback_fetch=allow_loopback_fetch,
        )
        created = any(msgspec.structs.astuple(report.created))
        return Response(report, status_code=201 if created and not dry_run else 200)
