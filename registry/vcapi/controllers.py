"""The VC API's routes, for the operator and for `integrator` accounts (a bearer-token
role for other systems: a sector fund's HR system, a conformance suite). The app mounts them
only when `REGISTRY_VC_API=on` (`registry.app`); otherwise the paths are not found (404)."""

from __future__ import annotations

from typing import Annotated, Any, Final, TypeVar

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from registry.settings import Settings
from registry.vcapi import issue, status, verify
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.common import MAX_BIG_INTEGER, Actor
from schemas.errors import InvalidInputError, UnsupportedMediaTypeError
from schemas.errors.issuers import AlreadyRevokedError, AlreadySuspendedError, NotSuspendedError
from schemas.errors.vcapi import (
    NotVerifiedError,
    VcApiCredentialNotFoundError,
    VcApiRequestError,
    VcApiStatusListNotFoundError,
)
from schemas.json_input import decode_json
from schemas.media_types import require_media_type
from schemas.vcapi import (
    IssueRequest,
    IssueResponse,
    UpdateStatusRequest,
    UpdateStatusResponse,
    VerifyCredentialRequest,
    VerifyPresentationRequest,
    VerifyResponse,
)

T = TypeVar("T")
# A credential or presentation is a few kilobytes; the verifier reads at most 256 kB anyway.
MAX_BODY: Final = 256_000
JSON_MEDIA: Final = "application/json"
JSON: Final = frozenset({JSON_MEDIA})
VC_API_ROLES = requires_role("operator", "integrator")


async def _body(request: Request[Any, Any, Any], kind: type[T]) -> T:
    """The JSON body as `kind`: not JSON or too deep is 400 `malformed-json`, a member
    missing or of the wrong kind 400 `vc-api-bad-request`."""
    require_media_type(request, JSON, default="application/json")
    try:
        return decode_json(await request.body(), kind)
    except msgspec.ValidationError as error:
        raise VcApiRequestError(str(error)) from None


class VcApiController(Controller):
    """W3C VC API: issue with the API's own did:key keys, verify with the registry's pipeline."""

    path = "/"
    tags = ["vc-api"]
    guards = [VC_API_ROLES]

    @post(
        "/credentials/issue",
        status_code=201,
        request_max_body_size=MAX_BODY,
        opt=api_doc(
            VcApiRequestError,
            InvalidInputError,
            UnsupportedMediaTypeError,
            body={"application/json": IssueRequest},
        ),
    )
    async def issue_credential(
        self, db_session: AsyncSession, settings: Settings, request: Request[Any, Any, Any]
    ) -> IssueResponse:
        """Secure a credential (Data Integrity proof or vc+jwt) with the API's issuer key."""
        data = await _body(request, IssueRequest)
        return await issue.issue_credential(db_session, settings, data)

    @post(
        "/credentials/status",
        status_code=200,
        request_max_body_size=MAX_BODY,
        opt=api_doc(
            VcApiRequestError,
            UnsupportedMediaTypeError,
            VcApiCredentialNotFoundError,
            AlreadyRevokedError,
            AlreadySuspendedError,
            NotSuspendedError,
            body={"application/json": UpdateStatusRequest},
        ),
    )
    async def update_status(
        self,
        db_session: AsyncSession,
        settings: Settings,
        actor: Actor,
        request: Request[Any, Any, Any],
    ) -> UpdateStatusResponse:
        """Revoke, suspend or reinstate a credential this API issued (by its id)."""
        data = await _body(request, UpdateStatusRequest)
        return await status.update_status(db_session, settings, actor, data)

    @post(
        "/credentials/verify",
        status_code=200,
        request_max_body_size=MAX_BODY,
        opt=api_doc(
            VcApiRequestError,
            InvalidInputError,
            UnsupportedMediaTypeError,
            NotVerifiedError,
            body={"application/json": VerifyCredentialRequest},
        ),
    )
    async def verify_credential(
        self, db_session: AsyncSession, settings: Settings, request: Request[Any, Any, Any]
    ) -> VerifyResponse:
        """Verify a credential: 200 when verified, else a 400 problem with the report."""
        data = await _body(request, VerifyCredentialRequest)
        return await verify.verify_credential(db_session, settings, data)

    @post(
        "/presentations/verify",
        status_code=200,
        request_max_body_size=MAX_BODY,
        opt=api_doc(
            VcApiRequestError,
            InvalidInputError,
            UnsupportedMediaTypeError,
            NotVerifiedError,
            body={"application/json": VerifyPresentationRequest},
        ),
    )
    async def verify_presentation(
        self, db_session: AsyncSession, settings: Settings, request: Request[Any, Any, Any]
    ) -> VerifyResponse:
        """Verify a presentation and its credentials for a challenge and a domain."""
        data = await _body(request, VerifyPresentationRequest)
        return await verify.verify_presentation(db_session, settings, data)


class VcApiStatusListController(Controller):
    """The status lists of the VC API's issuers: public, as every verifier must read them."""

    path = status.PATH
    tags = ["vc-api"]

    @get("/{list_id:int}", media_type=JSON_MEDIA, opt=api_doc(VcApiStatusListNotFoundError))
    async def revocation_list(
        self,
        db_session: AsyncSession,
        settings: Settings,
        list_id: Annotated[int, Parameter(ge=0, le=MAX_BIG_INTEGER)],
    ) -> dict[str, Any]:
        """The revocation list credential, with a Data Integrity proof."""
        return await status.served_list(db_session, settings, list_id, "revocation")

    @get(
        "/{list_id:int}/suspension",
        media_type=JSON_MEDIA,
        opt=api_doc(VcApiStatusListNotFoundError),
    )
    async def suspension_list(
        self,
        db_session: AsyncSession,
        settings: Settings,
        list_id: Annotated[int, Parameter(ge=0, le=MAX_BIG_INTEGER)],
    ) -> dict[str, Any]:
        """The suspension list credential (same indexes as the revocation list)."""
        return await status.served_list(db_session, settings, list_id, "suspension")
