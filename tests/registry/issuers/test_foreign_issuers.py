"""Issuers of other systems: the operator accredits one with its key document
(`POST /api/accreditations` with `issuer` and `keyDocument`), it appears on the trust list,
and its credentials then verify `valid` here."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from credentials.keys import SigningKey
from tests.catalogue.helpers import Catalogue
from tests.conftest import BASE_URL
from tests.credentials.test_keysource import ISSUER, KEY_URL, foreign_token, profile
from tests.credentials.test_verify import MODULE_URL, World
from tests.registry.issuers.test_issuers import operator_trust_list

Client = AsyncTestClient[Any]
VC = {"Content-Type": "application/vc+jwt"}


def body(key: SigningKey, **changes: Any) -> dict[str, Any]:
    return {
        "issuer": ISSUER,
        "name": "Elders Opleidingen",
        "keyDocument": profile(key),
        "kind": "module-certificate",
        "achievements": [MODULE_URL],
        "validFrom": "2020-01-01T00:00:00Z",
    } | changes


async def test_a_foreign_issuer_accredited_with_its_key_document(
    client: Client, cat: Catalogue
) -> None:
    key = SigningKey.generate()
    token = foreign_token(World(), key, KEY_URL)
    before = await client.post("/api/verify", content=token, headers=VC)
    assert before.json()["verdict"] == "cannot-verify"

    response = await client.post("/api/accreditations", json=body(key), headers=cat.operator)
    assert response.status_code == 201, response.text
    made = response.json()
    assert (made["issuer"], made["provider"], made["active"]) == (ISSUER, None, True)

    trust_list = await operator_trust_list(client)
    listed = trust_list.trusted_issuer(ISSUER)
    assert listed is not None
    assert [k.kid for k in listed.keys] == [KEY_URL]
    assert listed.accreditations[0].achievements == [MODULE_URL]
    report = (await client.post("/api/verify", content=token, headers=VC)).json()
    assert report["verdict"] == "valid", report
    assert report["credential"]["trustedIssuerName"] == "Elders Opleidingen"
    listing = await client.get("/api/accreditations", headers=cat.operator)
    assert ISSUER in [a["issuer"] for a in listing.json()]

    ended = await client.delete(f"/api/accreditations/{made['id']}", headers=cat.operator)
    assert ended.status_code == 200, ended.text
    assert ended.json()["active"] is False


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"provider": "opleider-a"}, "one-of-required"),
        ({"keyDocument": {"id": "https://other.example/x", "publicKey": []}}, "no-issuer-keys"),
        ({"keyDocument": {"no": "id"}}, "bad-key-document"),
        ({"issuer": "did:web:testserver.local:issuers:opleider-a"}, "own-issuer"),
        ({"issuer": "ftp://x.example/i"}, "bad-issuer"),
        ({"achievements": ["not-a-url"]}, "unknown-achievement"),
        ({"name": None}, "one-of-required"),
        # "Any" module certificate would cover this registry's own modules too: they count
        # towards its qualifications and are their providers' to certify.
        ({"achievements": []}, "foreign-scope"),
        ({"achievements": [f"{BASE_URL}/api/catalogue/modules/"]}, "foreign-scope"),
        ({"achievements": [f"{BASE_URL}/api/catalogue/modules/1/versions/1"]}, "foreign-scope"),
        ({"achievements": [f"{BASE_URL}/"]}, "foreign-scope"),
    ],
)  # fmt: skip
async def test_foreign_accreditation_input_is_checked(
    client: Client, cat: Catalogue, changes: dict[str, Any], code: str
) -> None:
    data = {k: v for k, v in body(SigningKey.generate(), **changes).items() if v is not None}
    response = await client.post("/api/accreditations", json=data, headers=cat.operator)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code
    assert (await operator_trust_list(client)).trusted_issuer(ISSUER) is None


async def test_only_the_operator_accredits_a_foreign_issuer(client: Client, cat: Catalogue) -> None:
    response = await client.post(
        "/api/accreditations", json=body(SigningKey.generate()), headers=cat.provider_a
    )
    assert response.status_code == 403


async def test_a_key_the_foreign_issuers_document_did_not_give_cannot_be_checked(
    client: Client, cat: Catalogue
) -> None:
    """Unlike our own issuers' (QA 18e), a foreign issuer's keys are those of the document
    it gave once: a newer key of its own is unknown here, not proof of a forgery."""
    response = await client.post(
        "/api/accreditations", json=body(SigningKey.generate()), headers=cat.operator
    )
    assert response.status_code == 201, response.text
    token = foreign_token(World(), SigningKey.generate(), f"{ISSUER}#key-2")
    report = (await client.post("/api/verify", content=token, headers=VC)).json()
    assert report["verdict"] == "cannot-verify", report
    assert {c["name"]: c["code"] for c in report["checks"]}["issuer-key"] == "issuer-key-unknown"


async def test_a_foreign_evc_accreditation_may_still_cover_any_standard(
    client: Client, cat: Catalogue
) -> None:
    data = body(SigningKey.generate(), kind="evc", achievements=[])
    response = await client.post("/api/accreditations", json=data, headers=cat.operator)
    assert response.status_code == 201, response.text
