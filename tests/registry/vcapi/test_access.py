"""Who may call the VC API, and that it is off unless REGISTRY_VC_API=on."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from click.testing import CliRunner
from litestar.testing import AsyncTestClient

from registry.app import create_app
from registry.cli import main
from registry.settings import Settings, settings_from_env
from schemas.common import ROLES
from tests.conftest import BASE_URL, Accounts
from tests.registry.vcapi.helpers import ED25519, P256, SECRET, credential

PATHS = (
    "/credentials/issue",
    "/credentials/verify",
    "/credentials/status",
    "/presentations/verify",
)


def test_off_unless_the_environment_says_on(tmp_path: Any) -> None:
    env = {"REGISTRY_SECRET_KEY": "s", "REGISTRY_VAR_DIR": str(tmp_path)}
    assert settings_from_env(env).vc_api is False
    assert settings_from_env({**env, "REGISTRY_VC_API": "yes"}).vc_api is False
    assert settings_from_env({**env, "REGISTRY_VC_API": "on"}).vc_api is True
    assert Settings(database_url="", secret_key="").vc_api is False


async def test_off_its_paths_are_not_found(settings: Settings, accounts: Accounts) -> None:
    off = create_app(msgspec.structs.replace(settings, vc_api=False))
    async with AsyncTestClient(off, base_url=BASE_URL) as client:
        for path in PATHS:
            answer = await client.post(path, json={"credential": credential()})
            assert answer.status_code == 404, path
            assert answer.headers["content-type"].startswith("application/problem+json")
            assert answer.json()["code"] == "not-found"


@pytest.mark.parametrize("role", ["operator", "integrator"])
async def test_the_operator_and_integrators_may_issue(
    client: AsyncTestClient[Any], accounts: Accounts, role: Any
) -> None:
    body = {"credential": credential(), "options": {"cryptosuite": "eddsa-jcs-2022"}}
    answer = await client.post(
        "/credentials/issue", json=body, headers=await accounts.headers(role)
    )
    assert answer.status_code == 201, answer.text


async def test_every_other_caller_is_refused(
    client: AsyncTestClient[Any], accounts: Accounts, cat: Any
) -> None:
    body = {"credential": credential()}
    for path in PATHS:
        answer = await client.post(path, json=body)
        assert (answer.status_code, answer.json()["code"]) == (401, "not-authenticated")
    for role in set(ROLES) - {"operator", "integrator"}:
        provider = "opleider-a" if role in ("provider", "assessor") else None
        headers = await accounts.headers(role, provider=provider)
        for path in PATHS:
            answer = await client.post(path, json=body, headers=headers)
            assert (answer.status_code, answer.json()["code"]) == (403, "role-not-allowed"), role


@pytest.mark.parametrize("role", ["operator", "integrator"])
async def test_the_operator_and_integrators_may_change_a_status(
    client: AsyncTestClient[Any], accounts: Accounts, role: Any
) -> None:
    headers = await accounts.headers(role)
    body = {"credential": credential(), "options": {"cryptosuite": "eddsa-jcs-2022"}}
    assert (await client.post("/credentials/issue", json=body, headers=headers)).is_success
    entry = {"type": "BitstringStatusListEntry", "statusPurpose": "suspension"}
    change = {"credentialId": credential()["id"], "credentialStatus": entry}
    answer = await client.post("/credentials/status", json=change, headers=headers)
    assert answer.status_code == 200, answer.text


async def test_the_status_lists_are_public_and_off_with_the_api(
    client: AsyncTestClient[Any], accounts: Accounts, settings: Settings
) -> None:
    body = {"credential": credential(), "options": {"cryptosuite": "eddsa-jcs-2022"}}
    headers = await accounts.headers("integrator")
    issued = (await client.post("/credentials/issue", json=body, headers=headers)).json()
    url = issued["verifiableCredential"]["credentialStatus"][0]["statusListCredential"]
    path = url.removeprefix(BASE_URL)
    assert (await client.get(path)).status_code == 200
    off = create_app(msgspec.structs.replace(settings, vc_api=False))
    async with AsyncTestClient(off, base_url=BASE_URL) as off_client:
        assert (await off_client.get(path)).status_code == 404


def test_the_cli_prints_the_api_issuer_dids(tmp_path: Any) -> None:
    env = {"REGISTRY_SECRET_KEY": SECRET, "REGISTRY_VAR_DIR": str(tmp_path)}
    result = CliRunner().invoke(main, ["vc-api-keys"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"Ed25519": ED25519.did, "P-256": P256.did}
