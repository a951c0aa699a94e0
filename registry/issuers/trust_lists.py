"""The trust list: every accredited organisation with its keys and its accreditations as
verifiers read them, signed by the operator; and the registry's own verifier, which uses it
and the status lists in-process (the registry's own data, never fetched over HTTP).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import catalogue_marks, providers_by_id
from credentials.keydocs import KeyStore
from credentials.trust import TrustList, sign_trust_list
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from registry.issuers import foreign, keys
from registry.issuers.issuers import own_modules, trusted_accreditation
from registry.issuers.status_lists import status_source
from registry.models import Accreditation, IssuerKey
from registry.settings import Settings
from schemas.catalogue import ProviderRef
from schemas.trust import TrustedIssuer, TrustedKey, TrustListDocument


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _trusted_key(row: IssuerKey) -> TrustedKey:
    return TrustedKey(
        kid=row.kid,
        jwk=dict(row.public_jwk),
        status="retired" if row.status == "retired" else "current",
        valid_from=row.created_at,
        # A retired key verifies credentials issued before retirement, not after.
        valid_until=row.retired_at,
    )


async def build_trust_list(session: AsyncSession, settings: Settings) -> TrustListDocument:
    """Every organisation with an accreditation (ended ones too, with their windows, so old
    credentials keep verifying), with all its keys, current and retired."""
    accreditations = list(
        await session.scalars(
            select(Accreditation).order_by(Accreditation.valid_from, Accreditation.id)
        )
    )
    providers = await providers_by_id(session, [row.provider_id for row in accreditations])
    by_provider: dict[str, tuple[ProviderRef, list[Accreditation]]] = {}
    for row in accreditations:
        provider = providers[row.provider_id]
        by_provider.setdefault(provider.slug, (provider, []))[1].append(row)
    slugs = sorted(by_provider)
    owned = await own_modules(
        session, settings.base_url, [provider.id for provider, _ in by_provider.values()]
    )
    key_rows = await session.scalars(
        select(IssuerKey)
        .where(IssuerKey.issuer_slug.in_(slugs))
        .order_by(IssuerKey.created_at, IssuerKey.kid)
    )
    keys_by_slug: dict[str, list[TrustedKey]] = {}
    for key_row in key_rows:
        keys_by_slug.setdefault(key_row.issuer_slug, []).append(_trusted_key(key_row))
    issuers = []
    for slug in slugs:
        provider, rows = by_provider[slug]
        own = owned.get(provider.id, [])
        scoped = [trusted_accreditation(row, own) for row in rows]
        issuers.append(
            TrustedIssuer(
                did=keys.issuer_did(settings, slug),
                name=provider.name,
                keys=keys_by_slug.get(slug, []),
                accreditations=[a for a in scoped if a is not None],
            )
        )
    issuers += foreign.trusted_foreign(await foreign.all_foreign(session))
    return TrustListDocument(
        id=f"{settings.base_url}/trust-list",
        issuer=keys.issuer_did(settings, keys.OPERATOR),
        issued=_now().replace(microsecond=0),
        issuers=issuers,
    )


# The trust list each registry (database and base URL) verifies with, kept with the version
# of the tables it was built from. Building it reads every module of every accredited provider
# (its scope lists them), too much for each verification; the version is one indexed lookup
# per table, and is read on every call, so a change made by any process is seen at once.
_TRUST_LISTS: dict[tuple[str, str], tuple[tuple[object, ...], TrustList, KeyStore]] = {}


async def _trust_list_version(session: AsyncSession) -> tuple[object, ...]:
    """Changes whenever something the trust list is built from changes: an accreditation (a
    foreign one too) or a key made or changed, a provider renamed, a module made (modules are
    never deleted)."""
    parts: tuple[Select[Any], ...] = (
        select(func.count(Accreditation.id)),
        select(func.max(Accreditation.updated_at)),
        select(func.count(IssuerKey.id)),
        select(func.max(IssuerKey.updated_at)),
        *foreign.version_parts(),
    )
    row = (await session.execute(select(*(part.scalar_subquery() for part in parts)))).one()
    return (*row, *await catalogue_marks(session))


async def current_trust_list(session: AsyncSession, settings: Settings) -> TrustList:
    """The trust list with lookups, for verification inside the registry (built again only
    when its tables changed)."""
    trust_list, _ = await _verification_keys(session, settings)
    return trust_list


async def _verification_keys(
    session: AsyncSession, settings: Settings
) -> tuple[TrustList, KeyStore]:
    """The trust list and the operator's own DID document (what the operator signs, such as a
    CLR export, must verify here; the operator is accredited for nothing, so it reads
    `untrusted-issuer`), cached together: the version covers the keys too."""
    key = (settings.database_url, settings.base_url)
    version = await _trust_list_version(session)
    cached = _TRUST_LISTS.get(key)
    if cached is not None and cached[0] == version:
        return cached[1], cached[2]
    doc = await build_trust_list(session, settings)
    trust_list = TrustList(id=doc.id, issuer=doc.issuer, issued=doc.issued, issuers=doc.issuers)
    operator = await keys.stored_did_document(session, keys.OPERATOR)
    documents = KeyStore([] if operator is None else [operator])
    _TRUST_LISTS[key] = (version, trust_list, documents)
    return trust_list, documents


async def registry_verifier(
    session: AsyncSession, settings: Settings, status_urls: Iterable[str] | None = None
) -> Verifier:
    """A verifier that trusts what this registry's operator accredits and knows the operator's
    own key, with current status (the lists named in `status_urls`, or all of this
    registry's lists)."""
    trust_list, documents = await _verification_keys(session, settings)
    source = await status_source(session, settings, status_urls)
    return Verifier(VerifierConfig(trust_list=trust_list, documents=documents, status_lists=source))


async def signed_trust_list(
    session: AsyncSession, settings: Settings
) -> tuple[TrustListDocument, str]:
    """The trust list and its JWS signed with the operator key."""
    doc = await build_trust_list(session, settings)
    operator = await keys.signing_key(session, settings, keys.OPERATOR)
    return doc, sign_trust_list(doc, operator.key, operator.kid)
