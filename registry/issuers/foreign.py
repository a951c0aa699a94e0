"""Issuers of other systems the operator trusts (issue 13): accredited through
`POST /api/accreditations` with `issuer` and `keyDocument`, listed on the trust list with the
keys of that document. Their documents are supplied by the operator, never fetched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import module_url
from credentials.keydocs import DocumentKey, keys_in_document
from credentials.trust import within
from registry.audit import record
from registry.issuers import keys
from registry.models import ForeignAccreditation
from registry.settings import Settings
from schemas.common import Actor
from schemas.errors.credentials import BadKeyDocumentError, KeyFormatError
from schemas.errors.issuers import (
    BadIssuerError,
    ForeignScopeError,
    NoIssuerKeysError,
    OwnIssuerError,
    UnknownAchievementError,
)
from schemas.errors.sharing import OneOfRequiredError
from schemas.issuers import AccreditationCreate, AccreditationOut
from schemas.trust import Accreditation as TrustedAccreditation
from schemas.trust import TrustedIssuer, TrustedKey

# The key document does not say since when a key signs; the accreditation window decides
# what counts, so a key is listed as valid from the start of (Unix) time.
KEYS_VALID_FROM = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ACHIEVEMENT_SCHEMES = ("http://", "https://", "urn:")


def foreign_out(row: ForeignAccreditation, now: dt.datetime) -> AccreditationOut:
    return AccreditationOut(
        id=row.id,
        provider=None,
        provider_name=row.name,
        issuer=row.issuer,
        kind=row.kind,
        achievements=list(row.achievements),
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        active=within(row.valid_from, row.valid_until, now),
    )


def issuer_keys(issuer: str, document: object) -> list[DocumentKey]:
    """The keys of `document` that are the issuer's and can sit on a trust list (each kid
    `<issuer>#...`, as the trust list requires); 422 when there are none."""
    try:
        found = keys_in_document(document)
    except KeyFormatError as error:
        raise BadKeyDocumentError(error.message) from None
    own = [k for k in found if k.controller == issuer and k.kid.startswith(issuer + "#")]
    if not own:
        raise NoIssuerKeysError(
            f"keyDocument names no usable key of {issuer} (a key URL {issuer}#...)",
        )
    return own


def _check_foreign(settings: Settings, data: AccreditationCreate) -> tuple[str, str]:
    issuer, name = data.issuer, data.name
    if issuer is None or data.key_document is None or name is None:
        raise OneOfRequiredError("a foreign issuer needs issuer, name and keyDocument")
    if not issuer.startswith(("did:", "https://")) or "#" in issuer:
        raise BadIssuerError("issuer is a DID or an https:// id")
    own = keys.issuer_did(settings, keys.OPERATOR)
    if issuer == own or issuer.startswith(own + ":"):
        raise OwnIssuerError("this registry's own issuers are accredited by provider")
    bad = [a for a in data.achievements if not a.startswith(_ACHIEVEMENT_SCHEMES)]
    if bad:
        raise UnknownAchievementError(
            "a foreign issuer's achievements are absolute URLs", achievements=bad
        )
    if data.kind == "module-certificate":
        _check_module_scope(settings, data.achievements)
    return issuer, name


def _check_module_scope(settings: Settings, achievements: Sequence[str]) -> None:
    """A foreign issuer gets module certificates for the achievements named, never "any":
    "any" would cover this registry's own modules too, and a certificate for one of them
    counts towards its qualifications. Those are the owning provider's to certify, as a
    provider may not certify another provider's module (the trust list's own scope)."""
    if not achievements:
        raise ForeignScopeError(
            "name the achievement URLs or URL prefixes this issuer certifies: a foreign "
            "issuer is not accredited for any module certificate"
        )
    ours = module_url(settings.base_url, "")
    inside = [a for a in achievements if a.startswith(ours) or ours.startswith(a)]
    if inside:
        raise ForeignScopeError(
            "this registry's own modules are certified by the providers that own them",
            achievements=inside,
        )


async def create_foreign(
    session: AsyncSession,
    actor: Actor,
    settings: Settings,
    data: AccreditationCreate,
    valid_from: dt.datetime,
) -> AccreditationOut:
    """Trust an issuer of another system for a kind of credential (the caller checked the
    operator role and the dates)."""
    issuer, name = _check_foreign(settings, data)
    issuer_keys(issuer, data.key_document)
    row = ForeignAccreditation(
        issuer=issuer,
        name=name,
        key_document=dict(data.key_document or {}),
        kind=data.kind,
        achievements=list(dict.fromkeys(data.achievements)),
        valid_from=valid_from,
        valid_until=data.valid_until,
    )
    session.add(row)
    await session.flush()
    await record(session, actor, "accreditation.created", str(row.id), issuer=issuer)
    return foreign_out(row, dt.datetime.now(dt.UTC))


async def all_foreign(session: AsyncSession) -> list[ForeignAccreditation]:
    query = select(ForeignAccreditation).order_by(
        ForeignAccreditation.issuer, ForeignAccreditation.valid_from, ForeignAccreditation.id
    )
    return list(await session.scalars(query))


async def load_foreign(session: AsyncSession, ident: UUID) -> ForeignAccreditation | None:
    row: ForeignAccreditation | None = await session.scalar(
        select(ForeignAccreditation).where(ForeignAccreditation.id == ident)
    )
    return row


def trusted_foreign(rows: Sequence[ForeignAccreditation]) -> list[TrustedIssuer]:
    """The foreign issuers as the trust list names them: the keys of all their documents
    (newest document first for a kid given twice), and each accreditation as made."""
    by_issuer: dict[str, list[ForeignAccreditation]] = {}
    for row in rows:
        by_issuer.setdefault(row.issuer, []).append(row)
    listed = []
    for issuer, accreditations in sorted(by_issuer.items()):
        found: dict[str, TrustedKey] = {}
        for row in sorted(accreditations, key=lambda r: r.created_at, reverse=True):
            for entry in issuer_keys(issuer, row.key_document):
                found.setdefault(
                    entry.kid,
                    TrustedKey(kid=entry.kid, jwk=entry.key.jwk(), valid_from=KEYS_VALID_FROM),
                )
        listed.append(
            TrustedIssuer(
                did=issuer,
                name=accreditations[-1].name,
                keys=list(found.values()),
                accreditations=[
                    TrustedAccreditation(
                        kind=row.kind,  # type: ignore[arg-type]
                        achievements=list(row.achievements),
                        valid_from=row.valid_from,
                        valid_until=row.valid_until,
                    )
                    for row in accreditations
                ],
            )
        )
    return listed


def version_parts() -> tuple[Select[Any], ...]:
    """What changes whenever a foreign accreditation is made or changed (trust list cache)."""
    return (
        select(func.count(ForeignAccreditation.id)),
        select(func.max(ForeignAccreditation.updated_at)),
    )
