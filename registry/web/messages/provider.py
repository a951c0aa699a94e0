"""Texts of the provider pages: key -> (Dutch, English)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
