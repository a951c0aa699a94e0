"""Compact JWS: signing, strict parsing, alg pinning and the usual attacks."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import msgspec
import pytest

from credentials.b64 import b64url_decode, b64url_encode
from credentials.jws import ParsedJws, parse_compact, sign_compact, strict_json, verify_jws
from credentials.keys import SigningKey, VerifyingKey
from schemas.errors.credentials import JwsError

KID = "did:web:registry.example:issuers:acme#key-1"
PAYLOAD = b'{"iss":"did:web:registry.example:issuers:acme","sub":"did:key:z6Mk","n":1}'
RFC8037_JWK = {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
RFC8037_JWS = (
    "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
    "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
)


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


def token(header: bytes | dict[str, Any], payload: bytes, signature: bytes) -> str:
    """Assemble a token by hand, with any header bytes an attacker might choose."""
    head = header if isinstance(header, bytes) else json.dumps(header).encode()
    return ".".join(b64url_encode(part) for part in (head, payload, signature))


def signed(header: bytes | dict[str, Any], payload: bytes, key: SigningKey) -> str:
    unsigned = token(header, payload, b"").rstrip(".")
    return unsigned + "." + b64url_encode(key.sign(unsigned.encode()))


def code_of(tok: str | bytes, **kwargs: Any) -> str:
    with pytest.raises(JwsError) as info:
        parse_compact(tok, **kwargs)
    return info.value.code


# --- the good path -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["Ed25519", "P-256"])
def test_sign_parse_verify(kind: str) -> None:
    key = SigningKey.generate(kind)  # type: ignore[arg-type]
    tok = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt")
    parsed = parse_compact(tok)
    assert isinstance(parsed, ParsedJws)
    assert parsed.header == {"alg": key.alg, "kid": KID, "typ": "vc+jwt"}
    assert parsed.payload == PAYLOAD
    assert parsed.signing_input == tok.rpartition(".")[0].encode()
    assert len(parsed.signature) == 64
    assert verify_jws(parsed, key.public)
    assert parse_compact(tok.encode()) == parsed
    assert not verify_jws(parsed, SigningKey.generate(kind).public)  # type: ignore[arg-type]


def test_header_is_compact_and_ordered(key: SigningKey) -> None:
    tok = sign_compact(b"{}", key, kid="k", typ="vc+jwt", extra_header={"cty": "vc"})
    assert (
        b64url_decode(tok.split(".")[0]) == b'{"alg":"EdDSA","kid":"k","typ":"vc+jwt","cty":"vc"}'
    )


def test_extra_header_cannot_override(key: SigningKey) -> None:
    for name in ("alg", "kid", "typ"):
        with pytest.raises(ValueError, match="must not set"):
            sign_compact(b"{}", key, kid="k", typ="t", extra_header={name: "none"})


def test_rfc8037_example_verifies() -> None:
    parsed = parse_compact(RFC8037_JWS)
    assert parsed.payload == b"Example of Ed25519 signing"
    assert verify_jws(parsed, VerifyingKey.from_jwk(RFC8037_JWK))


def test_rfc9864_alg_name_accepted(key: SigningKey) -> None:
    parsed = parse_compact(signed({"alg": "Ed25519", "kid": KID}, PAYLOAD, key))
    assert verify_jws(parsed, key.public)


# --- algorithm attacks ---------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none(alg: str) -> None:
    assert code_of(token({"alg": alg}, PAYLOAD, b"x")) == "alg-none"


def test_alg_none_without_signature_is_stripped() -> None:
    assert code_of(token({"alg": "none"}, PAYLOAD, b"")) == "not-compact-jws"


def test_hs256_with_public_key_as_secret(key: SigningKey) -> None:
    # The classic confusion: HMAC keyed with the issuer's public key, which anyone has.
    secret = b64url_decode(key.public.jwk()["x"])
    unsigned = token({"alg": "HS256", "kid": KID}, PAYLOAD, b"").rstrip(".")
    mac = hmac.new(secret, unsigned.encode(), hashlib.sha256).digest()
    assert code_of(unsigned + "." + b64url_encode(mac)) == "alg-not-allowed"


@pytest.mark.parametrize("alg", ["HS256", "HS512", "hs256"])
def test_mac_algs_refused(alg: str) -> None:
    assert code_of(token({"alg": alg}, PAYLOAD, b"sig")) == "alg-not-allowed"


@pytest.mark.parametrize("alg", ["ES512", "ES256K", "EdDSA448", ""])
def test_algs_we_cannot_check_are_not_supported(alg: str) -> None:
    assert code_of(token({"alg": alg}, PAYLOAD, b"sig")) == "alg-not-supported"


@pytest.mark.parametrize("alg", ["RS256", "PS256", "ES384", "RS512", "PS384"])
def test_more_signature_algs_parse(alg: str) -> None:
    assert parse_compact(token({"alg": alg}, PAYLOAD, b"sig")).header["alg"] == alg


def test_es256_header_on_ed25519_key(key: SigningKey) -> None:
    parsed = parse_compact(signed({"alg": "ES256", "kid": KID}, PAYLOAD, key))
    assert not verify_jws(parsed, key.public)


def test_eddsa_header_on_p256_key() -> None:
    p256 = SigningKey.generate("P-256")
    parsed = parse_compact(signed({"alg": "EdDSA", "kid": KID}, PAYLOAD, p256))
    assert not verify_jws(parsed, p256.public)


@pytest.mark.parametrize("crit", [["exp"], ["b64"], [], "b64"])
def test_unknown_crit(key: SigningKey, crit: object) -> None:
    tok = signed({"alg": "EdDSA", "b64": False, "exp": 1, "crit": crit}, PAYLOAD, key)
    assert code_of(tok) == "unknown-crit"


# --- tampering -----------------------------------------------------------------------------


def test_tampered_header(key: SigningKey) -> None:
    tok = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt")
    _, body, sig = tok.split(".")
    forged = b64url_encode(b'{"alg":"EdDSA","kid":"did:web:evil.example#k","typ":"vc+jwt"}')
    assert not verify_jws(parse_compact(f"{forged}.{body}.{sig}"), key.public)


def test_tampered_payload(key: SigningKey) -> None:
    tok = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt")
    head, _, sig = tok.split(".")
    forged = b64url_encode(PAYLOAD.replace(b'"n":1', b'"n":2'))
    assert not verify_jws(parse_compact(f"{head}.{forged}.{sig}"), key.public)


def test_tampered_signature(key: SigningKey) -> None:
    tok = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt")
    head, body, sig = tok.split(".")
    raw = bytearray(b64url_decode(sig))
    raw[10] ^= 1
    assert not verify_jws(parse_compact(f"{head}.{body}.{b64url_encode(bytes(raw))}"), key.public)
    # Truncated or extended signatures are simply invalid.
    for other in (bytes(raw[:63]), bytes(raw) + b"\0", b"\0"):
        assert not verify_jws(parse_compact(f"{head}.{body}.{b64url_encode(other)}"), key.public)


def test_tampered_text_is_malformed(key: SigningKey) -> None:
    tok = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt")
    assert code_of(tok + "=") == "bad-base64url"
    assert code_of(tok[:-1] + "+") == "bad-base64url"
    assert code_of(" " + tok) == "bad-base64url"
    assert code_of(tok + "\n") == "bad-base64url"
    assert code_of(tok[:-1] + "é") == "bad-base64url"
    assert code_of(tok.replace(".", "..", 1)) == "not-compact-jws"


@pytest.mark.parametrize(
    "tok", ["a.b.", "eyJhbGciOiJFZERTQSJ9.e30.", "a.b", "abc", "", "a.b.c.d.e"]
)
def test_not_compact(tok: str) -> None:
    assert code_of(tok) == "not-compact-jws"


def test_stripped_signature(key: SigningKey) -> None:
    head, body, _ = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt").split(".")
    assert code_of(f"{head}.{body}.") == "not-compact-jws"


def test_oversized_token(key: SigningKey) -> None:
    big = sign_compact(b'{"x":"' + b"a" * 300_000 + b'"}', key, kid=KID, typ="vc+jwt")
    assert code_of(big) == "token-too-large"
    assert code_of(big.encode()) == "token-too-large"
    small = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt")
    assert code_of(small, max_bytes=100) == "token-too-large"
    assert verify_jws(parse_compact(big, max_bytes=len(big)), key.public)


# --- header contents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (b'{"alg":"EdDSA","kid":"\xff"}', "invalid-utf8"),
        (b'{"alg":"EdDSA","alg":"none"}', "duplicate-key"),
        (b'{"alg":"EdDSA","x":{"a":1,"a":2}}', "duplicate-key"),
        (b'{"alg":"EdDSA"', "bad-json"),
        (b"", "bad-json"),
        (b"\xef\xbb\xbf{}", "bad-json"),  # a BOM
    ],
)
def test_bad_header_json(key: SigningKey, header: bytes, reason: str) -> None:
    with pytest.raises(JwsError) as info:
        parse_compact(signed(header, PAYLOAD, key))
    assert info.value.code == "bad-header"
    assert info.value.extra["reason"] == reason


@pytest.mark.parametrize("header", [b"[]", b'"EdDSA"', b"{}", b'{"alg":5}', b"null"])
def test_header_not_usable(key: SigningKey, header: bytes) -> None:
    assert code_of(signed(header, PAYLOAD, key)) == "bad-header"


def test_key_headers_ignored(key: SigningKey) -> None:
    attacker = SigningKey.generate()
    smuggled = {
        "jwk": attacker.public.jwk(),
        "jku": "https://evil.example/jwks.json",
        "x5u": "https://evil.example/cert.pem",
        "x5c": ["MIIB"],
    }
    # Present on a genuine token: harmless, the real key still verifies.
    tok = sign_compact(PAYLOAD, key, kid=KID, typ="vc+jwt", extra_header=smuggled)
    assert verify_jws(parse_compact(tok), key.public)
    # Signed by the attacker, naming the attacker's key: never verifies against the real key.
    forged = sign_compact(PAYLOAD, attacker, kid=KID, typ="vc+jwt", extra_header=smuggled)
    assert not verify_jws(parse_compact(forged), key.public)


# --- strict_json ---------------------------------------------------------------------------


def test_strict_json_fast_and_slow_paths() -> None:
    assert strict_json(b'{"a":[1,2,{"b":null}],"c":"\xc3\xa9"}') == {
        "a": [1, 2, {"b": None}],
        "c": "é",
    }
    # Not msgspec's canonical form (spaces, escapes, exponents): the slow path, same result.
    assert strict_json(b'{ "a" : "\\u00e9\\/", "b": 1e2 }') == {"a": "é/", "b": 100.0}
    assert strict_json(b"[]") == []


@pytest.mark.parametrize(
    "data",
    [
        b'{"a":1,"a":2}',
        b'{"a":1,"a":1}',
        b'{"a":{"b":1,"b":2}}',
        b'[{"x":1},{"y":[{"z":1,"z":1}]}]',
        b'{"a":1, "a" :1}',
        b'{"\\u0061":1,"a":2}',  # the same key, spelled differently
    ],
)
def test_strict_json_duplicate_keys(data: bytes) -> None:
    with pytest.raises(JwsError) as info:
        strict_json(data)
    assert info.value.code == "duplicate-key"


@pytest.mark.parametrize("data", [b'{"a":"\xff"}', b'"\xc3"', b'{"\xed\xa0\x80":1}'])
def test_strict_json_invalid_utf8(data: bytes) -> None:
    with pytest.raises(JwsError) as info:
        strict_json(data)
    assert info.value.code == "invalid-utf8"


@pytest.mark.parametrize(
    "data", [b"", b"{", b"NaN", b'{"a":Infinity}', b"[1,]", b"{'a':1}", b"[" * 100_000, b"1 2"]
)
def test_strict_json_bad_json(data: bytes) -> None:
    with pytest.raises(JwsError) as info:
        strict_json(data)
    assert info.value.code == "bad-json"


def test_payload_strictness_is_the_callers_step(key: SigningKey) -> None:
    tok = signed({"alg": "EdDSA"}, b'{"sub":"a","sub":"b"}', key)
    parsed = parse_compact(tok)
    assert verify_jws(parsed, key.public)
    with pytest.raises(JwsError) as info:
        strict_json(parsed.payload)
    assert info.value.code == "duplicate-key"
    parsed = parse_compact(signed({"alg": "EdDSA"}, b'{"sub":"\xff"}', key))
    with pytest.raises(JwsError) as info:
        strict_json(parsed.payload)
    assert info.value.code == "invalid-utf8"


# --- cost sanity bound (the real benchmark is bench/) ---------------------------------------


def test_parse_overhead_is_small(key: SigningKey) -> None:
    """Parsing + strict JSON must cost far less than the signature check itself. The bound
    is loose on purpose (the target is a few percent) so that a busy machine cannot flake it."""
    payload = msgspec.json.encode(
        {"claims": [{"id": f"urn:x:{i}", "v": "x" * 40} for i in range(40)]}
    )
    tok = sign_compact(payload, key, kid=KID, typ="vc+jwt")
    parsed = parse_compact(tok)

    def best(fn: Any, rounds: int = 200) -> float:
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(rounds):
                fn()
            timings.append(time.perf_counter() - start)
        return min(timings)

    verify = best(lambda: key.public.verify(parsed.signature, parsed.signing_input))
    overhead = best(lambda: strict_json(parse_compact(tok).payload))
    assert overhead < verify
