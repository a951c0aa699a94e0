"""`POST /credentials/issue`: every cryptosuite and the vc+jwt envelope, signed by the API's own
did:key keys, and what it refuses to sign."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from credentials.dataintegrity import verify_proof
from credentials.jws import parse_compact, verify_jws
from credentials.keys import resolve_did_key
from credentials.presentation import ENVELOPED_PREFIX
from registry.vcapi.keys import api_issuer, api_issuers
from tests.conftest import Accounts
from tests.registry.vcapi.helpers import (
    ED25519,
    P256,
    SECRET,
    SUITES,
    VcApi,
    credential,
    issuer_of,
    payload_of,
)
from tests.registry.wallet_helpers import World


@pytest.fixture
async def api(client: AsyncTestClient[Any], accounts: Accounts) -> VcApi:
    return await VcApi.integrator(client, accounts)


@pytest.mark.parametrize("suite", SUITES)
async def test_a_data_integrity_proof_of_each_cryptosuite(api: VcApi, suite: str) -> None:
    issued = await api.issue(credential(issuer_of(suite)), suite)
    proof = issued["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == suite
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == (P256 if suite.startswith("ecdsa") else ED25519).method
    assert proof["proofValue"].startswith("z")
    dt.datetime.fromisoformat(proof["created"])
    # The proof verifies on its own, with nothing but the did:key it names.
    assert verify_proof(issued, resolve_key=resolve_did_key).ok
    # The credential as sent, with the API's status entries (tests/registry/vcapi/test_status.py).
    assert issued.pop("credentialStatus")[0]["type"] == "BitstringStatusListEntry"
    assert {k: v for k, v in issued.items() if k != "proof"} == credential(issuer_of(suite))


@pytest.mark.parametrize("issuer", [ED25519, P256], ids=["Ed25519", "P-256"])
async def test_an_enveloped_vc_jwt(api: VcApi, issuer: Any) -> None:
    issued = await api.issue(credential(issuer.did))
    assert issued["type"] == "EnvelopedVerifiableCredential"
    assert issued["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert issued["id"].startswith(ENVELOPED_PREFIX)
    header, payload = payload_of(issued)
    assert header == {"alg": issuer.key.alg, "kid": issuer.method, "typ": "vc+jwt"}
    # The credential itself is the payload, with the registered claims mirroring it.
    assert payload.pop("credentialStatus")[0]["type"] == "BitstringStatusListEntry"
    assert payload == {
        **credential(issuer.did),
        "iss": issuer.did,
        "jti": credential()["id"],
        "sub": "did:example:holder",
        "nbf": int(dt.datetime(2025, 1, 1, tzinfo=dt.UTC).timestamp()),
    }
    token = issued["id"].removeprefix(ENVELOPED_PREFIX)
    assert verify_jws(parse_compact(token), resolve_did_key(issuer.method))


async def test_without_an_issuer_the_suites_key_issues(api: VcApi) -> None:
    for suite, issuer in (("ecdsa-rdfc-2019", P256), ("eddsa-jcs-2022", ED25519), (None, ED25519)):
        issued = await api.issue(credential(None), suite)
        named = issued["issuer"] if suite else payload_of(issued)[1]["issuer"]
        assert named == issuer.did


async def test_options_give_a_credential_id_and_the_created_time(api: VcApi) -> None:
    document = credential()
    del document["id"]
    options = {
        "cryptosuite": "eddsa-rdfc-2022",
        "credentialId": "urn:uuid:0d0c4b3e-2f7e-4c55-8f10-4a3c2d9e8b11",
        "created": "2026-01-02T03:04:05Z",
    }
    answer = await api.post("/credentials/issue", {"credential": document, "options": options})
    assert answer.status_code == 201, answer.text
    issued = answer.json()["verifiableCredential"]
    assert issued["id"] == options["credentialId"]
    assert issued["proof"]["created"] == options["created"]


def test_the_api_keys_are_its_own_did_keys() -> None:
    """Derived from the secret key (kept nowhere), the same in every process, different for
    another deployment, and did:key: never one of the accredited did:web issuers' keys."""
    assert api_issuer(SECRET, "Ed25519").key.public == ED25519.key.public
    assert list(api_issuers(SECRET)) == [ED25519.did, P256.did]
    assert ED25519.key.alg == "EdDSA"
    assert P256.key.alg == "ES256"
    other = api_issuers("another-secret")
    assert set(other).isdisjoint(api_issuers(SECRET))
    assert all(did.startswith("did:key:z") for did in other)


async def test_never_as_an_accredited_issuer(api: VcApi, world: World) -> None:
    """An accredited provider's did:web (its keys are on the trust list) is not the API's."""
    accredited = "did:web:testserver.local:issuers:opleider-a"
    trust_list = await world.client.get("/trust-list", headers={"Accept": "application/json"})
    assert accredited in trust_list.text
    for options in ({}, {"cryptosuite": "eddsa-rdfc-2022"}):
        body = {"credential": credential(accredited), "options": options}
        answer = await api.post("/credentials/issue", body)
        assert answer.status_code == 422, answer.text
        assert answer.json()["code"] == "not-our-issuer"
        assert answer.json()["issuers"] == [ED25519.did, P256.did]


BAD = {
    "no VerifiableCredential type": ({"type": ["Badge"]}, "not-issuable"),
    "no type": ({"type": None}, "not-issuable"),
    "VC 1.1 without issuanceDate": (
        {"@context": ["https://www.w3.org/2018/credentials/v1"]},
        "not-issuable",
    ),
    "context not a list": ({"@context": "https://www.w3.org/ns/credentials/v2"}, "not-issuable"),
    "unknown context": (
        {"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.com/ctx/v1"]},
        "not-issuable",
    ),
    "no subject": ({"credentialSubject": None}, "not-issuable"),
    "subject without claims": ({"credentialSubject": {}}, "not-issuable"),
    "validFrom without time zone": ({"validFrom": "2025-01-01T00:00:00"}, "not-issuable"),
    "validUntil before validFrom": ({"validUntil": "2024-01-01T00:00:00Z"}, "not-issuable"),
    "issuer not ours": ({"issuer": "did:example:someone"}, "not-our-issuer"),
    "issuer object without id": ({"issuer": {"name": "X"}}, "not-issuable"),
    # The VC 2.0 rules only an issuer keeps (registry/vcapi/datamodel.py).
    "id not a URL": ({"id": "https ://not-a-url/1"}, "not-issuable"),
    "id null": ({"id": None}, "not-issuable"),
    "two ids": ({"id": ["urn:uuid:1", "urn:uuid:2"]}, "not-issuable"),
    "subject id not a URL": ({"credentialSubject": {"id": "abc", "name": "x"}}, "not-issuable"),
    "termsOfUse without type": ({"termsOfUse": {"id": "urn:x:1"}}, "not-issuable"),
    "evidence without type": ({"evidence": [{"id": "urn:x:1"}]}, "not-issuable"),
    "refreshService without type": ({"refreshService": {"url": "x"}}, "not-issuable"),
    "credentialSchema without id": ({"credentialSchema": {"type": "JsonSchema"}}, "not-issuable"),
    "credentialStatus id not a URL": (
        {"credentialStatus": {"type": "BitstringStatusListEntry", "id": "a b"}},
        "not-issuable",
    ),
    "name with other members": ({"name": {"@value": "x", "extra": "y"}}, "not-issuable"),
    "issuer description not text": (
        {"issuer": {"id": ED25519.did, "description": {"text": "x"}}},
        "not-issuable",
    ),
    "related resources as strings": ({"relatedResource": ["urn:x:1"]}, "not-issuable"),
    "related resource without digest": ({"relatedResource": {"id": "urn:x:1"}}, "not-issuable"),
    "related resources twice": (
        {"relatedResource": [{"id": "urn:x:1", "digestSRI": "sha384-a"}] * 2},
        "not-issuable",
    ),
    "a proof already": ({"proof": {"type": "DataIntegrityProof"}}, "not-issuable"),
}


@pytest.mark.parametrize("case", sorted(BAD))
async def test_what_it_refuses_to_issue(api: VcApi, case: str) -> None:
    change, code = BAD[case]
    document = {**credential(), **change}
    document = {k: v for k, v in document.items() if v is not None or k == "id"}
    for options in ({}, {"cryptosuite": "eddsa-rdfc-2022"}):
        answer = await api.post("/credentials/issue", {"credential": document, "options": options})
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["code"] == code


@pytest.mark.parametrize("suite", [*SUITES, None])
async def test_a_term_no_context_defines_is_never_signed(api: VcApi, suite: str | None) -> None:
    """Whatever secures it (even JCS and vc+jwt, which do not need JSON-LD), a property or a
    type no context defines is refused, as a null-base JSON-LD processor would drop it."""
    undefined_property = credential(credentialSubject={"id": "did:example:a", "undefinedTerm": 1})
    undefined_type = credential(type=["VerifiableCredential", "InvalidType"])
    for document in (undefined_property, undefined_type):
        document["issuer"] = issuer_of(suite)
        options = {"cryptosuite": suite} if suite else {}
        answer = await api.post("/credentials/issue", {"credential": document, "options": options})
        assert answer.status_code == 422
        assert answer.json()["code"] == "undefined-term"


async def test_a_vc_1_1_credential_gets_a_proof_not_an_envelope(api: VcApi) -> None:
    """The Data Integrity suites still issue VC 1.1 credentials: the proof's terms then come
    from the Data Integrity context, which is added. VC-JOSE-COSE secures VC 2.0 only."""
    v1 = "https://www.w3.org/2018/credentials/v1"
    document = {
        "@context": [v1],
        "id": "urn:uuid:86294362-4254-4f36-854f-3952fe42555d",
        "type": ["VerifiableCredential"],
        "issuer": ED25519.did,
        "issuanceDate": "2020-03-16T22:37:26Z",
        "credentialSubject": {"id": "did:example:holder"},
    }
    issued = await api.issue(document, "eddsa-rdfc-2022")
    assert issued["@context"] == [v1, "https://w3id.org/security/data-integrity/v2"]
    assert verify_proof(issued, resolve_key=resolve_did_key).ok
    answer = await api.post("/credentials/issue", {"credential": document})
    assert (answer.status_code, answer.json()["code"]) == (422, "not-issuable")


OPTIONS = {
    "a DataIntegrityProof without cryptosuite": {"type": "DataIntegrityProof"},
    "an envelope with a cryptosuite": {
        "type": "EnvelopedVerifiableCredential",
        "cryptosuite": "eddsa-rdfc-2022",
    },
    "an ecdsa suite for the Ed25519 issuer": {"cryptosuite": "ecdsa-rdfc-2019"},
}


@pytest.mark.parametrize("case", sorted(OPTIONS))
async def test_options_it_cannot_follow(api: VcApi, case: str) -> None:
    body = {"credential": credential(ED25519.did), "options": OPTIONS[case]}
    answer = await api.post("/credentials/issue", body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "unsupported-proof-options"


MALFORMED = {
    "unknown cryptosuite": {"credential": {}, "options": {"cryptosuite": "bbs-2023"}},
    "unknown option": {"credential": {}, "options": {"mandatoryPointers": []}},
    "credential not an object": {"credential": "a string"},
    "no credential": {"options": {}},
    "unknown member": {"credential": {}, "extra": 1},
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
async def test_malformed_requests(api: VcApi, case: str) -> None:
    answer = await api.post("/credentials/issue", MALFORMED[case])
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == "vc-api-bad-request"


async def test_limits_of_the_body(api: VcApi, client: AsyncTestClient[Any]) -> None:
    headers = {**api.headers, "Content-Type": "application/json"}
    too_deep = '{"credential": ' + "[" * 100 + "]" * 100 + "}"
    answer = await client.post("/credentials/issue", content=too_deep, headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (400, "malformed-json")
    answer = await client.post("/credentials/issue", content=b"{not json", headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (400, "malformed-json")
    big = {"credential": credential(credentialSubject={"id": "x:y", "name": "a" * 300_000})}
    answer = await api.post("/credentials/issue", big)
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("application/problem+json")
    text = {**api.headers, "Content-Type": "text/plain"}
    answer = await client.post("/credentials/issue", content=b"{}", headers=text)
    assert (answer.status_code, answer.json()["code"]) == (415, "unsupported-media-type")


async def test_a_refusal_names_every_member_at_fault(api: VcApi) -> None:
    document = credential(id="not a url", evidence={"id": "urn:x:1"})
    answer = await api.post("/credentials/issue", {"credential": document})
    assert answer.status_code == 422
    assert [error["key"] for error in answer.json()["errors"]] == ["id", "evidence[0].type"]


@pytest.mark.parametrize("suite", [*SUITES, None])
async def test_a_context_json_ld_processing_trips_over_is_refused(
    api: VcApi, suite: str | None
) -> None:
    """`"@vocab": null` in a scoped context where no vocabulary is set made pyld raise
    KeyError: a 500 during the W3C data model suite. Now a problem, nothing signed."""
    document = credential(credentialSubject={"@context": {"@vocab": None}, "id": "did:example:a"})
    document["issuer"] = issuer_of(suite)
    options = {"cryptosuite": suite} if suite else {}
    answer = await api.post("/credentials/issue", {"credential": document, "options": options})
    assert 400 <= answer.status_code < 500, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
