"""The registry's verification service: the credentials pipeline configured with the registry's
own trust list and status lists, read in-process (nothing is fetched over HTTP, not even from
ourselves)."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any
from uuid import UUID

import msgspec
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.jws import parse_compact, strict_json
from credentials.report import worst
from registry.issuers import keys
from registry.issuers.trust_lists import registry_verifier
from registry.models import Credential
from registry.settings import Settings
from registry.sharing import opening, share_links
from schemas.common import Actor, wire_datetime
from schemas.errors import InvalidInputError
from schemas.errors.credentials import JwsError
from schemas.errors.issuing import CredentialNotFoundError
from schemas.errors.sharing import EmptyBodyError, OneOfRequiredError
from schemas.json_input import decode_json
from schemas.verification import Check, Report, Verdict
from schemas.wallet import VerifyRequest

# Compact forms as text: a JWS, or an SD-JWT VC (`~`-separated).
JWS_TYPES = frozenset(
    {
        "application/vc+jwt",
        "application/vp+jwt",
        "application/jwt",
        "application/dc+sd-jwt",
        "application/vc+sd-jwt",
        "text/plain",
    }
)
# A credential or presentation as JSON itself (secured with an embedded proof), not wrapped.
DOCUMENT_TYPES = frozenset({"application/vc", "application/vp", "application/vc+ld+json"})
# A baked badge: the credential inside the image (credentials.baked).
IMAGE_TYPES = frozenset({"image/png", "image/svg+xml"})
MEDIA_TYPES = JWS_TYPES | DOCUMENT_TYPES | IMAGE_TYPES | {"application/json"}


def parse_verify_body(body: bytes, content_type: str) -> VerifyRequest:
    """The request as a VerifyRequest, whether it came as JSON, as a bare JWS, or as the
    credential or presentation JSON itself."""
    if content_type in DOCUMENT_TYPES:
        document = decode_json(body)
        if not isinstance(document, dict):
            raise InvalidInputError("the body is not a JSON object")
        if content_type == "application/vp":
            return VerifyRequest(presentation=document)
        return VerifyRequest(credential=document)
    if content_type in JWS_TYPES:
        text = body.decode("ascii", errors="replace").strip()
        if not text:
            raise EmptyBodyError("the body is empty")
        if content_type == "application/vp+jwt":
            return VerifyRequest(presentation=text)
        return VerifyRequest(credential=text)
    try:
        request = decode_json(body, VerifyRequest)
    except msgspec.ValidationError as error:
        raise InvalidInputError(str(error)) from None
    given = [v for v in (request.credential, request.presentation, request.share) if v is not None]
    if len(given) != 1:
        raise OneOfRequiredError("give exactly one of credential, presentation or share")
    return request


def presentation_audience(token: str | dict[str, Any]) -> str | None:
    """The `aud` of a presentation, read without verifying (to find the share it names)."""
    try:
        payload = token if isinstance(token, dict) else strict_json(parse_compact(token).payload)
    except JwsError:
        return None
    aud: Any = payload.get("aud") if isinstance(payload, dict) else None
    return aud if isinstance(aud, str) else None


def with_share_check(report: Report, verdict: Verdict | None, code: str, message: str) -> Report:
    """Add the check of the share a presentation was made for (withdrawn or expired shares
    make even a well-signed presentation unusable)."""
    if verdict is None:
        report.checks.append(Check(name="share", status="passed", code=code, message=message))
        return report
    report.checks.append(Check(name="share", status="failed", code=code, message=message))
    report.verdict = worst([report.verdict, verdict])
    return report


async def verify_request(
    session: AsyncSession, settings: Settings, viewer: Actor | None, request: VerifyRequest
) -> Report:
    """Verify a credential, a presentation, or a share of this registry (opening it is a view),
    with why and since when where one of ours was revoked or suspended (`add_status_changes`)."""
    report = await _verify_request(session, settings, viewer, request)
    await add_status_changes(session, settings, report)
    return report


async def _verify_request(
    session: AsyncSession, settings: Settings, viewer: Actor | None, request: VerifyRequest
) -> Report:
    if request.share is not None:
        share_token = opening.token_from_url(settings, request.share)
        opened = await opening.open_by_token(session, settings, share_token, viewer, via="verify")
        report = await _verify_opened(session, settings, opened)
        return with_share_check(report, None, "share-active", "the share is active")
    token: str | dict[str, Any] = request.presentation or request.credential or ""
    audience, nonce = request.audience, request.nonce
    aud = presentation_audience(token) if audience is None else None
    share = await opening.share_by_audience(session, settings, aud) if aud else None
    if share is not None:
        audience, nonce = aud, nonce or share.nonce
    verifier = await registry_verifier(session, settings)
    data = msgspec.json.encode(token) if isinstance(token, dict) else token
    report = verifier.verify(data, audience=audience, nonce=nonce)
    if share is None:
        return report
    state = share_links.share_state(share, dt.datetime.now(dt.UTC))
    if state == "active":
        return with_share_check(report, None, "share-active", "the share is active")
    verdict: Verdict = "revoked" if state == "withdrawn" else "expired"
    return with_share_check(report, verdict, f"share-{state}", f"the holder's share is {state}")


async def verify_image(session: AsyncSession, settings: Settings, image: bytes) -> Report:
    """A baked badge (PNG or SVG), verified with the registry's trust."""
    verifier = await registry_verifier(session, settings)
    return verifier.verify_image(image)


async def verify_opened_share(
    session: AsyncSession, settings: Settings, opened: opening.OpenedShare
) -> Report:
    """The report of an opened share's fresh presentation, for its own audience and nonce,
    with why and since when where a credential was revoked or suspended (`_verify_opened`)."""
    return await _verify_opened(session, settings, opened)


async def _verify_opened(
    session: AsyncSession, settings: Settings, opened: opening.OpenedShare
) -> Report:
    verifier = await registry_verifier(session, settings)
    report = verifier.verify(
        opened.presentation, audience=opened.audience, nonce=opened.share.nonce
    )
    withheld = opened.share.withheld or {}
    # The presentation holds the share's credentials in their order; an SD-JWT form has an id
    # of its own, so the registry's own id serves to add why and since when it was stopped.
    # Where the worker left parts out, that id then goes: the full credential's public check
    # page would show them.
    parts = [r.credential for r in report.credentials or []]
    sd_jwt_forms = [
        (summary, row.credential_id)
        for summary, row in zip(parts, opened.credentials, strict=False)
        if summary is not None and row.credential_id in withheld
    ]
    for summary, credential_id in sd_jwt_forms:
        summary.id = credential_id
    await add_status_changes(session, settings, report)
    for summary, credential_id in sd_jwt_forms:
        if withheld[credential_id]:
            summary.id = None
    return report


async def stored_credential(session: AsyncSession, ident: str) -> Credential:
    """A credential kept by this registry, by its id (`urn:uuid:...`), the UUID in that id
    (what a printed certificate's QR code carries), or its row id."""
    condition = Credential.credential_id == ident
    with contextlib.suppress(ValueError):
        uuid = UUID(ident)
        condition = or_(
            condition, Credential.credential_id == f"urn:uuid:{uuid}", Credential.id == uuid
        )
    credential = await session.scalar(select(Credential).where(condition).limit(1))
    if credential is None:
        raise CredentialNotFoundError("no credential with this id")
    return credential


STOPPED_VERDICTS = frozenset({"revoked", "suspended"})


async def add_status_changes(session: AsyncSession, settings: Settings, report: Report) -> None:
    """Add the reason code and date to the summary of each revoked or suspended credential in
    the report that this registry issued (the status list itself carries only bits), as every
    page and API answer shows them. Only when the verified issuer is the organisation that
    issued our copy, so a credential that merely reuses one of our ids learns nothing; never
    the issuer's note, which is for the holder."""
    reports = report.credentials if report.credentials is not None else [report]
    wanted = {
        r.credential.id: r.credential
        for r in reports
        if r.verdict in STOPPED_VERDICTS and r.credential is not None and r.credential.id
    }
    if not wanted:
        return
    rows = await session.scalars(
        select(Credential).where(
            Credential.credential_id.in_(list(wanted)), Credential.source == "issued"
        )
    )
    for row in rows:
        summary = wanted[row.credential_id]
        if (
            row.issuer_slug is not None
            and row.status in STOPPED_VERDICTS
            and keys.issuer_did(settings, row.issuer_slug) == summary.issuer
        ):
            summary.status_reason = row.status_reason
            summary.status_changed_at = (
                wire_datetime(row.status_changed_at) if row.status_changed_at else None
            )
