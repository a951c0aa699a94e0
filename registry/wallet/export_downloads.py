"""One credential of the wallet to download: as the JWS it is (`.jwt`), or as an OB 3.0 JSON
credential with an `eddsa-rdfc-2022` Data Integrity proof made now by its issuer (`.json`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.export.secured import jws_credential, secured_copy
from credentials.jws import parse_compact
from registry.issuers.keys import key_by_kid
from registry.models import Credential
from registry.settings import Settings
from registry.wallet.holders import Holder
from schemas.errors.credentials import JwsError
from schemas.errors.wallet import CredentialNotInWalletError, NoDownloadFormError

DownloadFormat = Literal["jwt", "json"]
JWT_MEDIA = "application/vc+jwt"
# VC Data Model 2.0: a credential secured with an embedded proof.
JSON_MEDIA = "application/vc"


# The names the whole wallet downloads under (API and CV page alike).
BUNDLE_FILENAME = "mijn-cv-bundel.json"
CLR_FILENAME = "mijn-cv-clr.jwt"
EDC_FILENAME = "mijn-cv-edc.jsonld"


def attachment_headers(filename: str) -> dict[str, str]:
    """A file to save, never kept by a cache: the wallet's files hold personal data and the
    bundle the private holder key."""
    return {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store",
    }


class Download(msgspec.Struct, kw_only=True, frozen=True):
    body: bytes
    media_type: str
    filename: str


async def wallet_row(session: AsyncSession, holder: Holder, row_id: UUID) -> Credential:
    """A credential of this wallet by its row id, else 404 (another wallet's too)."""
    row = await session.get(Credential, row_id)
    if row is None or row.wallet_id != holder.wallet.id:
        raise CredentialNotInWalletError("no such credential in this wallet")
    return row


async def secured_json(
    session: AsyncSession, settings: Settings, row: Credential, now: dt.datetime
) -> dict[str, Any]:
    """The credential as JSON with a Data Integrity proof by the key that signed its JWS;
    only for what this registry issued (an imported one: as it came, when it is JSON)."""
    if row.issuer_slug is None:
        text = row.jws.strip()
        document = msgspec.json.decode(text) if text.startswith("{") else None
        if isinstance(document, dict):
            return document
        raise NoDownloadFormError("an imported credential is kept only as its issuer made it")
    credential, kid = jws_credential(row.jws)
    key = await key_by_kid(session, settings, row.issuer_slug, kid)
    if key is None:
        raise NoDownloadFormError("the key that signed this credential is not the issuer's")
    return secured_copy(credential, key, kid, now)


async def download(
    session: AsyncSession,
    settings: Settings,
    holder: Holder,
    row_id: UUID,
    form: DownloadFormat,
) -> Download:
    """The file to download for one credential in `form`."""
    row = await wallet_row(session, holder, row_id)
    name = f"bewijs-{row.id}"
    if form == "json":
        document = await secured_json(session, settings, row, dt.datetime.now(dt.UTC))
        body = msgspec.json.encode(document)
        return Download(body=body, media_type=JSON_MEDIA, filename=f"{name}.json")
    try:
        parse_compact(row.jws)
    except JwsError:
        raise NoDownloadFormError("this credential is not a JWS; download it as .json") from None
    return Download(body=row.jws.encode(), media_type=JWT_MEDIA, filename=f"{name}.jwt")
