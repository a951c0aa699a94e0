"""Issuers: accreditations, organisations, DID documents, status changes."""

from __future__ import annotations

from schemas.errors.base import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)


class NotAccreditedError(PermissionDeniedError):
    """The organisation is not (or no longer) accredited to issue this."""

    code = "not-accredited"


class AccreditationNotFoundError(NotFoundError):
    code = "accreditation-not-found"


class AlreadyRevokedError(ConflictError):
    code = "already-revoked"


class AlreadySuspendedError(ConflictError):
    code = "already-suspended"


class BadIssuerError(InvalidInputError):
    code = "bad-issuer"


class BadValidityError(InvalidInputError):
    code = "bad-validity"


class IssuerNotFoundError(NotFoundError):
    code = "issuer-not-found"


class NoIssuerKeysError(InvalidInputError):
    code = "no-issuer-keys"


class NoOrganisationError(PermissionDeniedError):
    code = "no-organisation"


class NoStatusEntryError(ConflictError):
    code = "no-status-entry"


class NotSuspendedError(ConflictError):
    code = "not-suspended"


class OwnIssuerError(InvalidInputError):
    """This registry's own issuers are accredited by provider, not as foreign issuers."""

    code = "own-issuer"


class ProviderNotFoundError(NotFoundError):
    code = "provider-not-found"


class StatusListNotFoundError(NotFoundError):
    code = "status-list-not-found"


class UnknownAchievementError(InvalidInputError):
    code = "unknown-achievement"


class ForeignScopeError(InvalidInputError):
    """A foreign issuer's module certificates must be scoped, and never to this registry's
    own modules: those are certified by the providers that own them."""

    code = "foreign-scope"


class SchemesRequiredError(InvalidInputError):
    """A certificate accreditation lists the certificate scheme URIs it covers (at least one,
    each an absolute URI): there is no accreditation for any scheme."""

    code = "schemes-required"
