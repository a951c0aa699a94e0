"""Our deelcertificaat as an SD-JWT VC (`dc+sd-jwt`): issued next to its JWS form, presented
by the holder with only the parts they choose and a key binding JWT.

The profile (docs/credentials.md, "Selective disclosure"): the issuer JWT names the issuer
(`iss`), the type (`vct`), the credential (`jti`: an id of its own, random, never the JWS
form's id, so a presentation that leaves parts out does not lead to the full credential), the
holder (`sub`, and `cnf` with the holder's key), the module version (`achievement`: id, name,
achievementType, creator), the status (`status.bitstring_status_list`: the same W3C
BitstringStatusListEntry as the JWS form, so revoking one revokes both) and `exp` when the
certificate ends. Three claims are selectively disclosable: the worker's full `name`, the date
(`iat`, the moment of issue; there is no `nbf`, which SD-JWT VC never lets a holder hide) and
the provider's `notes`. `disclosable` names, in the clear and signed, which of them the issuer
made, so a verifier can say what the holder left out without learning what it said.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from collections.abc import Collection
from typing import Any

import msgspec

from credentials.b64 import b64url_decode, b64url_encode
from credentials.jws import sign_compact
from credentials.keys import SigningKey, resolve_did_key
from credentials.presentation import holder_kid
from credentials.sdjwt import KB_TYP, make_sd_jwt, parse_sd_jwt
from schemas.credentials import MODULE_ACHIEVEMENT_TYPE, DeelcertificaatInput

__all__ = [
    "DEELCERTIFICAAT_VCT",
    "PART_CLAIMS",
    "SD_JWT_TYP",
    "issue_deelcertificaat_sd_jwt",
    "issued_parts",
    "present_sd_jwt",
    "withheld_parts",
]

SD_JWT_TYP = "dc+sd-jwt"
DEELCERTIFICAAT_VCT = "urn:llo-registry:vct:deelcertificaat:1"
STATUS_MECHANISM = "bitstring_status_list"
# The parts a worker may leave out, by the name shares use, and the claim each one is.
PART_CLAIMS = {"name": "name", "date": "iat", "notes": "notes"}
_PART_OF_CLAIM = {claim: part for part, claim in PART_CLAIMS.items()}


def _salt() -> str:
    return secrets.token_urlsafe(16)


def issue_deelcertificaat_sd_jwt(
    data: DeelcertificaatInput,
    key: SigningKey,
    *,
    kid: str,
    notes: str = "",
) -> str:
    """The SD-JWT VC form of a deelcertificaat (no key binding: the holder adds it when
    presenting). The holder is a did:key, whose key becomes `cnf`. Its `jti` is its own:
    the JWS form's id would lead a verifier to the public check page of the full credential,
    name and date included. The status entry stays shared (one bit revokes both)."""
    module, issued_at = data.module, data.issued_at.astimezone(dt.UTC)
    payload: dict[str, Any] = {
        "iss": data.issuer.id,
        "vct": DEELCERTIFICAAT_VCT,
        "jti": f"urn:uuid:{uuid.uuid4()}",
        "sub": data.holder.id,
        "cnf": {"jwk": resolve_did_key(data.holder.id).jwk()},
        "issuer_name": data.issuer.name,
        "achievement": {
            "id": module.url,
            "type": ["Achievement"],
            "achievementType": MODULE_ACHIEVEMENT_TYPE,
            "name": module.title,
            "creator": {"id": module.provider.id, "name": module.provider.name},
        },
    }
    if data.valid_until is not None:
        payload["exp"] = int(data.valid_until.timestamp())
    if data.status:
        payload["status"] = {STATUS_MECHANISM: msgspec.to_builtins(data.status[0])}
    selective: dict[str, Any] = {"name": data.holder.name, "iat": int(issued_at.timestamp())}
    if notes.strip():
        selective["notes"] = notes.strip()
    payload["disclosable"] = list(selective)
    return make_sd_jwt(
        payload,
        selective,
        lambda body: sign_compact(body, key, kid=kid, typ=SD_JWT_TYP),
        salt=_salt,
    )


def _claim_name(disclosure: str) -> str | None:
    value = json.loads(b64url_decode(disclosure))
    return value[1] if isinstance(value, list) and len(value) == 3 else None


def issued_parts(issued: str) -> dict[str, Any]:
    """The parts (`PART_CLAIMS` names) an SD-JWT this registry issued discloses, with their
    values, in the order of `PART_CLAIMS`: what its holder may leave out. Not a
    verification: for showing the holder their own stored credential."""
    found: dict[str, Any] = {}
    for disclosure in parse_sd_jwt(issued).disclosures:
        value = json.loads(b64url_decode(disclosure))
        if isinstance(value, list) and len(value) == 3 and value[1] in _PART_OF_CLAIM:
            found[_PART_OF_CLAIM[value[1]]] = value[2]
    return {part: found[part] for part in PART_CLAIMS if part in found}


def present_sd_jwt(
    issued: str,
    withhold: Collection[str],
    holder: SigningKey,
    *,
    audience: str,
    nonce: str,
    issued_at: dt.datetime,
) -> str:
    """The holder's presentation of an issued SD-JWT: every disclosure but those of the
    withheld parts (`PART_CLAIMS` names), then a key binding JWT for this audience and
    nonce, over exactly what is presented (`sd_hash`)."""
    hidden = {PART_CLAIMS[part] for part in withhold}
    sd_jwt = parse_sd_jwt(issued)
    kept = [d for d in sd_jwt.disclosures if _claim_name(d) not in hidden]
    presented = "~".join([sd_jwt.issuer_jwt, *kept]) + "~"
    claims = {
        "iat": int(issued_at.timestamp()),
        "aud": audience,
        "nonce": nonce,
        "sd_hash": b64url_encode(hashlib.sha256(presented.encode("ascii")).digest()),
    }
    kid = holder_kid(holder.public)
    return presented + sign_compact(json.dumps(claims).encode(), holder, kid=kid, typ=KB_TYP)


def withheld_parts(payload: dict[str, Any], claims: dict[str, Any]) -> list[str]:
    """The parts (`PART_CLAIMS` names) the issuer made disclosable, by the signed
    `disclosable` list, that this presentation does not disclose."""
    made = payload.get("disclosable")
    if not isinstance(made, list):
        return []
    return [
        _PART_OF_CLAIM[claim]
        for claim in made
        if isinstance(claim, str) and claim in _PART_OF_CLAIM and claim not in claims
    ]
