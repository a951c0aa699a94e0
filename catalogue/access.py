"""Who may do what in the catalogue: one place for the rules that need the data (whose module,
who sees drafts). Which roles may call a route at all its guard says (`schemas.access`)."""

from __future__ import annotations

from uuid import UUID

from schemas.access import require_role
from schemas.common import Actor
from schemas.errors.catalogue import NotModuleOwnerError


def require_provider_of(actor: Actor, provider_id: UUID) -> None:
    """Only the provider organisation that owns a module may change it."""
    require_role(actor, "provider")
    if actor.provider_id != provider_id:
        raise NotModuleOwnerError("this module belongs to another provider")


def may_see_drafts(viewer: Actor | None, provider_id: UUID) -> bool:
    """Drafts are visible to their own provider and to the operator."""
    if viewer is None:
        return False
    return viewer.is_operator or (viewer.role == "provider" and viewer.provider_id == provider_id)
