"""The vocabularies: credential kinds (`schemas.kinds`) and levels (`schemas.levels`). Each is
one table; what names a kind or a level elsewhere (literals, the tagged union of what is
issued, forms, page texts) must agree with it."""

from __future__ import annotations

from typing import get_args

import msgspec
import pytest

from registry.web.messages import MESSAGES
from schemas.catalogue import Level
from schemas.common import ROLES
from schemas.issuance import IssueIn, LevelIn
from schemas.kinds import (
    CERTIFICATE,
    EVC,
    ISSUER_ROLES,
    KINDS,
    MODULE_CERTIFICATE,
    OTHER_KIND,
    CredentialKind,
    kind_of_achievement_type,
    kind_spec,
)
from schemas.levels import (
    HIGHEST_LEVEL,
    LEVEL_SCHEMES,
    LEVEL_TOP,
    LEVELS,
    LevelScheme,
    is_level,
    level_key,
    parse_level_key,
)
from schemas.trust import AccreditationKind


def test_one_table_names_every_kind() -> None:
    kinds = {"module-certificate", "evc", "certificate"}
    assert set(KINDS) == set(get_args(CredentialKind)) == kinds
    assert get_args(AccreditationKind) == get_args(CredentialKind)
    assert all(spec.kind == kind for kind, spec in KINDS.items())
    # The tagged union of what is issued has one member per kind, tagged with its name.
    tags = {member.__struct_config__.tag for member in get_args(IssueIn)}
    assert tags == set(KINDS)
    assert len({spec.achievement_type for spec in KINDS.values()}) == len(KINDS)
    assert set(ISSUER_ROLES) <= set(ROLES)
    assert OTHER_KIND not in KINDS


def test_what_each_kind_decides() -> None:
    assert (MODULE_CERTIFICATE.issuer_role, EVC.issuer_role) == ("provider", "assessor")
    assert ISSUER_ROLES == ("provider", "assessor")
    # A module accreditation covers the organisation's own modules; a holder holds a module
    # version once. Neither holds for EVC records.
    assert (MODULE_CERTIFICATE.own_achievements, MODULE_CERTIFICATE.held_once) == (True, True)
    assert (EVC.own_achievements, EVC.held_once) == (False, False)
    # An exam institute is an assessing organisation too; its accreditation lists the
    # certificate schemes (none listed is none, not any), and a holder holds one at a time.
    assert CERTIFICATE.issuer_role == "assessor"
    assert (CERTIFICATE.own_achievements, CERTIFICATE.held_once) == (False, True)
    assert CERTIFICATE.listed_achievements
    assert (MODULE_CERTIFICATE.listed_achievements, EVC.listed_achievements) == (False, False)


def test_a_kind_is_read_back_from_its_achievement_type() -> None:
    assert kind_of_achievement_type("Certificate") == "module-certificate"
    assert kind_of_achievement_type("ext:EVC") == "evc"
    assert kind_of_achievement_type("Certification") == "certificate"
    assert kind_of_achievement_type("Diploma") is None
    assert kind_of_achievement_type(None) is None
    assert kind_spec("evc") is EVC
    with pytest.raises(LookupError):
        kind_spec(OTHER_KIND)


def test_one_table_names_every_level() -> None:
    assert LEVEL_SCHEMES == get_args(LevelScheme) == ("mbo", "nlqf", "eqf")
    assert dict(LEVEL_TOP) == {"mbo": 4, "nlqf": 8, "eqf": 8}
    assert HIGHEST_LEVEL == 8
    assert len(LEVELS) == 4 + 8 + 8
    assert all(is_level(scheme, value) for scheme, value in LEVELS)
    assert not is_level("mbo", 5)
    assert not is_level("eqf", 0)
    assert not is_level("hbo", 1)


@pytest.mark.parametrize("kind", [Level, LevelIn])
def test_wire_levels_keep_to_the_table(kind: type[msgspec.Struct]) -> None:
    """The catalogue's level and the level of an EVC record's standard refuse the same."""
    for scheme, value in LEVELS:
        assert msgspec.convert({"scheme": scheme, "value": value}, kind)
    for scheme, value in (("mbo", 5), ("nlqf", 9), ("eqf", 0), ("hbo", 3)):
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert({"scheme": scheme, "value": value}, kind)


def test_form_values_of_levels() -> None:
    for scheme, value in LEVELS:
        assert parse_level_key(level_key(scheme, value)) == (scheme, value)
    for text in ("mbo-5", "mbo-0", "nlqf-9", "hbo-1", "mbo-", "mbo", "-3", "mbo-x", "mbo-03x", ""):
        assert parse_level_key(text) is None, text


def test_page_texts_state_the_tables_ranges() -> None:
    """The assessor form names each scheme's range: its texts follow the table."""
    for scheme, top in LEVEL_TOP.items():
        dutch, english = MESSAGES[f"assessor.new.level.{scheme}"]
        assert "{top}" in dutch
        assert "{top}" in english
        dutch, english = MESSAGES[f"assessor.error.level_value_{scheme}"]
        assert f"1 tot en met {top}." in dutch
        assert f"1 to {top}." in english
