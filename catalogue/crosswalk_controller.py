"""HTTP controller of crosswalks between competence frameworks (issue 15): the operator records
SKOS mappings; anyone reads which competences stand for one (`catalogue.crosswalks`)."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue import crosswalks
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.errors import (
    InvalidInputError,
    MalformedInputError,
    PermissionDeniedError,
    UnsupportedMediaTypeError,
)
from schemas.json_input import decode_json
from schemas.matching import CrosswalkResult, Equivalents, MappingIn
from schemas.media_types import require_media_type

CROSSWALK_MAX_BYTES = 20_000_000
READERS = {
    "text/csv": crosswalks.parse_csv,
    "text/turtle": crosswalks.parse_turtle,
    "application/ld+json": crosswalks.parse_jsonld,
}


class CrosswalkController(Controller):
    """SKOS mappings between competences of different frameworks."""

    path = "/api/catalogue"
    tags = ["catalogue"]

    @post(
        "/crosswalks",
        status_code=200,
        request_max_body_size=CROSSWALK_MAX_BYTES,
        guards=[requires_role("operator")],
        opt=api_doc(
            PermissionDeniedError,
            InvalidInputError,
            MalformedInputError,
            UnsupportedMediaTypeError,
            body={
                "application/json": MappingIn,
                "text/csv": str,
                "text/turtle": str,
                "application/ld+json": dict[str, Any],
            },
        ),
    )
    async def record_crosswalk(
        self, db_session: AsyncSession, request: Request[Any, Any, Any]
    ) -> CrosswalkResult:
        """Record one mapping (JSON) or a crosswalk as CSV, SKOS Turtle or JSON-LD (operator)."""
        media_type = require_media_type(
            request, (*READERS, "application/json"), default="application/json"
        )
        body = await request.body()
        reader = READERS.get(media_type)
        if reader is not None:
            mappings = reader(body)
        else:
            try:
                mappings = [decode_json(body, MappingIn)]
            except msgspec.ValidationError as error:
                raise InvalidInputError(str(error)) from None
        return await crosswalks.record(db_session, mappings)

    @get("/competences/equivalents")
    async def list_equivalents(
        self, db_session: AsyncSession, uri: Annotated[str, Parameter(max_length=500)]
    ) -> Equivalents:
        """The competences mapped to this one; `counts` says which stand for it in matching."""
        return await crosswalks.equivalents(db_session, uri)
