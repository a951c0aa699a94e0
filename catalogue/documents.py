"""Turn catalogue rows into the wire documents of `schemas.catalogue`."""

from __future__ import annotations

from catalogue.models import Module, ModuleVersion, Provider, Run
from catalogue.urls import module_version_url
from schemas.catalogue import (
    Credits,
    Level,
    ModuleCompetence,
    ModuleDocument,
    ModuleStatus,
    ProviderOut,
    ProviderRef,
    RunDocument,
)
from schemas.levels import is_scheme


def level_doc(scheme: str | None, value: int | None) -> Level | None:
    if scheme is None or value is None:
        return None
    if not is_scheme(scheme):  # stored levels were checked on the way in
        raise LookupError(f"no level scheme {scheme!r}")
    return Level(scheme=scheme, value=value)


def provider_ref(provider: Provider) -> ProviderRef:
    return ProviderRef(
        id=provider.id,
        slug=provider.slug,
        name=provider.name,
        kvk=provider.kvk,
        website=provider.website,
    )


def provider_out(provider: Provider) -> ProviderOut:
    return ProviderOut(
        id=provider.id,
        slug=provider.slug,
        name=provider.name,
        kvk=provider.kvk,
        sectors=list(provider.sectors),
        website=provider.website,
        edudex_org_unit_id=provider.edudex_org_unit_id,
    )


def run_doc(run: Run) -> RunDocument:
    return RunDocument(
        id=run.id,
        start_date=run.start_date,
        end_date=run.end_date,
        place=run.place,
        postcode=run.postcode,
        seats=run.seats,
        price_cents=run.price_cents,
        status=run.status,  # type: ignore[arg-type]
    )


def version_status(module: Module, version: ModuleVersion) -> ModuleStatus:
    """A version's own status: draft until published; withdrawn follows the module."""
    if version.published_at is None:
        return "draft"
    return "withdrawn" if module.status == "withdrawn" else "published"


def module_document(
    base_url: str, module: Module, version: ModuleVersion, runs: list[Run]
) -> ModuleDocument:
    """The complete document for one module version."""
    credits = None
    if version.credit_value is not None and version.credit_system is not None:
        credits = Credits(value=version.credit_value, system=version.credit_system)
    return ModuleDocument(
        id=module.id,
        version=version.number,
        url=module_version_url(base_url, module.id, version.number),
        status=version_status(module, version),
        published_at=version.published_at,
        provider=provider_ref(module.provider),
        title=version.title,
        summary=version.summary,
        description=version.description,
        language=version.language,
        level=level_doc(version.level_scheme, version.level_value),
        study_load_hours=version.study_load_hours,
        credits=credits,
        duration_days=version.duration_days,
        delivery_mode=version.delivery_mode,  # type: ignore[arg-type]
        prerequisites=version.prerequisites,
        competences=[
            ModuleCompetence(
                uri=c.uri,
                label=c.label,
                labels=dict(c.labels),
                code=c.code,
                framework=c.framework,
                framework_version=c.framework_version,
                level=c.level,
            )
            for c in version.competences
        ],
        sectors=list(version.sectors),
        certificate=version.certificate,
        price_cents=version.price_cents,
        runs=[run_doc(r) for r in runs],
    )
