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

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from registry import locks
from registry.models import IdempotentRequest
from schemas.common import Actor
from schemas.errors import ConflictError, DomainError, InvalidInputError, MalformedInputError
from schemas.issuance import MAX_BATCH, IssueIn
from schemas.json_input import decode_json
from schemas.text import ControlCharacterError, control_errors

CSV_COLUMNS = {"email": "email", "name": "name", "moduleid": "moduleId", "workerid": "workerId"}
REQUIRED_CSV = {"email", "name", "moduleid"}
MAX_KEY = 200


class IdempotencyKeyError(DomainError):
    """The Idempotency-Key header is missing or unusable (400)."""

    code = "idempotency-key-required"


@dataclass(slots=True)
class ParsedBatch:
    """The items of a batch, a decoding error in place of each bad one; CSV line numbers."""

    items: list[IssueIn | DomainError]
    lines: list[int] | None = None


class _RawBatch(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    items: list[msgspec.Raw]


def _item_error(exc: msgspec.ValidationError) -> DomainError:
    return InvalidInputError(str(exc), code="invalid-item")


def _check_size(count: int) -> None:
    if count == 0:
        raise InvalidInputError("the batch has no items", code="empty-batch")
    if count > MAX_BATCH:
        raise InvalidInputError(f"a batch holds at most {MAX_BATCH} items", code="batch-too-large")


def parse_json_batch(body: bytes) -> ParsedBatch:
    """`{"items": [...]}`: the envelope must decode; each item is decoded on its own."""
    try:
        raw = decode_json(body, _RawBatch)
    except msgspec.ValidationError as exc:
        raise InvalidInputError(str(exc), code="invalid-input") from None
    _check_size(len(raw.items))
    items: list[IssueIn | DomainError] = []
    for item in raw.items:
        try:
            items.append(msgspec.json.decode(item, type=IssueIn))
        except msgspec.ValidationError as exc:
            items.append(_item_error(exc))
    return ParsedBatch(items=items)


def parse_csv_batch(body: bytes) -> ParsedBatch:
    """A header row `email,name,moduleId[,workerId]`, then one module certificate per row."""
    try:
        reader = csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))
        header = [name.strip().lower() for name in next(reader, [])]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise MalformedInputError(
            f"the body is not UTF-8 CSV: {exc}", code="malformed-csv"
        ) from None
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown or not set(header) >= REQUIRED_CSV or len(set(header)) != len(header):
        raise InvalidInputError(
            "the header row must be email,name,moduleId[,workerId]", code="bad-csv-header"
        )
    items: list[IssueIn | DomainError] = []
    lines: list[int] = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            lines.append(reader.line_num)
            items.append(_csv_item(header, row, reader.line_num))
    except csv.Error as exc:
        raise MalformedInputError(f"line {reader.line_num}: {exc}", code="malformed-csv") from None
    _check_size(len(items))
    return ParsedBatch(items=items, lines=lines)


def _csv_item(header: list[str], row: list[str], line: int) -> IssueIn | DomainError:
    if len(row) != len(header):
        return InvalidInputError(
            f"expected {len(header)} fields, found {len(row)}", code="bad-csv-row"
        )
    cells = {CSV_COLUMNS[name]: value.strip() for name, value in zip(header, row, strict=True)}
    if errors := control_errors(cells.items(), source="csv", row=line):
        return ControlCharacterError(errors)
    holder = {k: cells[k] for k in ("email", "name", "workerId") if cells.get(k)}
    data = {"kind": "module-certificate", "moduleId": cells["moduleId"], "holder": holder}
    try:
        item: IssueIn = msgspec.convert(data, type=IssueIn)
    except msgspec.ValidationError as exc:
        return _item_error(exc)
    return item


def request_hash(media_type: str, body: bytes) -> str:
    return hashlib.sha256(media_type.encode() + b"\n" + body).hexdigest()


def check_key(key: str | None) -> str:
    if key is None or not key.strip():
        raise IdempotencyKeyError("a batch needs an Idempotency-Key header")
    key = key.strip()
    if len(key) > MAX_KEY or not key.isprintable():
        raise IdempotencyKeyError(
            f"the Idempotency-Key must be printable and at most {MAX_KEY} characters",
            code="bad-idempotency-key",
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
            raise ConflictError(
                "this Idempotency-Key was used for a different request",
                code="idempotency-key-reused",
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
