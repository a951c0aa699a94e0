"""Provider organisations: registered and changed by the operator, and found by what an
imported document calls them (an EDU-DEX orgUnitId)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.documents import provider_out
from catalogue.models import Provider
from schemas.catalogue import ProviderCreate, ProviderOut, ProviderPatch
from schemas.errors.catalogue import (
    EdudexOrgUnitTakenError,
    ProviderExistsError,
    SlugReservedError,
)
from schemas.errors.issuers import ProviderNotFoundError

# A provider slug is also its issuer name (did:web:{host}:issuers:{slug}); the operator signs
# the trust list under its own name, so no organisation may take it.
RESERVED_PROVIDER_SLUGS = frozenset({"operator"})


async def create_provider(session: AsyncSession, data: ProviderCreate) -> ProviderOut:
    """Register a provider organisation (the operator's)."""
    if data.slug in RESERVED_PROVIDER_SLUGS:
        raise SlugReservedError(f"the slug {data.slug!r} is reserved")
    if await session.scalar(select(Provider.id).where(Provider.slug == data.slug)):
        raise ProviderExistsError(f"provider {data.slug!r} exists")
    # Our EDU-DEX export writes the slug as orgUnitId: it must not name another provider.
    await _check_org_unit_free(session, data.slug, None)
    if data.edudex_org_unit_id is not None:
        await _check_org_unit_free(session, data.edudex_org_unit_id, None, own_slug=data.slug)
    provider = Provider(
        slug=data.slug,
        name=data.name,
        kvk=data.kvk,
        sectors=data.sectors,
        website=data.website,
        edudex_org_unit_id=data.edudex_org_unit_id,
    )
    session.add(provider)
    await session.flush()
    return provider_out(provider)


async def patch_provider(session: AsyncSession, slug: str, data: ProviderPatch) -> ProviderOut:
    """Set or clear a provider's EDU-DEX org unit id (the operator's)."""
    provider = await session.scalar(select(Provider).where(Provider.slug == slug))
    if provider is None:
        raise ProviderNotFoundError(f"no provider {slug!r}")
    org_unit = data.edudex_org_unit_id
    if org_unit is not None:
        await _check_org_unit_free(session, org_unit, provider.id, own_slug=provider.slug)
    provider.edudex_org_unit_id = org_unit
    await session.flush()
    return provider_out(provider)


async def list_providers(session: AsyncSession) -> list[ProviderOut]:
    rows = await session.scalars(select(Provider).order_by(Provider.name))
    return [provider_out(p) for p in rows]


async def provider_of_org_unit(session: AsyncSession, org_unit_id: str) -> Provider | None:
    """The provider an EDU-DEX orgUnitId names: the one whose EDU-DEX org unit it is, else the
    one with it as slug (our own export writes the slug)."""
    provider: Provider | None = await session.scalar(
        select(Provider).where(Provider.edudex_org_unit_id == org_unit_id)
    )
    if provider is None:
        provider = await session.scalar(select(Provider).where(Provider.slug == org_unit_id))
    return provider


async def _check_org_unit_free(
    session: AsyncSession, org_unit_id: str, provider_id: UUID | None, own_slug: str = ""
) -> None:
    """`edudex-org-unit-taken` when another provider answers to this orgUnitId already (as
    its EDU-DEX org unit or its slug): one orgUnitId, one provider."""
    names = [Provider.edudex_org_unit_id == org_unit_id]
    if org_unit_id != own_slug:
        names.append(Provider.slug == org_unit_id)
    others = select(Provider.slug).where(or_(*names))
    if provider_id is not None:
        others = others.where(Provider.id != provider_id)
    other = await session.scalar(others)
    if other is not None:
        raise EdudexOrgUnitTakenError(
            f"the EDU-DEX orgUnitId {org_unit_id!r} names provider {other!r} already"
        )
