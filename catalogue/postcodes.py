"""Dutch postcodes as the catalogue stores and filters them."""

from __future__ import annotations

import re
from dataclasses import dataclass


def normal_postcode(postcode: str) -> str:
    """Store Dutch postcodes as "1234 AB" so prefix filters work on one form."""
    compact = postcode.replace(" ", "")
    return f"{compact[:4]} {compact[4:]}"


def postcode_range(region: str) -> tuple[str, str] | None:
    """A postcode prefix ("35", "3511", "3511 AB") as a range the postcode index can serve."""
    digits = re.match(r"\d{1,4}", region.replace(" ", ""))
    if digits is None:
        return None
    # Stored postcodes are "3511 AB": digits, a space and capitals, all below "~".
    return digits.group(), digits.group() + "~"


def place_key(region: str) -> str:
    """A place name as regions compare it: whole and case-insensitive ("Amster" is not
    Amsterdam)."""
    return region.strip().lower()


@dataclass(frozen=True, slots=True)
class Region:
    """A region as search and the route to a job read it: a postcode start, as the range of
    stored postcodes it holds, or else a place name (`place_key`)."""

    postcodes: tuple[str, str] | None
    place: str

    def holds(self, postcode: str, place: str) -> bool:
        """Whether a run at this postcode and place is in the region."""
        if self.postcodes is None:
            return place_key(place) == self.place
        low, high = self.postcodes
        return low <= postcode <= high


def read_region(text: str | None) -> Region | None:
    """The region a person typed; None for none (empty or blank)."""
    if not text or not text.strip():
        return None
    return Region(postcode_range(text.strip()), place_key(text))


def regions_meet(a: str, b: str) -> bool:
    """Whether two regions (a postcode start or a place name, as a route reads a region) are
    the same place: postcode starts when one's range holds the other's ("3" and "3511"),
    place names when equal by `place_key`; a postcode start and a place name never."""
    range_a, range_b = postcode_range(a), postcode_range(b)
    if range_a is None and range_b is None:
        return place_key(a) == place_key(b)
    if range_a is None or range_b is None:
        return False
    low_a, low_b = range_a[0], range_b[0]
    return low_a.startswith(low_b) or low_b.startswith(low_a)
