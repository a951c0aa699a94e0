"""The VC API's own issuer keys: one Ed25519 and one P-256 key, each a `did:key`.

They are derived from `REGISTRY_SECRET_KEY` with HKDF under labels of their own, so they are
kept nowhere (no table, no file): every server process of a deployment derives the same keys,
and a `did:key` needs no published document. They can never be one of the registry's
accredited issuer keys: those are random keys of `did:web` issuers, sealed in the database.
Whoever holds the secret key holds these keys too, as they hold every sealed key already.
"""

from __future__ import annotations

import functools
from typing import Final, Literal

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from credentials.keys import SigningKey, did_key

ApiKeyKind = Literal["Ed25519", "P-256"]
KINDS: Final[tuple[ApiKeyKind, ...]] = ("Ed25519", "P-256")
_SALT: Final = b"llo-registry vc-api issuer keys"
# The order of the P-256 group: a scalar must lie in [1, n - 1].
_P256_ORDER: Final = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


class ApiIssuer:
    """One of the API's issuer keys with its DID and its verification method."""

    __slots__ = ("did", "key", "kind", "method")

    def __init__(self, kind: ApiKeyKind, key: SigningKey) -> None:
        self.kind = kind
        self.key = key
        self.did = did_key(key.public)
        # A did:key document names its one verification method after the key itself.
        self.method = f"{self.did}#{key.public.multibase()}"


def _derive(secret: str, kind: ApiKeyKind, length: int) -> bytes:
    info = f"vc-api issuer {kind} v1".encode()
    hkdf = HKDF(algorithm=hashes.SHA256(), length=length, salt=_SALT, info=info)
    return hkdf.derive(secret.encode("utf-8"))


@functools.lru_cache(maxsize=8)
def api_issuer(secret: str, kind: ApiKeyKind) -> ApiIssuer:
    """The API's issuer key of this kind for this deployment's secret."""
    if kind == "Ed25519":
        raw: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey = (
            ed25519.Ed25519PrivateKey.from_private_bytes(_derive(secret, kind, 32))
        )
    else:
        # 48 bytes reduced modulo n - 1: the bias is below 2**-128 (FIPS 186-5 A.2.1).
        seed = int.from_bytes(_derive(secret, kind, 48), "big")
        raw = ec.derive_private_key(seed % (_P256_ORDER - 1) + 1, ec.SECP256R1())
    return ApiIssuer(kind, SigningKey(raw))


def api_issuers(secret: str) -> dict[str, ApiIssuer]:
    """Both API issuer keys by DID."""
    found = (api_issuer(secret, kind) for kind in KINDS)
    return {issuer.did: issuer for issuer in found}
