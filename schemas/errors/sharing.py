"""Sharing and verifying: shares, share links, received shares, the verify API."""

from __future__ import annotations

from schemas.errors.base import GoneError, InvalidInputError, NotFoundError
from schemas.errors.credentials import TrustListError


class ShareGoneError(GoneError):
    """The share was withdrawn or has expired (HTTP 410)."""

    code = "share-gone"


class ShareWithdrawnError(ShareGoneError):
    code = "share-withdrawn"


class ShareExpiredError(ShareGoneError):
    code = "share-expired"


# The answer to a share that is not active, by its state (`share_links.share_state`).
SHARE_GONE: dict[str, type[ShareGoneError]] = {
    "withdrawn": ShareWithdrawnError,
    "expired": ShareExpiredError,
}


class BadExpiryError(InvalidInputError):
    code = "bad-expiry"


class BadRecipientError(InvalidInputError):
    code = "bad-recipient"


class BadTrustAnchorError(TrustListError):
    code = "bad-trust-anchor"


class CredentialNotShareableError(InvalidInputError):
    code = "credential-not-shareable"


class EmptyBodyError(InvalidInputError):
    code = "empty-body"


class NotAShareUrlError(InvalidInputError):
    code = "not-a-share-url"


class OneOfRequiredError(InvalidInputError):
    code = "one-of-required"


class RecipientNotEmployerError(InvalidInputError):
    """A share by account id goes only to an employer account whose address is proven; the
    answer is the same for any other id, so it does not tell whether the id exists."""

    code = "recipient-not-employer"


class ShareNotFoundError(NotFoundError):
    code = "share-not-found"


class TrustAnchorCountError(TrustListError):
    code = "trust-anchor-count"


class TrustAnchorMissingError(TrustListError):
    code = "trust-anchor-missing"


class TrustListUnsignedError(TrustListError):
    code = "trust-list-unsigned"


class UnknownCredentialError(InvalidInputError):
    code = "unknown-credential"


class WithheldNotSharedError(InvalidInputError):
    """`withhold` names a credential that is not among the shared ones."""

    code = "withheld-not-shared"


class NotSelectivelyDisclosableError(InvalidInputError):
    """`withhold` names a credential without an SD-JWT VC form (issued before it existed, an
    EVC record, or imported): nothing of it can be left out."""

    code = "not-selectively-disclosable"
