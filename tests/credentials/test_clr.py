"""CLR 2.0 ClrCredentials: the CLR and each nested credential through the same pipeline, one
report per nested credential, the CLR never better than what it bundles; the CLR shape (code
`not-clr`) only for ClrCredential types, in agreement with the official CLR JSON Schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Literal

import msgspec
import pytest
from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from credentials.dataintegrity import sign_proof
from credentials.jws import sign_compact
from credentials.keydocs import KeyStore
from credentials.keys import SigningKey, did_key
from credentials.presentation import ENVELOPED_PREFIX, holder_kid
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.verification import Report
from tests.credentials.test_presentation_forms import json_credential
from tests.credentials.test_verify import NOW, REVOCATION, World, check

SAMPLE = Path(__file__).parent / "vectors" / "1edtech-clr20" / "simple.json"
SCHEMA: dict[str, Any] = json.loads(
    (Path(__file__).parent / "schemas" / "clr_v2p0_clrcredential_schema.json").read_text("utf-8")
)
CLR_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
Form = Literal["jws", "eddsa-rdfc-2022", "eddsa-jcs-2022"]


def _no_fetch(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)


@pytest.fixture(scope="module")
def schema() -> Draft201909Validator:
    Draft201909Validator.check_schema(SCHEMA)
    registry: Registry[Any] = Registry(retrieve=_no_fetch).with_resource(  # type: ignore[call-arg]
        SCHEMA["$id"], Resource.from_contents(SCHEMA)
    )
    return Draft201909Validator(
        SCHEMA, registry=registry, format_checker=Draft201909Validator.FORMAT_CHECKER
    )


@pytest.fixture
def world() -> World:
    return World()


class Publisher:
    """A CLR issuer with a did:key (on no trust list), signing as JWS or Data Integrity."""

    def __init__(self) -> None:
        self.key = SigningKey.generate()
        self.did = did_key(self.key.public)
        self.kid = holder_kid(self.key.public)

    def clr(self, learner: str, items: list[Any]) -> dict[str, Any]:
        return {
            "@context": CLR_CONTEXT,
            "id": "urn:uuid:0b7a3f1e-6c1d-4c59-9d4e-1f6a2b3c4d5e",
            "type": ["VerifiableCredential", "ClrCredential"],
            "issuer": {"id": self.did, "type": ["Profile"], "name": "Leerwerkloket Techniek"},
            "validFrom": "2026-03-03T10:00:00Z",
            "name": "Leerdossier installatietechniek",
            "credentialSubject": {
                "id": learner,
                "type": ["ClrSubject"],
                "verifiableCredential": items,
            },
        }

    def sign(self, document: dict[str, Any], form: Form) -> str:
        if form == "jws":
            return sign_compact(msgspec.json.encode(document), self.key, kid=self.kid, typ="vc+jwt")
        secured = sign_proof(
            document,
            self.key,
            verification_method=self.kid,
            cryptosuite=form,
            created="2026-03-03T10:00:00Z",
        )
        return json.dumps(secured)


def enveloped(token: str) -> dict[str, Any]:
    return {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiableCredential",
        "id": ENVELOPED_PREFIX + token,
    }


def nested_checks(report: Report) -> list[tuple[str, str]]:
    return [check(r, "learner") for r in report.credentials or []]


# ------------------------------------------------------------------ the 1EdTech sample


def _profile(ident: str, multibase: str) -> dict[str, Any]:
    return {
        "id": ident,
        "type": ["Profile"],
        "verificationMethod": [
            {"id": f"{ident}#{multibase}", "type": "Multikey", "controller": ident,
             "publicKeyMultibase": multibase},
        ],
    }  # fmt: skip


# The sample's key URLs end in the keys' multibase: the issuers' profiles, as supplied.
SAMPLE_KEYS = KeyStore(
    [
        _profile("https://example.edu/issuers/565049",
                 "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"),
        _profile("https://example.com/issuers/876543",
                 "z6MkvREVgsHx7Ppae68vCoByy73ZD4aMSJiPML2cryVL8JAx"),
    ]
)  # fmt: skip


def sample_report(data: bytes) -> Report:
    return Verifier(VerifierConfig(documents=SAMPLE_KEYS, clock=lambda: NOW)).verify(data)


def test_the_1edtech_sample_clr(schema: Draft201909Validator) -> None:
    raw = SAMPLE.read_bytes()
    schema.validate(json.loads(raw))
    report = sample_report(raw)
    # Both genuine, both from issuers on no trust list.
    assert report.verdict == "untrusted-issuer"
    assert check(report, "signature") == ("passed", "proof-valid")
    assert check(report, "schema") == ("passed", "clr")
    assert check(report, "credentials") == ("failed", "nested-not-valid")
    assert report.credential is not None
    assert (report.credential.achievement_type, report.credential.achievement) == (
        "ClrCredential",
        "Sample Transcript",
    )
    assert report.credentials is not None
    [badge] = report.credentials
    assert badge.verdict == "untrusted-issuer"
    assert check(badge, "signature") == ("passed", "proof-valid")
    assert check(badge, "schema") == ("passed", "ob3")
    assert check(badge, "learner") == ("passed", "learners-credential")
    assert badge.credential is not None
    assert badge.credential.achievement == "Teamwork"


def test_the_1edtech_sample_edited_is_invalid_and_not_opened() -> None:
    document = json.loads(SAMPLE.read_bytes())
    document["credentialSubject"]["verifiableCredential"][0]["name"] = "Leadership Badge"
    report = sample_report(json.dumps(document).encode())
    assert (report.verdict, check(report, "signature")) == (
        "invalid",
        ("failed", "signature-invalid"),
    )
    assert report.credentials is None


# ------------------------------------------------------------------ CLRs made here


@pytest.mark.parametrize("form", ["jws", "eddsa-rdfc-2022"])
def test_a_clr_of_valid_credentials(world: World, form: Form) -> None:
    publisher = Publisher()
    items: list[Any] = [json_credential(world), enveloped(world.credential())]
    if form == "jws":
        items.append(world.credential())  # the JWS form may also hold a bare compact JWS
    report = world.verify(publisher.sign(publisher.clr(world.holder_did, items), form))
    assert check(report, "signature")[0] == "passed"
    assert check(report, "credentials") == ("passed", "nested-valid")
    assert report.credentials is not None
    assert [r.verdict for r in report.credentials] == ["valid"] * len(items)
    assert nested_checks(report) == [("passed", "learners-credential")] * len(items)
    # The CLR's own issuer is on no trust list, and no accreditation covers a CLR.
    assert report.verdict == "untrusted-issuer"
    assert check(report, "accreditation") == ("failed", "issuer-not-trusted")


def test_a_revoked_nested_credential_makes_the_clr_revoked(world: World) -> None:
    publisher = Publisher()
    clr = publisher.clr(world.holder_did, [world.credential(), json_credential(world)])
    world.lists[REVOCATION].set(7, True)
    report = world.verify(publisher.sign(clr, "jws"))
    assert report.credentials is not None
    assert [r.verdict for r in report.credentials] == ["revoked", "revoked"]
    assert check(report, "credentials") == ("failed", "nested-not-valid")
    # Revoked outranks the CLR's own untrusted issuer (the verdict order).
    assert report.verdict == "revoked"


def test_a_forged_nested_credential_makes_the_clr_invalid(world: World) -> None:
    publisher = Publisher()
    token = world.credential()
    forged = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    report = world.verify(publisher.sign(publisher.clr(world.holder_did, [forged]), "jws"))
    assert check(report, "signature") == ("passed", "signature-valid")  # the CLR's own
    assert report.credentials is not None
    assert check(report.credentials[0], "signature") == ("failed", "signature-invalid")
    assert report.verdict == "invalid"


def test_a_nested_credential_about_someone_else(world: World) -> None:
    publisher = Publisher()
    stranger = did_key(SigningKey.generate().public)
    report = world.verify(publisher.sign(publisher.clr(stranger, [world.credential()]), "jws"))
    assert nested_checks(report) == [("failed", "not-learners-credential")]
    assert report.verdict == "invalid"


def test_a_clr_inside_a_clr_is_not_opened(world: World) -> None:
    publisher = Publisher()
    inner = publisher.sign(publisher.clr(world.holder_did, [world.credential()]), "jws")
    report = world.verify(publisher.sign(publisher.clr(world.holder_did, [inner]), "jws"))
    assert report.credentials is not None
    [nested] = report.credentials
    assert check(nested, "credentials") == ("failed", "nested-not-opened")
    assert (nested.verdict, nested.credentials) == ("cannot-verify", None)
    assert report.verdict == "cannot-verify"


def test_the_bare_pipeline_never_calls_an_unopened_clr_valid(world: World) -> None:
    from credentials.verify import verify_credential_jws

    publisher = Publisher()
    token = publisher.sign(publisher.clr(world.holder_did, [world.credential()]), "jws")
    report = verify_credential_jws(token, world.config())
    assert (report.verdict, check(report, "credentials")) == (
        "cannot-verify",
        ("failed", "nested-not-opened"),
    )


# ------------------------------------------------------------------ the CLR shape


def _without(document: dict[str, Any], *path: str) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    target = changed
    for name in path[:-1]:
        target = target[name]
    del target[path[-1]]
    return changed


def test_the_clr_shape_agrees_with_the_official_schema(
    world: World, schema: Draft201909Validator
) -> None:
    publisher = Publisher()
    good = publisher.clr(world.holder_did, [json_credential(world)])
    schema.validate(good)
    empty = copy.deepcopy(good)
    empty["credentialSubject"]["verifiableCredential"] = []
    broken = {
        "no name": _without(good, "name"),
        "no validFrom": _without(good, "validFrom"),
        "no credentials": _without(good, "credentialSubject", "verifiableCredential"),
        "an empty list": empty,
    }
    for what, document in broken.items():
        assert not schema.is_valid(document), what
        report = world.verify(publisher.sign(document, "jws"))
        assert (report.verdict, check(report, "schema")[1]) == ("invalid", "not-clr"), what
        assert report.credentials is None


def test_other_types_are_not_held_to_the_clr_shape(world: World) -> None:
    """A plain VC that also has a `verifiableCredential` in its subject is no CLR: its shape
    is the VC's, and nothing in it is opened."""
    publisher = Publisher()
    document = publisher.clr(world.holder_did, [world.credential()])
    document["type"] = ["VerifiableCredential", "LeerdossierCredential"]
    del document["name"]
    report = world.verify(publisher.sign(document, "jws"))
    assert check(report, "schema") == ("passed", "vc")
    assert report.credentials is None
    assert "credentials" not in [c.name for c in report.checks]
