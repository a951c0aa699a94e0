"""Compact JWS (RFC 7515) by hand, with the checks a credential verifier needs.

Written for the verify hot path: a token is checked against the base64url alphabet in one
`bytes.translate`, split once, decoded by msgspec, and nothing is cached per token. PyJWT
costs about 2.5x a raw Ed25519 verify on a 3 KB token; this costs a few microseconds over it.

Security rules: the algorithm is pinned to the key (never taken from the header), `alg: none`
and HMAC algorithms are refused, algorithms we do not read are `alg-not-supported` (the
pipeline says cannot-verify), any `crit` is refused (we understand no
extension), and key-carrying headers (`jwk`, `jku`, `x5u`, `x5c`) are never used to find a key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import msgspec

from credentials.b64 import JWS_TO_STANDARD, b64url_encode, decode_standard
from credentials.keys import SigningKey, VerifyingKey
from schemas.errors.credentials import (
    AlgNoneError,
    AlgNotAllowedError,
    AlgNotSupportedError,
    BadHeaderError,
    BadJsonError,
    DuplicateKeyError,
    EncodingError,
    InvalidUtf8Error,
    JwsError,
    NotCompactJwsError,
    TokenTooLargeError,
    UnknownCritError,
)
from schemas.json_input import TOO_DEEP, too_deep

__all__ = [
    "ALLOWED_ALGS",
    "JwsError",
    "ParsedJws",
    "parse_compact",
    "sign_compact",
    "strict_json",
    "verify_jws",
]

# "Ed25519" is the fully specified name from RFC 9864; both name the same signature.
ALLOWED_ALGS = frozenset(
    {"EdDSA", "Ed25519", "ES256", "ES384"}
    | {f"{kind}{size}" for kind in ("RS", "PS") for size in (256, 384, 512)}
)
_RESERVED = frozenset({"alg", "kid", "typ"})
_BAD = ord("!")
_DOT = ord(".")
_DECODE = msgspec.json.decode
_ENCODE = msgspec.json.encode


class ParsedJws(msgspec.Struct, kw_only=True):
    """A structurally valid compact JWS whose signature is not checked yet."""

    header: dict[str, Any]
    payload: bytes
    signing_input: bytes
    signature: bytes


def sign_compact(
    payload: bytes,
    key: SigningKey,
    *,
    kid: str,
    typ: str,
    extra_header: Mapping[str, Any] | None = None,
) -> str:
    """Compact JWS over `payload` (already serialised JSON) with header {alg, kid, typ}."""
    header: dict[str, Any] = {"alg": key.alg, "kid": kid, "typ": typ}
    if extra_header:
        if _RESERVED.intersection(extra_header):
            raise ValueError("extra_header must not set alg, kid or typ")
        header.update(extra_header)
    signing_input = b64url_encode(_ENCODE(header)) + "." + b64url_encode(payload)
    return signing_input + "." + b64url_encode(key.sign(signing_input.encode("ascii")))


def parse_compact(token: str | bytes, *, max_bytes: int = 256_000) -> ParsedJws:
    """Split and decode a compact JWS and check its header; raises JwsError.

    Codes: token-too-large, not-compact-jws, bad-base64url, bad-header, alg-none,
    alg-not-allowed, alg-not-supported, unknown-crit. The payload is returned as raw bytes
    (see strict_json).
    """
    if len(token) > max_bytes:
        raise TokenTooLargeError("the token is too large")
    if isinstance(token, str):
        if not token.isascii():
            raise EncodingError("the token holds non-ASCII characters")
        data = token.encode("ascii")
    else:
        data = bytes(token)
    translated = data.translate(JWS_TO_STANDARD)
    if _BAD in translated:
        raise EncodingError("the token holds characters outside base64url")
    parts = translated.split(b".")
    if len(parts) != 3 or not parts[2]:
        # An empty third part is a stripped signature (or an unsecured JWT).
        raise NotCompactJwsError("not a compact JWS with a signature")
    head, body, sig = parts
    try:
        header_json = decode_standard(head)
        payload = decode_standard(body)
        signature = decode_standard(sig)
    except EncodingError:
        raise EncodingError("a token part is not strict base64url") from None
    header = _header(header_json)
    return ParsedJws(
        header=header,
        payload=payload,
        signing_input=data[: len(head) + 1 + len(body)],
        signature=signature,
    )


def _header(header_json: bytes) -> dict[str, Any]:
    try:
        header = strict_json(header_json)
    except JwsError as exc:
        raise BadHeaderError(f"bad JWS header: {exc.message}", reason=exc.code) from None
    if not isinstance(header, dict):
        raise BadHeaderError("the JWS header is not a JSON object")
    alg = header.get("alg")
    if not isinstance(alg, str):
        raise BadHeaderError("the JWS header has no alg")
    if alg not in ALLOWED_ALGS:
        if alg.lower() == "none":
            raise AlgNoneError("unsecured JWS (alg none) refused")
        if alg.upper().startswith("HS"):
            raise AlgNotAllowedError(f"algorithm {alg!r} is not allowed")
        # A real signature algorithm we cannot check (ES512, ES256K, ...): not false, unknown.
        raise AlgNotSupportedError(f"algorithm {alg!r} is not supported")
    if "crit" in header:
        raise UnknownCritError("the JWS header has critical extensions")
    return header


def verify_jws(parsed: ParsedJws, key: VerifyingKey) -> bool:
    """True when the signature is valid and the header alg is the one the key is for."""
    alg = parsed.header.get("alg")
    if alg not in key.algs:
        return False
    return key.verify(parsed.signature, parsed.signing_input, alg)


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKeyError
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(data: bytes) -> Any:
    """Parse JSON strictly: UTF-8 only, no duplicate object keys at any depth, no NaN.

    Codes: invalid-utf8, duplicate-key, bad-json. Fast path: when msgspec's re-encoding of
    the decoded value equals the input, the input *is* a canonical encoding of a value with
    unique keys, so it needs no further check (true for our own compact output). JSON nested
    deeper than schemas.json_input allows is bad-json before any decoder recurses into it.
    """
    if too_deep(data):
        raise BadJsonError(TOO_DEEP)
    try:
        obj = _DECODE(data)
        if _ENCODE(obj) == data:
            return obj
    except (msgspec.DecodeError, UnicodeError, msgspec.EncodeError, RecursionError):
        pass  # the slow path below says precisely what is wrong
    return _strict_json_slow(data)


def _strict_json_slow(data: bytes) -> Any:
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidUtf8Error("JSON is not valid UTF-8") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _DuplicateKeyError:
        raise DuplicateKeyError("JSON object has a duplicate key") from None
    except (ValueError, RecursionError) as exc:
        raise BadJsonError(f"not valid JSON: {exc}") from None
