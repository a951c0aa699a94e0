"""Competence import from CSV: ESCO skill exports and our own plain format.

Pure parsing: bytes in, validated `CompetenceCreate` Structs out; no database.

ESCO exports (one file per language) have the columns ``conceptType, conceptUri,
preferredLabel, status, skillType, reuseLevel, altLabels, description, broaderConceptUri,
broaderConceptPT``; only ``conceptUri`` and a label column are required here. The label column
is ``preferredLabel`` (in the language the caller names) or ``preferredLabel_<xx>``, which names
its own language, e.g. ``preferredLabel_nl`` in the bundled Dutch labels file; either language
must be one ESCO publishes (`ESCO_LANGUAGES`), else `unknown-esco-language`.

The plain format has the header ``uri,code,label_nl,label_en,description``: ``uri`` and at least
one ``label_<lang>`` column (any two-letter language) are required, ``code`` and ``description``
are optional. Every row needs at least one non-empty label.

Errors are `CsvFormatError` with a stable ``code`` and, for bad rows, the 1-based line number
where the record starts in the file (the header is line 1).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

import msgspec

from schemas.catalogue import CompetenceCreate
from schemas.common import Slug
from schemas.errors import MalformedInputError
from schemas.errors.catalogue import UnknownEscoLanguageError
from schemas.text import require_clean

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ESCO_GREEN_SKILLS_CSV",
    "ESCO_GREEN_SKILLS_NL_CSV",
    "ESCO_LANGUAGES",
    "CsvFormatError",
    "check_esco_language",
    "parse_esco_csv",
    "parse_plain_csv",
    "read_csv",
]

DEFAULT_MAX_BYTES = 20_000_000

#: ESCO v1.1.1 green skills collection (English), bundled as sample data; see data/README.md.
ESCO_GREEN_SKILLS_CSV = Path(__file__).parent / "data" / "esco-green-skills-v1.1.1-en.csv"
#: The official Dutch labels of the same skills (``conceptUri, preferredLabel_nl, altLabels_nl``).
ESCO_GREEN_SKILLS_NL_CSV = Path(__file__).parent / "data" / "esco-green-skills-v1.1.1-nl.csv"

# The languages ESCO publishes its classification in (28 since v1.1): the 24 official EU
# languages, Icelandic, Norwegian and Arabic (ESCOpedia, "ESCO languages", for v1) and
# Ukrainian ("ESCO is available in 28 languages", esco.ec.europa.eu). An ESCO file in any
# other language is not ESCO's, so it is refused rather than stored under a made-up code.
ESCO_LANGUAGES: Final = frozenset(
    {
        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it",
        "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
        "is", "no", "ar", "uk",
    }
)  # fmt: skip
_LABEL_COLUMN = re.compile(r"^label_([a-z]{2})$")
_ESCO_LABEL_COLUMN = re.compile(r"^preferredLabel_([a-z]{2})$")


class CsvFormatError(MalformedInputError, ValueError):
    """A CSV file that cannot be imported.

    ``code`` is one of ``csv-too-large``, ``csv-not-utf8``, ``csv-missing-column``,
    ``csv-bad-column`` or ``csv-invalid-row``; ``row`` is the 1-based line number of the
    offending record, or None when the problem is not tied to one row.
    """

    def __init__(self, code: str, message: str, row: int | None = None) -> None:
        super().__init__(message, row=row)
        # Not yet a class per code (as the XML codes): the code is named at the raise site.
        self.code = code  # type: ignore[misc]
        self.row = row

    def __str__(self) -> str:
        return self.message if self.row is None else f"line {self.row}: {self.message}"


def parse_esco_csv(
    data: bytes,
    *,
    framework: str = "esco",
    language: str = "en",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[CompetenceCreate]:
    """Parse an ESCO skills CSV export into competences of `framework`.

    ``preferredLabel`` is stored under `language` (ESCO exports are per language), a
    ``preferredLabel_<xx>`` column under its own language. Rows whose ``status`` is filled in
    and is not ``released`` are skipped; the code is always None.
    """
    _check_framework(framework)
    check_esco_language(language, "language")
    header, rows = read_csv(data, max_bytes)
    columns = _esco_label_columns(header, language)
    missing = [] if "conceptUri" in header else ["conceptUri"]
    if not columns:
        missing.append("preferredLabel (or preferredLabel_<lang>)")
    if missing:
        raise CsvFormatError("csv-missing-column", f"missing column(s): {', '.join(missing)}")
    result: list[CompetenceCreate] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        status = row.get("status", "")
        if status and status.lower() != "released":
            continue
        labels = {lang: row[column] for column, lang in columns.items() if row[column]}
        if not labels:
            raise CsvFormatError("csv-invalid-row", "preferredLabel is empty", line)
        raw = {
            "framework": framework,
            "uri": row["conceptUri"],
            "code": None,
            "labels": labels,
            "description": row.get("description", ""),
        }
        result.append(_competence(raw, line, seen))
    return result


def _esco_label_columns(header: list[str], language: str) -> dict[str, str]:
    """Label column -> language: ``preferredLabel`` in `language`, ``preferredLabel_xx`` in xx."""
    columns = {"preferredLabel": language} if "preferredLabel" in header else {}
    for name in header:
        match = _ESCO_LABEL_COLUMN.match(name)
        if match:
            columns[name] = check_esco_language(match.group(1), f"column {name!r}")
    return columns


def check_esco_language(language: str, where: str) -> str:
    """`language` when ESCO publishes in it, else `unknown-esco-language` naming `where`."""
    if language not in ESCO_LANGUAGES:
        raise UnknownEscoLanguageError(
            f"{where}: ESCO publishes no {language!r} labels; its languages are "
            + ", ".join(sorted(ESCO_LANGUAGES))
        )
    return language


def parse_plain_csv(
    data: bytes,
    *,
    framework: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[CompetenceCreate]:
    """Parse our plain CSV (``uri,code,label_nl,label_en,description``) into competences."""
    _check_framework(framework)
    header, rows = read_csv(data, max_bytes)
    languages: dict[str, str] = {}
    for name in header:
        match = _LABEL_COLUMN.match(name)
        if match:
            languages[name] = match.group(1)
        elif name.lower().startswith("label"):
            raise CsvFormatError(
                "csv-bad-column",
                f"column {name!r}: label columns are named label_<xx>, e.g. label_nl",
            )
    missing = [] if "uri" in header else ["uri"]
    if not languages:
        missing.append("label_<lang>")
    if missing:
        raise CsvFormatError("csv-missing-column", f"missing column(s): {', '.join(missing)}")
    result: list[CompetenceCreate] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        labels = {lang: row[column] for column, lang in languages.items() if row[column]}
        if not labels:
            raise CsvFormatError("csv-invalid-row", "every label is empty", line)
        raw = {
            "framework": framework,
            "uri": row["uri"],
            "code": row.get("code") or None,
            "labels": labels,
            "description": row.get("description", ""),
        }
        result.append(_competence(raw, line, seen))
    return result


# ---------------------------------------------------------------- helpers


def _check_framework(framework: str) -> None:
    try:
        msgspec.convert(framework, Slug)
    except msgspec.ValidationError:
        raise ValueError(f"framework must be a slug, not {framework!r}") from None


# Mends a row before the rule on control characters looks at it (given the line and the cells).
Repair = Callable[[int, dict[str, str]], dict[str, str]]


def read_csv(
    data: bytes, max_bytes: int, *, repair: Repair | None = None
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Check size and encoding, read the header; return it with an iterator of (line, row).

    Every CSV import reads through here (ESCO skills, our plain format, ESCO occupations and
    their skill relations), so size, encoding, quoting and control characters have one rule."""
    if len(data) > max_bytes:
        raise CsvFormatError(
            "csv-too-large", f"the file has {len(data)} bytes; at most {max_bytes} are allowed"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFormatError(
            "csv-not-utf8", f"the file is not UTF-8 (bad byte at offset {exc.start})"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next((cells for cells in reader if any(c.strip() for c in cells)), None)
    except csv.Error as exc:
        raise CsvFormatError("csv-invalid-row", f"unreadable CSV: {exc}", reader.line_num) from None
    if header is None:
        raise CsvFormatError("csv-missing-column", "the file is empty; a header row is required")
    header = [name.strip() for name in header]
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise CsvFormatError("csv-bad-column", f"duplicate column(s): {', '.join(duplicates)}")
    return header, _rows(reader, header, repair)


def _rows(
    reader: Any, header: list[str], repair: Repair | None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line where the record starts, stripped cells by column); skip blank lines."""
    while True:
        line = reader.line_num + 1
        try:
            cells: list[str] = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CsvFormatError("csv-invalid-row", f"unreadable CSV: {exc}", line) from None
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise CsvFormatError(
                "csv-invalid-row",
                f"expected {len(header)} fields as in the header, found {len(cells)}",
                line,
            )
        row = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
        if repair is not None:
            row = repair(line, row)
        require_clean(row.items(), source="csv", row=line)
        yield line, row


def _competence(raw: dict[str, Any], line: int, seen: dict[str, int]) -> CompetenceCreate:
    """Validate one row through the Struct's constraints; reject repeated URIs."""
    if not raw["uri"]:
        raise CsvFormatError("csv-invalid-row", "the URI is empty", line)
    try:
        competence = msgspec.convert(raw, CompetenceCreate)
    except msgspec.ValidationError as exc:
        raise CsvFormatError("csv-invalid-row", _explain(exc), line) from None
    first = seen.setdefault(competence.uri, line)
    if first != line:
        raise CsvFormatError(
            "csv-invalid-row", f"URI {competence.uri} already appears on line {first}", line
        )
    return competence


def _explain(exc: msgspec.ValidationError) -> str:
    """Turn msgspec's message into one about CSV columns."""
    message = str(exc)
    if "$.uri" in message:
        return f"invalid URI ({message})"
    if "$.labels" in message:
        return f"invalid label ({message})"
    if "$.description" in message:
        return f"invalid description ({message})"
    if "$.code" in message:
        return f"invalid code ({message})"
    return message
