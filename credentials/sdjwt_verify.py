"""An SD-JWT VC through the verification pipeline: the issuer JWT's key, signature and issuer
binding as for any JWS credential, then the disclosures, the key binding, dates, status and
trust, with one report of DESIGN section 5."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import msgspec

from credentials.claims import numeric_date
from credentials.jws import JwsError, parse_compact, strict_json, verify_jws
from credentials.report import Checks
from credentials.sdjwt import (
    SD_JWT_TYPS,
    SdJwt,
    SdJwtError,
    disclose,
    key_binding_problem,
    parse_sd_jwt,
)
from credentials.sdjwt_vc import DEELCERTIFICAAT_VCT, STATUS_MECHANISM, withheld_parts
from credentials.trust import achievement_id_problem
from credentials.verify import CredentialPipeline, VerifierConfig
from schemas.credentials import CredentialStatus
from schemas.kinds import kind_of_achievement_type
from schemas.verification import CredentialSummary, Report

SD_JWT_STEPS = (
    "jws",
    "payload",
    "issuer-key",
    "signature",
    "issuer-binding",
    "disclosures",
    "key-binding",
    "dates",
    "status",
    "accreditation",
)


def is_sd_jwt(text: str | bytes) -> bool:
    """Whether this looks like an SD-JWT (a JWS followed by `~`)."""
    return (b"~" if isinstance(text, bytes) else "~") in text  # type: ignore[operator]


def verify_sd_jwt(
    text: str,
    config: VerifierConfig,
    *,
    audience: str | None = None,
    nonce: str | None = None,
    fresh: bool = True,
) -> Report:
    """Verify a presented SD-JWT VC (with or without a key binding JWT). `fresh=False`: the
    key binding JWT's age is not judged (inside a presentation, whose own dates say how long
    the holder meant it to be used: `credentials.verifier`)."""
    pipeline = CredentialPipeline(config)
    checks = pipeline.checks
    signed = _issuer_signed(pipeline, text)
    if signed is None:
        return _stop(checks)
    sd_jwt, payload = signed
    try:
        claims = disclose(payload, sd_jwt.disclosures)
    except SdJwtError as error:
        checks.failed("disclosures", "invalid", error.code, error.message)
        return _stop(checks)
    checks.passed("disclosures", "disclosed", f"{len(sd_jwt.disclosures)} disclosure(s)")
    _key_binding(checks, sd_jwt, claims, config, (audience, nonce), fresh)
    _dates(pipeline, claims)
    _status(pipeline, claims)
    _accreditation(pipeline, claims)
    summary = _summary(claims)
    summary.trusted_issuer_name = _trusted_name(pipeline)
    if claims.get("vct") == DEELCERTIFICAAT_VCT:
        _ours(summary, payload, claims)
    return checks.report(summary)


def _trusted_name(pipeline: CredentialPipeline) -> str | None:
    """The trust list's name for the issuer, when its key came from the trust list (as for
    a JWS credential: only then is the issuer known)."""
    lookup, trust_list = pipeline.lookup, pipeline.config.trust_list
    if lookup is None or not lookup.trusted or trust_list is None:
        return None
    if pipeline.issuer is None or lookup.controller != pipeline.issuer:
        return None
    listed = trust_list.trusted_issuer(pipeline.issuer)
    return listed.name if listed is not None else None


def _status(pipeline: CredentialPipeline, claims: Mapping[str, Any]) -> None:
    """Our status entry (`credentials.sdjwt_vc`) is read like a JWS credential's; any other
    status mechanism (the IETF Token Status List) we cannot read."""
    status = claims.get("status")
    if status is None:
        pipeline.checks.skipped("status", "no-status", "the credential has no status")
        return
    entry = status.get(STATUS_MECHANISM) if isinstance(status, dict) else None
    try:
        pipeline.status([msgspec.convert(entry, CredentialStatus)])
    except msgspec.ValidationError:
        pipeline.checks.failed(
            "status", "cannot-verify", "status-unavailable", "a status we cannot read"
        )


def _issuer_signed(pipeline: CredentialPipeline, text: str) -> tuple[SdJwt, dict[str, Any]] | None:
    """The SD-JWT and its issuer-signed payload, after the jws, payload, issuer-key,
    signature and issuer-binding checks (None when one of them stopped it)."""
    checks = pipeline.checks
    try:
        sd_jwt = parse_sd_jwt(text)
        parsed = parse_compact(sd_jwt.issuer_jwt, max_bytes=pipeline.config.max_bytes)
        payload = strict_json(parsed.payload)
    except (SdJwtError, JwsError) as error:
        checks.failed("jws", "invalid", error.code, error.message)
        return None
    if parsed.header.get("typ") not in SD_JWT_TYPS or not isinstance(payload, dict):
        checks.failed("jws", "invalid", "wrong-typ", "not a dc+sd-jwt or vc+sd-jwt credential")
        return None
    checks.passed("jws", "well-formed")
    checks.passed("payload", "sd-jwt-vc")
    claimed = payload.get("iss")
    if not pipeline.issuer_key(
        parsed.header.get("kid"), claimed if isinstance(claimed, str) else None
    ):
        return None
    assert pipeline.lookup is not None
    if not verify_jws(parsed, pipeline.lookup.key):
        checks.failed("signature", "invalid", "signature-invalid", "the signature does not match")
        return None
    checks.passed("signature", "signature-valid")
    issuer = payload.get("iss")
    if not pipeline.issuer_binding(issuer if isinstance(issuer, str) else None):
        return None
    return sd_jwt, payload


def _stop(checks: Checks) -> Report:
    checks.skip_rest(SD_JWT_STEPS, "the credential could not be checked")
    return checks.report(None)


def _key_binding(
    checks: Checks,
    sd_jwt: SdJwt,
    claims: Mapping[str, Any],
    config: VerifierConfig,
    binding: tuple[str | None, str | None],
    fresh: bool,
) -> None:
    audience, nonce = binding
    asked = audience is not None or nonce is not None
    if sd_jwt.kb_jwt is None and not asked:
        checks.skipped("key-binding", "not-presented", "no key binding JWT was presented")
        return
    # Asked for key binding, the verifier wants a fresh one: its age is judged only then.
    now = config.clock().timestamp() if asked and fresh else None
    problem = key_binding_problem(
        sd_jwt, claims, audience=audience, nonce=nonce, now=now, max_bytes=config.max_bytes
    )
    if problem is not None:
        checks.failed("key-binding", "invalid", *problem)
    else:
        checks.passed("key-binding", "holder-signed")


def _dates(pipeline: CredentialPipeline, claims: Mapping[str, Any]) -> None:
    """`nbf` and `exp`, and (as for a JWS credential) the issuer key valid when it was
    issued, by `iat` when the holder disclosed it."""
    checks, config = pipeline.checks, pipeline.config
    now, leeway = config.clock().timestamp(), config.leeway.total_seconds()
    nbf, exp = numeric_date(claims.get("nbf")), numeric_date(claims.get("exp"))
    issued = numeric_date(claims.get("iat"))
    if nbf is not None and now + leeway < nbf:
        checks.failed("dates", "not-yet-valid", "not-yet-valid", "nbf is in the future")
    elif exp is not None and now - leeway > exp:
        checks.failed("dates", "expired", "expired", "exp has passed")
    elif issued is not None and not pipeline.key_valid_at(
        dt.datetime.fromtimestamp(issued, dt.UTC)
    ):
        checks.failed(
            "dates", "invalid", "key-not-valid", "the key was not valid when this was issued"
        )
    else:
        checks.passed("dates", "in-window")


def _iso(value: object) -> str | None:
    stamp = numeric_date(value)
    return None if stamp is None else dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat()


def _accreditation(pipeline: CredentialPipeline, claims: Mapping[str, Any]) -> None:
    """Trust last, as for a JWS credential: an issuer on the trust list, accredited for the
    achievement our profile names (`credentials.sdjwt_vc`). At the disclosed date; when the
    holder left the date out, at the moment of verification (hiding the date cannot make a
    credential of an issuer no longer accredited count)."""
    checks, trust_list, lookup = pipeline.checks, pipeline.config.trust_list, pipeline.lookup
    issuer = pipeline.issuer
    if lookup is None or not lookup.trusted or trust_list is None or issuer is None:
        checks.failed(
            "accreditation", "untrusted-issuer", "issuer-not-trusted", "not on the trust list"
        )
        return
    achievement = claims.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    aid, creator = achievement.get("id"), achievement.get("creator")
    kind = kind_of_achievement_type(achievement.get("achievementType"))
    if claims.get("vct") != DEELCERTIFICAAT_VCT or kind is None or not isinstance(aid, str):
        checks.failed("accreditation", "untrusted-issuer", "not-accredited", "no accredited kind")
        return
    problem = achievement_id_problem(aid)
    if problem is not None:
        checks.failed("accreditation", "invalid", "invalid-achievement-id", problem)
        return
    issued = numeric_date(claims.get("iat"))
    at = pipeline.config.clock() if issued is None else dt.datetime.fromtimestamp(issued, dt.UTC)
    made_by = creator.get("id") if isinstance(creator, dict) else None
    if trust_list.accredited(issuer, kind, aid, at, creator=made_by):
        checks.passed("accreditation", "accredited" if issued else "accredited-now")
    else:
        checks.failed(
            "accreditation", "untrusted-issuer", "not-accredited", "the issuer may not issue this"
        )


def _text(claims: Mapping[str, Any], name: str) -> str | None:
    value = claims.get(name)
    return value if isinstance(value, str) else None


def _ours(summary: CredentialSummary, payload: dict[str, Any], claims: dict[str, Any]) -> None:
    """Our deelcertificaat profile: the achievement and the holder's name where the JWS form
    has them, the notes, and what the holder left out."""
    achievement, name, notes = claims.get("achievement"), claims.get("name"), claims.get("notes")
    if isinstance(achievement, dict):
        summary.achievement = _text(achievement, "name")
        summary.achievement_id = _text(achievement, "id")
        summary.achievement_type = _text(achievement, "achievementType")
    issuer_name = claims.get("issuer_name")
    summary.issuer_name = issuer_name if isinstance(issuer_name, str) else None
    summary.subject_name = name if isinstance(name, str) else None
    summary.notes = notes if isinstance(notes, str) else None
    summary.withheld = withheld_parts(payload, claims) or None


def _summary(claims: Mapping[str, Any]) -> CredentialSummary:
    vct, name, sub = claims.get("vct"), claims.get("name"), claims.get("sub")
    return CredentialSummary(
        id=claims.get("jti") if isinstance(claims.get("jti"), str) else None,
        issuer=claims.get("iss") if isinstance(claims.get("iss"), str) else None,
        subject=sub if isinstance(sub, str) else None,
        achievement=name if isinstance(name, str) else vct if isinstance(vct, str) else None,
        achievement_type=vct if isinstance(vct, str) else None,
        valid_from=_iso(claims.get("nbf", claims.get("iat"))),
        valid_until=_iso(claims.get("exp")),
    )
