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
from schemas.common import Actor
from schemas.errors.catalogue import (
    BadImportDocumentError,
    ImportProviderRequiredError,
    NotOwnProgramError,
    UnknownProviderError,
)

T = TypeVar("T")


async def _by_slug(session: AsyncSession, slug: str) -> Provider | None:
    provider: Provider | None = await session.scalar(select(Provider).where(Provider.slug == slug))
    return provider


async def import_provider(context: ImportContext, named: str | None) -> Provider:
    """The provider whose modules a document holds. A provider imports only its own: `named`
    (what the document calls its owner, e.g. an EDU-DEX orgUnitId) may be anything but
    another provider's slug. The operator imports for any provider, named by `provider=`,
    else by the document."""
    session, actor = context.session, context.actor
    if actor.is_operator:
        slug = context.provider or named
        if slug is None:
            raise ImportProviderRequiredError("name the provider: ?provider=<slug>")
        provider = await _by_slug(session, slug)
        if provider is None:
            raise UnknownProviderError(f"unknown provider {slug!r}")
        return provider
    provider = await session.get(Provider, actor.provider_id)
    if provider is None:
        raise NotOwnProgramError("this account acts for no provider")
    for other in (context.provider, named):
        if other is not None and other != provider.slug and await _by_slug(session, other):
            raise NotOwnProgramError(f"the document belongs to provider {other!r}, not yours")
    return provider


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
