"""Accreditation scoped to the issuer's own achievements (`ownAchievements`): the verifier
requires the issuer as the achievement's creator there, and only there."""

from __future__ import annotations

from typing import Any

import msgspec

from credentials.trust import TrustList, covers, normalise_url
from schemas.credentials import ModuleVersionInput, Party
from tests.credentials.test_issue import deelcertificaat_input
from tests.credentials.test_verify import ISSUER_DID, LONG_AGO, MODULE_URL, NOW, World, check

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


def _prefix_scoped(world: World, prefix: str) -> TrustList:
    """The world's list with the issuer accredited for achievements under `prefix` only."""
    issuers = [msgspec.structs.replace(i) for i in world.trust_list.issuers]
    issuers[0].accreditations = [
        msgspec.structs.replace(issuers[0].accreditations[0], achievements=[prefix])
    ]
    return TrustList(id="urn:prefix", issuer="did:web:x", issued=LONG_AGO, issuers=issuers)


def test_dot_segments_cannot_walk_out_of_a_prefix_scope() -> None:
    world = World()
    trust_list = _prefix_scoped(world, "https://example.org/modules/")
    inside = world.credential(module=_module(url="https://example.org/modules/1"))
    assert world.verify(inside, trust_list=trust_list).verdict == "valid"
    for url in (
        "https://example.org/modules/../../other/1",
        "https://example.org/modules/./../other/1",
        "https://example.org/modules/%2e%2e/other/1",
        "https://example.org/modules/%2E%2E%2Fother/1",
        "https://example.org/modules/..%2fother/1",
    ):
        report = world.verify(world.credential(module=_module(url=url)), trust_list=trust_list)
        assert report.verdict == "invalid", url
        assert check(report, "schema") == ("failed", "invalid-achievement-id"), url
        assert check(report, "signature") == ("passed", "signature-valid"), url


def test_prefixes_are_matched_on_normalised_urls() -> None:
    # The trust list's rule on its own: an id is never matched by its text alone.
    world = World()
    trust_list = _prefix_scoped(world, "https://Example.org/modules/./")
    at, did = NOW, world.trust_list.issuers[0].did
    assert trust_list.accredited(did, "module-certificate", "https://example.org/modules/1", at)
    assert trust_list.accredited(did, "module-certificate", "HTTPS://EXAMPLE.ORG/modules/1", at)
    escape = "https://example.org/modules/../other/1"
    assert not trust_list.accredited(did, "module-certificate", escape, at)
    assert not covers(["https://example.org/modules/"], escape)
    assert normalise_url("https://EXAMPLE.org/a/b/../c/./d") == "https://example.org/a/c/d"
