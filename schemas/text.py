"""Text from outside: one rule for the characters a text field may carry.

Control characters have no place in names, titles or descriptions: PostgreSQL refuses NUL
(the request failed with a 500), SQLite stored it and it was signed into credentials, and the
others hide or garble text on screen and in print. Tab, line feed and carriage return stay
allowed: descriptions and notes are multi-line, and browsers send a textarea's line breaks as
CR LF. The rule is applied where text enters: JSON bodies (schemas.json_input), forms, CSV
files, XML documents, and query strings and paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from schemas.errors import InvalidInputError

# C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# At most this many fields are named in one error: enough to fix a form or a file.
MAX_REPORTED = 20


def control_character(text: str) -> str | None:
    """The first character `text` may not carry, written as U+XXXX; None when it is clean."""
    found = CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def without_controls(text: str) -> str:
    """`text` with its control characters taken out, only to show refused text again (a form
    with everything else as typed): what is stored never passes through here."""
    return CONTROL.sub("", text)


def problem(char: str) -> str:
    return f"text may not contain the control character {char}"


class ControlCharacterError(InvalidInputError):
    """Text with a control character: 422 `invalid-input`, each field in `errors`
    (`key`, `source`, and `row` for a line of a CSV file). It keeps its family's code."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        first = errors[0]
        where = f"line {first['row']}, " if "row" in first else ""
        super().__init__(f"{where}{first['key']}: {first['message']}", errors=errors)


def control_errors(
    fields: Iterable[tuple[str, Any]], *, source: str, row: int | None = None
) -> list[dict[str, Any]]:
    """An error entry for each named text value (form field, CSV cell, query parameter)
    that carries a control character; values that are not text are not looked at."""
    errors = []
    for key, value in fields:
        char = control_character(value) if isinstance(value, str) else None
        if char is not None:
            errors.append(_entry(key, char, source, row))
    return errors[:MAX_REPORTED]


def require_clean(
    fields: Iterable[tuple[str, Any]], *, source: str, row: int | None = None
) -> None:
    """Refuse named text values with a control character (ControlCharacterError)."""
    errors = control_errors(fields, source=source, row=row)
    if errors:
        raise ControlCharacterError(errors)


def require_clean_document(value: Any, *, source: str = "body") -> None:
    """Refuse a decoded JSON value with a control character in any string, key or value,
    naming each by its JSON path (`$.holder.name`, as msgspec names fields)."""
    errors = [_entry(path, char, source, None) for path, char in _walk(value, "$")]
    if errors:
        raise ControlCharacterError(errors[:MAX_REPORTED])


def _entry(key: str, char: str, source: str, row: int | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"message": problem(char), "key": key, "source": source}
    if row is not None:
        entry["row"] = row
    return entry


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        char = control_character(value)
        if char is not None:
            yield path, char
    elif isinstance(value, Mapping):
        for key, item in value.items():
            where = f"{path}.{key}"
            char = control_character(key) if isinstance(key, str) else None
            if char is not None:
                yield where, char
            yield from _walk(item, where)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
