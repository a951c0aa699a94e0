"""Reading back the EVC records an assessor organisation issued: a list for its start page and
one record with its results per competence, read from the signed credential itself; and the
person certificates an exam institute (an assessor organisation too) issued, as a list.

Issuing stays in `registry.issuing.issuance`; this module only reads. An organisation sees its own
records only: someone else's record is "not found", so ids of other issuers leak nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import provider_by_id
from credentials.competences import subject_name_in
from credentials.jws import parse_compact, strict_json
from registry.issuing.issued import issuer_visible_email
from registry.models import Credential, Wallet
from schemas.common import Actor
from schemas.errors.issuers import NoOrganisationError
from schemas.errors.issuing import EvcRecordNotFoundError
from schemas.kinds import CERTIFICATE, EVC, CredentialKind

LIST_LIMIT = 100
# The OB 3.0 result status as the issuance schema names it (see credentials.issue).
STATUS_WORDS = {"Completed": "behaald", "Failed": "niet behaald"}


class EvcSummary(msgspec.Struct, kw_only=True):
    """One issued EVC record (or person certificate) as a row in a list; `standard` is what
    was assessed: the standard, or the certificate scheme, by the name signed and its URL
    (where a page finds its name in another language)."""

    record_id: UUID
    credential_id: str
    standard: str
    standard_url: str
    holder_name: str
    holder_email: str | None
    issued_at: dt.datetime
    status: str
    status_reason: str | None = None
    status_changed_at: dt.datetime | None = None
    valid_until: dt.datetime | None = None


class EvcResult(msgspec.Struct, kw_only=True):
    """The outcome for one competence (werkproces): `label` as signed, `uri` the competence
    it is aligned to (None when it names none)."""

    label: str
    uri: str | None
    code: str | None
    status: str
    achieved_level: str | None


class EvcEvidence(msgspec.Struct, kw_only=True):
    name: str
    genre: str
    description: str


class EvcDetail(msgspec.Struct, kw_only=True):
    """One issued EVC record with what the credential says."""

    summary: EvcSummary
    level: str | None
    valid_until: dt.datetime | None
    results: list[EvcResult]
    evidence: list[EvcEvidence]


async def _organisation_slug(session: AsyncSession, actor: Actor) -> str:
    provider = (
        await provider_by_id(session, actor.provider_id) if actor.provider_id is not None else None
    )
    if provider is None:
        raise NoOrganisationError("this account does not belong to an organisation")
    return provider.slug


def record_id_of(credential_id: str) -> UUID | None:
    """The UUID of a `urn:uuid:` credential id (the records' page address), else None."""
    prefix = "urn:uuid:"
    if not credential_id.startswith(prefix):
        return None
    try:
        return UUID(credential_id[len(prefix) :])
    except ValueError:
        return None


def _summary(row: Credential, wallet: Wallet) -> EvcSummary:
    return EvcSummary(
        record_id=record_id_of(row.credential_id) or row.id,
        credential_id=row.credential_id,
        standard=row.achievement_name,
        standard_url=row.achievement_id,
        holder_name=subject_name_in(row.jws) or wallet.name,
        holder_email=issuer_visible_email(row),
        issued_at=row.issued_at,
        status=row.status,
        status_reason=row.status_reason,
        status_changed_at=row.status_changed_at,
        valid_until=row.valid_until,
    )


async def list_issued_evc(
    session: AsyncSession, actor: Actor, limit: int = LIST_LIMIT
) -> list[EvcSummary]:
    """The newest EVC records the assessor's organisation issued."""
    return await _list_issued(session, actor, EVC.kind, limit)


async def list_issued_certificates(
    session: AsyncSession, actor: Actor, limit: int = LIST_LIMIT
) -> list[EvcSummary]:
    """The newest person certificates the exam institute issued."""
    return await _list_issued(session, actor, CERTIFICATE.kind, limit)


async def _list_issued(
    session: AsyncSession, actor: Actor, kind: CredentialKind, limit: int
) -> list[EvcSummary]:
    slug = await _organisation_slug(session, actor)
    rows = await session.execute(
        select(Credential, Wallet)
        .join(Wallet, Wallet.id == Credential.wallet_id)
        .where(
            Credential.issuer_slug == slug,
            Credential.kind == kind,
            Credential.source == "issued",
        )
        .order_by(Credential.issued_at.desc(), Credential.credential_id)
        .limit(limit)
    )
    return [_summary(row, wallet) for row, wallet in rows.tuples()]


async def issued_evc(session: AsyncSession, actor: Actor, record_id: UUID) -> EvcDetail:
    """One EVC record of the assessor's organisation, with its results per competence."""
    slug = await _organisation_slug(session, actor)
    found = (
        await session.execute(
            select(Credential, Wallet)
            .join(Wallet, Wallet.id == Credential.wallet_id)
            .where(
                Credential.credential_id == f"urn:uuid:{record_id}",
                Credential.issuer_slug == slug,
                Credential.kind == EVC.kind,
                Credential.source == "issued",
            )
        )
    ).first()
    if found is None:
        raise EvcRecordNotFoundError(f"no EVC record {record_id}")
    row, wallet = found
    # Our own signed credential from our own table: its payload is what was recorded.
    document: dict[str, Any] = strict_json(parse_compact(row.jws).payload)
    subject = document.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    return EvcDetail(
        summary=_summary(row, wallet),
        level=_level(achievement),
        valid_until=row.valid_until,
        results=_results(achievement, subject.get("result") or []),
        evidence=[
            EvcEvidence(
                name=str(item.get("name") or ""),
                genre=str(item.get("genre") or ""),
                description=str(item.get("description") or ""),
            )
            for item in document.get("evidence") or []
        ],
    )


def _level(achievement: dict[str, Any]) -> str | None:
    for alignment in achievement.get("alignment") or []:
        if alignment.get("targetType") == "ext:Level":
            return str(alignment.get("targetName") or "") or None
    return None


def _results(achievement: dict[str, Any], results: list[dict[str, Any]]) -> list[EvcResult]:
    """Each Result joined to its ResultDescription (the competence) and achieved level."""
    descriptions = {d.get("id"): d for d in achievement.get("resultDescription") or []}
    out: list[EvcResult] = []
    for result in results:
        description = descriptions.get(result.get("resultDescription")) or {}
        alignments = description.get("alignment") or [{}]
        levels = {
            level.get("id"): level.get("name")
            for level in description.get("rubricCriterionLevel") or []
        }
        achieved = levels.get(result.get("achievedLevel"))
        out.append(
            EvcResult(
                label=str(description.get("name") or ""),
                uri=alignments[0].get("targetUrl"),
                code=alignments[0].get("targetCode"),
                status=STATUS_WORDS.get(str(result.get("status")), str(result.get("status"))),
                achieved_level=str(achieved) if achieved is not None else None,
            )
        )
    return out
