"""Accreditation scoped to the issuer's own achievements (`ownAchievements`): the verifier
requires the issuer as the achievement's creator there, and only there."""

from __future__ import annotations

from typing import Any

import msgspec

from credentials.trust import TrustList
from schemas.credentials import ModuleVersionInput, Party
from tests.credentials.test_issue import deelcertificaat_input
from tests.credentials.test_verify import ISSUER_DID, LONG_AGO, MODULE_URL, World, check

ISSUER = Party(id=ISSUER_DID, name="Techniek College")


def _own_scoped(world: World) -> TrustList:
    """The world's list with the issuer accredited for its own module only."""
    issuers = [msgspec.structs.replace(i) for i in world.trust_list.issuers]
    issuers[0].accreditations = [
        msgspec.structs.replace(
            issuers[0].accreditations[0],
            achievements=[MODULE_URL.rsplit("/versions/", 1)[0]],
            own_achievements=True,
        )
    ]
    return TrustList(id="urn:own", issuer="did:web:x", issued=LONG_AGO, issuers=issuers)


def _module(**changes: Any) -> ModuleVersionInput:
    return msgspec.structs.replace(deelcertificaat_input().module, **changes)


def test_foreign_style_accreditation_ignores_the_creator() -> None:
    world = World()
    token = world.credential()  # the creator is the provider's website, not the issuer
    assert world.verify(token).verdict == "valid"


def test_own_scoped_accreditation_needs_the_issuer_as_creator() -> None:
    world = World()
    trust_list = _own_scoped(world)
    own = world.credential(module=_module(provider=ISSUER))
    assert world.verify(own, trust_list=trust_list).verdict == "valid"

    other_creator = world.credential(module=_module(provider=Party(id="did:web:b", name="B")))
    report = world.verify(other_creator, trust_list=trust_list)
    assert report.verdict == "untrusted-issuer"
    assert check(report, "accreditation") == ("failed", "creator-not-issuer")
    assert check(report, "signature") == ("passed", "signature-valid")


def test_own_scoped_accreditation_refuses_another_issuers_module() -> None:
    world = World()
    url = "https://registry.example:8443/api/catalogue/modules/of-someone-else/versions/1"
    token = world.credential(module=_module(provider=ISSUER, url=url))
    report = world.verify(token, trust_list=_own_scoped(world))
    assert report.verdict == "untrusted-issuer"
    assert check(report, "accreditation") == ("failed", "not-accredited")
