"""The message tables of every area, merged; a key defined twice is a mistake and fails here."""

from __future__ import annotations

from registry.web.messages import (
    account,
    assessor,
    catalogue,
    common,
    employer,
    matching,
    operator,
    provider,
    worker,
)

TABLES = (
    common.MESSAGES,
    catalogue.MESSAGES,
    provider.MESSAGES,
    worker.MESSAGES,
    employer.MESSAGES,
    assessor.MESSAGES,
    account.MESSAGES,
    matching.MESSAGES,
    operator.MESSAGES,
)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for table in TABLES:
        twice = merged.keys() & table.keys()
        if twice:
            raise RuntimeError(f"message keys defined twice: {sorted(twice)}")
        merged.update(table)
    return merged


MESSAGES = _merge()
