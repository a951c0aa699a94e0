"""Accounts: signing in, tokens, e-mail links, passwords and roles."""

from __future__ import annotations

from schemas.errors.base import (
    ConflictError,
    GoneError,
    InvalidInputError,
    NotAuthenticatedError,
    NotFoundError,
    PermissionDeniedError,
)


class EmailNotVerifiedError(PermissionDeniedError):
    """The account's e-mail address is not proven yet: no wallet, no shares (403). Raised here,
    where a wallet is asked for, and by the pages of a signed-in person whose address is not
    proven (`registry.web.pages`)."""

    code = "email-not-verified"


class LinkUnknownError(NotFoundError):
    """No such link (mistyped, or made up)."""

    code = "link-unknown"


class LinkUsedError(GoneError):
    code = "link-used"


class LinkExpiredError(GoneError):
    code = "link-expired"


class ConfirmPasswordWrongError(NotAuthenticatedError):
    code = "confirm-password-wrong"


class CurrentPasswordWrongError(NotAuthenticatedError):
    code = "current-password-wrong"


class EmailInvalidError(InvalidInputError):
    code = "email-invalid"


class EmailSameError(InvalidInputError):
    code = "email-same"


class EmailTakenError(ConflictError):
    code = "email-taken"


class InvalidTokenError(NotAuthenticatedError):
    code = "invalid-token"


class LinkStaleError(ConflictError):
    code = "link-stale"


class NameRequiredError(InvalidInputError):
    code = "name-required"


class NameNotANameError(InvalidInputError):
    """A self-chosen name with a link, an address, a line break or too long: names are greeted
    in mails and shown to others, so they hold a name and nothing else."""

    code = "name-not-a-name"


class NotSignedInError(NotAuthenticatedError):
    code = "not-signed-in"


class PasswordLengthError(InvalidInputError):
    code = "password-length"


class ProviderRequiredError(InvalidInputError):
    code = "provider-required"


class RoleChoiceError(InvalidInputError):
    code = "role-choice"


class RoleNotAllowedError(PermissionDeniedError):
    code = "role-not-allowed"


class WrongPasswordError(NotAuthenticatedError):
    code = "wrong-password"
