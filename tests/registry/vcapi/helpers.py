"""Calls to the VC API for its tests, as an integrator account makes them."""

from __future__ import annotations

import base64
import json
from typing import Any

from litestar.testing import AsyncTestClient

from credentials.presentation import ENVELOPED_PREFIX
from registry.vcapi.keys import api_issuer
from tests.conftest import Accounts

SECRET = "test-secret"  # the test settings' secret key (tests/conftest.py)
ED25519 = api_issuer(SECRET, "Ed25519")
P256 = api_issuer(SECRET, "P-256")
SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019")
HOLDER = "did:example:holder"


def credential(issuer: str | None = ED25519.did, **extra: Any) -> dict[str, Any]:
    """A small VC 2.0 credential with terms the VC 2.0 context defines."""
    document: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:6a0a3f6e-5a9c-4f0e-9d0e-1d1c6c2f9a01",
        "type": ["VerifiableCredential"],
        "name": "Laadpaal installeren",
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": HOLDER, "name": "Sam"},
        **extra,
    }
    if issuer is not None:
        document["issuer"] = issuer
    return document


def issuer_of(suite: str | None) -> str:
    return P256.did if suite == "ecdsa-rdfc-2019" else ED25519.did


def payload_of(envelope: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and payload of an enveloped `vc+jwt` credential (not verified)."""
    token = envelope["id"].removeprefix(ENVELOPED_PREFIX)
    header, payload, _ = token.split(".")

    def part(text: str) -> dict[str, Any]:
        decoded: dict[str, Any] = json.loads(
            base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        )
        return decoded

    return part(header), part(payload)


class VcApi:
    """The three routes, with an integrator's bearer token."""

    def __init__(self, client: AsyncTestClient[Any], headers: dict[str, str]) -> None:
        self.client = client
        self.headers = headers

    @classmethod
    async def integrator(cls, client: AsyncTestClient[Any], accounts: Accounts) -> VcApi:
        return cls(client, await accounts.headers("integrator"))

    async def post(self, path: str, body: Any) -> Any:
        return await self.client.post(path, json=body, headers=self.headers)

    async def issue(self, document: dict[str, Any], suite: str | None = None) -> dict[str, Any]:
        options = {"type": "DataIntegrityProof", "cryptosuite": suite} if suite else {}
        answer = await self.post("/credentials/issue", {"credential": document, "options": options})
        assert answer.status_code == 201, answer.text
        issued: dict[str, Any] = answer.json()["verifiableCredential"]
        return issued

    async def verify(self, secured: dict[str, Any] | str) -> Any:
        return await self.post("/credentials/verify", {"verifiableCredential": secured})


def failed(answer: Any) -> list[tuple[str, str]]:
    return [(check["name"], check["code"]) for check in answer.json()["errors"]]


async def verified(api: VcApi, secured: dict[str, Any] | str) -> dict[str, Any]:
    answer = await api.verify(secured)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    assert body["verified"] is True
    assert body["errors"] == []
    return body


async def refused(api: VcApi, secured: dict[str, Any] | str, verdict: str) -> list[Any]:
    answer = await api.verify(secured)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert (body["code"], body["verified"], body["verdict"]) == ("not-verified", False, verdict)
    assert body["report"]["verdict"] == verdict
    return failed(answer)
