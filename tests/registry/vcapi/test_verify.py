"""`POST /credentials/verify`: what verifies (200) and what does not (422 with the report):
proofs of every cryptosuite and vc+jwt, tampering, validity periods, status, and the inputs of
the W3C VC 2.0 test suite (tests/credentials/vectors) issued and verified through the API."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from credentials.dataintegrity import sign_proof
from credentials.keys import SigningKey, did_key
from credentials.presentation import ENVELOPED_PREFIX
from tests.conftest import Accounts
from tests.credentials.test_vc_suite_inputs import OTHER_THAN_UNTRUSTED, SUITE
from tests.registry.vcapi.helpers import (
    ED25519,
    SUITES,
    VcApi,
    credential,
    issuer_of,
    refused,
    verified,
)
from tests.registry.wallet_helpers import World


@pytest.fixture
async def api(client: AsyncTestClient[Any], accounts: Accounts) -> VcApi:
    return await VcApi.integrator(client, accounts)


@pytest.mark.parametrize("suite", [*SUITES, None])
async def test_what_the_api_issued_verifies(api: VcApi, suite: str | None) -> None:
    body = await verified(api, await api.issue(credential(issuer_of(suite)), suite))
    assert {"signature", "issuer-binding", "dates", "schema"} <= set(body["checks"])
    # Nobody accredited the API's key: verified, with the trust list's word as a warning.
    assert [(w["name"], w["code"]) for w in body["warnings"]] == [
        ("accreditation", "issuer-not-trusted")
    ]
    assert body["report"]["verdict"] == "untrusted-issuer"


async def test_a_compact_jws_verifies_as_well(api: VcApi) -> None:
    issued = await api.issue(credential())
    await verified(api, issued["id"].removeprefix(ENVELOPED_PREFIX))


@pytest.mark.parametrize("suite", SUITES)
async def test_tampering_with_a_proof(api: VcApi, suite: str) -> None:
    issued = await api.issue(credential(issuer_of(suite)), suite)
    other_subject = {**issued, "credentialSubject": {"id": "did:example:other", "name": "Sam"}}
    assert await refused(api, other_subject, "invalid") == [("signature", "signature-invalid")]
    later = {**issued, "validFrom": "2025-01-02T00:00:00Z"}
    assert await refused(api, later, "invalid") == [("signature", "signature-invalid")]
    proof = issued["proof"]
    value = proof["proofValue"]
    flipped = value[:-2] + ("1" if value[-2] != "1" else "2") + value[-1]
    bad_value = {**issued, "proof": {**proof, "proofValue": flipped}}
    assert await refused(api, bad_value, "invalid") == [("signature", "signature-invalid")]
    other_purpose = {**issued, "proof": {**proof, "proofPurpose": "authentication"}}
    assert await refused(api, other_purpose, "invalid") == [("signature", "proof-purpose-mismatch")]
    unknown = {**issued, "proof": {**proof, "cryptosuite": "bbs-2023"}}
    assert await refused(api, unknown, "cannot-verify") == [("signature", "unknown-cryptosuite")]
    no_proof = {k: v for k, v in issued.items() if k != "proof"}
    assert await refused(api, no_proof, "invalid") == [("payload", "missing-proof")]


async def test_tampering_with_a_vc_jwt(api: VcApi) -> None:
    issued = await api.issue(credential())
    header, payload, signature = issued["id"].removeprefix(ENVELOPED_PREFIX).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["credentialSubject"]["name"] = "Someone else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    envelope = {**issued, "id": f"{ENVELOPED_PREFIX}{header}.{forged}.{signature}"}
    assert await refused(api, envelope, "invalid") == [("signature", "signature-invalid")]


async def test_validity_periods(api: VcApi) -> None:
    expired = credential(validUntil="2025-06-01T00:00:00Z")
    for suite in ("eddsa-rdfc-2022", None):
        errors = await refused(api, await api.issue(expired, suite), "expired")
        assert errors == [("dates", "expired")]
    future = credential(validFrom="2100-01-01T00:00:00Z")
    errors = await refused(api, await api.issue(future, "eddsa-jcs-2022"), "not-yet-valid")
    assert errors == [("dates", "not-yet-valid")]


async def test_a_status_list_nobody_gave_us_is_not_fetched(api: VcApi) -> None:
    status = {
        "id": "https://status.example/lists/1#7",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "7",
        "statusListCredential": "https://status.example/lists/1",
    }
    issued = await api.issue(credential(credentialStatus=status), "eddsa-rdfc-2022")
    assert await refused(api, issued, "cannot-verify") == [("status", "status-unavailable")]


async def test_the_registrys_own_credentials_with_their_status(world: World, api: VcApi) -> None:
    """An accredited issuer's credential verifies without warnings; revoked, it does not."""
    worker = await world.person("worker", "vcapi-worker@example.com", "Sam de Vries")
    issued = await world.issue(worker)
    body = await verified(api, issued["credential"])
    assert body["warnings"] == []
    assert body["report"]["verdict"] == "valid"
    envelope = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiableCredential",
        "id": ENVELOPED_PREFIX + issued["credential"],
    }
    await verified(api, envelope)
    await world.revoke(issued["id"])
    assert await refused(api, issued["credential"], "revoked") == [("status", "revoked")]


async def test_a_presentation_is_not_a_credential(api: VcApi) -> None:
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
    }
    answer = await api.verify(presentation)
    assert (answer.status_code, answer.json()["code"]) == (400, "vc-api-bad-request")
    wrong_envelope = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": "EnvelopedVerifiableCredential",
        "id": "data:text/plain,hello",
    }
    answer = await api.verify(wrong_envelope)
    assert (answer.status_code, answer.json()["code"]) == (400, "vc-api-bad-request")
    issued = await api.issue(credential())
    for contexts in ([], "https://www.w3.org/ns/credentials/examples/v2", None):
        answer = await api.verify({**issued, "@context": contexts})
        assert (answer.status_code, answer.json()["code"]) == (400, "vc-api-bad-request")
    cut = {**issued, "id": issued["id"].split(",")[-1]}
    assert (await api.verify(cut)).status_code == 400


def suite_input(name: str) -> dict[str, Any]:
    """One input of the W3C VC 2.0 suite, with its placeholders filled and the API's issuer."""
    text = (SUITE / name).read_text()
    text = text.replace("PAST DATE", "2025-01-01T00:00:00Z")
    document: dict[str, Any] = json.loads(text.replace("FUTURE DATE", "2030-01-01T00:00:00Z"))
    issuer = document.get("issuer")
    document["issuer"] = {**issuer, "id": ED25519.did} if isinstance(issuer, dict) else ED25519.did
    document.pop("proof", None)
    return document


OK = sorted(path.name for path in SUITE.glob("*-ok.json"))
FAIL = sorted(path.name for path in SUITE.glob("*-fail*.json"))


@pytest.mark.parametrize("name", OK)
async def test_the_suites_good_credentials(api: VcApi, name: str) -> None:
    for suite in ("eddsa-rdfc-2022", None):
        issued = await api.issue(suite_input(name), suite)
        verdict = OTHER_THAN_UNTRUSTED.get(name)
        if verdict is None:
            await verified(api, issued)
        else:
            await refused(api, issued, verdict)


@pytest.mark.parametrize("name", FAIL)
async def test_the_suites_bad_credentials_are_not_issued(api: VcApi, name: str) -> None:
    for options in ({}, {"cryptosuite": "eddsa-jcs-2022"}):
        body = {"credential": suite_input(name), "options": options}
        answer = await api.post("/credentials/issue", body)
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "not-issuable"


VECTORS = Path(__file__).parents[2] / "credentials" / "vectors"
SPEC_VECTORS = [
    "vc-di-ecdsa/signedECDSAP256.json",
    "vc-di-ecdsa/signedECDSAP384.json",
    "vc-di-ecdsa/signedJCSECDSAP256.json",
    "vc-di-eddsa/signedDataInt.json",
    "vc-di-eddsa/signedJCS.json",
    "vc-di-eddsa/signedProofSet1.json",
    "vc-di-eddsa/signedProofChain1.json",
]


@pytest.mark.parametrize("name", SPEC_VECTORS)
async def test_the_specifications_vectors(api: VcApi, name: str) -> None:
    """The cryptosuites' own vectors (what the ECDSA and EdDSA suites send): an `https://`
    issuer signing with a did:key verifies, nobody saying the key is the issuer's is a
    warning; a proof value cut short does not verify."""
    vector = json.loads((VECTORS / name).read_text())
    body = await verified(api, vector)
    assert {(w["name"], w["code"]) for w in body["warnings"]} == {
        ("issuer-binding", "issuer-keys-unknown"),
        ("accreditation", "issuer-not-trusted"),
    }
    proofs = vector["proof"] if isinstance(vector["proof"], list) else [vector["proof"]]
    proofs[-1]["proofValue"] = proofs[-1]["proofValue"][:-1]
    assert await refused(api, vector, "invalid") != []


async def test_a_key_known_to_be_someone_elses(api: VcApi) -> None:
    """A did:key issuer is its own key: a proof by another did:key does not verify."""
    key = SigningKey.generate()
    method = f"{did_key(key.public)}#{key.public.multibase()}"
    document = credential(ED25519.did)
    signed = sign_proof(
        document,
        key,
        verification_method=method,
        cryptosuite="eddsa-rdfc-2022",
        created="2026-01-01T00:00:00Z",
    )
    errors = await refused(api, signed, "invalid")
    assert errors == [("issuer-binding", "kid-issuer-mismatch")]
