"""`POST /presentations/verify`: a holder's presentation with a Data Integrity proof or as a
`vp+jwt`, for the options' challenge and domain, and every credential in it about the holder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from credentials.dataintegrity import sign_proof
from credentials.did import xsd_datetime
from credentials.keys import SigningKey, did_key
from credentials.presentation import ENVELOPED_PREFIX, holder_kid, present
from tests.conftest import Accounts
from tests.registry.vcapi.helpers import VcApi, credential

HOLDER_KEY = SigningKey.generate()
HOLDER = did_key(HOLDER_KEY.public)
CHALLENGE, DOMAIN = "c-4f1e9b", "hr.example"
V2 = "https://www.w3.org/ns/credentials/v2"


@pytest.fixture
async def api(client: AsyncTestClient[Any], accounts: Accounts) -> VcApi:
    return await VcApi.integrator(client, accounts)


async def held(api: VcApi, subject: str = HOLDER, suite: str | None = "eddsa-rdfc-2022") -> Any:
    return await api.issue(credential(credentialSubject={"id": subject, "name": "Sam"}), suite)


def di_presentation(items: list[Any], **proof: Any) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    document = {
        "@context": [V2],
        "type": ["VerifiablePresentation"],
        "holder": HOLDER,
        "verifiableCredential": items,
    }
    return sign_proof(
        document,
        HOLDER_KEY,
        verification_method=holder_kid(HOLDER_KEY.public),
        cryptosuite="eddsa-rdfc-2022",
        created=xsd_datetime(now),
        proof_purpose="authentication",
        options={"challenge": CHALLENGE, "domain": DOMAIN, **proof},
    )


def jwt_presentation(tokens: list[str], *, minutes: int = 5) -> str:
    now = dt.datetime.now(dt.UTC)
    return present(
        tokens,
        HOLDER_KEY,
        holder_did=HOLDER,
        audience=DOMAIN,
        nonce=CHALLENGE,
        issued_at=now - dt.timedelta(minutes=10),
        expires_at=now + dt.timedelta(minutes=minutes),
    )


async def verify_vp(
    api: VcApi, presentation: Any, challenge: str = CHALLENGE, domain: str = DOMAIN
) -> Any:
    body = {
        "verifiablePresentation": presentation,
        "options": {"challenge": challenge, "domain": domain},
    }
    return await api.post("/presentations/verify", body)


def errors(answer: Any) -> list[tuple[str, str]]:
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == "not-verified"
    return [(check["name"], check["code"]) for check in answer.json()["errors"]]


async def test_a_data_integrity_presentation(api: VcApi) -> None:
    presentation = di_presentation([await held(api), await held(api, suite=None)])
    answer = await verify_vp(api, presentation)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["verified"] is True
    assert {"holder-key", "signature", "audience", "nonce", "dates"} <= set(body["checks"])
    assert [c["verdict"] for c in body["report"]["credentials"]] == ["untrusted-issuer"] * 2
    assert errors(await verify_vp(api, presentation, challenge="other")) == [
        ("nonce", "wrong-nonce")
    ]
    assert errors(await verify_vp(api, presentation, domain="other.example")) == [
        ("audience", "wrong-audience")
    ]
    tampered = {**presentation, "holder": "did:example:someone"}
    assert errors(await verify_vp(api, tampered)) == [("holder-key", "kid-holder-mismatch")]


async def test_a_presentation_of_someone_elses_credential(api: VcApi) -> None:
    presentation = di_presentation([await held(api, subject="did:example:other")])
    assert errors(await verify_vp(api, presentation)) == [("holder", "not-holders-credential")]


async def test_an_expired_proof(api: VcApi) -> None:
    past = xsd_datetime(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    presentation = di_presentation([await held(api)], expires=past)
    assert errors(await verify_vp(api, presentation)) == [("dates", "expired")]


async def test_a_vp_jwt_bare_and_enveloped(api: VcApi) -> None:
    issued = await held(api, suite=None)
    token = jwt_presentation([issued["id"].removeprefix(ENVELOPED_PREFIX)])
    for presentation in (
        token,
        {
            "@context": V2,
            "type": "EnvelopedVerifiablePresentation",
            "id": f"data:application/vp+jwt,{token}",
        },
    ):
        answer = await verify_vp(api, presentation)
        assert answer.status_code == 200, answer.text
        assert errors(await verify_vp(api, presentation, challenge="x")) == [
            ("nonce", "wrong-nonce")
        ]
    expired = jwt_presentation([issued["id"].removeprefix(ENVELOPED_PREFIX)], minutes=-6)
    assert errors(await verify_vp(api, expired)) == [("dates", "expired")]


async def test_what_is_not_a_verifiable_presentation(api: VcApi) -> None:
    unsigned = {"@context": [V2], "type": ["VerifiablePresentation"], "holder": HOLDER}
    assert errors(await verify_vp(api, unsigned)) == [("payload", "missing-proof")]
    answer = await verify_vp(api, await held(api))
    assert (answer.status_code, answer.json()["code"]) == (400, "vc-api-bad-request")
    envelope = {"type": "EnvelopedVerifiablePresentation", "id": "data:application/vc+jwt,x"}
    answer = await verify_vp(api, envelope)
    assert (answer.status_code, answer.json()["code"]) == (400, "vc-api-bad-request")
