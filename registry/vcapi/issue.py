"""`POST /credentials/issue`: a VC 2.0 credential secured by one of the VC API's own `did:key`
issuer keys (`registry.vcapi.keys`), never by an accredited issuer's key.

The credential is checked first by the same reading the verifier gives it
(`credentials.documents.decode_credential`: base context first, `VerifiableCredential`, a
subject with claims, known contexts, typed members, dates with a time zone) plus the rules
only an issuer can keep (validity period in order, an issuer that is ours), so the API never
signs what our own verifier, or any other, would refuse to read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.canonical import canonicalize_rdfc
from credentials.claims import AnyCredential, issuer_id, subject_id
from credentials.dataintegrity import Cryptosuite, sign_proof
from credentials.did import xsd_datetime
from credentials.documents import decode_credential
from credentials.jws import sign_compact
from credentials.presentation import ENVELOPED_PREFIX, VC_V2_CONTEXT
from registry.settings import Settings
from registry.vcapi import datamodel, status
from registry.vcapi.keys import ApiIssuer, ApiKeyKind, api_issuer, api_issuers
from schemas.errors.vcapi import (
    NotIssuableError,
    NotOurIssuerError,
    UnsupportedProofOptionsError,
)
from schemas.vcapi import IssueOptions, IssueRequest, IssueResponse

# The key kind each cryptosuite signs with; a `vc+jwt` envelope signs with either.
SUITE_KEYS: Final[dict[str, ApiKeyKind]] = {
    "eddsa-rdfc-2022": "Ed25519",
    "eddsa-jcs-2022": "Ed25519",
    "ecdsa-rdfc-2019": "P-256",
}
VC_JWT: Final = "vc+jwt"
VC_V1_CONTEXT: Final = "https://www.w3.org/2018/credentials/v1"
DI_CONTEXT: Final = "https://w3id.org/security/data-integrity/v2"


async def issue_credential(
    session: AsyncSession, settings: Settings, request: IssueRequest, now: dt.datetime | None = None
) -> IssueResponse:
    """The credential secured as the options ask: a Data Integrity proof of their
    `cryptosuite`, or else a VC-JOSE `vc+jwt` envelope; a VC 2.0 credential with an id and
    no status of its own gets the API's status entries (`registry.vcapi.status`)."""
    options = request.options
    suite = _suite(options)
    credential = dict(request.credential)
    if "proof" in credential:
        raise NotIssuableError("the credential has a proof already")
    if options.credential_id is not None and "id" not in credential:
        credential["id"] = options.credential_id
    issuer = _issuer(settings, credential, suite)
    doc = _checked(credential, enveloped=suite is None)
    if status.names_our_lists(settings, credential):
        raise _not_issuable("only this API adds entries on its status lists", "credentialStatus")
    if _takes_status(credential):
        entries = await status.status_entries(session, settings, issuer, credential["id"])
        credential["credentialStatus"] = entries
    # Every term must mean something, whatever secures it: a type or property no context
    # defines, a relative IRI, or a protected term redefined is refused (strict JSON-LD).
    canonicalize_rdfc(credential, strict=True)
    moment = now or dt.datetime.now(dt.UTC)
    if suite is None:
        return IssueResponse(verifiable_credential=_enveloped(credential, doc, issuer))
    contexts = credential["@context"]
    if contexts[0] == VC_V1_CONTEXT and DI_CONTEXT not in contexts:
        # VC 1.1's context does not define the proof's terms; Data Integrity's does.
        credential["@context"] = [*contexts, DI_CONTEXT]
    created = options.created or xsd_datetime(moment)
    secured = sign_proof(
        credential,
        issuer.key,
        verification_method=issuer.method,
        cryptosuite=suite,
        created=created,
    )
    return IssueResponse(verifiable_credential=secured)


def _takes_status(credential: dict[str, Any]) -> bool:
    """A VC 2.0 credential (whose context defines the entry's terms) with an id to change its
    status by, and no status entry of its own (its issuer keeps those)."""
    return (
        credential["@context"][0] == VC_V2_CONTEXT
        and isinstance(credential.get("id"), str)
        and "credentialStatus" not in credential
    )


def _suite(options: IssueOptions) -> Cryptosuite | None:
    """The cryptosuite of the options, or None for a `vc+jwt` envelope."""
    if options.type == "EnvelopedVerifiableCredential":
        if options.cryptosuite is not None:
            raise UnsupportedProofOptionsError("an enveloped credential takes no cryptosuite")
        return None
    if options.type == "DataIntegrityProof" and options.cryptosuite is None:
        raise UnsupportedProofOptionsError("a DataIntegrityProof needs a cryptosuite")
    return options.cryptosuite


def _issuer(settings: Settings, credential: dict[str, Any], suite: Cryptosuite | None) -> ApiIssuer:
    """The API key that signs: the one the credential's issuer names, or (no issuer given)
    the one of the suite's key kind, whose DID then becomes the issuer."""
    named = issuer_id(credential)
    if "issuer" not in credential:
        issuer = api_issuer(settings.secret_key, SUITE_KEYS.get(suite or "", "Ed25519"))
        credential["issuer"] = issuer.did
        return issuer
    if named is None:
        raise _not_issuable("issuer must be a URL or an object with an id", "issuer")
    ours = api_issuers(settings.secret_key)
    if named not in ours:
        raise NotOurIssuerError(
            f"this API issues only as {' or '.join(ours)}, not {named}", issuers=list(ours)
        )
    issuer = ours[named]
    if suite is not None and SUITE_KEYS[suite] != issuer.kind:
        raise UnsupportedProofOptionsError(
            f"{suite} does not sign with the {issuer.kind} key {named}"
        )
    return issuer


def _checked(credential: dict[str, Any], *, enveloped: bool) -> AnyCredential:
    """The credential as the verifier reads it, or the reason it cannot be issued."""
    contexts = credential.get("@context")
    first = contexts[:1] if isinstance(contexts, list) else None
    # VC-JOSE-COSE secures VC 2.0 only; a Data Integrity proof may secure a VC 1.1 credential
    # too (the Data Integrity suites still issue those), which then needs its issuanceDate.
    if first != [VC_V2_CONTEXT] and (enveloped or first != [VC_V1_CONTEXT]):
        allowed = VC_V2_CONTEXT if enveloped else f"{VC_V2_CONTEXT} or {VC_V1_CONTEXT}"
        raise _not_issuable(f"@context must be a list that starts with {allowed}", "@context")
    if first == [VC_V1_CONTEXT] and not isinstance(credential.get("issuanceDate"), str):
        raise _not_issuable("a VC 1.1 credential needs an issuanceDate", "issuanceDate")
    doc, problem = decode_credential(credential)
    if doc is None:
        raise _not_issuable(problem, "")
    wrong = datamodel.problems(credential)
    if wrong:
        raise _not_issuable(f"not a conforming VC 2.0 credential: {', '.join(wrong)}", *wrong)
    if doc.valid_from and doc.valid_until and doc.valid_until < doc.valid_from:
        raise _not_issuable("validUntil is before validFrom", "validUntil")
    return doc


def _not_issuable(message: str, *paths: str) -> NotIssuableError:
    """The refusal, naming each member at fault (a JSON path; "" for the whole credential)."""
    return NotIssuableError(message, errors=[{"key": path, "message": message} for path in paths])


def _enveloped(credential: dict[str, Any], doc: AnyCredential, issuer: ApiIssuer) -> dict[str, Any]:
    """VC-JOSE-COSE: the credential is the payload, with the registered claims that mirror it
    (DESIGN section 4), as an `EnvelopedVerifiableCredential`."""
    claims: dict[str, Any] = {"iss": issuer.did}
    if isinstance(credential.get("id"), str):
        claims["jti"] = credential["id"]
    subject = subject_id(doc)
    if subject is not None:
        claims["sub"] = subject
    if doc.valid_from is not None:
        claims["nbf"] = int(doc.valid_from.timestamp())
    if doc.valid_until is not None:
        claims["exp"] = int(doc.valid_until.timestamp())
    payload = msgspec.json.encode({**credential, **claims})
    token = sign_compact(payload, issuer.key, kid=issuer.method, typ=VC_JWT)
    return {
        "@context": [VC_V2_CONTEXT],
        "type": "EnvelopedVerifiableCredential",
        "id": ENVELOPED_PREFIX + token,
    }
