"""Issuers: the operator's accreditations (and the scope each gives, the one rule for issuing
and verifying), key rotation and DID documents. The trust list built from them, and the
registry's own verifier, are `registry.issuers.trust_lists`; status lists are
`registry.issuers.status_lists`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import (
    module_exists,
    module_ids_by_provider,
    module_url,
    provider_by_id,
    provider_by_slug,
    providers_by_id,
    qualification_modules,
    qualification_url,
)
from credentials.trust import TrustList, own_scope, within
from registry.audit import record
from registry.issuers import foreign, keys
from registry.models import Accreditation, ForeignAccreditation
from registry.settings import Settings
from schemas.catalogue import ProviderRef
from schemas.common import Actor
from schemas.errors.issuers import (
    AccreditationNotFoundError,
    BadValidityError,
    IssuerNotFoundError,
    NoOrganisationError,
    ProviderNotFoundError,
    SchemesRequiredError,
    UnknownAchievementError,
)
from schemas.errors.sharing import OneOfRequiredError
from schemas.issuers import AccreditationCreate, AccreditationOut, AccreditationPatch
from schemas.kinds import kind_spec
from schemas.trust import Accreditation as TrustedAccreditation
from schemas.trust import AccreditationKind, TrustedIssuer


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ---------------------------------------------------------------------------- accreditation


def _accreditation_out(
    row: Accreditation, provider: ProviderRef, settings: Settings
) -> AccreditationOut:
    now = _now()
    return AccreditationOut(
        id=row.id,
        provider=provider.slug,
        provider_name=provider.name,
        issuer=keys.issuer_did(settings, provider.slug),
        kind=row.kind,
        achievements=list(row.achievements),
        valid_from=row.valid_from,
        valid_until=row.valid_until,
        active=within(row.valid_from, row.valid_until, now),
    )


async def _achievement_urls(session: AsyncSession, base_url: str, refs: Sequence[str]) -> list[str]:
    """Module ids -> module URL prefix; qualification ids -> the qualification's URL and each
    of its modules' URLs; absolute URLs stay as they are."""
    urls: list[str] = []
    unknown: list[str] = []
    for ref in refs:
        if _is_uri(ref):
            urls.append(ref)
            continue
        try:
            ident = UUID(ref)
        except ValueError:
            unknown.append(ref)
            continue
        if await module_exists(session, ident):
            urls.append(module_url(base_url, ident))
            continue
        members = await qualification_modules(session, ident)
        if members is None:
            unknown.append(ref)
            continue
        urls.append(qualification_url(base_url, ident))
        urls.extend(module_url(base_url, module_id) for module_id in members)
    if unknown:
        raise UnknownAchievementError(
            "these are neither module nor qualification ids nor URLs",
            achievements=unknown,
        )
    return list(dict.fromkeys(urls))


async def create_accreditation(
    session: AsyncSession, actor: Actor, settings: Settings, data: AccreditationCreate
) -> AccreditationOut:
    """Accredit a provider organisation for a kind of credential (operator)."""
    if (data.provider is None) == (data.issuer is None):
        raise OneOfRequiredError("give either provider or issuer")
    # Whole seconds: credentials carry whole-second validFrom, and one issued in the same
    # second as the accreditation must not look older than it.
    valid_from = data.valid_from or _now().replace(microsecond=0)
    if data.valid_until is not None and data.valid_until <= valid_from:
        raise BadValidityError("validUntil must be after validFrom")
    _check_listed(data)
    if data.provider is None:
        return await foreign.create_foreign(session, actor, settings, data, valid_from)
    provider = await provider_by_slug(session, data.provider)
    if provider is None:
        raise ProviderNotFoundError(f"no provider {data.provider!r}")
    row = Accreditation(
        provider_id=provider.id,
        kind=data.kind,
        achievements=await _achievement_urls(session, settings.base_url, data.achievements),
        valid_from=valid_from,
        valid_until=data.valid_until,
    )
    session.add(row)
    await session.flush()
    await record(session, actor, "accreditation.created", str(row.id), provider=provider.slug)
    return _accreditation_out(row, provider, settings)


def _check_listed(data: AccreditationCreate) -> None:
    """A kind accredited per achievement (certificate schemes) lists them as URIs: an empty
    list would mean any scheme, and a module or qualification id is no scheme."""
    if not kind_spec(data.kind).listed_achievements:
        return
    if not data.achievements or not all(_is_uri(ref) for ref in data.achievements):
        raise SchemesRequiredError(
            f"a {data.kind} accreditation lists the certificate scheme URIs it covers "
            "(https://..., http://... or urn:...)"
        )


def _is_uri(ref: str) -> bool:
    return ref.startswith(("http://", "https://", "urn:"))


async def list_accreditations(
    session: AsyncSession, actor: Actor, settings: Settings, provider: str | None = None
) -> list[AccreditationOut]:
    """The operator sees all; a provider or assessor sees its own organisation's."""
    query = select(Accreditation)
    if not actor.is_operator:
        if actor.provider_id is None:
            raise NoOrganisationError("you belong to no organisation")
        query = query.where(Accreditation.provider_id == actor.provider_id)
    if provider is not None:
        named = await provider_by_slug(session, provider)
        if named is None:
            return []
        query = query.where(Accreditation.provider_id == named.id)
    rows = list(await session.scalars(query))
    providers = await providers_by_id(session, [row.provider_id for row in rows])
    rows.sort(key=lambda row: (providers[row.provider_id].slug, row.valid_from))
    found = [_accreditation_out(row, providers[row.provider_id], settings) for row in rows]
    if actor.is_operator and provider is None:
        found += [foreign.foreign_out(row, _now()) for row in await foreign.all_foreign(session)]
    return found


async def _load_accreditation(
    session: AsyncSession, accreditation_id: UUID
) -> tuple[Accreditation, ProviderRef]:
    row = await session.scalar(select(Accreditation).where(Accreditation.id == accreditation_id))
    provider = None if row is None else await provider_by_id(session, row.provider_id)
    if row is None or provider is None:
        raise AccreditationNotFoundError(f"no accreditation {accreditation_id}")
    return row, provider


async def end_accreditation(
    session: AsyncSession,
    actor: Actor,
    settings: Settings,
    accreditation_id: UUID,
    data: AccreditationPatch | None = None,
) -> AccreditationOut:
    """Set the end of an accreditation (now when no date is given); operator only."""
    other = await foreign.load_foreign(session, accreditation_id)
    if other is not None:
        await _set_end(session, actor, other, data)
        return foreign.foreign_out(other, _now())
    row, provider = await _load_accreditation(session, accreditation_id)
    await _set_end(session, actor, row, data)
    return _accreditation_out(row, provider, settings)


async def _set_end(
    session: AsyncSession,
    actor: Actor,
    row: Accreditation | ForeignAccreditation,
    data: AccreditationPatch | None,
) -> None:
    until = data.valid_until if data is not None else _now()
    if until < row.valid_from:
        raise BadValidityError("validUntil must not be before validFrom")
    if data is None and row.valid_until is not None and row.valid_until <= until:
        return  # already ended: ending again changes nothing
    row.valid_until = until
    await session.flush()
    await record(session, actor, "accreditation.ended", str(row.id), valid_until=until.isoformat())


def trusted_accreditation(
    row: Accreditation, owned_modules: Sequence[str]
) -> TrustedAccreditation | None:
    """An accreditation as the trust list publishes it. A module-certificate accreditation
    covers only the organisation's own modules (the API refuses another's module, so
    verifiers must too): it lists them, requires the organisation as the achievement's
    creator, and is left out when it covers none of them, since an empty list means "any"."""
    achievements = list(row.achievements)
    spec = kind_spec(row.kind)
    own = spec.own_achievements
    if own:
        achievements = own_scope(achievements, owned_modules)
        if not achievements:
            return None
    return TrustedAccreditation(
        kind=spec.kind,
        achievements=achievements,
        own_achievements=own,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
    )


async def own_modules(
    session: AsyncSession, base_url: str, provider_ids: Sequence[UUID]
) -> dict[UUID, list[str]]:
    """The URL prefix of every module each organisation owns (drafts too: a trust list then
    stays current when one is published)."""
    found = await module_ids_by_provider(session, provider_ids)
    return {
        provider_id: [module_url(base_url, module_id) for module_id in ids]
        for provider_id, ids in found.items()
    }


async def may_issue(
    session: AsyncSession,
    settings: Settings,
    provider_id: UUID,
    kind: AccreditationKind,
    achievement_url: str,
    at: dt.datetime,
) -> bool:
    """Whether the organisation is accredited for this achievement at `at` (aware).

    The very rule verifiers apply: the accreditations as the trust list publishes them,
    matched by `TrustList.accredited`, with the organisation as creator (as issued).
    """
    rows = await session.scalars(
        select(Accreditation).where(
            Accreditation.provider_id == provider_id, Accreditation.kind == kind
        )
    )
    own = (await own_modules(session, settings.base_url, [provider_id])).get(provider_id, [])
    scoped = [trusted_accreditation(row, own) for row in rows]
    issuer = TrustedIssuer(
        did="urn:issuer", name="", accreditations=[a for a in scoped if a is not None]
    )
    probe = TrustList(id="urn:probe", issuer="urn:probe", issued=at, issuers=[issuer])
    return probe.accredited("urn:issuer", kind, achievement_url, at, creator="urn:issuer")


# ---------------------------------------------------------------------------- keys


async def rotate_issuer_key(session: AsyncSession, settings: Settings, slug: str) -> str:
    """Retire an issuer's current key and make a new one (the operator's too); returns the
    new kid. Refuses slugs that name no organisation, so a typo makes no stray issuer."""
    if slug != keys.OPERATOR and await provider_by_slug(session, slug) is None:
        raise IssuerNotFoundError(f"no issuer {slug!r}")
    kid = await keys.rotate(session, settings, slug)
    await record(session, None, "key.rotated", slug, kid=kid)
    return kid


async def did_document(session: AsyncSession, settings: Settings, slug: str) -> dict[str, object]:
    """An issuer's DID document; the operator's key is made on first use."""
    if slug == keys.OPERATOR:
        await keys.signing_key(session, settings, keys.OPERATOR)
    return await keys.did_document_for(session, settings, slug)
