"""The W3C VC API's request and response bodies (https://w3c-ccg.github.io/vc-api/).

The credential and presentation themselves stay plain JSON objects: the API takes any VC 2.0
credential, whose shape the issuing service checks (`registry.vcapi.issue`)."""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from schemas.common import Request, Response, ShortText, Uri
from schemas.verification import Check, Report

ProofType = Literal["DataIntegrityProof", "EnvelopedVerifiableCredential"]
Cryptosuite = Literal["eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019"]
CheckName = Literal["proof", "credentialStatus", "expiration", "issuer", "validFrom"]


class IssueOptions(Request, kw_only=True):
    """How to secure the credential: a Data Integrity proof of `cryptosuite`, or (without a
    cryptosuite) a VC-JOSE `vc+jwt` envelope. `created` is the proof's, `credentialId` an
    `id` for a credential without one."""

    type: ProofType | None = None
    cryptosuite: Cryptosuite | None = None
    created: ShortText | None = None
    credential_id: Uri | None = None


class IssueRequest(Request, kw_only=True):
    """`POST /credentials/issue`."""

    credential: dict[str, Any]
    options: IssueOptions = msgspec.field(default_factory=IssueOptions)


class IssueResponse(Response, kw_only=True):
    """The credential secured: with a `proof`, or as an `EnvelopedVerifiableCredential`."""

    verifiable_credential: dict[str, Any]


class VerifyOptions(Request, kw_only=True):
    """`checks` is accepted for compatibility: every check always runs. A presentation's
    `challenge` and `domain` must be its proof's (or its `nonce` and `aud`)."""

    checks: list[CheckName] | None = None
    challenge: ShortText | None = None
    domain: ShortText | None = None


class VerifyCredentialRequest(Request, kw_only=True):
    """`POST /credentials/verify`: a credential with a proof, an enveloped one, or a JWS."""

    verifiable_credential: dict[str, Any] | str
    options: VerifyOptions = msgspec.field(default_factory=VerifyOptions)


class VerifyPresentationRequest(Request, kw_only=True):
    """`POST /presentations/verify`: a presentation with a proof, an enveloped one, or a JWS."""

    verifiable_presentation: dict[str, Any] | str
    options: VerifyOptions = msgspec.field(default_factory=VerifyOptions)


class VerifyResponse(Response, kw_only=True):
    """`verified` with the names of the checks that passed, `warnings` (checks that failed
    without making it unverified: whether the registry's trust list knows the issuer), the
    failed `errors`, and the registry's whole report (DESIGN section 5)."""

    verified: bool
    checks: list[str]
    warnings: list[Check]
    errors: list[Check]
    report: Report


StatusPurpose = Literal["revocation", "suspension"]


class StatusEntryUpdate(Request, kw_only=True):
    """The status entry to change: its purpose, and (to name one copy) its list and index.
    `status` here (`true`/`false`, or `"1"`/`"0"` as older VC API drafts put it) overrides
    the request's."""

    type: Literal["BitstringStatusListEntry", "BitstringStatusList"]
    status_purpose: StatusPurpose
    id: ShortText | None = None
    status_list_index: ShortText | None = None
    status_list_credential: ShortText | None = None
    status: bool | Literal["0", "1"] | None = None

    def wanted(self, default: bool) -> bool:
        """The bit asked for: set (revoked, suspended) or cleared."""
        if self.status is None:
            return default
        return self.status in (True, "1")


class UpdateStatusRequest(Request, kw_only=True):
    """`POST /credentials/status`: the credential's id, the entry (or entries) to change and
    the new bit (`status`, set when absent, as the W3C status list suite asks)."""

    credential_id: ShortText
    credential_status: StatusEntryUpdate | list[StatusEntryUpdate]
    status: bool = True
    # Accepted as the VC API lists it, and not used: the API chooses indexes itself.
    index_allocator: ShortText | None = None


class UpdateStatusResponse(Response, kw_only=True):
    """The status of each copy the API issued with that id: active, suspended or revoked."""

    credential_id: str
    status: list[str]
