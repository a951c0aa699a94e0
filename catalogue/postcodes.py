"""Dutch postcodes as the catalogue stores and filters them."""

from __future__ import annotations

import re


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
