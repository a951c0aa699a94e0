"""The verification report names the holder (from the credential) and says whether the issuer's
name is known from the trust list or only claimed by the credential itself."""

from __future__ import annotations

from tests.registry.wallet_helpers import World, foreign_credential


async def test_our_credential_names_its_holder_and_its_listed_issuer(world: World) -> None:
    worker = await world.person("worker", "sam@example.nl", "Sam de Vries")
    issued = await world.issue(worker)
    report = await world.verify({"credential": issued["credential"]})
    assert report["verdict"] == "valid"
    summary = report["credential"]
    assert summary["subjectName"] == "Sam de Vries"
    assert summary["trustedIssuerName"] == summary["issuerName"]


async def test_a_name_claimed_by_an_unknown_issuer_is_not_listed(world: World) -> None:
    worker = await world.person("worker", "fatima@example.nl")
    holder = (await world.wallet(worker))["holder"]
    report = await world.verify({"credential": foreign_credential(holder)})
    assert report["verdict"] == "untrusted-issuer"
    summary = report["credential"]
    assert summary["issuerName"] == "Buitenlands instituut"
    assert "trustedIssuerName" not in summary
    assert summary["subjectName"] == "Werker"
