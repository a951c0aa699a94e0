"""A whole CV as a CLR 2.0 `ClrCredential` (1EdTech Comprehensive Learner Record 2.0).

The nested credentials are JSON objects, each secured by its own issuer with a Data
Integrity proof (`credentials.export.secured`), so a CLR reader checks every one of them
without this registry. The CLR itself is signed as VC-JOSE-COSE (`application/vc+jwt`) by the
registry's operator key: the operator vouches only that it put these credentials together for
this learner; each credential's own issuer vouches for what it says.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

import msgspec

from credentials.did import xsd_datetime
from credentials.jws import sign_compact
from credentials.keys import SigningKey

__all__ = ["CLR_CONTEXT", "clr_credential", "sign_clr"]

CLR_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CLR_TYP = "vc+jwt"


def clr_credential(
    *,
    issuer: str,
    issuer_name: str,
    learner: str,
    learner_name: str,
    credentials: Sequence[dict[str, Any]],
    now: dt.datetime,
) -> dict[str, Any]:
    """The ClrCredential of `learner` holding `credentials` (at least one: CLR 2.0 wants it)."""
    title = f"Leerdossier van {learner_name}" if learner_name else "Leerdossier"
    return {
        "@context": CLR_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": issuer_name},
        "validFrom": xsd_datetime(now),
        "name": title,
        "credentialSubject": {
            "id": learner,
            "type": ["ClrSubject"],
            "verifiableCredential": list(credentials),
        },
    }


def sign_clr(document: dict[str, Any], key: SigningKey, kid: str) -> str:
    """The CLR as a compact JWS (VC-JOSE-COSE: the payload is the credential itself)."""
    return sign_compact(msgspec.json.encode(document), key, kid=kid, typ=CLR_TYP)
