"""Signing and storing checked items: wallets, status indexes, signatures, bulk inserts.

`registry.issuing.issuance` checks; this module writes. Everything per credential is plain Python on
prepared data (the issuer key unwrapped once, one status allocation, Core bulk inserts), so a
batch of thousands costs little more than its signatures.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, assert_never, cast
from uuid import UUID

import msgspec
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.competences import achieved_competences
from credentials.issue import issue_certificate, issue_deelcertificaat, issue_evc
from credentials.keys import SigningKey
from credentials.sdjwt_vc import issue_deelcertificaat_sd_jwt
from registry.audit import record
from registry.db import bulk_insert
from registry.issuers import keys
from registry.issuers.status_lists import allocate_status, status_list_url
from registry.mail.notices import queue_issued
from registry.models import Credential
from registry.settings import Settings
from registry.wallet.wallets import HolderRef, WalletInfo, wallets_for
from schemas.common import Actor
from schemas.credentials import (
    CertificateInput,
    CompetenceInput,
    CompetenceResultInput,
    CredentialStatus,
    DeelcertificaatInput,
    EvcInput,
    EvidenceInput,
    IssuedCredential,
    LevelInput,
    ModuleVersionInput,
    Party,
    StandardInput,
)
from schemas.issuance import CompetenceIn, CredentialStatusOut, EvcIn, HolderOut, IssuedOut
from schemas.kinds import KindSpec

# What a plan signs: a module version's snapshot (a module certificate), an EVC record, or
# the certificate scheme of a person certificate.
Content = ModuleVersionInput | EvcIn | CompetenceInput


@dataclass(frozen=True, slots=True)
class Issuer:
    """The issuing organisation of this request."""

    provider_id: UUID
    slug: str
    party: Party


@dataclass(slots=True)
class Plan:
    """One checked item, ready to sign once its wallet and status index are known."""

    kind: KindSpec
    achievement_id: str
    achievement_name: str
    content: Content
    module_id: UUID | None
    # A module's competences from the catalogue; an EVC record's and a person certificate's
    # are read from the signed document (`_competences_of`), so only achieved results count.
    competences: list[dict[str, str]]
    sectors: list[str]
    valid_until: dt.datetime | None
    holder: HolderRef | None = None
    # The address the request named, echoed back; never one the issuer did not give.
    holder_email: str | None = None
    # The provider's notes on a module certificate (only in its SD-JWT VC form).
    notes: str = ""


def _competence(item: CompetenceIn) -> CompetenceInput:
    return CompetenceInput(uri=item.uri, label=item.label, framework=item.framework, code=item.code)


def _sign(
    plan: Plan,
    issuer: Issuer,
    holder: Party,
    issued_at: dt.datetime,
    status: CredentialStatus,
    key: SigningKey,
    kid: str,
) -> tuple[IssuedCredential, str | None]:
    """The JWS credential and, for a module certificate, its SD-JWT VC form with the same
    status entry and an id of its own (signed now, by the issuer's act: see docs/credentials.md,
    "Selective disclosure"); an EVC record and a person certificate have no SD-JWT VC form yet."""
    content = plan.content
    match content:
        case ModuleVersionInput():
            data = DeelcertificaatInput(
                issuer=issuer.party,
                holder=holder,
                module=content,
                issued_at=issued_at,
                valid_until=plan.valid_until,
                status=[status],
            )
            issued = issue_deelcertificaat(data, key, kid=kid)
            sd_jwt = issue_deelcertificaat_sd_jwt(data, key, kid=kid, notes=plan.notes)
            return issued, sd_jwt
        case EvcIn():
            record = _evc_input(content, issuer, holder, issued_at, plan.valid_until, status)
            return issue_evc(record, key, kid=kid), None
        case CompetenceInput():
            certificate = CertificateInput(
                issuer=issuer.party,
                holder=holder,
                scheme=content,
                issued_at=issued_at,
                valid_until=plan.valid_until,
                status=[status],
            )
            return issue_certificate(certificate, key, kid=kid), None
        case _:
            assert_never(content)


def _evc_input(
    evc: EvcIn,
    issuer: Issuer,
    holder: Party,
    issued_at: dt.datetime,
    valid_until: dt.datetime | None,
    status: CredentialStatus,
) -> EvcInput:
    standard = evc.standard
    level = (
        LevelInput(scheme=standard.level.scheme, value=standard.level.value)
        if standard.level
        else None
    )
    return EvcInput(
        issuer=issuer.party,
        holder=holder,
        standard=StandardInput(
            url=standard.url,
            name=standard.name,
            description=standard.description,
            criteria_narrative=standard.criteria_narrative,
            werkprocessen=[_competence(c) for c in standard.werkprocessen],
            level=level,
            creator=issuer.party,
        ),
        results=[
            CompetenceResultInput(
                competence=_competence(r.competence),
                status=r.status,
                achieved_level=r.achieved_level,
            )
            for r in evc.results
        ],
        evidence=[
            EvidenceInput(name=e.name, description=e.description, genre=e.genre)
            for e in evc.evidence
        ],
        issued_at=issued_at,
        valid_until=valid_until,
        status=[status],
    )


async def sign_all(
    session: AsyncSession, settings: Settings, actor: Actor, issuer: Issuer, plans: list[Plan]
) -> list[IssuedOut]:
    """Create wallets, allocate status indexes, sign and store every plan."""
    wallets = await wallets_for(
        session, settings.secret_key, [p.holder for p in plans if p.holder is not None]
    )
    slots = await allocate_status(session, issuer.slug, len(plans))
    active = await keys.signing_key(session, settings, issuer.slug)
    now = dt.datetime.now(dt.UTC)
    issued_at = now.replace(microsecond=0)
    credential_rows: list[dict[str, Any]] = []
    issued_log: list[dict[str, str]] = []
    out: list[IssuedOut] = []
    for plan, wallet, (list_id, index) in zip(plans, wallets, slots, strict=True):
        list_url = status_list_url(settings.base_url, list_id)
        status = CredentialStatus(
            id=f"{list_url}#{index}",
            type="BitstringStatusListEntry",
            status_purpose="revocation",
            status_list_index=str(index),
            status_list_credential=list_url,
        )
        name = (plan.holder.name if plan.holder else None) or wallet.name
        issued, sd_jwt = _sign(
            plan,
            issuer,
            Party(id=wallet.holder_did, name=name),
            issued_at,
            status,
            active.key,
            active.kid,
        )
        row_id = uuid.uuid4()
        credential_rows.append(
            {
                "id": row_id,
                "created_at": now,
                "updated_at": now,
                "credential_id": issued.id,
                "wallet_id": wallet.id,
                "kind": plan.kind.kind,
                "source": "issued",
                "verified": True,
                "issuer_slug": issuer.slug,
                "issuer_name": issuer.party.name,
                "achievement_id": plan.achievement_id,
                "achievement_name": plan.achievement_name,
                "module_id": plan.module_id,
                "jws": issued.jws,
                "status_list_id": list_id,
                "status_index": index,
                "status": "active",
                "issued_at": issued_at,
                "valid_until": plan.valid_until,
                "issued_by": actor.account_id,
                "holder_email": plan.holder_email,
                "competences": _competences_of(plan, issued),
                "sectors": plan.sectors,
                "sd_jwt": sd_jwt,
            }
        )
        issued_log.append(
            {"id": issued.id, "wallet": str(wallet.id), "achievement": plan.achievement_id}
        )
        out.append(_issued_out(plan, issued, wallet, name, list_url, index, issued_at))
        out[-1].sd_jwt = sd_jwt
    # Straight to the driver: even Core's executemany costs more per row than signing does.
    await bulk_insert(session, cast(Table, Credential.__table__), credential_rows)
    await _audit(session, actor, issued_log)
    await queue_issued(session, [row["id"] for row in credential_rows])
    return out


def _competences_of(plan: Plan, issued: IssuedCredential) -> list[dict[str, str]]:
    """What the CV and share pages count: for an EVC record, what the credential says was
    achieved (the one rule in `credentials.competences`), never the werkprocessen assessed;
    for a person certificate, its scheme as the certificate names it."""
    content = plan.content
    match content:
        case ModuleVersionInput():
            return plan.competences
        case EvcIn() | CompetenceInput():
            return achieved_competences(msgspec.to_builtins(issued.document))
        case _:
            assert_never(content)


async def _audit(session: AsyncSession, actor: Actor, issued: list[dict[str, str]]) -> None:
    """One event per request: the credential itself, or the batch with every credential in it
    (one row per batch keeps a cohort of thousands about as cheap to log as to sign)."""
    if len(issued) == 1:
        only = issued[0]
        await record(
            session,
            actor,
            "credential.issued",
            only["id"],
            wallet=only["wallet"],
            achievement=only["achievement"],
        )
    else:
        await record(
            session,
            actor,
            "credentials.issued",
            f"batch:{uuid.uuid4()}",
            count=len(issued),
            credentials=issued,
        )


def _issued_out(
    plan: Plan,
    issued: IssuedCredential,
    wallet: WalletInfo,
    name: str,
    list_url: str,
    index: int,
    issued_at: dt.datetime,
) -> IssuedOut:
    return IssuedOut(
        id=issued.id,
        credential=issued.jws,
        kind=plan.kind.kind,
        achievement=plan.achievement_id,
        holder=HolderOut(
            wallet_id=wallet.id,
            did=wallet.holder_did,
            name=name,
            email=plan.holder_email,
        ),
        status=CredentialStatusOut(status="active", status_list=list_url, status_index=index),
        issued_at=issued_at,
        valid_until=plan.valid_until,
    )
