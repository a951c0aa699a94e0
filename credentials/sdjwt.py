"""SD-JWT VC (RFC 9901 SD-JWT, and the SD-JWT VC format): `<issuer JWT>~<disclosure>~...~`
with an optional key binding JWT at the end. Types `dc+sd-jwt` and the older `vc+sd-jwt`.

`process_sd_jwt` is RFC 9901's verification (sections 7.1 and 7.3) for a caller that already
holds the issuer's key; `credentials.sdjwt_verify` runs the same steps, one check each, inside
the pipeline (key by `kid`, `typ`, dates, status, trust).

Every disclosure must be referenced by exactly one digest (`_sd` in an object, `{"...": d}` in
an array) of the signed payload or of another disclosure; one given twice, or never
referenced, is refused, as is a digest that occurs twice. Nothing is fetched: the issuer key
comes from the configured sources by `kid`, and a status list we cannot read leaves the
credential `cannot-verify`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from credentials.b64 import EncodingError, b64url_decode, b64url_encode
from credentials.jws import JwsError, ParsedJws, parse_compact, strict_json, verify_jws
from credentials.keys import VerifyingKey
from schemas.errors.credentials import (
    BadDigestError,
    BadDisclosureError,
    KeyFormatError,
    RepeatedDigestError,
    RepeatedDisclosureError,
    SdAlgNotSupportedError,
    SdJwtError,
    UnreferencedDisclosureError,
)

__all__ = [
    "KB_MAX_AGE",
    "KB_SKEW",
    "SD_JWT_TYPS",
    "Processed",
    "SdJwt",
    "SdJwtError",
    "disclose",
    "kb_problem",
    "key_binding_problem",
    "make_sd_jwt",
    "parse_sd_jwt",
    "process_sd_jwt",
]

SD_JWT_TYPS = frozenset({"dc+sd-jwt", "vc+sd-jwt"})
KB_TYP = "kb+jwt"
MAX_DISCLOSURES = 1_000
# How fresh a key binding JWT must be when the verifier asks for key binding (gives an
# audience or a nonce), in seconds: made at most this long ago by its `iat` (RFC 9901 section
# 7.3 leaves the window to the verifier) ...
KB_MAX_AGE = 300
# ... and at most this far ahead of our clock (the holder's clock may run a little fast).
KB_SKEW = 60
_RESERVED = frozenset({"_sd", "..."})


class SdJwt:
    """The parts of a presented SD-JWT, its issuer JWT not yet verified."""

    __slots__ = ("disclosures", "issuer_jwt", "kb_jwt", "presented")

    def __init__(self, issuer_jwt: str, disclosures: list[str], kb_jwt: str | None) -> None:
        self.issuer_jwt = issuer_jwt
        self.disclosures = disclosures
        self.kb_jwt = kb_jwt
        # What the key binding JWT's sd_hash covers: everything up to its last "~".
        self.presented = "~".join([issuer_jwt, *disclosures]) + "~"


def parse_sd_jwt(text: str) -> SdJwt:
    """Split an SD-JWT (compact); raises SdJwtError."""
    if not text.isascii():
        raise SdJwtError("an SD-JWT is ASCII")
    parts = text.strip().split("~")
    if len(parts) < 2 or len(parts) > MAX_DISCLOSURES + 2:
        raise SdJwtError("not an SD-JWT (issuer JWT~disclosures~[key binding JWT])")
    issuer_jwt, *disclosures, last = parts
    if any(not d for d in disclosures):
        raise SdJwtError("an SD-JWT has no empty disclosures")
    return SdJwt(issuer_jwt, disclosures, last or None)


def _digest(disclosure: str) -> str:
    return b64url_encode(hashlib.sha256(disclosure.encode("ascii")).digest())


def _decoded(disclosure: str) -> list[Any]:
    try:
        value = strict_json(b64url_decode(disclosure))
    except (EncodingError, JwsError):
        raise BadDisclosureError("a disclosure is not base64url JSON") from None
    if not isinstance(value, list) or len(value) not in (2, 3) or not isinstance(value[0], str):
        raise BadDisclosureError("a disclosure is [salt, name, value] or [salt, value]")
    if len(value) == 3 and (not isinstance(value[1], str) or value[1] in _RESERVED):
        raise BadDisclosureError("a disclosure names no usable claim")
    return value


class _Disclosing:
    """One pass over the payload: each digest found replaced by what its disclosure says."""

    def __init__(self, disclosures: list[str]) -> None:
        self.by_digest: dict[str, list[Any]] = {}
        for disclosure in disclosures:
            digest = _digest(disclosure)
            if digest in self.by_digest:
                raise RepeatedDisclosureError("a disclosure is given twice")
            self.by_digest[digest] = _decoded(disclosure)
        self.seen: set[str] = set()

    def _take(self, digest: object) -> list[Any] | None:
        if not isinstance(digest, str):
            raise BadDigestError("a digest is not a string")
        if digest in self.seen:
            raise RepeatedDigestError("a digest occurs twice")
        self.seen.add(digest)
        return self.by_digest.get(digest)

    def walk(self, value: Any) -> Any:
        if isinstance(value, dict):
            return self._object(value)
        if isinstance(value, list):
            return self._array(value)
        return value

    def _object(self, value: Mapping[str, Any]) -> dict[str, Any]:
        result = {k: self.walk(v) for k, v in value.items() if k != "_sd"}
        digests = value.get("_sd", [])
        if not isinstance(digests, list):
            raise BadDigestError("_sd is not an array")
        for digest in digests:
            found = self._take(digest)
            if found is None:
                continue  # a decoy, or a claim the holder did not disclose
            if len(found) != 3:
                raise BadDisclosureError("an array disclosure stands for a claim")
            if found[1] in result:
                raise BadDisclosureError(f"claim {found[1]!r} is disclosed twice")
            result[found[1]] = self.walk(found[2])
        return result

    def _array(self, value: list[Any]) -> list[Any]:
        result = []
        for item in value:
            if isinstance(item, dict) and set(item) == {"..."}:
                found = self._take(item["..."])
                if found is None:
                    continue
                if len(found) != 2:
                    raise BadDisclosureError("a claim disclosure in an array")
                result.append(self.walk(found[1]))
            else:
                result.append(self.walk(item))
        return result


def disclose(payload: Mapping[str, Any], disclosures: list[str]) -> dict[str, Any]:
    """The payload with every disclosure put in place (`_sd`, `_sd_alg` removed); raises
    SdJwtError for repeated, unreferenced or malformed disclosures."""
    algorithm = payload.get("_sd_alg", "sha-256")
    if algorithm != "sha-256":
        raise SdAlgNotSupportedError(f"digest algorithm {algorithm!r} is not supported")
    pass_ = _Disclosing(disclosures)
    claims = pass_._object({k: v for k, v in payload.items() if k != "_sd_alg"})
    if len(pass_.seen & set(pass_.by_digest)) != len(pass_.by_digest):
        raise UnreferencedDisclosureError("a disclosure is not referenced by the credential")
    return claims


def kb_problem(
    kb: ParsedJws,
    presented: str,
    audience: str | None,
    nonce: str | None,
    now: float | None = None,
) -> tuple[str, str] | None:
    """(code, message) of what is wrong with a key binding JWT whose signature was checked.
    With `now` (the verifier asked for key binding) its `iat` must lie within KB_MAX_AGE
    before and KB_SKEW after it."""
    if kb.header.get("typ") != KB_TYP:
        return "wrong-typ", "the key binding JWT is not kb+jwt"
    try:
        claims = strict_json(kb.payload)
    except JwsError as error:
        return error.code, error.message
    if not isinstance(claims, dict):
        claims = {}
    sd_hash = b64url_encode(hashlib.sha256(presented.encode("ascii")).digest())
    iat = claims.get("iat")
    made = iat if isinstance(iat, int) and not isinstance(iat, bool) else None
    problems = (
        (made is None, "bad-kb-jwt", "the key binding JWT needs iat"),
        (claims.get("sd_hash") != sd_hash, "sd-hash-mismatch", "it is for another presentation"),
        (audience is not None and claims.get("aud") != audience, "wrong-audience", "not for us"),
        (nonce is not None and claims.get("nonce") != nonce, "wrong-nonce", "the nonce differs"),
        (now is not None and made is not None and made < now - KB_MAX_AGE,
         "kb-jwt-too-old", f"the key binding JWT was made over {KB_MAX_AGE} s ago (replay?)"),
        (now is not None and made is not None and made > now + KB_SKEW,
         "kb-jwt-in-future", "the key binding JWT was made in the future"),
    )  # fmt: skip
    return next(((code, message) for bad, code, message in problems if bad), None)


def key_binding_problem(
    sd_jwt: SdJwt,
    claims: Mapping[str, Any],
    *,
    audience: str | None,
    nonce: str | None,
    now: float | None,
    max_bytes: int,
) -> tuple[str, str] | None:
    """(code, message) of what is wrong with a presented key binding JWT: the holder key from
    the disclosed `cnf` claim, its signature, then `kb_problem`. None when it is good."""
    if sd_jwt.kb_jwt is None:
        return "no-key-binding", "no key binding JWT"
    cnf = claims.get("cnf")
    try:
        jwk: Any = cnf.get("jwk") if isinstance(cnf, dict) else None
        holder = VerifyingKey.from_jwk(jwk)
        kb = parse_compact(sd_jwt.kb_jwt, max_bytes=max_bytes)
    except (KeyFormatError, JwsError) as error:
        return error.code, error.message
    if not verify_jws(kb, holder):
        return "signature-invalid", "not signed by the holder"
    return kb_problem(kb, sd_jwt.presented, audience, nonce, now)


class Processed(msgspec.Struct, kw_only=True):
    """The outcome of `process_sd_jwt` (returned, never raised): the processed payload, or
    the code and message of the first step that failed."""

    ok: bool
    code: str
    message: str = ""
    claims: dict[str, Any] | None = None


def process_sd_jwt(
    text: str,
    issuer_key: VerifyingKey,
    *,
    audience: str | None = None,
    nonce: str | None = None,
    now: float | None = None,
    max_bytes: int = 256_000,
) -> Processed:
    """RFC 9901 verification of an SD-JWT or SD-JWT+KB with a known issuer key: the issuer
    signature, every disclosure against the digests (section 7.1), and the key binding JWT
    (section 7.3), required when `audience` or `nonce` is given, its age then judged at
    `now` (the current time when not given). Who the issuer is, the JWT's `typ` and its
    dates are the caller's to judge."""
    try:
        sd_jwt = parse_sd_jwt(text)
        parsed = parse_compact(sd_jwt.issuer_jwt, max_bytes=max_bytes)
        payload = strict_json(parsed.payload)
    except (SdJwtError, JwsError) as error:
        return Processed(ok=False, code=error.code, message=error.message)
    if not isinstance(payload, dict):
        return Processed(ok=False, code="bad-json", message="the payload is not a JSON object")
    if not verify_jws(parsed, issuer_key):
        return Processed(ok=False, code="signature-invalid", message="the signature does not match")
    try:
        claims = disclose(payload, sd_jwt.disclosures)
    except SdJwtError as error:
        return Processed(ok=False, code=error.code, message=error.message)
    if sd_jwt.kb_jwt is not None or audience is not None or nonce is not None:
        asked = audience is not None or nonce is not None
        if asked and now is None:
            now = time.time()
        problem = key_binding_problem(
            sd_jwt, claims, audience=audience, nonce=nonce, now=now if asked else None,
            max_bytes=max_bytes,
        )  # fmt: skip
        if problem is not None:
            return Processed(ok=False, code=problem[0], message=problem[1])
    return Processed(ok=True, code="verified", claims=claims)


def make_sd_jwt(
    payload: Mapping[str, Any],
    selective: Mapping[str, Any],
    sign: Callable[[bytes], str],
    *,
    salt: Callable[[], str],
) -> str:
    """An issued SD-JWT (no key binding): `payload` in the clear, each claim of `selective`
    as a disclosure referenced from the top-level `_sd`. `sign` makes the issuer JWT from
    the payload bytes (the caller picks key, kid and typ)."""
    # msgspec rather than json: issuance puts this on the batch path (one per deelcertificaat).
    encode = msgspec.json.encode
    disclosures = [
        b64url_encode(encode([salt(), name, value])) for name, value in selective.items()
    ]
    body = {**payload, "_sd": sorted(_digest(d) for d in disclosures), "_sd_alg": "sha-256"}
    return "~".join([sign(encode(body)), *disclosures]) + "~"
