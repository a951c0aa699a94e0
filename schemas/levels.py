"""Level schemes and their ranges: one table for the catalogue, the credentials, the API and
every form (DESIGN section 3: mbo 1-4, NLQF 1-8, EQF 1-8).

Forms name a level as one value, `<scheme>-<value>` (`mbo-3`): `level_key` writes it and
`parse_level_key` reads it back, refusing what the table does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Literal, TypeGuard

import msgspec

LevelScheme = Literal["mbo", "nlqf", "eqf"]
# The highest level of each scheme; every scheme starts at 1.
LEVEL_TOP: Mapping[LevelScheme, int] = MappingProxyType({"mbo": 4, "nlqf": 8, "eqf": 8})
LEVEL_SCHEMES: tuple[LevelScheme, ...] = tuple(LEVEL_TOP)
# The highest level in any scheme: the bound of a level value on its own (a query parameter,
# a wire field), before its scheme is known.
HIGHEST_LEVEL = max(LEVEL_TOP.values())
LevelValue = Annotated[int, msgspec.Meta(ge=1, le=HIGHEST_LEVEL)]
# Every level there is, scheme by scheme, lowest first.
LEVELS: tuple[tuple[LevelScheme, int], ...] = tuple(
    (scheme, value) for scheme, top in LEVEL_TOP.items() for value in range(1, top + 1)
)


def is_scheme(text: str) -> TypeGuard[LevelScheme]:
    return text in LEVEL_TOP


def is_level(scheme: str, value: int) -> bool:
    """Whether `value` is a level of `scheme`."""
    return is_scheme(scheme) and 1 <= value <= LEVEL_TOP[scheme]


def check_level(scheme: LevelScheme, value: int) -> None:
    """For a wire type's `__post_init__`: msgspec turns the ValueError into a 422 that names
    the field."""
    if not is_level(scheme, value):
        raise ValueError(f"{scheme} levels run from 1 to {LEVEL_TOP[scheme]}")


def level_key(scheme: LevelScheme, value: int) -> str:
    """A level as one form value: `mbo-3`."""
    return f"{scheme}-{value}"


def parse_level_key(text: str) -> tuple[LevelScheme, int] | None:
    """A form value back as (scheme, value); None for anything that is not a level."""
    scheme, _, value = text.partition("-")
    if not value.isdigit() or not is_scheme(scheme) or not is_level(scheme, int(value)):
        return None
    return scheme, int(value)


__all__ = [
    "HIGHEST_LEVEL",
    "LEVELS",
    "LEVEL_SCHEMES",
    "LEVEL_TOP",
    "LevelScheme",
    "LevelValue",
    "check_level",
    "is_level",
    "is_scheme",
    "level_key",
    "parse_level_key",
]
