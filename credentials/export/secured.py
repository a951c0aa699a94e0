"""A credential of ours as a JSON document secured with an `eddsa-rdfc-2022` Data Integrity
proof, made from its VC-JOSE-COSE form at export time, for systems that take JSON credentials
(an OB 3.0 `.json` download, the nested credentials of a CLR).

The proof is made with the key that signed the JWS (its `kid` is the verification method), so
the same trust-list window and issuer binding hold for both forms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from credentials.dataintegrity import RDFC, sign_proof
from credentials.did import xsd_datetime
from credentials.jws import parse_compact, strict_json
from credentials.keys import SigningKey
from schemas.errors.credentials import JwsError

__all__ = ["jws_credential", "secured_copy"]

# JWT claims that VC-JOSE-COSE adds beside the credential: not part of the JSON form.
_JWT_CLAIMS = frozenset({"iss", "sub", "jti", "iat", "nbf", "exp", "aud", "cnf"})


def jws_credential(token: str) -> tuple[dict[str, Any], str]:
    """The credential a VC-JOSE-COSE JWS carries (without JWT claims) and its header's kid;
    JwsError when it is not one."""
    parsed = parse_compact(token)
    payload = strict_json(parsed.payload)
    kid = parsed.header.get("kid")
    if not isinstance(payload, dict) or "@context" not in payload or not isinstance(kid, str):
        raise JwsError("the token does not carry a VC-JOSE-COSE credential with a kid")
    credential = {name: value for name, value in payload.items() if name not in _JWT_CLAIMS}
    return credential, kid


def secured_copy(
    credential: dict[str, Any], key: SigningKey, kid: str, now: dt.datetime
) -> dict[str, Any]:
    """`credential` with an `eddsa-rdfc-2022` proof by `key` (assertionMethod)."""
    return sign_proof(
        credential,
        key,
        verification_method=kid,
        cryptosuite=RDFC,
        created=xsd_datetime(now),
    )
