"""The W3C VC API (`registry.vcapi`): what it refuses to issue, and what does not verify."""

from __future__ import annotations

from schemas.errors.base import (
    DomainError,
    InvalidInputError,
    MalformedInputError,
    NotFoundError,
)


class VcApiRequestError(MalformedInputError):
    """The request is not a VC API request (a member missing or of the wrong kind)."""

    code = "vc-api-bad-request"


class NotIssuableError(InvalidInputError):
    """The credential breaks a rule of the VC data model 2.0, or names terms no known
    context defines; `errors` says which."""

    code = "not-issuable"


class NotOurIssuerError(InvalidInputError):
    """The credential names an issuer other than one of the VC API's own `did:key` keys."""

    code = "not-our-issuer"


class UnsupportedProofOptionsError(InvalidInputError):
    """The options ask for a proof type or cryptosuite the VC API does not make."""

    code = "unsupported-proof-options"


class NotVerifiedError(DomainError):
    """The credential or presentation did not verify; the problem carries `verified: false`,
    the failed `errors` and the whole report. HTTP 400, as the VC API specifies for a
    verification that fails (and the W3C suites check)."""

    code = "not-verified"


class VcApiCredentialNotFoundError(NotFoundError):
    """`POST /credentials/status` names a credential this API did not issue with a status
    entry (the registry's own credentials are changed by their issuers' routes)."""

    code = "vc-api-credential-not-found"


class VcApiStatusListNotFoundError(NotFoundError):
    """No status list of the VC API's issuers has this number."""

    code = "vc-api-status-list-not-found"
