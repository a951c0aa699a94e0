"""A key the trust list does not give for one of the operator's own issuers is not that
issuer's (QA 18e); a foreign issuer on the list may have keys we were not given (issue 13)."""

from __future__ import annotations

import json

import msgspec

from credentials.dataintegrity import sign_proof
from credentials.issue import issue_deelcertificaat
from credentials.keys import SigningKey
from credentials.trust import TrustList, merge_trust_lists
from schemas.credentials import Party
from tests.credentials.test_issue import deelcertificaat_input
from tests.credentials.test_verify import ISSUER_DID, LONG_AGO, MODULE_URL, World, check, parts

# Accredited by our operator with the key document it gave then, so not one of our issuers.
FOREIGN_DID = "did:web:elders.example"
# The issuer of another operator's trust list, configured beside ours (`registry verify`).
OTHER_OPERATOR = "did:web:other-registry.example"


def _with_foreign_issuer(world: World, key: SigningKey) -> None:
    listed = World._issuer(
        FOREIGN_DID, f"{FOREIGN_DID}#key-1", key, "module-certificate", [MODULE_URL]
    )
    world.trust_list = TrustList(
        id=world.trust_list.id,
        issuer=world.trust_list.issuer,
        issued=world.trust_list.issued,
        issuers=[*world.trust_list.issuers, listed],
    )


def _signed_with_a_key_the_issuer_never_had(world: World, issuer_did: str) -> str:
    stranger = SigningKey.generate()
    data = deelcertificaat_input(
        issuer=Party(id=issuer_did, name="Techniek College"),
        holder=Party(id=world.holder_did, name="Sam"),
        status=[],
    )
    return issue_deelcertificaat(
        data, stranger, kid=f"{issuer_did}#{stranger.public.thumbprint()}"
    ).jws


def test_a_listed_issuers_did_with_a_key_it_never_had_is_invalid() -> None:
    world = World()
    report = world.verify(_signed_with_a_key_the_issuer_never_had(world, ISSUER_DID))
    assert report.verdict == "invalid"
    assert check(report, "issuer-key") == ("failed", "key-not-issuers")


def test_an_issuer_the_list_does_not_know_still_cannot_be_checked() -> None:
    # Without the issuer on the list nobody can say which keys are its: maybe later.
    world = World()
    token = _signed_with_a_key_the_issuer_never_had(world, "did:web:elders.example")
    report = world.verify(token)
    assert report.verdict == "cannot-verify"
    assert check(report, "issuer-key") == ("failed", "issuer-key-unknown")
    report = world.verify(
        _signed_with_a_key_the_issuer_never_had(world, ISSUER_DID), trust_list=None
    )
    assert report.verdict == "cannot-verify"


def test_an_unknown_key_of_a_foreign_issuer_on_the_list_cannot_be_checked() -> None:
    # Its keys come from a document it gave once: it may have made a new key since.
    world = World()
    listed_key = SigningKey.generate()
    _with_foreign_issuer(world, listed_key)
    report = world.verify(_signed_with_a_key_the_issuer_never_had(world, FOREIGN_DID))
    assert report.verdict == "cannot-verify"
    assert check(report, "issuer-key") == ("failed", "issuer-key-unknown")
    # The verdict order holds: nothing after the missing key ran.
    assert check(report, "signature")[0] == "skipped"
    data = deelcertificaat_input(
        issuer=Party(id=FOREIGN_DID, name="Elders"),
        holder=Party(id=world.holder_did, name="Sam"),
        status=[],
    )
    listed = issue_deelcertificaat(data, listed_key, kid=f"{FOREIGN_DID}#key-1").jws
    assert world.verify(listed).verdict == "valid"


def test_own_issuers_stay_known_when_trust_lists_are_merged() -> None:
    world = World()
    other_did = f"{OTHER_OPERATOR}:issuers:noord"
    other = TrustList(
        id="urn:trust-list:other",
        issuer=OTHER_OPERATOR,
        issued=LONG_AGO,
        issuers=[World._issuer(other_did, f"{other_did}#k", SigningKey.generate(), "evc", [])],
    )
    merged = merge_trust_lists([world.trust_list, other])
    for did in (ISSUER_DID, other_did):
        report = world.verify(
            _signed_with_a_key_the_issuer_never_had(world, did), trust_list=merged
        )
        assert check(report, "issuer-key") == ("failed", "key-not-issuers"), did


def test_a_data_integrity_proof_by_a_key_our_issuer_never_had_is_invalid() -> None:
    world = World()
    _, payload, _ = parts(world.credential())
    document = {k: v for k, v in payload.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    stranger = SigningKey.generate()
    method = f"{ISSUER_DID}#{stranger.public.thumbprint()}"
    signed = sign_proof(
        document,
        stranger,
        verification_method=method,
        cryptosuite="eddsa-jcs-2022",
        created="2026-03-02T14:30:05Z",
    )
    report = world.verify(json.dumps(signed))
    assert report.verdict == "invalid"
    assert check(report, "issuer-key") == ("failed", "key-not-issuers")
    # In a proof set too, beside a proof by the issuer's own key.
    own = sign_proof(
        document,
        world.issuer_key,
        verification_method=world.kid,
        cryptosuite="eddsa-jcs-2022",
        created="2026-03-02T14:30:05Z",
    )
    both = {**document, "proof": [own["proof"], signed["proof"]]}
    report = world.verify(json.dumps(both))
    assert report.verdict == "invalid"
    assert check(report, "issuer-key") == ("failed", "key-not-issuers")


def test_a_key_under_another_did_in_a_credential_naming_our_issuer_is_invalid() -> None:
    """The credential claims one of our issuers but names a key of some unknown DID: we know
    every key our issuer ever had, so whoever signed it, it is not our issuer's credential."""
    world = World()
    stranger = SigningKey.generate()
    elsewhere = f"did:web:elders.example#{stranger.public.thumbprint()}"
    data = deelcertificaat_input(
        issuer=Party(id=ISSUER_DID, name="Techniek College"),
        holder=Party(id=world.holder_did, name="Sam"),
        status=[],
    )
    report = world.verify(issue_deelcertificaat(data, stranger, kid=elsewhere).jws)
    assert report.verdict == "invalid"
    assert check(report, "issuer-key") == ("failed", "key-not-issuers")
    _, payload, _ = parts(world.credential())
    document = {k: v for k, v in payload.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    signed = sign_proof(
        document,
        stranger,
        verification_method=elsewhere,
        cryptosuite="eddsa-jcs-2022",
        created="2026-03-02T14:30:05Z",
    )
    report = world.verify(json.dumps(signed))
    assert report.verdict == "invalid"
    assert check(report, "issuer-key") == ("failed", "key-not-issuers")
    # Without our trust list nobody knows the issuer's keys: it stays a key we cannot find.
    report = world.verify(issue_deelcertificaat(data, stranger, kid=elsewhere).jws, trust_list=None)
    assert report.verdict == "cannot-verify"


def test_our_issuer_listed_without_keys_yet_has_no_key_a_credential_could_name() -> None:
    """Accredited, no key made yet: whatever key a credential in its name gives, it is not
    the issuer's (not a key we merely do not know)."""
    world = World()
    world.trust_list = TrustList(
        id=world.trust_list.id,
        issuer=world.trust_list.issuer,
        issued=world.trust_list.issued,
        issuers=[
            msgspec.structs.replace(entry, keys=[]) if entry.did == ISSUER_DID else entry
            for entry in world.trust_list.issuers
        ],
    )
    report = world.verify(_signed_with_a_key_the_issuer_never_had(world, ISSUER_DID))
    assert report.verdict == "invalid"
    assert check(report, "issuer-key") == ("failed", "key-not-issuers")
