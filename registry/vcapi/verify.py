"""`POST /credentials/verify` and `POST /presentations/verify`: the registry's one verification
pipeline (`credentials.verifier`, with the registry's trust list and status lists, nothing
fetched), its report turned into the VC API's answer.

"Verified" in the VC API's sense is: well-formed, every proof or signature good, not made by a
key known to be someone else's, in its validity period, not revoked or suspended (DESIGN
section 5 up to trust). Trust is the registry's own question: whether its operator accredits
the issuer (`accreditation`), and whether anything says that a `did:key` speaks for an
`https://` issuer (`issuer-binding` `issuer-keys-unknown`). A credential whose only failed
checks are these verifies, with them among the `warnings` (its report's verdict stays
`untrusted-issuer`). Everything else that failed makes it unverified (a 400 problem with the
report, as the VC API specifies).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from credentials.documents import types_of
from credentials.presentation import ENVELOPED_PREFIX, VC_V2_CONTEXT
from credentials.sdjwt_verify import is_sd_jwt, verify_sd_jwt
from credentials.verifier import ENVELOPED_MEDIA, Verifier
from registry.issuers.trust_lists import registry_verifier
from registry.settings import Settings
from registry.sharing.verification import add_status_changes
from schemas.errors.vcapi import NotVerifiedError, VcApiRequestError
from schemas.vcapi import (
    VerifyCredentialRequest,
    VerifyPresentationRequest,
    VerifyResponse,
)
from schemas.verification import Check, Report

# The failed checks that leave a credential verified: they are about trust (module docstring).
TRUST_CHECKS: Final = frozenset({"accreditation"})
TRUST_CODES: Final = frozenset({("issuer-binding", "issuer-keys-unknown")})
VP_ENVELOPE: Final = "data:application/vp+jwt,"
PRESENTATION: Final = "VerifiablePresentation"


async def verify_credential(
    session: AsyncSession, settings: Settings, request: VerifyCredentialRequest
) -> VerifyResponse:
    """One credential: with an embedded proof, enveloped, or a compact JWS / SD-JWT VC."""
    verifier = await registry_verifier(session, settings)
    report = _credential_report(verifier, request.verifiable_credential)
    await add_status_changes(session, settings, report)
    return answer(report)


async def verify_presentation(
    session: AsyncSession, settings: Settings, request: VerifyPresentationRequest
) -> VerifyResponse:
    """A presentation and every credential in it, for the options' `challenge` and `domain`."""
    verifier = await registry_verifier(session, settings)
    options = request.options
    audience, nonce = options.domain, options.challenge
    presentation = request.verifiable_presentation
    if isinstance(presentation, dict) and "EnvelopedVerifiablePresentation" in types_of(
        presentation
    ):
        _require_base_context(presentation)
        presentation = _envelope_data(presentation, VP_ENVELOPE)
    if isinstance(presentation, str):
        report = verifier.verify_presentation(presentation, audience=audience, nonce=nonce)
    else:
        if PRESENTATION not in types_of(presentation):
            raise VcApiRequestError("verifiablePresentation is not a VerifiablePresentation")
        report = verifier.verify_document(
            msgspec.json.encode(presentation), audience=audience, nonce=nonce
        )
    await add_status_changes(session, settings, report)
    return answer(report)


def _credential_report(verifier: Verifier, credential: dict[str, Any] | str) -> Report:
    if isinstance(credential, dict):
        types = types_of(credential)
        if PRESENTATION in types:
            raise VcApiRequestError("a presentation goes to /presentations/verify")
        if "EnvelopedVerifiableCredential" not in types:
            return verifier.verify_document(msgspec.json.encode(credential))
        _require_base_context(credential)
        media, _, token = str(credential.get("id", "")).partition(",")
        if ENVELOPED_MEDIA.get(media) == "sd-jwt":
            return verify_sd_jwt(token, verifier.config)
        credential = _envelope_data(credential, ENVELOPED_PREFIX)
    if is_sd_jwt(credential):
        return verify_sd_jwt(credential, verifier.config)
    return verifier.verify_credential(credential)


def _require_base_context(envelope: dict[str, Any]) -> None:
    """An envelope's own @context must hold the base context, which defines its terms."""
    contexts = envelope.get("@context")
    if VC_V2_CONTEXT not in (contexts if isinstance(contexts, list) else [contexts]):
        raise VcApiRequestError(f"an envelope's @context must include {VC_V2_CONTEXT}")


def _envelope_data(envelope: dict[str, Any], prefix: str) -> str:
    """The token in an envelope's `data:` URL (only the media type this endpoint reads)."""
    ident = envelope.get("id")
    if not isinstance(ident, str) or not ident.startswith(prefix):
        raise VcApiRequestError(f"an envelope here holds a {prefix[:-1]!r} URL")
    return ident.removeprefix(prefix)


def _failed(report: Report) -> Iterator[Check]:
    """Every failed check of a report and of the reports of its credentials."""
    yield from (check for check in report.checks if check.status == "failed")
    for inner in report.credentials or []:
        yield from _failed(inner)


def _passed(report: Report) -> list[str]:
    names = [check.name for check in report.checks if check.status == "passed"]
    return list(dict.fromkeys(names))


def _about_trust(check: Check) -> bool:
    return check.name in TRUST_CHECKS or (check.name, check.code) in TRUST_CODES


def answer(report: Report) -> VerifyResponse:
    """The VC API's answer to a report, or NotVerifiedError (400) with the report in it."""
    failed = list(_failed(report))
    warnings = [check for check in failed if _about_trust(check)]
    errors = [check for check in failed if not _about_trust(check)]
    if errors or report.verdict not in ("valid", "untrusted-issuer"):
        first = errors[0] if errors else None
        reason = f"{first.name}: {first.code}" if first else report.verdict
        raise NotVerifiedError(
            f"not verified ({reason})",
            verified=False,
            verdict=report.verdict,
            errors=msgspec.to_builtins(errors),
            report=msgspec.to_builtins(report),
        )
    return VerifyResponse(
        verified=True, checks=_passed(report), warnings=warnings, errors=[], report=report
    )
