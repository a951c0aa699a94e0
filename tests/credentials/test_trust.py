"""Trust list: signing and loading, key lookup across rotation, accreditation windows."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from credentials.b64 import b64url_decode, b64url_encode
from credentials.jws import sign_compact
from credentials.keys import SigningKey
from credentials.trust import (
    TRUST_LIST_TYP,
    Accreditation,
    TrustedIssuer,
    TrustedKey,
    TrustList,
    covers,
    load_trust_list,
    load_trust_list_unverified,
    own_scope,
    sign_trust_list,
)
from schemas.errors.credentials import TrustListError
from schemas.trust import AccreditationKind, TrustListDocument

OPERATOR = "did:web:registry.example"
ACME = "did:web:registry.example:issuers:acme"
EVCO = "did:web:registry.example:issuers:evco"
MODULES = "https://registry.example/modules/"
UTC = dt.UTC


def at(year: int, month: int = 1, day: int = 1) -> dt.datetime:
    return dt.datetime(year, month, day, tzinfo=UTC)


class World:
    def __init__(self) -> None:
        self.operator = SigningKey.generate()
        self.current = SigningKey.generate()
        self.retired = SigningKey.generate("P-256")
        self.evco = SigningKey.generate()
        self.document = TrustListDocument(
            id="https://registry.example/trust-list",
            issuer=OPERATOR,
            issued=at(2026, 6),
            issuers=[
                TrustedIssuer(
                    did=ACME,
                    name="Acme Opleidingen",
                    keys=[
                        TrustedKey(
                            kid=f"{ACME}#old",
                            jwk=self.retired.public.jwk(),
                            status="retired",
                            valid_from=at(2025),
                            valid_until=at(2026, 3),
                        ),
                        TrustedKey(
                            kid=f"{ACME}#new", jwk=self.current.public.jwk(), valid_from=at(2026, 3)
                        ),
                    ],
                    accreditations=[
                        Accreditation(
                            kind="module-certificate",
                            achievements=[MODULES + "warmtepomp", MODULES + "zon/"],
                            valid_from=at(2025),
                            valid_until=at(2027),
                        ),
                    ],
                ),
                TrustedIssuer(
                    did=EVCO,
                    name="EVC Centrum",
                    keys=[
                        TrustedKey(kid=f"{EVCO}#k", jwk=self.evco.public.jwk(), valid_from=at(2025))
                    ],
                    accreditations=[Accreditation(kind="evc", valid_from=at(2026))],
                ),
            ],
        )
        self.token = sign_trust_list(self.document, self.operator, f"{OPERATOR}#op")


@pytest.fixture(scope="module")
def world() -> World:
    return World()


@pytest.fixture(scope="module")
def trust(world: World) -> TrustList:
    return load_trust_list(world.token, world.operator.public)


def test_round_trip(world: World, trust: TrustList) -> None:
    assert isinstance(trust, TrustList)
    assert trust.id == world.document.id
    assert trust.issuer == OPERATOR
    assert trust.issued == at(2026, 6)
    assert [issuer.did for issuer in trust.issuers] == [ACME, EVCO]
    assert msgspec.json.encode(trust) == msgspec.json.encode(world.document)
    header = msgspec.json.decode(b64url_decode(world.token.split(".")[0]))
    assert header == {"alg": "EdDSA", "kid": f"{OPERATOR}#op", "typ": TRUST_LIST_TYP}


def test_wire_is_camel_case(world: World) -> None:
    wire = msgspec.json.decode(b64url_decode(world.token.split(".")[1]))
    key = wire["issuers"][0]["keys"][0]
    assert key["validFrom"] == "2025-01-01T00:00:00Z"
    assert key["validUntil"] == "2026-03-01T00:00:00Z"
    assert wire["issuers"][0]["accreditations"][0]["kind"] == "module-certificate"


def test_key_for_current_and_retired(world: World, trust: TrustList) -> None:
    assert trust.key_for(f"{ACME}#new") == world.current.public
    assert trust.key_for(f"{ACME}#old") == world.retired.public
    assert trust.key_for(f"{EVCO}#k") == world.evco.public
    assert trust.key_for(f"{ACME}#missing") is None
    assert trust.key_for("did:web:evil.example#new") is None
    record = trust.key_record(f"{ACME}#old")
    assert record is not None
    assert record.status == "retired"
    assert record.valid_until == at(2026, 3)
    assert trust.trusted_issuer(ACME) is not None
    assert trust.trusted_issuer("did:web:evil.example") is None


def test_tampered_token_refused(world: World) -> None:
    head, body, sig = world.token.split(".")
    wire = msgspec.json.decode(b64url_decode(body))
    wire["issuers"][0]["accreditations"][0]["achievements"] = []
    forged = f"{head}.{b64url_encode(msgspec.json.encode(wire))}.{sig}"
    with pytest.raises(TrustListError) as info:
        load_trust_list(forged, world.operator.public)
    assert info.value.code == "bad-trust-list-signature"


def test_wrong_operator_key_refused(world: World) -> None:
    with pytest.raises(TrustListError) as info:
        load_trust_list(world.token, world.current.public)
    assert info.value.code == "bad-trust-list-signature"


def test_wrong_typ_or_garbage_refused(world: World) -> None:
    payload = msgspec.json.encode(world.document)
    other = sign_compact(payload, world.operator, kid=f"{OPERATOR}#op", typ="vc+jwt")
    for token in (other, "not a token", world.token + "x"):
        with pytest.raises(TrustListError) as info:
            load_trust_list(token, world.operator.public)
        assert info.value.code == "bad-trust-list"


def test_unverified_load(world: World) -> None:
    json_text = msgspec.json.encode(world.document).decode()
    trust = load_trust_list_unverified(json_text)
    assert trust.key_for(f"{ACME}#new") == world.current.public
    assert load_trust_list_unverified(json_text.encode()).issued == at(2026, 6)


@pytest.mark.parametrize(
    "change",
    [
        lambda w: w["issuers"][0]["keys"][0].update(kid=f"{EVCO}#stolen"),  # another's DID
        lambda w: w["issuers"][0]["keys"][1].update(kid=f"{ACME}#old"),  # kid listed twice
        lambda w: w["issuers"][1].update(did=ACME),  # issuer listed twice
        lambda w: w["issuers"][0]["keys"][0]["jwk"].update(d="AAAA"),  # private key
        lambda w: w["issuers"][0]["keys"][0]["jwk"].update(kty="RSA"),
        lambda w: w["issuers"][0]["keys"][0].update(validFrom="2025-01-01T00:00:00"),  # naive
        lambda w: w["issuers"][0]["accreditations"][0].update(kind="diploma"),
        lambda w: w.pop("issued"),
    ],
)
def test_invalid_lists_refused(world: World, change: object) -> None:
    wire = msgspec.json.decode(msgspec.json.encode(world.document))
    change(wire)  # type: ignore[operator]
    with pytest.raises(TrustListError):
        load_trust_list_unverified(msgspec.json.encode(wire))


def test_duplicate_json_keys_refused(world: World) -> None:
    text = msgspec.json.encode(world.document).replace(b'"issuer":', b'"issuer":"x","issuer":', 1)
    with pytest.raises(TrustListError):
        load_trust_list_unverified(text)


def test_unknown_fields_tolerated(world: World) -> None:
    wire = msgspec.json.decode(msgspec.json.encode(world.document))
    wire["futureField"] = {"x": 1}
    wire["issuers"][0]["website"] = "https://acme.example"
    assert load_trust_list_unverified(msgspec.json.encode(wire)).key_for(f"{ACME}#new")


def test_accredited_module_certificates(trust: TrustList) -> None:
    when = at(2026, 6)
    kind: AccreditationKind = "module-certificate"
    assert trust.accredited(ACME, kind, MODULES + "warmtepomp", when)
    assert trust.accredited(ACME, kind, MODULES + "warmtepomp/versions/2", when)
    assert trust.accredited(ACME, kind, MODULES + "warmtepomp#v1", when)
    assert trust.accredited(ACME, kind, MODULES + "zon/panelen", when)
    # A prefix only matches at a URL boundary.
    assert not trust.accredited(ACME, kind, MODULES + "warmtepompen", when)
    assert not trust.accredited(ACME, kind, MODULES + "zonneboiler", when)
    assert not trust.accredited(ACME, kind, MODULES + "elektra", when)
    # Wrong kind, unknown issuer.
    assert not trust.accredited(ACME, "evc", MODULES + "warmtepomp", when)
    assert not trust.accredited("did:web:evil.example", kind, MODULES + "warmtepomp", when)


def test_accredited_date_window(trust: TrustList) -> None:
    achievement = MODULES + "warmtepomp"
    kind: AccreditationKind = "module-certificate"
    assert trust.accredited(ACME, kind, achievement, at(2025))  # from is inclusive
    assert not trust.accredited(ACME, kind, achievement, at(2024, 12, 31))
    assert trust.accredited(ACME, kind, achievement, at(2027) - dt.timedelta(seconds=1))
    assert not trust.accredited(ACME, kind, achievement, at(2027))  # until is exclusive
    # Other time zones compare correctly.
    cet = dt.timezone(dt.timedelta(hours=1))
    assert trust.accredited(ACME, kind, achievement, dt.datetime(2025, 1, 1, 1, tzinfo=cet))
    assert not trust.accredited(ACME, kind, achievement, dt.datetime(2025, 1, 1, 0, 59, tzinfo=cet))
    with pytest.raises(ValueError, match="timezone"):
        trust.accredited(ACME, kind, achievement, dt.datetime(2026, 1, 1))


def test_only_an_empty_list_means_any(world: World) -> None:
    wire = msgspec.json.decode(msgspec.json.encode(world.document))
    wire["issuers"][1]["accreditations"][0]["achievements"] = [""]
    trust = load_trust_list_unverified(msgspec.json.encode(wire))
    assert not trust.accredited(EVCO, "evc", "https://example.org/anything", at(2030))


def test_a_certificate_accreditation_covers_only_the_schemes_it_lists(world: World) -> None:
    """For EVC an empty list means any standard; for person certificates it means no scheme
    at all (an exam institute is accredited per scheme), even in a list we did not make."""
    vca = "https://www.vca.nl/schemes/vca-basis"
    wire = msgspec.json.decode(msgspec.json.encode(world.document))
    listed = wire["issuers"][1]["accreditations"]
    listed.append({"kind": "certificate", "validFrom": "2026-01-01T00:00:00Z"})
    trust = load_trust_list_unverified(msgspec.json.encode(wire))
    assert trust.accredited(EVCO, "evc", vca, at(2030))
    assert not trust.accredited(EVCO, "certificate", vca, at(2030))
    listed[-1]["achievements"] = [vca]
    trust = load_trust_list_unverified(msgspec.json.encode(wire))
    assert trust.accredited(EVCO, "certificate", vca, at(2030))
    assert not trust.accredited(
        EVCO, "certificate", "https://www.nen.nl/schemes/nen-3140", at(2030)
    )


def test_accredited_any_achievement_open_ended(trust: TrustList) -> None:
    assert trust.accredited(EVCO, "evc", "https://example.org/anything", at(2030))
    assert not trust.accredited(EVCO, "evc", "https://example.org/anything", at(2025, 12, 31))
    assert not trust.accredited(EVCO, "module-certificate", MODULES + "warmtepomp", at(2030))


def test_own_scope_keeps_only_the_issuers_modules() -> None:
    own = [MODULES + "a", MODULES + "b"]
    assert own_scope([], own) == own  # "any module" becomes the issuer's own modules
    assert own_scope([MODULES + "a"], own) == [MODULES + "a"]
    assert own_scope([MODULES + "c"], own) == []  # another issuer's module
    assert own_scope(["https://registry.example/modules"], own) == own  # a wider pattern
    narrow = [MODULES + "a/versions/2", MODULES + "c/versions/1", MODULES + "ab"]
    assert own_scope(narrow, own) == [MODULES + "a/versions/2"]
    assert own_scope([], []) == []  # never "any"
    assert own_scope([""], own) == []


def test_own_achievements_need_the_issuer_as_creator(world: World) -> None:
    wire = msgspec.json.decode(msgspec.json.encode(world.document))
    assert wire["issuers"][0]["accreditations"][0]["ownAchievements"] is False
    wire["issuers"][0]["accreditations"][0]["ownAchievements"] = True
    trust = load_trust_list_unverified(msgspec.json.encode(wire))
    when, kind = at(2026, 6), "module-certificate"
    achievement = MODULES + "warmtepomp/versions/1"
    assert trust.accredited(ACME, kind, achievement, when, creator=ACME)
    assert not trust.accredited(ACME, kind, achievement, when, creator=EVCO)
    assert not trust.accredited(ACME, kind, achievement, when)
    assert not trust.accredited(ACME, kind, MODULES + "elektra", when, creator=ACME)


def test_lists_without_the_flag_keep_their_meaning(world: World) -> None:
    # A list written before ownAchievements existed: any creator, as before.
    wire = msgspec.json.decode(msgspec.json.encode(world.document))
    for issuer in wire["issuers"]:
        for accreditation in issuer["accreditations"]:
            del accreditation["ownAchievements"]
    trust = load_trust_list_unverified(msgspec.json.encode(wire))
    assert trust.accredited(ACME, "module-certificate", MODULES + "warmtepomp", at(2026, 6))
    assert trust.accredited(EVCO, "evc", "https://example.org/x", at(2026, 6), creator="urn:x")


@pytest.mark.parametrize(
    ("pattern", "achievement", "expected"),
    [
        (MODULES + "a", MODULES + "a", True),
        (MODULES + "a", MODULES + "a/versions/1", True),
        (MODULES + "a", MODULES + "a#v1", True),
        (MODULES + "a", MODULES + "a?v=1", True),
        (MODULES + "a/", MODULES + "a/versions/1", True),
        (MODULES, MODULES + "a", True),
        (MODULES + "a", MODULES + "ab", False),
        (MODULES + "a/versions/1", MODULES + "a", False),
        ("", MODULES + "a", False),
    ],
)
def test_covers_matches_at_url_boundaries(pattern: str, achievement: str, expected: bool) -> None:
    assert covers([pattern], achievement) is expected
