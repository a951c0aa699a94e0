"""Who may do what in the catalogue: one place for the rules."""

from __future__ import annotations

from uuid import UUID

from schemas.common import Actor, Role
from schemas.errors import PermissionDeniedError


def require_role(actor: Actor, *roles: Role) -> None:
    """Refuse callers whose role is not one of `roles`."""
    if actor.role not in roles:
        raise PermissionDeniedError(
            f"this needs the role {' or '.join(roles)}; you are {actor.role}",
            code="role-not-allowed",
        )


def require_provider_of(actor: Actor, provider_id: UUID) -> None:
    """Only the provider organisation that owns a module may change it."""
    require_role(actor, "provider")
    if actor.provider_id != provider_id:
        raise PermissionDeniedError(
            "this module belongs to another provider", code="not-module-owner"
        )


def may_see_drafts(viewer: Actor | None, provider_id: UUID) -> bool:
    """Drafts are visible to their own provider and to the operator."""
    if viewer is None:
        return False
    return viewer.is_operator or (viewer.role == "provider" and viewer.provider_id == provider_id)
