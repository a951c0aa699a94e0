"""HTTP endpoints for catalogue XML: ELM LOQ export/import and EDU-DEX export."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.openapi import ResponseSpec
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.xml_io import CatalogueXml
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.catalogue import ModuleImportResult
from schemas.common import Actor
from schemas.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from schemas.errors.catalogue import ModuleIdRequiredError

XML_MAX_BYTES = 5_000_000
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
        request_max_body_size=XML_MAX_BYTES,
        guards=[requires_role("provider", "operator")],
        opt=api_doc(PermissionDeniedError, ConflictError, body={XML: str}),
        responses={
            200: ResponseSpec(ModuleImportResult, description="Nothing new: no module created")
        },
    )
    async def import_catalogue(
        self, db_session: AsyncSession, base_url: str, actor: Actor, request: Request[Any, Any, Any]
    ) -> Response[ModuleImportResult]:
        """Import modules from ELM LOQ XML (a provider its own; the operator any provider's):
        201 when a module was created, else 200 (every module updated or unchanged)."""
        body = await request.body()
        result = await CatalogueXml(db_session, base_url).import_elm(
            actor, body, max_bytes=XML_MAX_BYTES
        )
        return Response(result, status_code=201 if result.created else 200)
