"""How competence labels are searched: accents dropped and case folded, the same for the
stored text and the query, so "Elektrotechniek" finds "elektrotechniek" and "financiele"
finds "financiële" on SQLite and PostgreSQL alike (neither has this built in for both)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping


def fold(text: str) -> str:
    """Text as search compares it: accents dropped, case folded ("Één" -> "één" -> "een")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def folded_labels(labels: Mapping[str, str], label: str, code: str | None) -> tuple[str, str]:
    """The Dutch label (else the preferred one) folded, and every label and the code folded."""
    dutch = labels.get("nl") or label or ""
    return fold(dutch)[:500], fold(" | ".join([dutch, *labels.values(), code or ""]))
