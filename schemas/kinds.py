"""The kinds of credential this registry issues: one row per kind, and all a kind decides in it.

Code that treats kinds differently reads this table, or `match`es the tagged union of what is
issued (`schemas.issuance.IssueIn`) with `assert_never` in its last case: a third kind is
then a type error (mypy) wherever it is not handled yet, never silently one of the two there
are. `tests/test_vocabularies.py` checks that the table, the `CredentialKind` literal and the
tags of `IssueIn` name the same kinds.

Three kinds: a provider's deelcertificaat for one of its modules, an assessor's EVC record,
and a person certificate (`certificate`, e.g. VCA Basis, NEN 3140, F-gassen) that an exam
institute issues for a certificate scheme. An exam institute, like an EVC provider, is an
organisation whose accounts have the role `assessor`: which of the two kinds it issues is
what its accreditations say, never the role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from schemas.common import Role
from schemas.credentials import (
    CERTIFICATE_ACHIEVEMENT_TYPE,
    EVC_ACHIEVEMENT_TYPE,
    MODULE_ACHIEVEMENT_TYPE,
)

CredentialKind = Literal["module-certificate", "evc", "certificate"]
# What a wallet calls a credential imported from elsewhere that is of no kind issued here.
OTHER_KIND = "other"


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One kind of credential.

    `achievement_type`: the OB 3.0 `achievementType` its achievement carries (how a verifier
    and a wallet tell the kind of a credential). `issuer_role`: the one role that issues it.
    `own_achievements`: an accreditation for it covers only the organisation's own
    achievements (its modules), and the trust list says so. `listed_achievements`: an
    accreditation for it must list what it covers (certificate scheme URIs): one listing
    nothing covers nothing, where for the other kinds it covers any achievement. `held_once`:
    a holder holds one valid credential per achievement; issuing it again takes `reissue`.
    """

    kind: CredentialKind
    achievement_type: str
    issuer_role: Role
    own_achievements: bool
    held_once: bool
    listed_achievements: bool = False


MODULE_CERTIFICATE = KindSpec(
    kind="module-certificate",
    achievement_type=MODULE_ACHIEVEMENT_TYPE,
    issuer_role="provider",
    own_achievements=True,
    held_once=True,
)
EVC = KindSpec(
    kind="evc",
    achievement_type=EVC_ACHIEVEMENT_TYPE,
    issuer_role="assessor",
    own_achievements=False,
    held_once=False,
)
CERTIFICATE = KindSpec(
    kind="certificate",
    achievement_type=CERTIFICATE_ACHIEVEMENT_TYPE,
    issuer_role="assessor",
    own_achievements=False,
    held_once=True,
    listed_achievements=True,
)
KINDS: Mapping[CredentialKind, KindSpec] = MappingProxyType(
    {spec.kind: spec for spec in (MODULE_CERTIFICATE, EVC, CERTIFICATE)}
)
# The roles that issue anything, in the table's order.
ISSUER_ROLES: tuple[Role, ...] = tuple(dict.fromkeys(spec.issuer_role for spec in KINDS.values()))
_BY_ACHIEVEMENT_TYPE = {spec.achievement_type: spec.kind for spec in KINDS.values()}


def kind_spec(kind: str) -> KindSpec:
    """The row of a stored kind (kinds are checked on the way in: an unknown one is a bug)."""
    for spec in KINDS.values():
        if spec.kind == kind:
            return spec
    raise LookupError(f"no credential kind {kind!r}")


def kind_of_achievement_type(achievement_type: str | None) -> CredentialKind | None:
    """The kind of a credential by its achievement's `achievementType`; None for others."""
    return _BY_ACHIEVEMENT_TYPE.get(achievement_type or "")


__all__ = [
    "CERTIFICATE",
    "EVC",
    "ISSUER_ROLES",
    "KINDS",
    "MODULE_CERTIFICATE",
    "OTHER_KIND",
    "CredentialKind",
    "KindSpec",
    "kind_of_achievement_type",
    "kind_spec",
]
