"""`registry verify` checks a signed trust list against a trust anchor: an operator DID
document or JWK file (the n-th for the n-th list, or one for all), else the operator key in
REGISTRY_DATABASE_URL; with neither, exit 2 `trust-anchor-missing`. Plain JSON stays trusted
as configured, and the report says it is unsigned."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credentials.b64 import b64url_decode, b64url_encode
from credentials.did import PublishedKey, did_document
from credentials.issue import issue_deelcertificaat, issue_evc
from credentials.keys import SigningKey, did_key
from credentials.trust import TrustList, sign_trust_list
from registry.cli import main
from registry.issuers import keys
from registry.settings import Settings
from schemas.credentials import Party
from schemas.trust import Accreditation, TrustedIssuer, TrustedKey
from tests.credentials.test_issue import deelcertificaat_input, evc_input
from tests.credentials.test_verify import EVC_DID, LONG_AGO, World
from tests.registry.test_cli_verify import _files

NO_DATABASE = {"REGISTRY_DATABASE_URL": ""}


class Operator:
    """An operator key that signs trust lists, and its DID document or JWK as anchor files."""

    def __init__(self, tmp_path: Path, name: str, did: str = "did:web:registry.example") -> None:
        self.key = SigningKey.generate()
        self.did, self.kid = did, f"{did}#{name}"
        self.tmp_path, self.name = tmp_path, name

    def sign(self, trust_list: TrustList, file: str) -> str:
        path = self.tmp_path / file
        path.write_text(sign_trust_list(trust_list, self.key, self.kid))
        return str(path)

    def did_file(self, *, rotated: bool = False) -> str:
        """The DID document; `rotated`: this key retired, a newer one current."""
        published = [PublishedKey(fragment=self.name, key=self.key.public.jwk())]
        if rotated:
            published = [
                PublishedKey(fragment=self.name, key=self.key.public.jwk(), status="retired"),
                PublishedKey(fragment="newer", key=SigningKey.generate().public.jwk()),
            ]
        path = self.tmp_path / f"{self.name}-did.json"
        path.write_text(json.dumps(did_document(self.did, published)))
        return str(path)

    def jwk_file(self) -> str:
        path = self.tmp_path / f"{self.name}.jwk"
        path.write_text(json.dumps(self.key.public.jwk()))
        return str(path)


def run(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, args, env=NO_DATABASE if env is None else env)


def with_list(args: list[str], *lists_and_anchors: str) -> list[str]:
    """`args` from `_files` with its plain trust list replaced by these options."""
    return [*args[:2], *args[4:], *lists_and_anchors]


def split(world: World) -> tuple[TrustList, TrustList]:
    """The world's list as two: the training provider, and the EVC centre."""
    provider, evc = world.trust_list.issuers
    lists = [
        TrustList(id=f"urn:{n}", issuer="x", issued=LONG_AGO, issuers=[i])
        for n, i in (("provider", provider), ("evc", evc))
    ]
    return lists[0], lists[1]


def evc_credential(world: World, tmp_path: Path) -> str:
    data = evc_input(
        issuer=Party(id=EVC_DID, name="EVC Centrum"),
        holder=Party(id=world.holder_did, name="Sam"),
        status=[],
    )
    path = tmp_path / "evc.jws"
    path.write_text(issue_evc(data, world.evc_key, kid=world.evc_kid).jws)
    return str(path)


def test_signed_list_checked_with_a_did_document_or_a_jwk(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    operator = Operator(tmp_path, "op")
    signed = operator.sign(world.trust_list, "trust.jws")
    for anchor in (operator.did_file(), operator.jwk_file()):
        result = run([*with_list(args, "--trust-list", signed, "--trust-anchor", anchor), "--json"])
        assert result.exit_code == 0, result.output + result.stderr
        report = json.loads(result.stdout)
        assert report["verdict"] == "valid"
        assert report["trustLists"] == [
            {"file": signed, "signed": True, "anchor": anchor, "kid": operator.kid}
        ]
    text = run(with_list(args, "--trust-list", signed, "--trust-anchor", operator.jwk_file()))
    assert f"trust list {signed}: signature checked with {operator.jwk_file()}" in text.stdout


def test_edited_or_foreign_signed_lists_are_refused(tmp_path: Path) -> None:
    world = World()
    operator = Operator(tmp_path, "op")
    # The edit: an attacker's did:key issuer, accredited for anything.
    attacker = SigningKey.generate()
    did = did_key(attacker.public)
    kid = f"{did}#{attacker.public.multibase()}"
    head, body, signature = sign_trust_list(world.trust_list, operator.key, operator.kid).split(".")
    wire = msgspec.json.decode(b64url_decode(body))
    wire["issuers"].append(
        msgspec.to_builtins(
            TrustedIssuer(
                did=did,
                name="Nep",
                keys=[TrustedKey(kid=kid, jwk=attacker.public.jwk(), valid_from=LONG_AGO)],
                accreditations=[Accreditation(kind="module-certificate", valid_from=LONG_AGO)],
            )
        )
    )
    (tmp_path / "edited.jws").write_text(
        f"{head}.{b64url_encode(msgspec.json.encode(wire))}.{signature}"
    )
    holder = Party(id=world.holder_did, name="Sam")
    forged = issue_deelcertificaat(
        deelcertificaat_input(issuer=Party(id=did, name="Nep"), holder=holder, status=[]),
        attacker,
        kid=kid,
    ).jws
    args = _files(world, tmp_path, forged)
    edited = str(tmp_path / "edited.jws")
    result = run(with_list(args, "--trust-list", edited, "--trust-anchor", operator.did_file()))
    assert result.exit_code == 2, result.output
    assert "bad-trust-list-signature" in result.stderr
    assert edited in result.stderr

    other = Operator(tmp_path, "other")
    signed = other.sign(world.trust_list, "other.jws")
    for anchor, code in [
        (operator.jwk_file(), "bad-trust-list-signature"),  # another key
        (operator.did_file(), "trust-list-key-unknown"),  # a kid the document does not list
        (other.did_file(rotated=True), "trust-list-key-unknown"),  # a retired operator key
    ]:
        result = run(with_list(args, "--trust-list", signed, "--trust-anchor", anchor))
        assert result.exit_code == 2, (anchor, result.output)
        assert code in result.stderr
    only_retired = tmp_path / "retired.json"
    document = json.loads(Path(other.did_file(rotated=True)).read_text())
    document["verificationMethod"] = document["verificationMethod"][:1]
    only_retired.write_text(json.dumps(document))
    result = run(with_list(args, "--trust-list", signed, "--trust-anchor", str(only_retired)))
    assert result.exit_code == 2
    assert "bad-trust-anchor" in result.stderr


def test_the_nth_anchor_pins_the_nth_list_and_one_pins_all(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    evc = evc_credential(world, tmp_path)
    first, second = Operator(tmp_path, "one"), Operator(tmp_path, "two")
    provider, centre = split(world)
    lists = [
        "--trust-list",
        first.sign(provider, "1.jws"),
        "--trust-list",
        second.sign(centre, "2.jws"),
    ]
    anchors = ["--trust-anchor", first.did_file(), "--trust-anchor", second.jwk_file()]
    for credential in (args[1], evc):  # one issuer from each list
        result = run([args[0], credential, *args[4:], *lists, *anchors, "--json"])
        assert result.exit_code == 0, result.output + result.stderr
        origins = json.loads(result.stdout)["trustLists"]
        assert [o["anchor"] for o in origins] == [first.did_file(), second.jwk_file()]
    swapped = [*anchors[2:], *anchors[:2]]
    assert run(with_list(args, *lists, *swapped)).exit_code == 2
    single = run(with_list(args, *lists, "--trust-anchor", first.did_file()))
    assert single.exit_code == 2  # the second list is not signed by the one anchor
    both = [
        "--trust-list",
        first.sign(provider, "1.jws"),
        "--trust-list",
        first.sign(centre, "3.jws"),
    ]
    result = run([args[0], evc, *args[4:], *both, "--trust-anchor", first.did_file(), "--json"])
    assert result.exit_code == 0, result.output + result.stderr
    assert {o["anchor"] for o in json.loads(result.stdout)["trustLists"]} == {first.did_file()}

    three = [*lists, "--trust-list", args[3]]
    result = run(with_list(args, *three, *anchors))
    assert result.exit_code == 2
    assert "trust-anchor-count" in result.stderr


def test_a_signed_list_without_any_anchor_is_refused(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    signed = Operator(tmp_path, "op").sign(world.trust_list, "trust.jws")
    result = run(with_list(args, "--trust-list", signed))
    assert result.exit_code == 2
    assert "trust-anchor-missing" in result.stderr
    nowhere = tmp_path / "missing" / "registry.sqlite3"
    result = run(
        with_list(args, "--trust-list", signed), {"REGISTRY_DATABASE_URL": f"sqlite:///{nowhere}"}
    )
    assert result.exit_code == 2
    assert "trust-anchor-missing" in result.stderr
    assert not nowhere.exists()  # looking did not create a database


def test_plain_json_stays_trusted_and_is_reported_unsigned(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    result = run([*args, "--json"])
    assert result.exit_code == 0, result.output + result.stderr
    assert json.loads(result.stdout)["trustLists"] == [{"file": args[3], "signed": False}]
    text = run(args)
    assert f"trust list {args[3]}: unsigned JSON, trusted as configured" in text.stdout
    twice = run([*args, "--trust-list", args[3]])  # one issuer on two lists: whose word counts?
    assert twice.exit_code == 2
    assert "trust-list-overlap" in twice.stderr


# The CLI opens the test database itself.
@pytest.mark.committed
async def test_the_registry_database_anchors_signed_lists(
    tmp_path: Path,
    database_url: str,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    env = {"REGISTRY_DATABASE_URL": database_url}
    stranger = Operator(tmp_path, "op").sign(world.trust_list, "stranger.jws")
    result = await asyncio.to_thread(run, with_list(args, "--trust-list", stranger), env)
    assert result.exit_code == 2
    assert "no operator key" in result.stderr
    assert "trust-anchor-missing" in result.stderr

    async with sessionmaker() as session, session.begin():
        operator = await keys.signing_key(session, settings, keys.OPERATOR)
    signed = tmp_path / "trust.jws"
    signed.write_text(sign_trust_list(world.trust_list, operator.key, operator.kid))
    list_args = with_list(args, "--trust-list", str(signed), "--json")
    result = await asyncio.to_thread(run, list_args, env)
    assert result.exit_code == 0, result.output + result.stderr
    [origin] = json.loads(result.stdout)["trustLists"]
    assert origin == {
        "file": str(signed),
        "signed": True,
        "anchor": "REGISTRY_DATABASE_URL",
        "kid": operator.kid,
    }
    assert database_url not in result.stdout  # it may hold a password
    result = await asyncio.to_thread(run, with_list(args, "--trust-list", stranger), env)
    assert result.exit_code == 2
    assert "trust-list-key-unknown" in result.stderr

    # After a rotation the old operator key no longer anchors a list.
    async with sessionmaker() as session, session.begin():
        await keys.rotate(session, settings, keys.OPERATOR)
    result = await asyncio.to_thread(run, list_args, env)
    assert result.exit_code == 2
    assert "trust-list-key-unknown" in result.stderr


def test_a_plain_list_where_an_anchor_pins_one_is_refused(tmp_path: Path) -> None:
    """With an anchor given, an edited plain copy must not pass for the signed list."""
    world = World()
    args = _files(world, tmp_path, world.credential())
    operator = Operator(tmp_path, "op")
    plain = args[3]
    result = run(with_list(args, "--trust-list", plain, "--trust-anchor", operator.did_file()))
    assert result.exit_code == 2
    assert "trust-list-unsigned" in result.stderr


def test_unusable_did_documents_exit_2_with_a_code(tmp_path: Path) -> None:
    world = World()
    args = _files(world, tmp_path, world.credential())
    for content in ("not json", "[1, 2]", '{"no": "id"}', "[" * 200 + "]" * 200):
        bad = tmp_path / "did.json"
        bad.write_text(content)
        result = run([*args, "--did-document", str(bad)])
        assert result.exit_code == 2, (content, result.output)
        assert "bad-did-document" in result.stderr
        assert "Traceback" not in result.output + result.stderr
