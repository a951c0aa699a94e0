"""The CV as a CLR 2.0 ClrCredential (`GET /api/me/export?format=clr`): valid against the
1EdTech CLR 2.0 JSON Schema, signed by the operator, its nested credentials each with an
`eddsa-rdfc-2022` proof by their own issuer that our verifier accepts, and read by our CLR
reader (one report per nested credential)."""

from __future__ import annotations

import base64
import json
from typing import Any

from jsonschema import Draft201909Validator
from referencing import Registry, Resource

from credentials.keydocs import KeyStore
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from registry.issuers.trust_lists import registry_verifier
from registry.settings import Settings
from tests.credentials.test_clr import SCHEMA, _no_fetch
from tests.registry.wallet_helpers import World
from tests.web.helpers import Browser


def _validator() -> Draft201909Validator:
    """The CLR 2.0 JSON Schema, offline: registered under its $id, nothing fetched."""
    registry: Registry[Any] = Registry(retrieve=_no_fetch).with_resource(  # type: ignore[call-arg]
        SCHEMA["$id"], Resource.from_contents(SCHEMA)
    )
    return Draft201909Validator(
        SCHEMA, registry=registry, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


def _payload(token: str) -> dict[str, Any]:
    part = token.split(".")[1]
    document: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return document


async def test_the_clr_export_is_schema_valid_and_every_nested_proof_verifies(
    world: World, settings: Settings
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    issued = [await world.issue(worker), await world.issue_evc(worker)]
    response = await world.client.get("/api/me/export?format=clr", headers=worker.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vc+jwt")
    token = response.text
    clr = _payload(token)
    _validator().validate(clr)
    holder = (await world.wallet(worker))["holder"]
    assert clr["credentialSubject"]["id"] == holder
    nested = clr["credentialSubject"]["verifiableCredential"]
    assert sorted(c["id"] for c in nested) == sorted(i["id"] for i in issued)
    operator = (await world.client.get("/.well-known/did.json")).json()
    assert clr["issuer"]["id"] == operator["id"]
    async with world.sessionmaker() as session:
        verifier = await registry_verifier(session, settings)
    for credential in nested:
        assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
        assert verifier.verify(json.dumps(credential)).verdict == "valid"
    # The CLR through our reader, with the operator's DID document to check its signature.
    config = VerifierConfig(
        trust_list=verifier.config.trust_list,
        status_lists=verifier.config.status_lists,
        documents=KeyStore([operator]),
    )
    report = Verifier(config).verify(token)
    checks = {c.name: (c.status, c.code) for c in report.checks}
    assert checks["signature"] == ("passed", "signature-valid")
    assert checks["credentials"] == ("passed", "nested-valid")
    assert [r.verdict for r in report.credentials or []] == ["valid", "valid"]
    # The operator is not accredited to issue CLRs: the CLR's own verdict says so honestly.
    assert report.verdict == "untrusted-issuer"


async def test_the_registry_checks_the_clr_it_exports(world: World) -> None:
    """It knows its own operator key: the CLR reads untrusted-issuer (the operator is
    accredited for nothing) with every nested credential valid, on the API and the page."""
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    await world.issue(worker)
    await world.issue_evc(worker)
    token = (await world.client.get("/api/me/export?format=clr", headers=worker.headers)).text
    response = await world.client.post(
        "/api/verify", content=token, headers={"Content-Type": "application/vc+jwt"}
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["verdict"] == "untrusted-issuer", report
    checks = {c["name"]: (c["status"], c["code"]) for c in report["checks"]}
    assert checks["signature"] == ("passed", "signature-valid")
    assert [r["verdict"] for r in report["credentials"]] == ["valid", "valid"]
    page = await Browser(world.client).post("/controleren", {"jws": token})
    assert page.status_code == 200, page.text
    assert "Probeer het later nog eens" not in page.text
    assert "Kan niet worden gecontroleerd" not in page.text


async def test_a_cv_without_current_credentials_has_no_clr(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    issued = await world.issue(worker)
    await world.revoke(issued["id"])
    response = await world.client.get("/api/me/export?format=clr", headers=worker.headers)
    assert response.status_code == 409
    assert response.json()["code"] == "nothing-to-export"
    response = await world.client.get("/api/me/export?format=pdf", headers=worker.headers)
    assert response.status_code == 400
