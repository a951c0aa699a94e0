"""Status list credentials read back: verified once, decoded once, then looked up per credential.

This is the "decode once per fetch and keep it" rule of DESIGN section 8: a verifier's
`status_lists` source hands out decoded `StatusList`s by URL, never re-inflating them per
credential.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import msgspec

from credentials.claims import issuer_id
from credentials.jws import parse_compact, strict_json, verify_jws
from credentials.keysource import find_key
from credentials.status import StatusList
from credentials.verify import VerifierConfig
from schemas.errors.credentials import JwsError, StatusListCredentialError


def read_status_list_credential(
    token: str | bytes, config: VerifierConfig
) -> tuple[str, StatusList]:
    """Verify a signed BitstringStatusListCredential and return (its URL, the decoded list).

    The signing key must belong to the list's issuer and be known to `config` (trust list,
    did:key or a configured DID document), just as for the credentials the list speaks about.
    """
    try:
        parsed = parse_compact(token.strip(), max_bytes=config.max_bytes * 4)
        document = strict_json(parsed.payload)
    except JwsError as error:
        raise StatusListCredentialError(error.message) from None
    if not isinstance(document, dict):
        raise StatusListCredentialError("the payload is not a JSON object")
    kid, issuer = parsed.header.get("kid"), issuer_id(document)
    if not isinstance(kid, str) or issuer is None or kid.partition("#")[0] != issuer:
        raise StatusListCredentialError("the key does not belong to the list's issuer")
    lookup = find_key(kid, config.trust_list, config.documents)
    if lookup is None or not verify_jws(parsed, lookup.key):
        raise StatusListCredentialError("the status list signature cannot be checked")
    subject = document.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    url, encoded = document.get("id"), subject.get("encodedList")
    if not isinstance(url, str) or not isinstance(encoded, str):
        raise StatusListCredentialError("the status list has no id or encodedList")
    return url, StatusList.decode(
        encoded,
        issuer=issuer,
        purposes=_purposes(subject.get("statusPurpose")),
        valid_from=_moment(document, "validFrom"),
        valid_until=_moment(document, "validUntil"),
    )


def _purposes(value: object) -> list[str]:
    """The list's `statusPurpose`: one or more strings (a list may serve several)."""
    given = value if isinstance(value, list) else [value]
    purposes = [p for p in given if isinstance(p, str) and p]
    if not purposes or len(purposes) != len(given):
        raise StatusListCredentialError("the status list's statusPurpose is not one or more names")
    return purposes


def _moment(document: dict[str, Any], name: str) -> dt.datetime | None:
    """The list credential's `validFrom` or `validUntil` (a dateTimeStamp), if it has one."""
    value = document.get(name)
    if value is None:
        return None
    try:
        moment = msgspec.convert(value, dt.datetime)
    except msgspec.ValidationError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise StatusListCredentialError(f"the status list's {name} is not a date and time")
    return moment


def status_source(tokens: Iterable[str | bytes], config: VerifierConfig) -> dict[str, StatusList]:
    """Decoded lists by URL, for `VerifierConfig.status_lists` (use `.get`)."""
    return dict(read_status_list_credential(token, config) for token in tokens)
