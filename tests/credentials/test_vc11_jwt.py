"""VC 1.1 JWTs (the `vc` claim): `nbf`, `exp`, `jti` and `sub` stand for issuanceDate,
expirationDate, id and credentialSubject.id when `vc` leaves them out (VC 1.1 section 6.3.1)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from credentials.jws import sign_compact
from tests.credentials.test_verify import ISSUER_DID, NOW, World, check, parts


@pytest.fixture
def world() -> World:
    return World()


def legacy_token(world: World, **claims: Any) -> str:
    _, payload, _ = parts(world.credential())
    vc = {k: v for k, v in payload.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    vc["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    del vc["validFrom"], vc["id"], vc["credentialSubject"]["id"]
    body = {
        "iss": ISSUER_DID,
        "sub": world.holder_did,
        "jti": payload["id"],
        "nbf": payload["nbf"],
        "vc": vc,
    } | claims
    return sign_compact(json.dumps(body).encode(), world.issuer_key, kid=world.kid, typ="JWT")


def test_nbf_jti_and_sub_fill_in_what_vc_leaves_out(world: World) -> None:
    report = world.verify(legacy_token(world))
    assert report.verdict == "valid", report.checks
    assert check(report, "payload") == ("passed", "vc-jwt-1.1")
    assert report.credential is not None
    assert report.credential.subject == world.holder_did
    assert report.credential.id is not None
    assert report.credential.id.startswith("urn:uuid:")


def test_exp_is_the_expiration_date(world: World) -> None:
    exp = int((NOW - dt.timedelta(days=1)).timestamp())
    report = world.verify(legacy_token(world, exp=exp))
    assert (report.verdict, check(report, "dates")) == ("expired", ("failed", "expired"))
