"""The one entry point for verification: a credential JWS, a presentation JWS, a JSON
credential or presentation with an embedded Data Integrity proof, an SD-JWT VC, or a baked
badge, each giving the report of DESIGN section 5."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from credentials.baked import PNG_SIGNATURE, BakedError, is_image, unbake
from credentials.claims import issuer_id
from credentials.clr import MAX_CREDENTIALS, about
from credentials.documents import types_of
from credentials.embedded import verify_embedded
from credentials.jws import ParsedJws, parse_compact, strict_json, verify_jws
from credentials.presentation import ENVELOPED_PREFIX, VP_TYP
from credentials.presentation_checks import (
    DI_PRESENTATION_STEPS,
    audience_and_nonce,
    holder_id,
    holder_key,
    presentation_proof,
)
from credentials.report import Checks, worst
from credentials.sdjwt_verify import is_sd_jwt, verify_sd_jwt
from credentials.verify import STEPS, CredentialPipeline, VerifierConfig, verify_credential_jws
from schemas.errors.credentials import JwsError
from schemas.verification import Check, Report

# The `data:` URLs an EnvelopedVerifiableCredential may hold, and how each is read.
ENVELOPED_MEDIA = {
    ENVELOPED_PREFIX.removesuffix(","): "jws",
    "data:application/vc+sd-jwt": "sd-jwt",
    "data:application/dc+sd-jwt": "sd-jwt",
}
# An image may hold a picture besides the credential: allow it some room.
BAKED_IMAGE_FACTOR = 20
PRESENTATION_STEPS = ("jws", "payload", "holder-key", "signature", "audience", "nonce", "dates")


class Verifier:
    """Verifies anything a holder or an issuer hands over, with one configuration."""

    def __init__(self, config: VerifierConfig, *, opens_nested: bool = True) -> None:
        self.config = config
        # A CLR's nested credentials are opened one level deep: theirs are not.
        self._nested = self._clr_item if opens_nested else None

    def verify(
        self, data: str | bytes, *, audience: str | None = None, nonce: str | None = None
    ) -> Report:
        """Verify a JWS credential, a JWS presentation, a JSON credential with a proof, or a
        baked badge (PNG or SVG) carrying one of these."""
        if isinstance(data, bytes) and is_image(data):
            return self.verify_image(data, audience=audience, nonce=nonce)
        text = data.strip()
        if text[:1] in ("{", b"{"):
            return self.verify_document(text, audience=audience, nonce=nonce)
        if is_sd_jwt(text):
            token = text.decode("ascii", "replace") if isinstance(text, bytes) else text
            return verify_sd_jwt(token, self.config, audience=audience, nonce=nonce)
        if self._typ(text) == VP_TYP:
            return self.verify_presentation(text, audience=audience, nonce=nonce)
        return self.verify_credential(text)

    def verify_image(
        self, data: bytes, *, audience: str | None = None, nonce: str | None = None
    ) -> Report:
        """A baked badge: the credential inside a PNG or SVG image, then as usual."""
        kind = "png" if data.startswith(PNG_SIGNATURE) else "svg"
        if len(data) > BAKED_IMAGE_FACTOR * self.config.max_bytes:
            code, message = "token-too-large", "the image is too large"
        else:
            try:
                inner = unbake(data)
            except BakedError as error:
                code, message = error.code, error.message
            else:
                report = self.verify(inner.encode("utf-8"), audience=audience, nonce=nonce)
                report.checks.insert(0, Check(name="image", status="passed", code=kind))
                return report
        checks = Checks()
        checks.failed("image", "invalid", code, message)
        checks.skip_rest(STEPS, "no credential could be read from the image")
        return checks.report(None)

    def _typ(self, token: str | bytes) -> object:
        try:
            return parse_compact(token, max_bytes=self.config.max_bytes).header.get("typ")
        except JwsError:
            return None

    def verify_credential(self, token: str | bytes) -> Report:
        """One credential as a compact JWS."""
        return verify_credential_jws(token, self.config, self._nested)

    def verify_document(
        self, data: str | bytes, *, audience: str | None = None, nonce: str | None = None
    ) -> Report:
        """A JSON credential secured with an embedded Data Integrity proof, or a JSON
        presentation whose holder secured it so (then `audience` and `nonce` are asked of
        the proof's `domain` and `challenge`)."""
        pipeline = CredentialPipeline(self.config, self._nested)
        checks = pipeline.checks
        raw = data.encode() if isinstance(data, str) else data
        if len(raw) > self.config.max_bytes:
            checks.failed("payload", "invalid", "token-too-large", "the document is too large")
            return pipeline.stop("the document could not be read")
        try:
            document = strict_json(raw)
        except JwsError as error:
            checks.failed("payload", "invalid", error.code, error.message)
            return pipeline.stop("the document could not be read")
        if not isinstance(document, dict) or "proof" not in document:
            checks.failed("payload", "invalid", "missing-proof", "a JSON credential needs a proof")
            return pipeline.stop("the document could not be read")
        if "VerifiablePresentation" in types_of(document):
            return self.verify_di_presentation(document, audience=audience, nonce=nonce)
        checks.passed("payload", "json")
        return verify_embedded(pipeline, document)

    def verify_presentation(
        self, token: str | bytes, *, audience: str | None, nonce: str | None
    ) -> Report:
        """A holder-signed presentation and every credential in it."""
        checks = Checks()
        parsed, payload = self._presentation(checks, token)
        holder = holder_id(payload.get("holder")) if payload else None
        if parsed is None or payload is None or not self._holder(checks, parsed, holder):
            checks.skip_rest(PRESENTATION_STEPS, "the presentation could not be checked")
            return checks.report(None)
        audience_and_nonce(checks, payload.get("aud"), payload.get("nonce"), audience, nonce)
        self._dates(checks, payload)
        return self._with_credentials(checks, payload, holder, (audience, nonce))

    def verify_di_presentation(
        self, document: Mapping[str, Any], *, audience: str | None, nonce: str | None
    ) -> Report:
        """A JSON presentation secured with the holder's Data Integrity proof, and every
        credential in it, each of which must be about the holder (as in a JWT presentation)."""
        checks = Checks()
        if not presentation_proof(checks, self.config, document, audience=audience, nonce=nonce):
            checks.skip_rest(DI_PRESENTATION_STEPS, "the presentation could not be checked")
            return checks.report(None)
        return self._with_credentials(checks, document, holder_id(document.get("holder")))

    def _with_credentials(
        self,
        checks: Checks,
        payload: Mapping[str, Any],
        holder: str | None,
        binding: tuple[str | None, str | None] = (None, None),
    ) -> Report:
        """The presentation's report with one report per credential: the worst verdict of
        all, and `invalid` when it holds none. An SD-JWT VC in it has its key binding JWT
        checked for the audience and nonce (`binding`) asked of the presentation."""
        items = self._envelopes(checks, payload)
        reports = [self._enveloped(item, holder, binding) for item in items]
        own = checks.report(None)
        verdict = worst([own.verdict, *(r.verdict for r in reports)]) if reports else own.verdict
        return Report(
            verdict="invalid" if not reports else verdict,
            checks=own.checks,
            credentials=reports,
            holder=holder,
        )

    def _presentation(
        self, checks: Checks, token: str | bytes
    ) -> tuple[ParsedJws | None, dict[str, Any] | None]:
        try:
            parsed = parse_compact(token, max_bytes=self.config.max_bytes)
            payload = strict_json(parsed.payload)
        except JwsError as error:
            checks.failed("jws", "invalid", error.code, error.message)
            return None, None
        if parsed.header.get("typ") != VP_TYP or not isinstance(payload, dict):
            checks.failed("jws", "invalid", "wrong-typ", "not a vp+jwt presentation")
            return None, None
        checks.passed("jws", "well-formed")
        checks.passed("payload", "json")
        return parsed, payload

    def _holder(self, checks: Checks, parsed: ParsedJws, holder: str | None) -> bool:
        lookup = holder_key(checks, self.config, parsed.header.get("kid"), holder)
        if lookup is None:
            return False
        if not verify_jws(parsed, lookup.key):
            checks.failed(
                "signature", "invalid", "signature-invalid", "the holder signature does not match"
            )
            return False
        checks.passed("signature", "signature-valid")
        return True

    def _dates(self, checks: Checks, payload: Mapping[str, Any]) -> None:
        now = int(self.config.clock().timestamp())
        leeway = int(self.config.leeway.total_seconds())
        exp, iat = payload.get("exp"), payload.get("iat")
        if not isinstance(exp, int) or not isinstance(iat, int):
            checks.failed("dates", "invalid", "missing-exp", "a presentation needs iat and exp")
        elif now - leeway > exp:
            checks.failed("dates", "expired", "expired", "the presentation has expired")
        elif now + leeway < iat:
            checks.failed("dates", "not-yet-valid", "not-yet-valid", "iat is in the future")
        else:
            checks.passed("dates", "in-window")

    def _envelopes(self, checks: Checks, payload: Mapping[str, Any]) -> list[object]:
        items = payload.get("verifiableCredential")
        items = items if isinstance(items, list) else [items] if items else []
        if not items or len(items) > MAX_CREDENTIALS:
            checks.failed(
                "credentials", "invalid", "no-credentials", "no (or too many) credentials"
            )
            return []
        checks.passed("credentials", "present", f"{len(items)} credential(s)")
        return list(items)

    def _enveloped(
        self, item: object, holder: str | None, binding: tuple[str | None, str | None]
    ) -> Report:
        """One credential of a presentation, which must be about the holder: enveloped (a
        `data:` URL holding a VC-JOSE-COSE JWS or an SD-JWT VC), a JSON credential with a
        proof, or a bare compact JWS (the VC 1.1 form)."""
        return about(
            self._inner(item, binding),
            holder,
            check="holder",
            other="not-holders-credential",
            message="this credential is about someone else",
        )

    def _clr_item(self, item: object, learner: str | None) -> Report:
        """One nested credential of a CLR (any form a presentation may hold), which must be
        about the CLR's learner; a CLR in it is not opened further."""
        return about(
            Verifier(self.config, opens_nested=False)._inner(item),
            learner,
            check="learner",
            other="not-learners-credential",
            message="this credential is about someone other than the CLR's learner",
        )

    def _inner(self, item: object, binding: tuple[str | None, str | None] = (None, None)) -> Report:
        if isinstance(item, str):
            return self.verify_credential(item)
        if isinstance(item, dict) and "proof" in item:
            return self.verify_document(msgspec.json.encode(item))
        token = item.get("id") if isinstance(item, dict) else None
        types = item.get("type") if isinstance(item, dict) else None
        types = types if isinstance(types, list) else [types]
        media, _, data = token.partition(",") if isinstance(token, str) else ("", "", "")
        if "EnvelopedVerifiableCredential" in types and media in ENVELOPED_MEDIA:
            if ENVELOPED_MEDIA[media] == "sd-jwt":
                # The key binding is for the presentation's audience and nonce; how long it
                # may be used is the presentation's own `exp` (a share's presentation is
                # verified again until the share ends), not the minutes of a bare SD-JWT.
                audience, nonce = binding
                return verify_sd_jwt(data, self.config, audience=audience, nonce=nonce, fresh=False)
            return self.verify_credential(data)
        checks = Checks()
        checks.failed(
            "jws", "invalid", "not-enveloped", "expected an enveloped or a secured credential"
        )
        checks.skip_rest(STEPS, "the credential could not be read")
        return checks.report(None)


__all__ = ["Verifier", "VerifierConfig", "holder_id", "issuer_id"]
