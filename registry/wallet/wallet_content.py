"""What a wallet holds: credentials (issued here or imported), self-declared experience, and
the export that lets a worker take all of it, holder key included, somewhere else."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from typing import Any
from uuid import UUID

import msgspec
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import module_of_achievement
from credentials.b64 import b64url_encode
from credentials.baked import unbake
from credentials.competences import achieved_competences, credential_document
from credentials.identity import is_holders
from credentials.keys import unwrap_key
from credentials.presentation import holder_kid
from credentials.verifier import Verifier
from registry.models import Credential, Experience
from registry.settings import Settings
from registry.wallet.export_bundle import bundle_sources
from registry.wallet.holders import Holder, proven_email
from schemas.errors.sharing import OneOfRequiredError
from schemas.errors.wallet import (
    AlreadyImportedError,
    BadCredentialError,
    BadImageError,
    ExperienceNotFoundError,
    NotACredentialError,
    NotHoldersCredentialError,
    UnreadableCredentialError,
)
from schemas.kinds import OTHER_KIND, kind_of_achievement_type
from schemas.verification import Report
from schemas.wallet import (
    UNVERIFIED,
    CompetenceRef,
    CredentialImport,
    ExperienceCreate,
    ExperienceOut,
    ExportedCredential,
    HolderKey,
    ImportResult,
    WalletCredential,
    WalletCredentials,
    WalletExport,
)

MAX_IMPORT_BYTES = 256_000


def credential_out(row: Credential) -> WalletCredential:
    """A stored credential as the wallet shows it; failed imports carry their verdict."""
    return WalletCredential(
        id=row.id,
        credential_id=row.credential_id,
        kind=row.kind,
        source=row.source,
        verified=row.verified,
        label=None if row.verified else UNVERIFIED,
        verdict=None if row.verified else row.status,
        status=row.status,
        status_reason=row.status_reason,
        status_note=row.status_note,
        status_changed_at=row.status_changed_at,
        issuer=row.issuer_name,
        achievement=row.achievement_name,
        achievement_id=row.achievement_id,
        module_id=row.module_id,
        issued_at=row.issued_at,
        valid_until=row.valid_until,
        competences=[CompetenceRef(**c) for c in row.competences],
        sectors=row.sectors,
        credential=row.jws,
        verification=(
            msgspec.convert(row.verification, Report) if row.verification is not None else None
        ),
        sd_jwt=row.sd_jwt,
    )


async def wallet_rows(session: AsyncSession, holder: Holder) -> list[Credential]:
    """Every credential in the wallet, newest first."""
    rows = await session.scalars(
        select(Credential)
        .where(Credential.wallet_id == holder.wallet.id)
        .order_by(Credential.issued_at.desc(), Credential.id)
    )
    return list(rows)


async def list_credentials(session: AsyncSession, holder: Holder) -> WalletCredentials:
    """The wallet's holder DID and credentials (the worker's own, or through consent)."""
    rows = await wallet_rows(session, holder)
    return WalletCredentials(
        holder=holder.wallet.holder_did,
        name=holder.wallet.name,
        items=[credential_out(row) for row in rows],
    )


async def import_credential(
    session: AsyncSession,
    holder: Holder,
    verifier: Verifier,
    data: CredentialImport,
    base_url: str,
) -> ImportResult:
    """Keep a credential issued elsewhere, about this worker; one that does not verify is kept
    as unverified, with its report. Everything is checked before anything is written (the
    API and the worker's import page show a refusal and keep nothing)."""
    raw = _import_text(data)
    report = verifier.verify(raw)
    # A presentation's report has only credentials; a CLR's has its own too (kept whole).
    if report.credential is None and report.credentials is not None:
        raise NotACredentialError(
            "this is a presentation; import the credentials in it one by one",
        )
    if report.credential is None:
        raise UnreadableCredentialError(
            f"this cannot be read as a credential ({report.verdict})",
            verification=msgspec.to_builtins(report),
        )
    email = await proven_email(session, holder.worker_id)
    subject = report.credential.subject
    # A JWT whose `sub` names another subject than its credentialSubject says two things
    # about whose it is: not the worker's to keep.
    two_subjects = any(check.code == "sub-mismatch" for check in report.checks)
    if two_subjects or not is_holders(
        subject, credential_document(raw), [holder.wallet.holder_did], email
    ):
        raise NotHoldersCredentialError(
            "this credential is about someone else (not your holder DID or proven e-mail)",
        )
    row = _imported_row(holder, raw, report)
    if await session.scalar(
        select(Credential.id).where(Credential.credential_id == row.credential_id)
    ):
        raise AlreadyImportedError("this credential is already in a wallet")
    if row.verified:
        # A valid credential of one of our modules, by an issuer the operator accredited for
        # it, counts towards qualifications like one issued here.
        row.module_id = await module_of_achievement(session, base_url, row.achievement_id)
    session.add(row)
    await session.flush()
    await holder.record(
        session, "credential.imported", f"credential:{row.credential_id}", verdict=report.verdict
    )
    return ImportResult(credential=credential_out(row), verification=report)


def _import_text(data: CredentialImport) -> str:
    """The credential to import: as given, or read from a baked badge image."""
    if (data.credential is None) == (data.image is None):
        raise OneOfRequiredError("give either credential or image")
    if data.image is not None:
        try:
            image = base64.b64decode(data.image, validate=True)
        except (binascii.Error, ValueError):
            raise BadImageError("image is not base64") from None
        raw = unbake(image)  # a BakedError (422) says why no credential could be read
    else:
        raw = data.credential if isinstance(data.credential, str) else _json(data.credential or {})
    raw = raw.strip()
    if not raw or len(raw) > MAX_IMPORT_BYTES:
        raise BadCredentialError("the credential is empty or too large")
    return raw


def _json(document: dict[str, Any]) -> str:
    return msgspec.json.encode(document).decode()


def _imported_row(holder: Holder, raw: str, report: Report) -> Credential:
    summary = report.credential
    assert summary is not None
    verified = report.verdict == "valid"
    credential_id = summary.id or ""
    if not credential_id or len(credential_id) > 100:
        credential_id = "urn:sha256:" + hashlib.sha256(raw.encode()).hexdigest()
    return Credential(
        credential_id=credential_id,
        wallet_id=holder.wallet.id,
        kind=kind_of_achievement_type(summary.achievement_type) or OTHER_KIND,
        source="imported",
        verified=verified,
        issuer_slug=None,
        # The trust list's name when the key came from it, else what the credential claims.
        issuer_name=(summary.trusted_issuer_name or summary.issuer_name or summary.issuer or "")[
            :200
        ],
        achievement_id=(summary.achievement_id or "")[:500],
        achievement_name=(summary.achievement or "")[:300],
        jws=raw,
        verification=msgspec.to_builtins(report),
        status="active" if verified else report.verdict,
        issued_at=_date(summary.valid_from) or dt.datetime.now(dt.UTC),
        valid_until=_date(summary.valid_until),
        competences=_alignments(raw),
        sectors=[],
    )


def _date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _alignments(raw: str) -> list[dict[str, str]]:
    """Competences an imported credential shows, for the CV (best effort, unverified): the
    same rule as for what is issued here, so a failed EVC result never counts."""
    document = credential_document(raw)
    return achieved_competences(document) if document is not None else []


async def export_wallet(session: AsyncSession, settings: Settings, holder: Holder) -> WalletExport:
    """Everything in the wallet plus the private holder key (the worker only, never a coach),
    with what it takes to verify the credentials offline (`export_bundle`)."""
    holder.require_worker("export the wallet")
    key = unwrap_key(holder.wallet.wrapped_key, settings.secret_key)
    pkcs8 = key.to_pkcs8()
    jwk = dict(key.public.jwk())
    raw = serialization.load_der_private_key(pkcs8, password=None)
    if isinstance(raw, ed25519.Ed25519PrivateKey):
        jwk["d"] = b64url_encode(raw.private_bytes_raw())
    rows = await wallet_rows(session, holder)
    sources = await bundle_sources(session, settings, rows)
    await holder.record(session, "wallet.exported", f"wallet:{holder.wallet.id}")
    return WalletExport(
        exported_at=dt.datetime.now(dt.UTC),
        holder=HolderKey(
            did=holder.wallet.holder_did,
            kid=holder_kid(key.public),
            private_jwk=jwk,
            pkcs8=b64url_encode(pkcs8),
        ),
        credentials=[
            ExportedCredential(
                id=row.credential_id,
                source=row.source,
                verified=row.verified,
                status=row.status,
                credential=row.jws,
            )
            for row in rows
        ],
        experience=await list_experience(session, holder),
        status_checked_at=sources.status_checked_at,
        operator_document=sources.operator_document,
        trust_list=sources.trust_list,
        did_documents=sources.did_documents,
        status_lists=sources.status_lists,
    )


# ---------------------------------------------------------------- self-declared experience


def experience_out(row: Experience) -> ExperienceOut:
    return ExperienceOut(
        id=row.id,
        title=row.title,
        description=row.description,
        start=row.start,
        end=row.end,
        competences=list(row.competences),
    )


async def list_experience(session: AsyncSession, holder: Holder) -> list[ExperienceOut]:
    """Self-declared experience, most recent start first."""
    rows = await session.scalars(
        select(Experience)
        .where(Experience.wallet_id == holder.wallet.id)
        .order_by(Experience.start.desc(), Experience.created_at.desc())
    )
    return [experience_out(row) for row in rows]


async def add_experience(
    session: AsyncSession, holder: Holder, data: ExperienceCreate
) -> ExperienceOut:
    """Record experience the worker declares themselves."""
    row = Experience(
        wallet_id=holder.wallet.id,
        title=data.title,
        description=data.description,
        start=data.start,
        end=data.end,
        competences=list(dict.fromkeys(data.competences)),
    )
    session.add(row)
    await session.flush()
    await holder.record(session, "experience.added", f"wallet:{holder.wallet.id}", title=data.title)
    return experience_out(row)


async def delete_experience(session: AsyncSession, holder: Holder, experience_id: UUID) -> None:
    """Remove a self-declared entry."""
    row = await session.get(Experience, experience_id)
    if row is None or row.wallet_id != holder.wallet.id:
        raise ExperienceNotFoundError("no such experience")
    await session.delete(row)
    await holder.record(
        session, "experience.removed", f"wallet:{holder.wallet.id}", title=row.title
    )
