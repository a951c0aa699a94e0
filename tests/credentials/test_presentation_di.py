"""JSON presentations secured with the holder's Data Integrity proof (`authentication`): the
proof's `challenge` and `domain` are the nonce and audience the verifier asks for, its key must
be the holder's, and every credential in it is checked and must be about the holder, as for a
JWT presentation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from credentials.dataintegrity import Cryptosuite, sign_proof
from credentials.keys import SigningKey, did_key
from credentials.presentation import ENVELOPED_PREFIX, holder_kid
from credentials.verifier import Verifier
from schemas.verification import Report
from tests.credentials.test_presentation_forms import json_credential
from tests.credentials.test_verify import NOW, World, check

AUDIENCE, NONCE = "https://werkgever.example", "n-di-7"
CREATED = (NOW - dt.timedelta(minutes=1)).isoformat().replace("+00:00", "Z")


@pytest.fixture
def world() -> World:
    return World()


def unsigned(world: World, items: list[Any], holder: Any = None) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": holder or world.holder_did,
        "verifiableCredential": items,
    }


def enveloped(world: World) -> dict[str, Any]:
    return {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiableCredential",
        "id": ENVELOPED_PREFIX + world.credential(),
    }


def secured(
    document: dict[str, Any],
    key: SigningKey,
    *,
    suite: Cryptosuite = "eddsa-jcs-2022",
    purpose: str = "authentication",
    created: str = CREATED,
    **options: Any,
) -> dict[str, Any]:
    return sign_proof(
        document,
        key,
        verification_method=holder_kid(key.public),
        cryptosuite=suite,
        created=created,
        proof_purpose=purpose,
        options={"challenge": NONCE, "domain": AUDIENCE} | options,
    )


def verify(world: World, vp: dict[str, Any], **asked: Any) -> Report:
    values = {"audience": AUDIENCE, "nonce": NONCE} | asked
    return Verifier(world.config()).verify(msgspec.json.encode(vp), **values)


@pytest.mark.parametrize("suite", ["eddsa-jcs-2022", "eddsa-rdfc-2022"])
def test_a_holder_signed_json_presentation(world: World, suite: Cryptosuite) -> None:
    items = [json_credential(world), enveloped(world)]
    report = verify(world, secured(unsigned(world, items), world.holder_key, suite=suite))
    assert report.verdict == "valid", (report.checks, [r.checks for r in report.credentials or []])
    assert [(c.name, c.status, c.code) for c in report.checks] == [
        ("payload", "passed", "json-presentation"),
        ("holder-key", "passed", "did-key"),
        ("signature", "passed", "proof-valid"),
        ("audience", "passed", "matches"),
        ("nonce", "passed", "matches"),
        ("dates", "passed", "in-window"),
        ("credentials", "passed", "present"),
    ]
    assert report.holder == world.holder_did
    assert report.credentials is not None
    assert [r.verdict for r in report.credentials] == ["valid", "valid"]
    assert [check(r, "holder") for r in report.credentials] == [
        ("passed", "holders-credential")
    ] * 2


def test_challenge_and_domain_are_the_nonce_and_audience(world: World) -> None:
    vp = secured(unsigned(world, [enveloped(world)]), world.holder_key)
    replayed = verify(world, vp, nonce="another")
    assert (replayed.verdict, check(replayed, "nonce")) == ("invalid", ("failed", "wrong-nonce"))
    elsewhere = verify(world, vp, audience="https://elders.example")
    assert check(elsewhere, "audience") == ("failed", "wrong-audience")
    assert elsewhere.verdict == "invalid"
    unasked = verify(world, vp, audience=None, nonce=None)
    assert unasked.verdict == "valid"
    assert check(unasked, "nonce") == ("skipped", "not-requested")
    # A domain may list several audiences.
    domains = [AUDIENCE, "https://other.example"]
    listed = secured(unsigned(world, [enveloped(world)]), world.holder_key, domain=domains)
    assert check(verify(world, listed), "audience") == ("passed", "matches")


def test_without_a_domain_the_audience_is_not_ours(world: World) -> None:
    document = unsigned(world, [enveloped(world)])
    vp = sign_proof(
        document,
        world.holder_key,
        verification_method=holder_kid(world.holder_key.public),
        cryptosuite="eddsa-jcs-2022",
        created=CREATED,
        proof_purpose="authentication",
        options={"challenge": NONCE},
    )
    assert check(verify(world, vp), "audience") == ("failed", "wrong-audience")


def test_an_edited_presentation_is_invalid(world: World) -> None:
    vp = secured(unsigned(world, [enveloped(world), json_credential(world)]), world.holder_key)
    vp["verifiableCredential"] = vp["verifiableCredential"][:1]
    report = verify(world, vp)
    assert (report.verdict, check(report, "signature")) == (
        "invalid",
        ("failed", "signature-invalid"),
    )
    assert report.credentials is None  # the credentials of a forgery are not opened
    assert check(report, "credentials") == ("skipped", "not-run")


def test_the_proof_must_be_for_authentication_by_the_holder(world: World) -> None:
    items = [enveloped(world)]
    asserted = secured(unsigned(world, items), world.holder_key, purpose="assertionMethod")
    assert check(verify(world, asserted), "signature") == ("failed", "proof-purpose-mismatch")
    stranger = SigningKey.generate()
    other = secured(unsigned(world, items), stranger)
    report = verify(world, other)
    assert (report.verdict, check(report, "holder-key")) == (
        "invalid",
        ("failed", "kid-holder-mismatch"),
    )


def test_a_credential_about_someone_else(world: World) -> None:
    stranger = SigningKey.generate()
    vp = secured(unsigned(world, [enveloped(world)], did_key(stranger.public)), stranger)
    report = verify(world, vp)
    assert report.verdict == "invalid"
    assert report.credentials is not None
    assert check(report.credentials[0], "holder") == ("failed", "not-holders-credential")


def test_the_proof_dates(world: World) -> None:
    items = [enveloped(world)]
    past = (NOW - dt.timedelta(hours=1)).isoformat()
    expired = verify(world, secured(unsigned(world, items), world.holder_key, expires=past))
    assert (expired.verdict, check(expired, "dates")) == ("expired", ("failed", "expired"))
    ahead = (NOW + dt.timedelta(hours=1)).isoformat()
    early = verify(world, secured(unsigned(world, items), world.holder_key, created=ahead))
    assert (early.verdict, check(early, "dates")) == (
        "not-yet-valid",
        ("failed", "not-yet-valid"),
    )
    bad = verify(world, secured(unsigned(world, items), world.holder_key, expires="soon"))
    assert (bad.verdict, check(bad, "dates")) == ("invalid", ("failed", "bad-expires"))


def test_a_presentation_without_credentials_or_with_two_proofs(world: World) -> None:
    empty = verify(world, secured(unsigned(world, []), world.holder_key))
    assert (empty.verdict, check(empty, "credentials")) == ("invalid", ("failed", "no-credentials"))
    vp = secured(unsigned(world, [enveloped(world)]), world.holder_key)
    vp["proof"] = [vp["proof"], vp["proof"]]
    twice = verify(world, vp)
    assert (twice.verdict, check(twice, "holder-key")) == ("invalid", ("failed", "bad-proof"))
