"""The self-contained wallet bundle (`GET /api/me/export`) and `registry verify --bundle`:
verified offline with nothing but the file, in a network namespace with no network at all."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid
from credentials.status import StatusList, status_list_credential
from registry.cli import main
from tests.registry.wallet_helpers import Person, World

OFFLINE = shutil.which("unshare")


async def _bundle(world: World, worker: Person) -> dict[str, Any]:
    response = await world.client.get("/api/me/export", headers=worker.headers)
    assert response.status_code == 200, response.text
    bundle: dict[str, Any] = response.json()
    return bundle


def _verify(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(main, ["verify", "--bundle", str(path), "--json", *extra])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.output)
    return result.exit_code, report


def _offline_verify(path: Path) -> subprocess.CompletedProcess[str]:
    """`registry verify --bundle` in a new user and network namespace: not even loopback is
    up, so nothing can be fetched; no REGISTRY_* setting, so no database is read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    cli = [sys.executable, "-c", "from registry.cli import main; main()"]
    return subprocess.run(
        [OFFLINE or "unshare", "-rn", *cli, "verify", "--bundle", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=path.parent,
        timeout=120,
        check=False,
    )


def _verdicts(report: dict[str, Any]) -> dict[str, str]:
    return {item["id"]: item["verdict"] for item in report["credentials"]}


@pytest.mark.skipif(OFFLINE is None, reason="needs unshare to take the network away")
async def test_the_bundle_verifies_offline_with_nothing_but_the_file(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    issued = [await world.issue(worker), await world.issue_evc(worker)]
    bundle = await _bundle(world, worker)
    assert bundle["format"] == "llo-wallet-bundle/1"
    assert bundle["trustList"].count(".") == 2
    # Both issuers' DID documents; a revocation and a suspension list for each list used.
    assert len(bundle["didDocuments"]) == 2
    assert len(bundle["statusLists"]) in (4, 6)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    done = _offline_verify(path)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["verdict"] == "valid"
    assert _verdicts(report) == {i["id"]: "valid" for i in issued}
    assert report["anchorInBundle"] is True
    assert report["statusStale"] is False
    checks = report["credentials"][0]["report"]["checks"]
    assert {"name": "status", "status": "passed", "code": "active", "message": ""} in checks


async def test_a_revoked_credential_in_the_bundle_reads_revoked(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    kept, revoked = await world.issue(worker), await world.issue_evc(worker)
    await world.revoke(revoked["id"], world.assessor)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(await _bundle(world, worker)))
    code, report = _verify(path)
    assert code == 1
    assert report["verdict"] == "revoked"
    assert _verdicts(report) == {kept["id"]: "valid", revoked["id"]: "revoked"}


async def test_a_tampered_credential_reads_invalid(world: World, tmp_path: Path) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    first, second = await world.issue(worker), await world.issue_evc(worker)
    bundle = await _bundle(world, worker)
    entry = next(c for c in bundle["credentials"] if c["id"] == second["id"])
    header, payload, signature = entry["credential"].split(".")
    claims = json.loads(_b64decode(payload))
    claims["credentialSubject"]["name"] = "Iemand anders"
    entry["credential"] = ".".join([header, _b64encode(json.dumps(claims)), signature])
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    code, report = _verify(path)
    assert code == 1
    assert _verdicts(report) == {first["id"]: "valid", second["id"]: "invalid"}


async def test_old_status_lists_are_reported_stale_with_their_age(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    active, revoked = await world.issue(worker), await world.issue_evc(worker)
    await world.revoke(revoked["id"], world.assessor)
    bundle = await _bundle(world, worker)
    checked = dt.datetime.fromisoformat(bundle["statusCheckedAt"])
    bundle["statusCheckedAt"] = (checked - dt.timedelta(days=40)).isoformat()
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    code, report = _verify(path)
    assert code == 1
    assert (report["statusStale"], report["statusAgeDays"], report["statusMaxAgeDays"]) == (
        True,
        40,
        30,
    )
    # Active in lists 40 days old: no longer known. Revoked: final, so still revoked.
    assert _verdicts(report) == {active["id"]: "cannot-verify", revoked["id"]: "revoked"}
    item = next(i for i in report["credentials"] if i["id"] == active["id"])
    status = next(c for c in item["report"]["checks"] if c["name"] == "status")
    assert status["code"] == "status-stale"
    assert "40 days old" in status["message"]
    # A longer maximum age, stated on the command line, makes them fresh again.
    code, report = _verify(path, "--max-status-age", "60")
    assert (code, report["statusStale"]) == (1, False)
    assert _verdicts(report)[active["id"]] == "valid"
    text = CliRunner().invoke(main, ["verify", "--bundle", str(path)]).output
    assert "days old, at most 30 days: STALE" in text
    assert "trust anchor: the operator document in the bundle" in text


async def test_the_bundles_own_maximum_age_and_a_future_check_are_not_believed(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    await world.issue(worker)
    bundle = await _bundle(world, worker)
    checked = dt.datetime.fromisoformat(bundle["statusCheckedAt"])
    # The file's statusMaxAgeDays is unsigned: 701-day-old lists are stale whatever it says.
    bundle["statusCheckedAt"] = (checked - dt.timedelta(days=701)).isoformat()
    bundle["statusMaxAgeDays"] = 100000
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    code, report = _verify(path)
    assert (code, report["verdict"], report["statusMaxAgeDays"]) == (1, "cannot-verify", 30)
    assert (report["statusStale"], report["statusAgeDays"]) == (True, 701)
    # Checked "tomorrow": the age is unknown, so not fresh.
    bundle["statusCheckedAt"] = (checked + dt.timedelta(days=1)).isoformat()
    path.write_text(json.dumps(bundle))
    code, report = _verify(path)
    assert (code, report["verdict"], report["statusStale"]) == (1, "cannot-verify", True)
    status = _status_check(report)
    assert status["code"] == "status-stale"
    assert "in the future" in status["message"]
    text = CliRunner().invoke(main, ["verify", "--bundle", str(path)]).output
    assert "STALE (checked in the future)" in text
    # Within a minute of clock skew it is still fresh.
    bundle["statusCheckedAt"] = (checked + dt.timedelta(seconds=20)).isoformat()
    path.write_text(json.dumps(bundle))
    assert _verify(path)[1]["verdict"] == "valid"


async def test_a_given_trust_anchor_is_used_instead_of_the_bundles(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    await world.issue(worker)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(await _bundle(world, worker)))
    anchor = tmp_path / "did.json"
    anchor.write_text((await world.client.get("/.well-known/did.json")).text)
    code, report = _verify(path, "--trust-anchor", str(anchor))
    assert (code, report["anchor"], report["anchorInBundle"]) == (0, str(anchor), False)
    # Another operator's key: the bundle's trust list is not theirs, nothing is verified.
    other = tmp_path / "other.json"
    other.write_text(json.dumps(SigningKey.generate().public.jwk()))
    result = CliRunner().invoke(
        main, ["verify", "--bundle", str(path), "--trust-anchor", str(other)]
    )
    assert result.exit_code == 2
    assert "cannot use the given files" in result.output
    assert did_key(SigningKey.generate().public) not in result.output


async def _suspended_bundle(world: World, worker: Person) -> tuple[dict[str, Any], str]:
    """A bundle with one credential, suspended, and the URL of its suspension list."""
    issued = await world.issue(worker)
    response = await world.client.post(
        f"/api/credentials/{issued['id']}/suspend", headers=world.provider
    )
    assert response.status_code == 200, response.text
    bundle = await _bundle(world, worker)
    ids = [_payload(token)["id"] for token in bundle["statusLists"]]
    suspension = next(url for url in ids if url.endswith("/suspension"))
    return bundle, suspension


def _status_check(report: dict[str, Any]) -> dict[str, Any]:
    checks = report["credentials"][0]["report"]["checks"]
    found: dict[str, Any] = next(c for c in checks if c["name"] == "status")
    return found


async def test_a_suspended_credential_without_its_suspension_list_cannot_be_verified(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    bundle, suspension = await _suspended_bundle(world, worker)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    assert _verify(path)[1]["verdict"] == "suspended"
    # The suspension list left out: the status is unknown, not "valid".
    bundle["statusLists"] = [
        token for token in bundle["statusLists"] if _payload(token)["id"] != suspension
    ]
    path.write_text(json.dumps(bundle))
    code, report = _verify(path)
    assert (code, report["verdict"]) == (1, "cannot-verify")
    assert _status_check(report)["code"] == "status-unavailable"
    assert suspension in _status_check(report)["message"]


async def test_a_suspension_list_signed_by_another_issuer_is_not_relied_on(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    bundle, suspension = await _suspended_bundle(world, worker)
    # Someone else's validly signed list under the same URL, with every bit clear.
    other = SigningKey.generate()
    document = status_list_credential(
        id=suspension,
        issuer=did_key(other.public),
        purpose="suspension",
        encoded_list=StatusList.new().encode(),
        valid_from=dt.datetime.now(dt.UTC),
    )
    forged = sign_compact(
        json.dumps(document).encode(), other, kid=holder_kid(other.public), typ="vc+jwt"
    )
    bundle["statusLists"] = [
        forged if _payload(token)["id"] == suspension else token for token in bundle["statusLists"]
    ]
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    code, report = _verify(path)
    assert (code, report["verdict"]) == (1, "cannot-verify")
    assert _status_check(report)["code"] == "status-unavailable"
    assert "not signed by the credential's issuer" in _status_check(report)["message"]


async def test_a_single_file_with_only_the_revocation_list_cannot_be_verified(
    world: World, tmp_path: Path
) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    bundle, suspension = await _suspended_bundle(world, worker)
    files = {
        "cred.jwt": bundle["credentials"][0]["credential"],
        "tl.jwt": bundle["trustList"],
        "op.json": json.dumps(bundle["operatorDocument"]),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    lists = []
    for number, token in enumerate(bundle["statusLists"]):
        lists.append(tmp_path / f"list{number}.jwt")
        lists[-1].write_text(token)
    revocation = [
        p
        for p, t in zip(lists, bundle["statusLists"], strict=True)
        if _payload(t)["id"] != suspension
    ]
    args = [
        "verify",
        str(tmp_path / "cred.jwt"),
        "--json",
        "--trust-list",
        str(tmp_path / "tl.jwt"),
        "--trust-anchor",
        str(tmp_path / "op.json"),
    ]
    revocation_only = [arg for f in revocation for arg in ("--status-list", str(f))]
    result = CliRunner().invoke(main, [*args, *revocation_only])
    assert result.exit_code == 1, result.output
    assert json.loads(result.output)["verdict"] == "cannot-verify"
    both = [arg for f in lists for arg in ("--status-list", str(f))]
    result = CliRunner().invoke(main, [*args, *both])
    assert json.loads(result.output)["verdict"] == "suspended"


def _payload(token: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(_b64decode(token.split(".")[1]))
    return found


async def test_every_export_is_an_attachment_no_cache_keeps(world: World) -> None:
    """The bundle holds the private holder key; the CLR and EDC personal data."""
    worker = await world.person("worker", "sanne@example.nl", "Sanne")
    await world.issue(worker)
    names = {"": "mijn-cv-bundel.json", "clr": "mijn-cv-clr.jwt", "edc": "mijn-cv-edc.jsonld"}
    for form, filename in names.items():
        query = f"?format={form}" if form else ""
        response = await world.client.get(f"/api/me/export{query}", headers=worker.headers)
        assert response.status_code == 200, response.text
        assert response.headers["cache-control"] == "private, no-store"
        assert response.headers["content-disposition"] == f'attachment; filename="{filename}"'


def test_a_file_that_is_not_a_bundle_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    path.write_text('{"credentials": []}')
    result = CliRunner().invoke(main, ["verify", "--bundle", str(path)])
    assert result.exit_code == 2
    assert "(bad-bundle)" in result.output
    both = CliRunner().invoke(main, ["verify", str(path), "--bundle", str(path)])
    assert both.exit_code == 2


def _b64decode(part: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _b64encode(text: str) -> str:
    import base64

    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
