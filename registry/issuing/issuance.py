"""Issuing deelcertificaten, EVC records and person certificates: check every item first,
then sign them all.

Two phases so that a batch is all-or-nothing and fast: `_Planner` checks every item (role,
module ownership and publication, accreditation, holder) with a handful of queries for the
whole batch and collects one error per bad item; only when none is bad does
`credential_store.sign_all` create wallets, allocate every status index in one call, unwrap
the issuer key once, sign, and bulk-insert credentials and audit events. All of it runs in
the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import assert_never
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import (
    CertifiableModule,
    labels_by_uri,
    modules_to_certify,
    preferred_label,
    provider_by_id,
)
from registry.issuers import keys
from registry.issuers.issuers import may_issue
from registry.issuing.credential_store import Issuer, Plan, sign_all
from registry.issuing.issued import HeldCredential, HeldKey, held_credentials
from registry.settings import Settings
from registry.wallet.wallets import resolve_holders
from schemas.common import Actor, wire_datetime
from schemas.credentials import (
    CompetenceInput,
    CreditsInput,
    LevelInput,
    ModuleVersionInput,
    Party,
)
from schemas.errors import (
    DomainError,
)
from schemas.errors.accounts import RoleNotAllowedError
from schemas.errors.catalogue import NoSuchModuleError, NotModuleOwnerError
from schemas.errors.issuers import NoOrganisationError, NotAccreditedError
from schemas.errors.issuing import (
    AlreadyIssuedError,
    BadValidUntilError,
    BatchRejectedError,
    ModuleNotPublishedError,
    UnknownSchemeError,
)
from schemas.issuance import (
    CertificateIn,
    EvcIn,
    IssuedOut,
    IssueIn,
    ModuleCertificateIn,
)
from schemas.kinds import CERTIFICATE, EVC, MODULE_CERTIFICATE, KindSpec


async def issuer_of(session: AsyncSession, actor: Actor, settings: Settings) -> Issuer:
    """The caller's organisation (only the roles that issue get here: the routes' guards)."""
    provider = (
        await provider_by_id(session, actor.provider_id) if actor.provider_id is not None else None
    )
    if provider is None:
        raise NoOrganisationError("this account does not belong to an organisation")
    did = keys.issuer_did(settings, provider.slug)
    return Issuer(provider.id, provider.slug, Party(id=did, name=provider.name))


async def issue_one(
    session: AsyncSession, settings: Settings, actor: Actor, item: IssueIn, *, reissue: bool = False
) -> IssuedOut:
    """Issue one credential; a bad item raises its own error (403, 404, 409 or 422)."""
    issuer = await issuer_of(session, actor, settings)
    _require_kind(actor, _kind(item))
    plans, errors = await _Planner(session, settings, issuer, reissue).plan([item])
    if errors:
        raise errors[0][1]
    return (await sign_all(session, settings, actor, issuer, plans))[0]


async def issue_many(
    session: AsyncSession,
    settings: Settings,
    actor: Actor,
    items: Sequence[IssueIn | DomainError],
    *,
    lines: Sequence[int] | None = None,
    reissue: bool = False,
) -> list[IssuedOut]:
    """Issue every item or none: any bad item (an undecodable one arrives as its error)
    raises one BatchRejectedError that lists them all. Without `reissue` an item that the
    holder already holds (same module version, still valid) is bad."""
    issuer = await issuer_of(session, actor, settings)
    errors: dict[int, DomainError] = {}
    good: list[tuple[int, IssueIn]] = []
    for index, item in enumerate(items):
        try:
            if isinstance(item, DomainError):
                raise item
            _require_kind(actor, _kind(item))
            good.append((index, item))
        except DomainError as exc:
            errors[index] = exc
    planner = _Planner(session, settings, issuer, reissue)
    plans, plan_errors = await planner.plan([i for _, i in good])
    errors.update((good[position][0], exc) for position, exc in plan_errors)
    if errors:
        raise _rejected(errors, len(items), lines)
    return await sign_all(session, settings, actor, issuer, plans)


def _rejected(
    errors: dict[int, DomainError], total: int, lines: Sequence[int] | None
) -> BatchRejectedError | AlreadyIssuedError:
    rows = [
        {
            "index": index,
            **({"line": lines[index]} if lines is not None else {}),
            "code": errors[index].code,
            "detail": errors[index].message,
            **errors[index].extra,
        }
        for index in sorted(errors)
    ]
    if all(isinstance(error, AlreadyIssuedError) for error in errors.values()):
        return AlreadyIssuedError(
            f"{len(rows)} of {total} items were issued before and are still valid; nothing "
            "was issued (reissue=true issues them again)",
            errors=rows,
        )
    return BatchRejectedError(
        f"{len(rows)} of {total} items cannot be issued; nothing was issued", errors=rows
    )


def _kind(item: IssueIn) -> KindSpec:
    match item:
        case ModuleCertificateIn():
            return MODULE_CERTIFICATE
        case EvcIn():
            return EVC
        case CertificateIn():
            return CERTIFICATE
        case _:
            assert_never(item)


def _require_kind(actor: Actor, kind: KindSpec) -> None:
    """Each kind has its one issuing role (providers module certificates, assessors EVC
    records and, as exam institutes, person certificates); nobody else issues."""
    if actor.role != kind.issuer_role:
        raise RoleNotAllowedError(
            f"an account with the role {actor.role} cannot issue {kind.kind} credentials",
        )


class _Planner:
    """Checks items against the catalogue, the accreditations and the holders."""

    def __init__(
        self, session: AsyncSession, settings: Settings, issuer: Issuer, reissue: bool
    ) -> None:
        self.session = session
        self.settings = settings
        self.issuer = issuer
        self.reissue = reissue
        self.now = dt.datetime.now(dt.UTC)

    async def plan(
        self, items: Sequence[IssueIn]
    ) -> tuple[list[Plan], list[tuple[int, DomainError]]]:
        errors: list[tuple[int, DomainError]] = []
        holders = await resolve_holders(self.session, [item.holder for item in items])
        modules = await modules_to_certify(
            self.session,
            self.settings.base_url,
            {i.module_id for i in items if isinstance(i, ModuleCertificateIn)},
        )
        schemes = await labels_by_uri(
            self.session, {i.scheme for i in items if isinstance(i, CertificateIn)}
        )
        accredited: dict[tuple[str, str], bool] = {}
        # One snapshot per module (a bad module raises again for each item naming it).
        templates: dict[UUID, Plan] = {}
        plans: list[tuple[int, Plan]] = []
        for index, item in enumerate(items):
            try:
                # Authorisation first: what may be issued, then to whom.
                match item:
                    case ModuleCertificateIn():
                        template = templates.get(item.module_id)
                        if template is None:
                            template = self._module_plan(item, modules.get(item.module_id))
                            templates[item.module_id] = template
                        plan = replace(template, valid_until=item.valid_until, notes=item.notes)
                    case EvcIn():
                        plan = self._evc_plan(item)
                    case CertificateIn():
                        plan = _certificate_plan(item, schemes.get(item.scheme))
                    case _:
                        assert_never(item)
                await self._require_accredited(plan, accredited)
                if isinstance(item, CertificateIn) and item.scheme not in schemes:
                    raise UnknownSchemeError(
                        f"no certificate scheme {item.scheme} in the catalogue; add it first"
                    )
                self._check_valid_until(plan.valid_until)
                holder = holders[index]
                if isinstance(holder, DomainError):
                    raise holder
                plan.holder = holder
                plan.holder_email = item.holder.email.lower() if item.holder.email else None
                plans.append((index, plan))
            except DomainError as exc:
                errors.append((index, exc))
        if not self.reissue:
            plans = await self._without_reissues(plans, errors)
        return [plan for _, plan in plans], sorted(errors, key=lambda error: error[0])

    async def _require_accredited(
        self, plan: Plan, accredited: dict[tuple[str, str], bool]
    ) -> None:
        """Whether the issuer may issue this achievement now (asked once per achievement)."""
        key = (plan.kind.kind, plan.achievement_id)
        if key not in accredited:
            accredited[key] = await may_issue(
                self.session,
                self.settings,
                self.issuer.provider_id,
                plan.kind.kind,
                plan.achievement_id,
                self.now,
            )
        if not accredited[key]:
            raise NotAccreditedError(
                f"{self.issuer.slug} is not accredited to issue {plan.achievement_name!r}"
            )

    async def _without_reissues(
        self, plans: list[tuple[int, Plan]], errors: list[tuple[int, DomainError]]
    ) -> list[tuple[int, Plan]]:
        """The plans whose holder does not hold a credential of the same kind for the same
        achievement yet (still valid); an AlreadyIssuedError for each other one. Holders
        without a wallet hold nothing."""

        def held_key(plan: Plan) -> HeldKey | None:
            wallet = plan.holder.wallet if plan.holder is not None else None
            if not plan.kind.held_once or wallet is None:
                return None
            return wallet.id, plan.kind.kind, plan.achievement_id

        keys = [key for _, plan in plans if (key := held_key(plan)) is not None]
        held = await held_credentials(self.session, keys, self.now) if keys else {}
        kept: list[tuple[int, Plan]] = []
        for index, plan in plans:
            key = held_key(plan)
            found = held.get(key) if key is not None else None
            if found is None:
                kept.append((index, plan))
                continue
            errors.append((index, _already_issued(plan, found)))
        return kept

    def _module_plan(self, item: ModuleCertificateIn, found: CertifiableModule | None) -> Plan:
        if found is None:
            raise NoSuchModuleError(f"no module {item.module_id}")
        if found.provider_id != self.issuer.provider_id:
            raise NotModuleOwnerError("this module belongs to another provider")
        version = found.published
        if found.status != "published" or version is None:
            raise ModuleNotPublishedError("only a published module can be certified")
        url = version.url
        credits = None
        if version.credits is not None:
            credits = CreditsInput(value=version.credits.value, system=version.credits.system)
        level = None
        if version.level is not None:
            level = LevelInput(scheme=version.level.scheme, value=version.level.value)
        snapshot = ModuleVersionInput(
            url=url,
            title=version.title,
            description=version.description or version.summary,
            criteria_narrative=version.certificate,
            competences=[
                CompetenceInput(uri=c.uri, label=c.label, framework=c.framework, code=c.code)
                for c in version.competences
            ],
            level=level,
            study_load_hours=version.study_load_hours,
            credits=credits,
            provider=self.issuer.party,
            language=version.language,
        )
        return Plan(
            kind=MODULE_CERTIFICATE,
            achievement_id=url,
            achievement_name=version.title,
            content=snapshot,
            module_id=found.id,
            competences=[
                {"uri": c.uri, "label": c.label, "framework": c.framework}
                for c in version.competences
            ],
            sectors=list(version.sectors),
            valid_until=item.valid_until,
        )

    def _evc_plan(self, item: EvcIn) -> Plan:
        return Plan(
            kind=EVC,
            achievement_id=item.standard.url,
            achievement_name=item.standard.name,
            content=item,
            module_id=None,
            competences=[],  # read from the signed record: only achieved results count
            sectors=[],
            valid_until=item.valid_until,
        )

    def _check_valid_until(self, until: dt.datetime | None) -> None:
        if until is None:
            return
        if until.tzinfo is None or until.utcoffset() is None:
            raise BadValidUntilError("validUntil needs a time zone")
        if until <= self.now:
            raise BadValidUntilError("validUntil must be in the future")


def _certificate_plan(item: CertificateIn, labels: dict[str, str] | None) -> Plan:
    """A person certificate for a scheme, named by its catalogue label (Dutch first). An
    unknown scheme is planned under its URI, so that the accreditation check, which comes
    first, still says whether the institute may issue it at all."""
    label = preferred_label(labels) if labels else item.scheme
    scheme = CompetenceInput(uri=item.scheme, label=label)
    return Plan(
        kind=CERTIFICATE,
        achievement_id=item.scheme,
        achievement_name=scheme.label,
        content=scheme,
        module_id=None,
        competences=[],  # read from the signed certificate, like an EVC record's
        sectors=[],
        valid_until=item.valid_until,
    )


def _already_issued(plan: Plan, held: HeldCredential) -> AlreadyIssuedError:
    holder = plan.holder
    who = (holder.name or holder.email or "the holder") if holder is not None else "the holder"
    return AlreadyIssuedError(
        f"{who} already holds {held.credential_id} for {plan.achievement_name!r} "
        f"({held.status}, issued {held.issued_at.date().isoformat()}); "
        "reissue=true issues it again",
        credentialId=held.credential_id,
        issuedAt=wire_datetime(held.issued_at),
        credentialStatus=held.status,
    )
