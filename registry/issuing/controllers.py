"""HTTP: issue one credential, or a cohort in one all-or-nothing, idempotent batch."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, post
from litestar.openapi import ResponseSpec
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from registry.issuing import batches, issuance
from registry.settings import Settings
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.common import Actor
from schemas.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    UnsupportedMediaTypeError,
)
from schemas.errors.issuing import IdempotencyKeyError
from schemas.issuance import BatchIn, BatchOut, IssuedOut, IssueIn
from schemas.kinds import ISSUER_ROLES
from schemas.media_types import require_media_type

BATCH_MAX_BYTES = 20_000_000
Reissue = Annotated[
    bool,
    Parameter(
        description="Issue again what the holder still holds (same module version, not "
        "revoked or expired); without it such an item is 422 `already-issued`."
    ),
]
_ENCODE = msgspec.json.Encoder().encode


class IssuanceController(Controller):
    """Issuing credentials (provider: module certificates; assessor: EVC records, or as an
    exam institute person certificates for the schemes it is accredited for)."""

    path = "/api/credentials"
    tags = ["issuance"]
    guards = [requires_role(*ISSUER_ROLES)]

    @post(
        "/",
        status_code=201,
        opt=api_doc(PermissionDeniedError, NotFoundError, ConflictError, InvalidInputError),
    )
    async def issue_credential(
        self,
        db_session: AsyncSession,
        settings: Settings,
        actor: Actor,
        data: IssueIn,
        reissue: Reissue = False,
    ) -> IssuedOut:
        """Issue one credential to a worker (by account) or to an e-mail address."""
        return await issuance.issue_one(db_session, settings, actor, data, reissue=reissue)

    @post(
        "/batch",
        status_code=201,
        request_max_body_size=BATCH_MAX_BYTES,
        responses={201: ResponseSpec(BatchOut, description="Every credential, in order")},
        opt=api_doc(
            IdempotencyKeyError,
            PermissionDeniedError,
            ConflictError,
            UnsupportedMediaTypeError,
            body={"application/json": BatchIn, "text/csv": str},
            headers=["Idempotent-Replayed"],
        ),
    )
    async def issue_batch(
        self,
        db_session: AsyncSession,
        settings: Settings,
        actor: Actor,
        request: Request[Any, Any, Any],
        idempotency_key: Annotated[str | None, Parameter(header="Idempotency-Key")] = None,
        reissue: Reissue = False,
    ) -> Response[bytes]:
        """Issue a cohort from JSON `{"items": [...]}` or CSV; all or nothing, idempotent."""
        key = batches.check_key(idempotency_key)
        media_type = require_media_type(request, ("application/json", "text/csv"))
        body = await request.body()

        async def run() -> bytes:
            parsed = (
                batches.parse_csv_batch(body)
                if media_type == "text/csv"
                else batches.parse_json_batch(body)
            )
            items = await issuance.issue_many(
                db_session, settings, actor, parsed.items, lines=parsed.lines, reissue=reissue
            )
            return _ENCODE(BatchOut(items=items))

        digest = batches.request_hash(media_type, body, reissue=reissue)
        content, replayed = await batches.once(db_session, actor, key, digest, run)
        return Response(
            content,
            status_code=201,
            media_type="application/json",
            headers={"Idempotent-Replayed": "true" if replayed else "false"},
        )
