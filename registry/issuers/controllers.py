"""HTTP controllers for issuers: accreditations, the trust list, DID documents, status lists
and credential status changes. Thin: parse, call `registry.issuers.issuers` (or `.trust_lists`,
`.status_lists`), shape the response."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.openapi import ResponseSpec
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_304_NOT_MODIFIED
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.status import StatusPurpose
from registry.issuers import issuers, trust_lists
from registry.issuers.keys import OPERATOR
from registry.issuers.status_lists import served_list, set_status, status_list_url
from registry.models import Credential
from registry.settings import Settings
from schemas.access import requires_role
from schemas.api_doc import api_doc
from schemas.common import MAX_BIG_INTEGER, Actor
from schemas.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from schemas.issuers import (
    AccreditationCreate,
    AccreditationOut,
    AccreditationPatch,
    CredentialStatusOut,
    StatusAction,
    StatusChangeIn,
)
from schemas.kinds import ISSUER_ROLES
from schemas.trust import TrustListDocument

TRUST_LIST_MEDIA = "application/trust-list+jwt"
VC_JWT_MEDIA = "application/vc+jwt"
JSON_MEDIA = "application/json"
STATUS_CACHE = "public, max-age=60"
OPERATOR_ONLY = requires_role("operator")


def _wants_json(request: Request[Any, Any, Any], signed_media: str) -> bool:
    return request.accept.best_match([signed_media, JSON_MEDIA], default=signed_media) == JSON_MEDIA


class AccreditationController(Controller):
    """The operator's accreditations of provider organisations."""

    path = "/api/accreditations"
    tags = ["issuers"]
    opt = api_doc(PermissionDeniedError)

    @post("/", guards=[OPERATOR_ONLY], opt=api_doc(NotFoundError, InvalidInputError))
    async def create_accreditation(
        self, db_session: AsyncSession, actor: Actor, settings: Settings, data: AccreditationCreate
    ) -> AccreditationOut:
        """Accredit an organisation to issue a kind of credential (operator)."""
        return await issuers.create_accreditation(db_session, actor, settings, data)

    @get("/", guards=[requires_role("operator", *ISSUER_ROLES)])
    async def list_accreditations(
        self,
        db_session: AsyncSession,
        actor: Actor,
        settings: Settings,
        provider: str | None = None,
    ) -> list[AccreditationOut]:
        """List accreditations (operator: all; an organisation: its own)."""
        return await issuers.list_accreditations(db_session, actor, settings, provider)

    @patch("/{accreditation_id:uuid}", guards=[OPERATOR_ONLY], opt=api_doc(InvalidInputError))
    async def patch_accreditation(
        self,
        db_session: AsyncSession,
        actor: Actor,
        settings: Settings,
        accreditation_id: UUID,
        data: AccreditationPatch,
    ) -> AccreditationOut:
        """Set when an accreditation ends (operator)."""
        return await issuers.end_accreditation(db_session, actor, settings, accreditation_id, data)

    @delete(
        "/{accreditation_id:uuid}",
        status_code=HTTP_200_OK,
        guards=[OPERATOR_ONLY],
        opt=api_doc(InvalidInputError),
    )
    async def end_accreditation(
        self, db_session: AsyncSession, actor: Actor, settings: Settings, accreditation_id: UUID
    ) -> AccreditationOut:
        """End an accreditation now; it stays on the trust list for what was issued before."""
        return await issuers.end_accreditation(db_session, actor, settings, accreditation_id)


class TrustController(Controller):
    """The signed trust list and the issuers' DID documents."""

    path = "/"
    tags = ["issuers"]

    @get(
        "/trust-list",
        media_type=TRUST_LIST_MEDIA,
        responses={200: ResponseSpec(TrustListDocument, description="The signed trust list")},
        opt=api_doc(also=[TRUST_LIST_MEDIA]),
    )
    async def get_trust_list(
        self, db_session: AsyncSession, settings: Settings, request: Request[Any, Any, Any]
    ) -> Response[Any]:
        """The trust list signed by the operator (JSON with Accept: application/json)."""
        document, token = await trust_lists.signed_trust_list(db_session, settings)
        if _wants_json(request, TRUST_LIST_MEDIA):
            return Response(msgspec.to_builtins(document), media_type=JSON_MEDIA)
        return Response(token, media_type=TRUST_LIST_MEDIA)

    @get("/.well-known/did.json", media_type=JSON_MEDIA)
    async def get_operator_did(
        self, db_session: AsyncSession, settings: Settings
    ) -> dict[str, object]:
        """The operator's DID document (the key that signs the trust list)."""
        return await issuers.did_document(db_session, settings, OPERATOR)

    @get("/issuers/{slug:str}/did.json", media_type=JSON_MEDIA)
    async def get_issuer_did(
        self, db_session: AsyncSession, settings: Settings, slug: str
    ) -> dict[str, object]:
        """An issuer's DID document with current and retired keys."""
        return await issuers.did_document(db_session, settings, slug)


async def _serve_status(
    db_session: AsyncSession,
    settings: Settings,
    request: Request[Any, Any, Any],
    list_id: int,
    purpose: StatusPurpose,
) -> Response[Any]:
    served = await served_list(db_session, settings, list_id, purpose)
    as_json = _wants_json(request, VC_JWT_MEDIA)
    etag = f'"{served.version}{"-json" if as_json else ""}"'
    headers = {"ETag": etag, "Cache-Control": STATUS_CACHE, "Vary": "Accept"}
    given = request.headers.get("if-none-match", "")
    matches = [tag.strip().removeprefix("W/") for tag in given.split(",")]
    if etag in matches or "*" in matches:
        return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
    if as_json:
        return Response(served.document, media_type=JSON_MEDIA, headers=headers)
    return Response(served.jws, media_type=VC_JWT_MEDIA, headers=headers)


STATUS_LIST_RESPONSES = {
    200: ResponseSpec(dict[str, Any], description="The status list credential"),
    304: ResponseSpec(None, description="Not modified (If-None-Match)"),
}
STATUS_DOC = api_doc(also=[VC_JWT_MEDIA], headers=["ETag", "Cache-Control"])


class StatusListController(Controller):
    """The issuers' Bitstring status lists, signed, cacheable."""

    path = "/status"
    tags = ["issuers"]

    @get("/{list_id:int}", media_type=VC_JWT_MEDIA, responses=STATUS_LIST_RESPONSES, opt=STATUS_DOC)
    async def get_revocation_list(
        self,
        db_session: AsyncSession,
        settings: Settings,
        request: Request[Any, Any, Any],
        list_id: Annotated[int, Parameter(ge=0, le=MAX_BIG_INTEGER)],
    ) -> Response[Any]:
        """The revocation list credential (ETag, 304 on If-None-Match)."""
        return await _serve_status(db_session, settings, request, list_id, "revocation")

    @get(
        "/{list_id:int}/suspension",
        media_type=VC_JWT_MEDIA,
        responses=STATUS_LIST_RESPONSES,
        opt=STATUS_DOC,
    )
    async def get_suspension_list(
        self,
        db_session: AsyncSession,
        settings: Settings,
        request: Request[Any, Any, Any],
        list_id: Annotated[int, Parameter(ge=0, le=MAX_BIG_INTEGER)],
    ) -> Response[Any]:
        """The suspension list credential (same indexes as the revocation list)."""
        return await _serve_status(db_session, settings, request, list_id, "suspension")


async def _change(
    db_session: AsyncSession,
    actor: Actor,
    base_url: str,
    ident: str,
    action: StatusAction,
    why: StatusChangeIn | None = None,
) -> CredentialStatusOut:
    why = why or StatusChangeIn()
    credential = await set_status(
        db_session, actor, ident, action, reason=why.reason, note=why.note
    )
    return _status_out(credential, base_url)


def _status_out(credential: Credential, base_url: str) -> CredentialStatusOut:
    list_id = credential.status_list_id
    url = status_list_url(base_url, list_id) if list_id is not None else None
    return CredentialStatusOut(
        id=credential.id,
        credential_id=credential.credential_id,
        status=credential.status,
        status_reason=credential.status_reason,
        status_note=credential.status_note,
        status_changed_at=credential.status_changed_at,
        status_list=url,
        status_index=credential.status_index,
    )


class CredentialStatusController(Controller):
    """Revoke, suspend and reinstate issued credentials (the issuing organisation)."""

    path = "/api/credentials"
    tags = ["credentials"]
    guards = [requires_role(*ISSUER_ROLES)]
    opt = api_doc(PermissionDeniedError, NotFoundError, ConflictError)

    @post("/{credential_id:str}/revoke", status_code=HTTP_200_OK)
    async def revoke_credential(
        self,
        db_session: AsyncSession,
        actor: Actor,
        base_url: str,
        credential_id: str,
        data: StatusChangeIn | None = None,
    ) -> CredentialStatusOut:
        """Revoke a credential for good; body `{"reason": code, "note": text}` (optional)."""
        return await _change(db_session, actor, base_url, credential_id, "revoke", data)

    @post("/{credential_id:str}/suspend", status_code=HTTP_200_OK)
    async def suspend_credential(
        self,
        db_session: AsyncSession,
        actor: Actor,
        base_url: str,
        credential_id: str,
        data: StatusChangeIn | None = None,
    ) -> CredentialStatusOut:
        """Suspend a credential until it is reinstated; the same optional body as revoke."""
        return await _change(db_session, actor, base_url, credential_id, "suspend", data)

    @post("/{credential_id:str}/reinstate", status_code=HTTP_200_OK)
    async def reinstate_credential(
        self, db_session: AsyncSession, actor: Actor, base_url: str, credential_id: str
    ) -> CredentialStatusOut:
        """Lift a suspension."""
        return await _change(db_session, actor, base_url, credential_id, "reinstate")


__all__ = [
    "AccreditationController",
    "CredentialStatusController",
    "StatusListController",
    "TrustController",
]
