"""`registry verify`: offline verification from local files; exit 0 only for `valid`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import msgspec
from click.testing import CliRunner

from credentials.issue import issue_deelcertificaat
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid, present
from credentials.status import status_list_credential
from registry.cli import main
from schemas.credentials import Party
from tests.credentials.test_issue import deelcertificaat_input
from tests.credentials.test_verify import ISSUER_DID, REVOCATION, SUSPENSION, World
from tests.credentials.test_verify_scope import _module, _prefix_scoped


def _files(world: World, tmp_path: Path, token: str) -> list[str]:
    world.now = dt.datetime.now(dt.UTC)
    (tmp_path / "credential.jws").write_text(token + "\n")
    (tmp_path / "trust.json").write_bytes(msgspec.json.encode(world.trust_list))
    # The revocation list and its sibling suspension list: a verifier needs both.
    for url, purpose, name in (
        (REVOCATION, "revocation", "status.jws"),
        (SUSPENSION, "suspension", "suspension.jws"),
    ):
        status = status_list_credential(
            id=url,
            issuer=ISSUER_DID,
            purpose=purpose,
            encoded_list=world.lists[url].encode(),
            valid_from=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        signed = sign_compact(
            json.dumps(status).encode(), world.issuer_key, kid=world.kid, typ="vc+jwt"
        )
        (tmp_path / name).write_text(signed)
    return [
        "verify",
        str(tmp_path / "credential.jws"),
        "--trust-list",
        str(tmp_path / "trust.json"),
        "--status-list",
        str(tmp_path / "status.jws"),
        "--status-list",
        str(tmp_path / "suspension.jws"),
    ]


def test_valid_credential_exits_zero(tmp_path: Path) -> None:
    world = World()
    result = CliRunner().invoke(main, [*_files(world, tmp_path, world.credential()), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["verdict"] == "valid"
    assert report["credential"]["achievement"] == "Laadpaalmonteur"


def test_revoked_credential_exits_one(tmp_path: Path) -> None:
    world = World()
    token = world.credential()
    world.lists[REVOCATION].set(7, True)
    result = CliRunner().invoke(main, _files(world, tmp_path, token))
    assert result.exit_code == 1
    assert result.output.startswith("verdict: revoked")
    assert "[FAIL] status: revoked" in result.output
    # Whose it is, and an issuer named by the trust list (not only by the credential).
    assert "in the name of Sam de Vries (compare with an identity document)" in result.output
    assert "not confirmed" not in result.output


def test_an_issuer_name_the_trust_list_does_not_give_is_marked_as_claimed(
    tmp_path: Path,
) -> None:
    world = World()
    stranger = SigningKey.generate()
    data = deelcertificaat_input(
        issuer=Party(id=did_key(stranger.public), name="Techniek College Rijnmond"),
        holder=Party(id=world.holder_did, name="Sam de Vries"),
        status=[],
    )
    token = issue_deelcertificaat(data, stranger, kid=holder_kid(stranger.public)).jws
    result = CliRunner().invoke(main, _files(world, tmp_path, token))
    assert result.output.startswith("verdict: untrusted-issuer")
    assert "from Techniek College Rijnmond (as the credential claims; not confirmed)" in (
        result.output
    )
    assert "in the name of Sam de Vries" in result.output


def test_without_trust_list_or_status_it_is_not_valid(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    without_status = CliRunner().invoke(main, [*args[:4], "--json"])
    assert json.loads(without_status.output)["verdict"] == "cannot-verify"
    assert without_status.exit_code == 1
    without_trust = CliRunner().invoke(main, [args[0], args[1], "--json"])
    assert json.loads(without_trust.output)["verdict"] != "valid"
    assert without_trust.exit_code == 1


def test_forged_status_list_is_refused(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    status = json.loads(
        __import__("base64").urlsafe_b64decode(
            (tmp_path / "status.jws").read_text().split(".")[1] + "=="
        )
    )
    from credentials.keys import SigningKey

    forged = sign_compact(
        json.dumps(status).encode(), SigningKey.generate(), kid=world.kid, typ="vc+jwt"
    )
    (tmp_path / "status.jws").write_text(forged)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "signature" in result.stderr


def test_presentation(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    now = dt.datetime.now(dt.UTC)
    vp = present(
        [world.credential()],
        world.holder_key,
        holder_did=world.holder_did,
        audience="https://werkgever.example",
        nonce="abc",
        issued_at=now,
        expires_at=now + dt.timedelta(hours=1),
    )
    (tmp_path / "vp.jws").write_text(vp)
    args[1] = str(tmp_path / "vp.jws")
    result = CliRunner().invoke(
        main, [*args, "--audience", "https://werkgever.example", "--nonce", "abc"]
    )
    assert result.exit_code == 0, result.output
    assert "credential 1:" in result.output
    replay = CliRunner().invoke(main, [*args, "--audience", "https://iemand-anders.example"])
    assert replay.exit_code == 1


def test_key_document_resolves_an_https_key_url(tmp_path: Path) -> None:
    from tests.credentials.test_keysource import KEY_URL, foreign_token, profile

    world = World()
    key = SigningKey.generate()
    args = _files(world, tmp_path, foreign_token(world, key, KEY_URL))
    (tmp_path / "issuer.json").write_text(json.dumps(profile(key)))
    without = CliRunner().invoke(main, [*args, "--json"])
    assert json.loads(without.output)["verdict"] == "cannot-verify"
    result = CliRunner().invoke(
        main, [*args, "--key-document", str(tmp_path / "issuer.json"), "--json"]
    )
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["verdict"] == "untrusted-issuer"
    assert {"name": "issuer-binding", "status": "passed", "code": "issuers-key"}.items() <= next(
        c for c in report["checks"] if c["name"] == "issuer-binding"
    ).items()


def test_unusable_key_documents_exit_2_with_a_code(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    for content in ("not json", '{"no": "id"}', '{"kty": "OKP"}'):
        bad = tmp_path / "key.json"
        bad.write_text(content)
        result = CliRunner().invoke(main, [*args, "--key-document", str(bad)])
        assert result.exit_code == 2, (content, result.output)
        assert "bad-key-document" in result.stderr


def test_the_cli_matches_prefix_scopes_on_normalised_urls(tmp_path: Path) -> None:
    """`registry verify` uses the one scope rule of the trust list (QA 18d): a dot segment
    cannot walk out of a prefix; an upper-case host is the same host."""
    world = World()
    world.trust_list = _prefix_scoped(world, "https://example.org/modules/")
    inside = world.credential(module=_module(url="https://EXAMPLE.org/modules/1"))
    result = CliRunner().invoke(main, [*_files(world, tmp_path, inside), "--json"])
    assert result.exit_code == 0, result.output
    escape = world.credential(module=_module(url="https://example.org/modules/../other/1"))
    result = CliRunner().invoke(main, [*_files(world, tmp_path, escape), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert report["verdict"] == "invalid"
    assert {c["name"]: c["code"] for c in report["checks"]}["schema"] == "invalid-achievement-id"
