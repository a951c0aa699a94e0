"""Batch issuance input (JSON or CSV, row by row) and idempotent replay by `Idempotency-Key`.

A batch is decoded item by item so that one bad row does not hide the others: every bad row
is reported in one 422 and nothing is issued. The response of a batch that succeeded is
stored under (account, key) in the same transaction as the credentials, so a retry gets the
same credentials back, and a retry racing the first request waits for it (an advisory lock
on PostgreSQL, the single writer lock on SQLite) and then replays its answer.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry import locks
from registry.models import IdempotentRequest
from schemas.common import Actor
from schemas.errors import DomainError, InvalidInputError
from schemas.errors.issuing import (
    BadCsvRowError,
    BadIdempotencyKeyError,
    BatchTooLargeError,
    CsvHeaderError,
    EmptyBatchError,
    IdempotencyKeyError,
    IdempotencyKeyReusedError,
    InvalidItemError,
    MalformedCsvError,
    RepeatedRowError,
)
from schemas.issuance import MAX_BATCH, CertificateIn, IssueIn, ModuleCertificateIn
from schemas.json_input import decode_json
from schemas.kinds import MODULE_CERTIFICATE
from schemas.text import ControlCharacterError, control_errors

CSV_COLUMNS = {"email": "email", "name": "name", "moduleid": "moduleId", "workerid": "workerId"}
REQUIRED_CSV = ("email", "name", "moduleid")
# Column names people write in Dutch (or spelled a little differently), read as the above.
CSV_ALIASES = {
    "e-mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "naam": "name",
    "module": "moduleid",
    "module-id": "moduleid",
    "module id": "moduleid",
}
# Dutch Excel saves "CSV" with semicolons (the comma is the Dutch decimal sign) in
# Windows-1252, and "CSV UTF-8" with semicolons and a byte order mark; others use commas.
SEPARATORS = (",", ";", "\t")
ENCODINGS = ("utf-8-sig", "cp1252")
MAX_KEY = 200


@dataclass(slots=True)
class ParsedBatch:
    """The items of a batch, a decoding error in place of each bad one; for CSV the line of
    each item and the cells of every line by (lower-case) column."""

    items: list[IssueIn | DomainError]
    lines: list[int] | None = None
    cells: dict[int, dict[str, str]] | None = None


@dataclass(slots=True)
class CsvTable:
    """A CSV file as read: the header as written, the rows with their line numbers, and the
    separator found."""

    columns: list[str]
    rows: list[tuple[int, list[str]]]
    separator: str

    @property
    def header(self) -> list[str]:
        """The columns as known names (`CSV_COLUMNS` keys; an unknown one as written, lower)."""
        return [column_key(name) for name in self.columns]


def column_key(name: str) -> str:
    key = name.strip().lower()
    return CSV_ALIASES.get(key, key)


class _RawBatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    items: list[msgspec.Raw]


def _item_error(exc: msgspec.ValidationError) -> DomainError:
    return InvalidItemError(str(exc))


def _check_size(count: int) -> None:
    if count == 0:
        raise EmptyBatchError("the batch has no items")
    if count > MAX_BATCH:
        raise BatchTooLargeError(f"a batch holds at most {MAX_BATCH} items")


def parse_json_batch(body: bytes) -> ParsedBatch:
    """`{"items": [...]}`: the envelope must decode; each item is decoded on its own."""
    try:
        raw = decode_json(body, _RawBatch)
    except msgspec.ValidationError as exc:
        raise InvalidInputError(str(exc)) from None
    _check_size(len(raw.items))
    items: list[IssueIn | DomainError] = []
    for item in raw.items:
        try:
            items.append(msgspec.json.decode(item, type=IssueIn))
        except msgspec.ValidationError as exc:
            items.append(_item_error(exc))
    return ParsedBatch(items=mark_repeats(items))


def decode_csv(body: bytes) -> str:
    """The text: UTF-8 (with or without a byte order mark), else Windows-1252, what Excel's
    plain "CSV" is on Dutch Windows. Text in Windows-1252 with any letter beyond ASCII is
    almost never valid UTF-8, so trying UTF-8 first does not misread it."""
    for encoding in ENCODINGS:
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MalformedCsvError("the body is not CSV text (neither UTF-8 nor Windows-1252)")


def _separator(header_line: str) -> str:
    """The separator that splits the header line into the most known column names, then into
    the most columns; a comma on a tie. (csv.Sniffer guesses wrong on files of a few rows.)"""

    def score(separator: str) -> tuple[int, int]:
        cells = next(csv.reader([header_line], delimiter=separator), [])
        return sum(column_key(cell) in CSV_COLUMNS for cell in cells), len(cells)

    return max(SEPARATORS, key=score)


def read_csv(body: bytes) -> CsvTable:
    """The header row and every non-blank row with its line number."""
    text = decode_csv(body)
    separator = _separator(text.partition("\n")[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        columns = [name.strip() for name in next(reader, [])]
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as exc:
        raise MalformedCsvError(f"line {reader.line_num}: {exc}") from None
    return CsvTable(columns=columns, rows=rows, separator=separator)


def _check_header(table: CsvTable, module_chosen: bool) -> None:
    """Name what is wrong with the header: the columns missing, unknown or given twice,
    beside the columns found and those expected (moduleId only without a chosen module)."""
    header = table.header
    required = [n for n in REQUIRED_CSV if not (module_chosen and n == "moduleid")]
    missing = [CSV_COLUMNS[n] for n in required if n not in header]
    unknown = [c for c, n in zip(table.columns, header, strict=True) if n not in CSV_COLUMNS]
    twice = sorted({c for c, n in zip(table.columns, header, strict=True) if header.count(n) > 1})
    if not (missing or unknown or twice):
        return
    problems = [
        f"{what}: {', '.join(names)}"
        for what, names in (("missing", missing), ("unknown", unknown), ("twice", twice))
        if names
    ]
    expected = [CSV_COLUMNS[n] for n in required]
    raise CsvHeaderError(
        f"the header row is not right ({'; '.join(problems)}): found "
        f"{', '.join(table.columns) or 'none'}, expected {', '.join(expected)} (optional: "
        f"{'moduleId, ' if module_chosen else ''}workerId), separated by {table.separator!r}",
        found=table.columns,
        expected=expected,
        missing=missing,
        unknown=unknown,
        twice=twice,
    )


def parse_csv_batch(body: bytes, *, module_id: str | None = None) -> ParsedBatch:
    """A header row `email,name,moduleId[,workerId]` (`,` `;` or tab between them), then one
    module certificate per row; `module_id` fills in a file without a moduleId column."""
    table = read_csv(body)
    _check_header(table, module_id is not None)
    fill = module_id if "moduleid" not in table.header else None
    items: list[IssueIn | DomainError] = []
    lines: list[int] = []
    cells: dict[int, dict[str, str]] = {}
    for line, row in table.rows:
        lines.append(line)
        cells[line] = dict(zip(table.header, (cell.strip() for cell in row), strict=False))
        items.append(_csv_item(table.header, row, line, fill))
    _check_size(len(items))
    return ParsedBatch(items=mark_repeats(items, lines), lines=lines, cells=cells)


def _csv_item(
    header: list[str], row: list[str], line: int, module_id: str | None
) -> IssueIn | DomainError:
    if len(row) != len(header):
        return BadCsvRowError(f"expected {len(header)} fields, found {len(row)}")
    cells = {CSV_COLUMNS[name]: value.strip() for name, value in zip(header, row, strict=True)}
    if errors := control_errors(cells.items(), source="csv", row=line):
        return ControlCharacterError(errors)
    holder = {k: cells[k] for k in ("email", "name", "workerId") if cells.get(k)}
    module = module_id if module_id is not None else cells["moduleId"]
    data = {"kind": MODULE_CERTIFICATE.kind, "moduleId": module, "holder": holder}
    try:
        item: IssueIn = msgspec.convert(data, type=IssueIn)
    except msgspec.ValidationError as exc:
        return _item_error(exc)
    return item


def mark_repeats(
    items: list[IssueIn | DomainError], lines: list[int] | None = None
) -> list[IssueIn | DomainError]:
    """Every later row naming the same learner (worker id or e-mail address) and module (or
    certificate scheme) as an earlier row becomes a RepeatedRowError that points at the first."""
    first: dict[tuple[str, str], int] = {}
    marked: list[IssueIn | DomainError] = []
    for index, item in enumerate(items):
        seen = index
        what = _held_once(item)
        if (
            what is not None
            and not isinstance(item, DomainError)
            and (item.holder.worker_id or item.holder.email)
        ):
            holder = item.holder
            who = str(holder.worker_id) if holder.worker_id else (holder.email or "").lower()
            seen = first.setdefault((what, who), index)
        if seen == index:
            marked.append(item)
            continue
        where: dict[str, Any] = {"firstIndex": seen}
        if lines:
            where["firstLine"] = lines[seen]
        place = f"line {lines[seen]}" if lines else f"item {seen}"
        marked.append(RepeatedRowError(f"the same learner and module as {place}", **where))
    return marked


def _held_once(item: IssueIn | DomainError) -> str | None:
    """What a holder holds once (a module, a certificate scheme); None for anything else."""
    match item:
        case ModuleCertificateIn():
            return str(item.module_id)
        case CertificateIn():
            return item.scheme
        case _:
            return None


def request_hash(media_type: str, body: bytes, *, reissue: bool = False) -> str:
    """What makes two batch requests the same request (the reissue switch included)."""
    head = media_type.encode() + (b";reissue" if reissue else b"")
    return hashlib.sha256(head + b"\n" + body).hexdigest()


def check_key(key: str | None) -> str:
    if key is None or not key.strip():
        raise IdempotencyKeyError("a batch needs an Idempotency-Key header")
    key = key.strip()
    if len(key) > MAX_KEY or not key.isprintable():
        raise BadIdempotencyKeyError(
            f"the Idempotency-Key must be printable and at most {MAX_KEY} characters",
        )
    return key


async def once(
    session: AsyncSession,
    actor: Actor,
    key: str,
    digest: str,
    run: Callable[[], Awaitable[bytes]],
) -> tuple[bytes, bool]:
    """The stored response for (actor, key), or run and store; True when replayed."""
    await locks.hold(session, f"idempotency:{actor.account_id}:{key}")
    stored = await session.scalar(
        select(IdempotentRequest).where(
            IdempotentRequest.account_id == actor.account_id, IdempotentRequest.key == key
        )
    )
    if stored is not None:
        if stored.request_hash != digest:
            raise IdempotencyKeyReusedError(
                "this Idempotency-Key was used for a different request",
            )
        return stored.response, True
    response = await run()
    session.add(
        IdempotentRequest(
            account_id=actor.account_id, key=key, request_hash=digest, response=response
        )
    )
    await session.flush()
    return response, False
