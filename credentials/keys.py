"""Signing and verifying keys (Ed25519, P-256; for verifying others' credentials also P-384
and RSA), their JWK / multibase / did:key forms, and private keys encrypted at rest.

`cryptography` does the maths; this module only fixes the formats. `VerifyingKey.verify`
never raises on a bad signature, so callers can treat it as a plain check.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from typing import Any, Literal

import base58
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from credentials.b64 import b64url_decode, b64url_encode
from schemas.errors.credentials import BadWrappedKeyError, EncodingError, KeyFormatError, SealError

__all__ = [
    "Algorithm",
    "KeyFormatError",
    "KeyKind",
    "SealError",
    "SigningKey",
    "VerifyingKey",
    "did_key",
    "resolve_did_key",
    "seal",
    "unseal",
    "unwrap_key",
    "wrap_key",
]

Algorithm = Literal["EdDSA", "ES256", "ES384", "RS256"]
KeyKind = Literal["Ed25519", "P-256"]

# Multicodec prefixes (unsigned varint): ed25519-pub 0xed, p256-pub 0x1200.
_ED25519_PREFIX = b"\xed\x01"
_P256_PREFIX = b"\x80\x24"
_P384_PREFIX = b"\x81\x24"  # p384-pub 0x1201
# Base58btc without a leading "1" (a zero byte, never a valid multicodec prefix here), so
# decoding is one-to-one and every key has exactly one accepted text.
_MULTIBASE_58 = re.compile(r"z[2-9A-HJ-NP-Za-km-z][1-9A-HJ-NP-Za-km-z]{30,80}")
_PRIVATE_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "k", "oth"})
_ECDSA = ec.ECDSA(hashes.SHA256())
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "256": hashes.SHA256,
    "384": hashes.SHA384,
    "512": hashes.SHA512,
}
_RSA_ALGS = frozenset(f"{kind}{size}" for kind in ("RS", "PS") for size in _HASHES)
_MIN_RSA_BITS = 2048
_RAW = serialization.Encoding.Raw
_DER = serialization.Encoding.DER
_RAW_PUBLIC = serialization.PublicFormat.Raw
_COMPRESSED = serialization.PublicFormat.CompressedPoint


class VerifyingKey:
    """A public key: Ed25519 (alg EdDSA), P-256 (ES256), P-384 (ES384) or RSA (RS256, and the
    other RSxxx / PSxxx algorithms). `algs` are the JWS algorithms the key may verify."""

    __slots__ = ("_id", "alg", "algs", "raw")

    alg: Algorithm
    algs: frozenset[str]
    raw: ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

    def __init__(
        self, raw: ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey
    ) -> None:
        if isinstance(raw, ed25519.Ed25519PublicKey):
            self.alg, self.algs = "EdDSA", _ED_ALGS
            self._id = raw.public_bytes(_RAW, _RAW_PUBLIC)
        elif isinstance(raw, ec.EllipticCurvePublicKey) and isinstance(
            raw.curve, ec.SECP256R1 | ec.SECP384R1
        ):
            self.alg = "ES256" if isinstance(raw.curve, ec.SECP256R1) else "ES384"
            self.algs = frozenset({self.alg})
            self._id = raw.public_bytes(serialization.Encoding.X962, _COMPRESSED)
        elif isinstance(raw, rsa.RSAPublicKey) and raw.key_size >= _MIN_RSA_BITS:
            self.alg, self.algs = "RS256", _RSA_ALGS
            self._id = raw.public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.PKCS1
            )
        else:
            raise KeyFormatError("only Ed25519, P-256, P-384 and RSA (2048+) keys are supported")
        self.raw = raw

    def verify(self, signature: bytes, data: bytes, alg: str | None = None) -> bool:
        """True when `signature` (raw; ECDSA as JOSE r||s) is valid for `data`, made with
        `alg` (default: the key's own; RSA keys need it for the padding and hash)."""
        raw = self.raw
        try:
            if isinstance(raw, ed25519.Ed25519PublicKey):
                raw.verify(signature, data)
            elif isinstance(raw, ec.EllipticCurvePublicKey):
                return _verify_ecdsa(raw, signature, data)
            else:
                _verify_rsa(raw, signature, data, alg or self.alg)
        except (InvalidSignature, ValueError):
            return False
        return True

    def jwk(self) -> dict[str, str]:
        """The public JWK (RFC 8037 OKP, RFC 7518 EC or RSA), required members only."""
        raw = self.raw
        if isinstance(raw, ed25519.Ed25519PublicKey):
            return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(self._id)}
        if isinstance(raw, rsa.RSAPublicKey):
            numbers = raw.public_numbers()
            return {"kty": "RSA", "n": _uint(numbers.n), "e": _uint(numbers.e)}
        point = raw.public_numbers()
        size = (raw.curve.key_size + 7) // 8
        return {
            "kty": "EC",
            "crv": "P-256" if size == 32 else "P-384",
            "x": b64url_encode(point.x.to_bytes(size, "big")),
            "y": b64url_encode(point.y.to_bytes(size, "big")),
        }

    def thumbprint(self) -> str:
        """RFC 7638 JWK thumbprint (SHA-256, base64url)."""
        jwk = self.jwk()
        # Required members in lexicographic order, no whitespace (RFC 7638 §3.2).
        canonical = ",".join(f'"{name}":"{jwk[name]}"' for name in sorted(jwk))
        return b64url_encode(hashlib.sha256(("{" + canonical + "}").encode("ascii")).digest())

    def multibase(self) -> str:
        """publicKeyMultibase: "z" + base58btc(multicodec prefix + key bytes)."""
        prefix = {"EdDSA": _ED25519_PREFIX, "ES256": _P256_PREFIX, "ES384": _P384_PREFIX}
        return "z" + base58.b58encode(prefix.get(self.alg, _RSA_PREFIX) + self._id).decode("ascii")

    @classmethod
    def from_jwk(cls, jwk: Mapping[str, Any]) -> VerifyingKey:
        """A public key from a JWK; refuses private members and anything but Ed25519 / P-256."""
        if not isinstance(jwk, Mapping):
            raise KeyFormatError("a JWK must be a JSON object")
        if _PRIVATE_MEMBERS.intersection(jwk):
            raise KeyFormatError("the JWK holds private key material")
        kty, crv = jwk.get("kty"), jwk.get("crv")
        try:
            if kty == "OKP" and crv == "Ed25519":
                key = cls(ed25519.Ed25519PublicKey.from_public_bytes(_coordinate(jwk, "x")))
            elif kty == "EC" and crv in _CURVES:
                curve, size = _CURVES[crv]
                point = b"\x04" + _coordinate(jwk, "x", size) + _coordinate(jwk, "y", size)
                key = cls(ec.EllipticCurvePublicKey.from_encoded_point(curve, point))
            elif kty == "RSA":
                n, e = _big(jwk, "n"), _big(jwk, "e")
                key = cls(rsa.RSAPublicNumbers(e, n).public_key())
            else:
                raise KeyFormatError(f"unsupported JWK kty/crv {kty!r}/{crv!r}")
        except ValueError as exc:
            raise KeyFormatError(f"invalid JWK: {exc}") from None
        if "alg" in jwk and jwk["alg"] not in key.algs:
            raise KeyFormatError(f"JWK alg {jwk['alg']!r} does not fit a {crv} key")
        if jwk.get("use", "sig") != "sig":
            raise KeyFormatError("the JWK is not a signing key")
        return key

    @classmethod
    def from_multibase(cls, text: str) -> VerifyingKey:
        """A public key from publicKeyMultibase (base58btc, Ed25519 or compressed P-256)."""
        # The pattern also keeps out what base58.b58decode would quietly strip or accept.
        if not isinstance(text, str) or not _MULTIBASE_58.fullmatch(text):
            raise KeyFormatError("publicKeyMultibase must be base58btc ('z' prefix)")
        try:
            data = base58.b58decode(text[1:])
        except ValueError:
            raise KeyFormatError("publicKeyMultibase is not valid base58btc") from None
        try:
            if data[:2] == _ED25519_PREFIX and len(data) == 34:
                return cls(ed25519.Ed25519PublicKey.from_public_bytes(data[2:]))
            if data[:2] == _P256_PREFIX and len(data) == 35 and data[2] in (2, 3):
                return cls(ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), data[2:]))
            if data[:2] == _P384_PREFIX and len(data) == 51 and data[2] in (2, 3):
                return cls(ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP384R1(), data[2:]))
        except ValueError as exc:
            raise KeyFormatError(f"invalid public key: {exc}") from None
        raise KeyFormatError("publicKeyMultibase is not an Ed25519, P-256 or P-384 public key")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VerifyingKey) and other._id == self._id

    def __hash__(self) -> int:
        return hash(self._id)

    def __repr__(self) -> str:
        return f"VerifyingKey({self.alg}, {self.multibase()})"


_ED_ALGS = frozenset({"EdDSA", "Ed25519"})
_RSA_PREFIX = b"\x85\x24"  # rsa-pub 0x1205 (PKCS#1 DER)
_CURVES: dict[str, tuple[ec.EllipticCurve, int]] = {
    "P-256": (ec.SECP256R1(), 32),
    "P-384": (ec.SECP384R1(), 48),
}


def _verify_ecdsa(raw: ec.EllipticCurvePublicKey, signature: bytes, data: bytes) -> bool:
    size = (raw.curve.key_size + 7) // 8
    if len(signature) != 2 * size:
        return False
    r, s = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
    digest = hashes.SHA256() if size == 32 else hashes.SHA384()
    raw.verify(encode_dss_signature(r, s), data, ec.ECDSA(digest))
    return True


def _verify_rsa(raw: rsa.RSAPublicKey, signature: bytes, data: bytes, alg: str) -> None:
    if alg not in _RSA_ALGS:
        raise InvalidSignature
    digest = _HASHES[alg[2:]]()
    if alg.startswith("PS"):
        pss = padding.PSS(mgf=padding.MGF1(digest), salt_length=digest.digest_size)
        raw.verify(signature, data, pss, digest)
    else:
        raw.verify(signature, data, padding.PKCS1v15(), digest)


def _uint(value: int) -> str:
    return b64url_encode(value.to_bytes((value.bit_length() + 7) // 8 or 1, "big"))


def _big(jwk: Mapping[str, Any], name: str) -> int:
    value = jwk.get(name)
    try:
        data = b64url_decode(value) if isinstance(value, str) else b""
    except EncodingError:
        data = b""
    if not data or data[0] == 0:
        raise KeyFormatError(f"JWK member {name!r} is not a base64url unsigned integer")
    return int.from_bytes(data, "big")


def _coordinate(jwk: Mapping[str, Any], name: str, size: int = 32) -> bytes:
    value = jwk.get(name)
    if not isinstance(value, str):
        raise KeyFormatError(f"the JWK lacks {name!r}")
    try:
        data = b64url_decode(value)
    except EncodingError:
        raise KeyFormatError(f"JWK member {name!r} is not base64url") from None
    if len(data) != size:
        raise KeyFormatError(f"JWK member {name!r} must be {size} bytes")
    return data


class SigningKey:
    """A private key: Ed25519 (alg EdDSA) or P-256 (alg ES256)."""

    __slots__ = ("_raw", "alg", "public")

    alg: Algorithm
    public: VerifyingKey

    def __init__(self, raw: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> None:
        if isinstance(raw, ec.EllipticCurvePrivateKey) and not isinstance(raw.curve, ec.SECP256R1):
            raise KeyFormatError("only Ed25519 and P-256 keys are supported")
        self._raw = raw
        self.public = VerifyingKey(raw.public_key())
        self.alg = self.public.alg

    @classmethod
    def generate(cls, kind: KeyKind = "Ed25519") -> SigningKey:
        if kind == "Ed25519":
            return cls(ed25519.Ed25519PrivateKey.generate())
        if kind == "P-256":
            return cls(ec.generate_private_key(ec.SECP256R1()))
        raise KeyFormatError(f"unsupported key kind {kind!r}")

    def sign(self, data: bytes) -> bytes:
        """Raw signature: Ed25519 64 bytes; ES256 as JOSE r||s, 64 bytes."""
        raw = self._raw
        if isinstance(raw, ed25519.Ed25519PrivateKey):
            return raw.sign(data)
        r, s = decode_dss_signature(raw.sign(data, _ECDSA))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def to_pkcs8(self) -> bytes:
        """Unencrypted PKCS#8 DER; wrap it (wrap_key) before it touches a disk."""
        return self._raw.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    @classmethod
    def from_pkcs8(cls, data: bytes) -> SigningKey:
        try:
            raw = serialization.load_der_private_key(data, password=None)
        except (ValueError, TypeError) as exc:
            raise KeyFormatError(f"not a PKCS#8 private key: {exc}") from None
        if not isinstance(raw, ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey):
            raise KeyFormatError("only Ed25519 and P-256 keys are supported")
        return cls(raw)

    def __repr__(self) -> str:
        # Never show private material, not even by accident in a log line.
        return f"SigningKey({self.alg}, public={self.public.multibase()})"


def did_key(key: VerifyingKey) -> str:
    """The did:key DID of a public key."""
    return "did:key:" + key.multibase()


def resolve_did_key(did_or_did_url: str) -> VerifyingKey:
    """The public key in a did:key DID or DID URL ("did:key:z...#z..." too)."""
    if not isinstance(did_or_did_url, str) or not did_or_did_url.startswith("did:key:"):
        raise KeyFormatError("not a did:key DID")
    did, _, fragment = did_or_did_url.partition("#")
    identifier = did[len("did:key:") :]
    # The did:key document has one verification method, named after the key itself.
    if fragment and fragment != identifier:
        raise KeyFormatError("the did:key fragment does not name its key")
    return VerifyingKey.from_multibase(identifier)


# Sealed data: "<tag>.<salt>.<nonce>.<ciphertext>", each part base64url. The sealing secret is
# the server's high-entropy REGISTRY_SECRET_KEY, so HKDF suffices (scrypt would cost ~50 ms per
# key and batch issuance creates thousands of holder keys). Each kind of sealed data has its own
# tag and HKDF info, and the tag plus the caller's context is authenticated data, so a blob of
# one kind (or of one row) never opens as another. Private keys are "kw1".
_WRAP_VERSION = "kw1"
SEAL_INFO = {
    _WRAP_VERSION: b"llo-registry key wrap v1",
    "st1": b"llo-registry share token v1",
}


def _sealing_key(secret: str, salt: bytes, tag: str) -> AESGCM:
    if not secret:
        raise SealError("an empty secret cannot seal anything")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=SEAL_INFO[tag])
    return AESGCM(hkdf.derive(secret.encode("utf-8")))


def seal(plain: bytes, secret: str, *, tag: str, context: bytes = b"") -> str:
    """Encrypt data for storage (AES-256-GCM, key from HKDF-SHA256 with a fresh salt)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = _sealing_key(secret, salt, tag).encrypt(nonce, plain, tag.encode() + context)
    return ".".join((tag, b64url_encode(salt), b64url_encode(nonce), b64url_encode(sealed)))


def unseal(blob: str, secret: str, *, tag: str, context: bytes = b"") -> bytes:
    """Decrypt what `seal` made with the same tag and context; anything else raises SealError."""
    parts = blob.split(".") if isinstance(blob, str) else []
    if len(parts) != 4 or parts[0] != tag:
        raise SealError("not sealed data of this kind")
    try:
        salt, nonce, sealed = (b64url_decode(part) for part in parts[1:])
    except EncodingError:
        raise SealError("not sealed data of this kind") from None
    if len(salt) != 16 or len(nonce) != 12:
        raise SealError("not sealed data of this kind")
    try:
        return _sealing_key(secret, salt, tag).decrypt(nonce, sealed, tag.encode() + context)
    except InvalidTag:
        raise SealError("the sealed data does not open with this secret") from None


def wrap_key(key: SigningKey, secret: str) -> str:
    """Encrypt a private key for storage (`seal` with the key tag)."""
    return seal(key.to_pkcs8(), secret, tag=_WRAP_VERSION)


def unwrap_key(blob: str, secret: str) -> SigningKey:
    """Decrypt a wrapped key; a wrong secret or a changed blob raises "bad-wrapped-key"."""
    try:
        plain = unseal(blob, secret, tag=_WRAP_VERSION)
    except SealError as error:
        raise BadWrappedKeyError(error.message) from None
    try:
        return SigningKey.from_pkcs8(plain)
    except KeyFormatError:
        raise BadWrappedKeyError("the wrapped key is not a key") from None
