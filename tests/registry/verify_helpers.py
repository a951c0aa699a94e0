"""Verifying a credential the registry issued as an outside verifier would: through
`POST /api/verify`, and offline with `registry verify` and the files the registry serves."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from litestar.testing import AsyncTestClient

from credentials.jws import parse_compact
from registry.cli import main
from tests.conftest import BASE_URL

Client = AsyncTestClient[Any]


async def verify_api(client: Client, jws: str) -> dict[str, Any]:
    """`POST /api/verify` with a credential as `application/vc+jwt`: the report."""
    response = await client.post(
        "/api/verify", content=jws, headers={"Content-Type": "application/vc+jwt"}
    )
    assert response.status_code == 200, response.text
    report: dict[str, Any] = response.json()
    return report


def check_of(report: dict[str, Any], name: str) -> tuple[str, str]:
    """The status and code of the report's check `name`."""
    found = next(c for c in report["checks"] if c["name"] == name)
    return found["status"], found["code"]


async def verify_cli(client: Client, tmp_path: Path, jws: str) -> tuple[int, dict[str, Any]]:
    """`registry verify` with what a verifier downloads: the signed trust list, the operator's
    DID document as its anchor, and the credential's status lists (revocation, suspension)."""
    status_url = json.loads(parse_compact(jws).payload)["credentialStatus"]
    status_path = status_url["statusListCredential"].removeprefix(BASE_URL)
    files = {
        "credential.jws": jws,
        "trust-list.jws": (await client.get("/trust-list")).text,
        "did.json": (await client.get("/.well-known/did.json")).text,
        "status.jws": (await client.get(status_path)).text,
        "suspension.jws": (await client.get(f"{status_path}/suspension")).text,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    args = [
        "verify",
        str(tmp_path / "credential.jws"),
        *("--trust-list", str(tmp_path / "trust-list.jws")),
        *("--trust-anchor", str(tmp_path / "did.json")),
        *("--status-list", str(tmp_path / "status.jws")),
        *("--status-list", str(tmp_path / "suspension.jws")),
        "--json",
    ]
    result = await asyncio.to_thread(
        CliRunner().invoke, main, args, env={"REGISTRY_DATABASE_URL": ""}
    )
    assert result.exit_code in (0, 1), result.output + result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, report
