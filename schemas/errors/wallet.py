"""Wallets: holders, their credentials, experience, consents and coaches."""

from __future__ import annotations

from schemas.errors.base import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)


class HolderError(InvalidInputError):
    """The holder of a credential cannot be determined."""

    code = "bad-holder"


class WalletForbiddenError(PermissionDeniedError):
    """Only workers (their own) and coaches (with consent) reach a wallet (403)."""

    code = "wallet-forbidden"


class AlreadyImportedError(ConflictError):
    code = "already-imported"


class BadCredentialError(InvalidInputError):
    code = "bad-credential"


class BadImageError(InvalidInputError):
    code = "bad-image"


class ConsentNotFoundError(NotFoundError):
    code = "consent-not-found"


class ExperienceNotFoundError(NotFoundError):
    code = "experience-not-found"


class HolderNameRequiredError(HolderError):
    code = "holder-name-required"


class HolderNotWorkerError(HolderError):
    code = "holder-not-worker"


class HolderRequiredError(HolderError):
    code = "holder-required"


class NoConsentError(PermissionDeniedError):
    code = "no-consent"


class NotACoachError(InvalidInputError):
    code = "not-a-coach"


class NotACredentialError(InvalidInputError):
    code = "not-a-credential"


class NotHoldersCredentialError(InvalidInputError):
    """An import must be about the worker: the holder DID, or the proven e-mail address."""

    code = "not-holders-credential"


class NotYourWalletError(PermissionDeniedError):
    code = "not-your-wallet"


class OnBehalfOfRequiredError(PermissionDeniedError):
    code = "on-behalf-of-required"


class UnreadableCredentialError(InvalidInputError):
    code = "unreadable-credential"


class WalletConflictError(ConflictError):
    code = "wallet-conflict"


class WorkerNotFoundError(NotFoundError):
    code = "worker-not-found"


class WorkerNotVerifiedError(ConflictError):
    code = "worker-not-verified"


class WorkerOnlyError(PermissionDeniedError):
    code = "worker-only"


class CredentialNotInWalletError(NotFoundError):
    """No credential with this id in the wallet (another's included: 404 says nothing)."""

    code = "credential-not-in-wallet"


class NoDownloadFormError(ConflictError):
    """The credential does not exist in the asked form: an imported credential is kept as its
    issuer made it, and only the issuer can sign another form of it."""

    code = "no-download-form"


class NothingToExportError(ConflictError):
    """A CLR or EDC export holds at least one credential, and the CV has no current one."""

    code = "nothing-to-export"
