"""What every import of a provider's own documents shares: whose they are, and which of our
rows a document's own id stands for (`import_origin`)."""

from __future__ import annotations

import re
from typing import Any, TypeVar
from uuid import UUID

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.imports import ImportContext
from catalogue.models import ImportOrigin, Provider
from catalogue.providers import provider_of_org_unit
from schemas.common import Actor
from schemas.errors.catalogue import (
    BadImportDocumentError,
    ImportProviderRequiredError,
    NotOwnProgramError,
    UnknownOrgUnitError,
    UnknownProviderError,
)

T = TypeVar("T")


async def _by_slug(session: AsyncSession, slug: str) -> Provider | None:
    provider: Provider | None = await session.scalar(select(Provider).where(Provider.slug == slug))
    return provider


async def import_provider(context: ImportContext, org_unit_id: str | None) -> Provider:
    """The provider whose modules a document holds; `org_unit_id` is what an EDU-DEX document
    calls its owner (`provider_of_org_unit`: the provider's EDU-DEX org unit id, else its
    slug), None for a format that names none.

    A provider imports only its own: an orgUnitId of another provider is `not-own-program`,
    one that names no provider `unknown-edudex-org-unit` (the operator records the provider's
    EDU-DEX org unit id first). The operator imports for the provider `provider=` names, else
    the one the orgUnitId names; on the operator's word an orgUnitId that names no provider
    is taken, one of another provider never."""
    session, actor = context.session, context.actor
    owner = None if org_unit_id is None else await provider_of_org_unit(session, org_unit_id)
    if actor.is_operator:
        if context.provider is None:
            if org_unit_id is None:
                raise ImportProviderRequiredError("name the provider: ?provider=<slug>")
            if owner is None:
                raise _unknown_org_unit(org_unit_id)
            return owner
        provider = await _by_slug(session, context.provider)
        if provider is None:
            raise UnknownProviderError(f"unknown provider {context.provider!r}")
        _require_owner(provider, owner, org_unit_id)
        return provider
    provider = await session.get(Provider, actor.provider_id)
    if provider is None:
        raise NotOwnProgramError("this account acts for no provider")
    named = context.provider
    if named is not None and named != provider.slug and await _by_slug(session, named):
        raise NotOwnProgramError(f"the document belongs to provider {named!r}, not yours")
    if org_unit_id is not None and owner is None:
        raise _unknown_org_unit(org_unit_id)
    _require_owner(provider, owner, org_unit_id)
    return provider


async def require_org_unit_of(session: AsyncSession, provider: Provider, org_unit_id: str) -> None:
    """`not-own-program` when the orgUnitId names another provider than the one imported for
    (a program of a directory or feed, which the operator registered for one provider)."""
    _require_owner(provider, await provider_of_org_unit(session, org_unit_id), org_unit_id)


def _require_owner(provider: Provider, owner: Provider | None, org_unit_id: str | None) -> None:
    if owner is not None and owner.id != provider.id:
        raise NotOwnProgramError(
            f"orgUnitId {org_unit_id!r} belongs to provider {owner.slug}, not to {provider.slug}"
        )


def _unknown_org_unit(org_unit_id: str) -> UnknownOrgUnitError:
    return UnknownOrgUnitError(
        f"orgUnitId {org_unit_id!r} names no provider: neither a provider's EDU-DEX org unit "
        "id (edudexOrgUnitId, which the operator records) nor a provider's slug"
    )


def acting_provider(context_actor: Actor, provider: Provider) -> Actor:
    """The actor the module services see: the provider itself (the operator imports for it)."""
    return Actor(account_id=context_actor.account_id, role="provider", provider_id=provider.id)


async def find_origin(
    session: AsyncSession, provider: Provider, source: str, external_id: str
) -> ImportOrigin | None:
    origin: ImportOrigin | None = await session.scalar(
        select(ImportOrigin).where(
            ImportOrigin.provider_id == provider.id,
            ImportOrigin.source == source,
            ImportOrigin.external_id == external_id,
        )
    )
    return origin


def as_uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def convert(fields: dict[str, Any], kind: type[T], where: str, names: dict[str, str]) -> T:
    """The fields as a request body of the API (so every rule of the API holds for imports),
    or `bad-import-document` naming `where` and the document's own name of the field."""
    try:
        return msgspec.convert({camel(k): v for k, v in fields.items()}, kind)
    except msgspec.ValidationError as exc:
        message = re.sub(r"`\$\.(\w+)", lambda m: f"`{names.get(m.group(1), m.group(1))}", str(exc))
        raise BadImportDocumentError(f"{where}: {message}") from None
