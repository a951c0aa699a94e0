"""A key the trust list does not give for an issuer it lists is not that issuer's (QA 18e)."""

from __future__ import annotations

from credentials.issue import issue_deelcertificaat
from credentials.keys import SigningKey
from schemas.credentials import Party
from tests.credentials.test_issue import deelcertificaat_input
from tests.credentials.test_verify import ISSUER_DID, World, check


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
