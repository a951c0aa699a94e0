"""Credentials made elsewhere, for the worker's import page: by an issuer of another system
that the operator accredits with its key document, or by a did:key issuer no list names."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from credentials.issue import issue_deelcertificaat
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid
from schemas.credentials import CompetenceInput, DeelcertificaatInput, ModuleVersionInput, Party
from tests.credentials.test_keysource import ISSUER, KEY_URL, profile
from tests.credentials.test_verify import parts

ISSUER_NAME = "Elders Opleidingen"
ELSEWHERE = "https://elders.example/modules/dakwerk/1"


def accreditation(key: SigningKey, achievements: list[str]) -> dict[str, Any]:
    """`POST /api/accreditations` for the foreign issuer ISSUER, whose key `key` is."""
    return {
        "issuer": ISSUER,
        "name": ISSUER_NAME,
        "keyDocument": profile(key),
        "kind": "module-certificate",
        "achievements": achievements,
        "validFrom": "2020-01-01T00:00:00Z",
    }


def credential(
    key: SigningKey,
    holder: str,
    *,
    title: str,
    achievement: str = ELSEWHERE,
    competences: tuple[str, ...] = (),
    accredited: bool = True,
    issued_days_ago: int = 3,
    valid_days: int | None = None,
    email: str | None = None,
) -> str:
    """A deelcertificaat about `holder`, signed with `key` by ISSUER (as KEY_URL) when
    `accredited`, else by the did:key of `key`, an issuer no trust list names; with `email`,
    the subject also names that address (an OB 3.0 identifier)."""
    issued_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=issued_days_ago)
    data = DeelcertificaatInput(
        issuer=Party(id=did_key(key.public), name=ISSUER_NAME if accredited else "Onbekend"),
        holder=Party(id=holder, name="Werker Elders"),
        module=ModuleVersionInput(
            url=achievement,
            title=title,
            description="Een module van een ander systeem.",
            criteria_narrative="Praktijkopdracht.",
            competences=[CompetenceInput(uri=uri, label="Zonnepanelen") for uri in competences],
            study_load_hours=16,
            provider=Party(id="https://elders.example", name=ISSUER_NAME),
        ),
        issued_at=issued_at,
        valid_until=issued_at + dt.timedelta(days=valid_days) if valid_days is not None else None,
    )
    token = issue_deelcertificaat(data, key, kid=holder_kid(key.public)).jws
    if not accredited:
        return token
    # Issuers of other systems are often https:// ids with key URLs (as 1EdTech's samples).
    _, payload, _ = parts(token)
    payload["issuer"]["id"] = payload["iss"] = ISSUER
    if email is not None:
        payload["credentialSubject"]["identifier"] = [
            {"type": "IdentityObject", "identityType": "emailAddress", "hashed": False,
             "identityHash": email}
        ]  # fmt: skip
    return sign_compact(json.dumps(payload).encode(), key, kid=KEY_URL, typ="vc+jwt")
