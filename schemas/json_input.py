"""JSON from outside: one depth limit for every request body, JWS payload and pasted document,
and the text rule of schemas.text for every string in a body.

msgspec and the json module recurse once per level and give up with a RecursionError near
Python's recursion limit, at a depth that depends on how deep the caller already is; what
follows decoding (validation, canonicalisation, re-encoding) recurses too. A fixed limit far
below that, checked before decoding, answers every input the same wherever it arrives. No
document we read or write comes near it: a credential is about 8 levels deep.
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate
from typing import Any, TypeVar, overload

import msgspec

from schemas.errors.requests import MalformedJsonError
from schemas.text import require_clean_document

T = TypeVar("T")

MAX_JSON_DEPTH = 64
TOO_DEEP = f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep"

# A JSON string, on the skeleton below (only quotes, backslashes and brackets are left).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_SKELETON = bytes(b for b in range(256) if b not in b'[]{}"\\')
# Openers become +1 and closers -1 as signed bytes; the running sum is the depth.
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
# How a control character can be written in JSON text: escaped (\u0000-\u001f, \u0080-\u009f,
# \u007f, \b, \f), or DEL and the C1 controls as they are (JSON lets those through). A body
# without any of these holds none, so only the rare body with one is walked string by string.
_CONTROL_SPELLING = re.compile(rb"\\u00[0189]|\\u007[fF]|\\[bf]|\x7f|\xc2[\x80-\x9f]")
# Every escape in JSON text, left to right (an escaped backslash is one escape, so the text
# \\ud800 is a backslash and "ud800", no \u escape); group 1 is the code unit of a \u escape.
_ESCAPE = re.compile(rb"\\(?:u([0-9a-fA-F]{4})|.)", re.S)


def too_deep(data: bytes | str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether JSON text nests arrays and objects more than `limit` levels deep.

    Runs at C speed (about 10 ms for a 1 MB batch, nothing for a small body): brackets
    inside strings are removed with the strings, everything else but brackets is dropped,
    and the deepest running sum is the depth. Text that is not JSON gives some answer;
    the decoder refuses it anyway.
    """
    raw = data.encode() if isinstance(data, str) else bytes(data)
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    skeleton = raw.translate(None, _NOT_SKELETON)
    steps = _STRING.sub(b"", skeleton).translate(_STEPS, b'"\\')
    return max(accumulate(array("b", steps)), default=0) > limit


def require_shallow(data: bytes | str) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH as malformed (400 `malformed-json`)."""
    if too_deep(data):
        raise MalformedJsonError(TOO_DEEP)


def lone_surrogate(data: bytes | str) -> int | None:
    """The byte offset of the first \\u escape of a high surrogate (D800-DBFF) that no low
    surrogate escape follows, which msgspec reports only as "Input data was truncated"; None
    if there is none (a lone low surrogate msgspec names itself)."""
    raw = data.encode() if isinstance(data, str) else data
    if b"\\u" not in raw:
        return None
    pending: re.Match[bytes] | None = None
    for escape in _ESCAPE.finditer(raw):
        unit = escape.group(1)
        if pending is not None:
            low = unit is not None and 0xDC00 <= int(unit, 16) <= 0xDFFF
            if not low or escape.start() != pending.end():
                return pending.start()
            pending = None
        elif unit is not None and 0xD800 <= int(unit, 16) <= 0xDBFF:
            pending = escape
    return None if pending is None else pending.start()


def json_error(data: bytes | str, message: str) -> str:
    """What is wrong with JSON that did not decode: msgspec's `message`, or the lone surrogate
    it cannot name."""
    offset = lone_surrogate(data)
    if offset is None:
        return message
    return f"invalid \\u escape: a lone surrogate at byte {offset}"


def require_clean_json(raw: bytes | str, value: Any) -> None:
    """Refuse a decoded body (`value`, decoded from `raw`) with a control character in any
    string: 422 `invalid-input` naming each field by its JSON path."""
    if _spells_control(raw):
        require_clean_document(value)


def _spells_control(raw: bytes | str) -> bool:
    return _CONTROL_SPELLING.search(raw.encode() if isinstance(raw, str) else raw) is not None


@overload
def decode_json(data: bytes | str) -> Any: ...
@overload
def decode_json(data: bytes | str, type: type[T]) -> T: ...
def decode_json(data: bytes | str, type: Any = Any) -> Any:
    """Decode JSON from outside: too deep or not JSON is `malformed-json`, a control character
    in a string `invalid-input`; a value of the wrong shape raises msgspec.ValidationError for
    the caller to name the field."""
    require_shallow(data)
    try:
        if _spells_control(data):
            # Rare: decoded once more as plain JSON, so every field is named, not just the
            # first one the typed decoder reaches.
            require_clean_document(msgspec.json.decode(data))
        return msgspec.json.decode(data, type=type)
    except msgspec.ValidationError:
        raise
    except msgspec.DecodeError as exc:
        detail = json_error(data, str(exc))
        raise MalformedJsonError(f"the body is not valid JSON: {detail}") from None
