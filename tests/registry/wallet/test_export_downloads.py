"""One credential to download: the JWS as issued (`.jwt`) and the OB 3.0 JSON credential with
an `eddsa-rdfc-2022` proof its issuer makes at export time (`.json`), which our verifier
accepts."""

from __future__ import annotations

from typing import Any

from tests.registry.wallet_helpers import Person, World, foreign_credential


async def _row_id(world: World, worker: Person, credential_id: str) -> str:
    items = (await world.wallet(worker))["items"]
    row_id: str = next(i["id"] for i in items if i["credentialId"] == credential_id)
    return row_id


async def _download(world: World, worker: Person, row_id: str, form: str) -> Any:
    return await world.client.get(
        f"/api/me/credentials/{row_id}/download?format={form}", headers=worker.headers
    )


async def test_the_jwt_download_is_the_credential_as_issued(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    issued = await world.issue(worker)
    response = await _download(world, worker, await _row_id(world, worker, issued["id"]), "jwt")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vc+jwt")
    assert response.headers["content-disposition"].endswith('.jwt"')
    assert response.text == issued["credential"]


async def test_the_json_download_carries_a_data_integrity_proof_that_verifies(
    world: World,
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    for issued in (await world.issue(worker), await world.issue_evc(worker)):
        row_id = await _row_id(world, worker, issued["id"])
        response = await _download(world, worker, row_id, "json")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/vc")
        assert response.headers["content-disposition"].endswith('.json"')
        document = response.json()
        proof = document["proof"]
        assert (proof["type"], proof["cryptosuite"]) == ("DataIntegrityProof", "eddsa-rdfc-2022")
        assert proof["verificationMethod"].startswith(document["issuer"]["id"] + "#")
        assert document["id"] == issued["id"]
        assert not {"iss", "jti"} & set(document)
        report = await world.verify({"credential": document})
        assert report["verdict"] == "valid", report
        assert {"name": "payload", "status": "passed", "code": "json", "message": ""} in report[
            "checks"
        ]
        # The proof covers the content: another name no longer verifies.
        document["credentialSubject"]["name"] = "Iemand anders"
        assert (await world.verify({"credential": document}))["verdict"] == "invalid"


async def test_downloads_are_refused_where_there_is_nothing_to_give(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    other = await world.person("worker", "kim@example.nl", "Kim")
    theirs = await world.issue(other)
    response = await _download(world, worker, await _row_id(world, other, theirs["id"]), "jwt")
    assert response.status_code == 404
    assert response.json()["code"] == "credential-not-in-wallet"
    holder = (await world.wallet(worker))["holder"]
    imported = await world.client.post(
        "/api/me/credentials/import",
        json={"credential": foreign_credential(holder)},
        headers=worker.headers,
    )
    assert imported.status_code == 201, imported.text
    row_id = imported.json()["credential"]["id"]
    # Kept as its issuer made it: a JWS, which only that issuer could give another form.
    response = await _download(world, worker, row_id, "json")
    assert response.status_code == 409
    assert response.json()["code"] == "no-download-form"
    assert (await _download(world, worker, row_id, "jwt")).status_code == 200
    response = await _download(world, worker, row_id, "pdf")
    assert response.status_code == 400
