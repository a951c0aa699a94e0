"""Rules of the VC Data Model 2.0 that the API's issuer keeps beyond what the verifier reads
(`credentials.documents.decode_credential`): identifiers are single URLs, the objects the model
types carry a `type`, names and descriptions are strings or language value objects, and related
resources name their digests. The verifier reads credentials from anywhere and judges their
signatures; the issuer makes only conforming documents.

Each rule returns the JSON paths it found wrong; `problems` collects them all, so one answer
names every problem of a credential.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

# A URL (RFC 3986 absolute URI: a scheme, a colon, no white space), as VC 2.0 section 4.4 asks.
_URL: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+")
# The objects VC 2.0 section 4.5 says MUST have a type.
TYPED: Final = ("credentialStatus", "termsOfUse", "evidence", "refreshService", "credentialSchema")
# A language value object (VC 2.0 section 11.1): only these members.
_LANGUAGE_VALUE: Final = frozenset({"@value", "@language", "@direction"})


def is_url(value: object) -> bool:
    return isinstance(value, str) and _URL.fullmatch(value) is not None


def _items(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def problems(credential: dict[str, Any]) -> list[str]:
    """The JSON paths of everything in `credential` that breaks one of these rules."""
    found = [*_identifiers(credential), *_typed(credential), *_texts(credential)]
    return [*found, *_related_resources(credential.get("relatedResource"))]


def _identifiers(credential: dict[str, Any]) -> Iterator[str]:
    if "id" in credential and not is_url(credential["id"]):
        yield "id"
    issuer = credential.get("issuer")
    if isinstance(issuer, dict) and not is_url(issuer.get("id")):
        yield "issuer.id"
    elif not isinstance(issuer, dict) and not is_url(issuer):
        yield "issuer"
    for n, subject in enumerate(_items(credential.get("credentialSubject"))):
        if isinstance(subject, dict) and "id" in subject and not is_url(subject["id"]):
            yield f"credentialSubject[{n}].id"


def _typed(credential: dict[str, Any]) -> Iterator[str]:
    for name in TYPED:
        if name not in credential:
            continue
        for n, item in enumerate(_items(credential[name])):
            path = f"{name}[{n}]"
            types = item.get("type") if isinstance(item, dict) else None
            if not types or not all(isinstance(t, str) for t in _items(types)):
                yield f"{path}.type"
            elif not is_url(item.get("id", "x:present")) or (
                name == "credentialSchema" and "id" not in item
            ):
                # An id is a URL where present; a schema must name one.
                yield f"{path}.id"


def _texts(credential: dict[str, Any]) -> Iterator[str]:
    issuer = credential.get("issuer")
    owners = {"": credential, "issuer.": issuer if isinstance(issuer, dict) else {}}
    for prefix, owner in owners.items():
        for name in ("name", "description"):
            if name in owner and not all(_is_text(v) for v in _items(owner[name])):
                yield f"{prefix}{name}"


def _is_text(value: object) -> bool:
    if isinstance(value, str):
        return True
    return (
        isinstance(value, dict)
        and isinstance(value.get("@value"), str)
        and set(value) <= _LANGUAGE_VALUE
        and all(isinstance(v, str) for v in value.values())
    )


def _related_resources(value: object) -> Iterator[str]:
    if value is None:
        return
    seen: set[str] = set()
    for n, item in enumerate(_items(value)):
        path = f"relatedResource[{n}]"
        if not isinstance(item, dict) or not is_url(item.get("id")):
            yield f"{path}.id"
            continue
        if item["id"] in seen:
            yield f"{path}.id"
        seen.add(item["id"])
        if not ("digestSRI" in item or "digestMultibase" in item):
            yield f"{path}.digestSRI"
