"""Which roles may call a route: a Litestar guard, declared where the route is.

`guards=[requires_role("provider")]` on a controller or handler refuses every other role
before anything else of the request runs (its body is not read, no transaction starts); the
services keep only the checks that need the data (whose module, whose credential, whose
wallet). Guards of several layers all apply: a route's roles are those every layer allows.

Who calls is the app's to say: the guard asks the function in the route's `opt` under
`CALLER` (the registry puts its bearer-token lookup on the app and the session lookup on the
pages' router), so this module and the catalogue's controllers need nothing of the registry,
as with the `actor` they are given by name. That function raises NotAuthenticatedError when
nobody is signed in (401, or the sign-in page for people); a role the guard does not name is
403 `role-not-allowed`, or the guard's own refusal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from schemas.common import Actor, Role
from schemas.errors import PermissionDeniedError
from schemas.errors.accounts import RoleNotAllowedError

Connection = ASGIConnection[Any, Any, Any, Any]
Caller = Callable[[Connection], Awaitable[Actor]]
# The key in a route's (layered) `opt` under which the app puts its `Caller`.
CALLER = "caller"


def require_role(actor: Actor, *roles: Role) -> None:
    """Refuse callers whose role is not one of `roles`."""
    if actor.role not in roles:
        raise RoleNotAllowedError(
            f"this needs the role {' or '.join(roles)}; you are {actor.role}",
        )


@dataclass(frozen=True, slots=True)
class RoleGuard:
    """A guard that lets only `roles` through. `refusal` replaces the 403 `role-not-allowed`
    where a route has always answered with its own code (the wallet's `wallet-forbidden`)."""

    roles: tuple[Role, ...]
    refusal: type[PermissionDeniedError] | None = None

    async def __call__(self, connection: Connection, handler: BaseRouteHandler) -> None:
        caller: Caller = handler.opt[CALLER]
        actor = await caller(connection)
        if self.refusal is not None and actor.role not in self.roles:
            roles = " or ".join(self.roles)
            raise self.refusal(
                f"this needs the role {roles}; an account of role {actor.role} cannot use it"
            )
        require_role(actor, *self.roles)


def requires_role(*roles: Role, refusal: type[PermissionDeniedError] | None = None) -> RoleGuard:
    """The guard for a route that these roles (and no other) may call."""
    return RoleGuard(roles=roles, refusal=refusal)


def allowed_roles(handler: BaseRouteHandler) -> frozenset[Role] | None:
    """The roles that may call a route: those every role guard of its layers lets through;
    None when it has no role guard (anyone, or any account where it takes `actor`)."""
    guards = [
        guard
        for layer in handler.ownership_layers
        for guard in layer.guards or []
        if isinstance(guard, RoleGuard)
    ]
    if not guards:
        return None
    return frozenset.intersection(*(frozenset(guard.roles) for guard in guards))


__all__ = [
    "CALLER",
    "Caller",
    "RoleGuard",
    "allowed_roles",
    "require_role",
    "requires_role",
]
