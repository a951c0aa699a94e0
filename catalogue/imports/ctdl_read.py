"""Reading CTDL and CTDL-ASN JSON-LD as published (Credential Engine's compact form): a graph
(`@graph`) or a single resource, with the `ceterms:`/`ceasn:` prefixes of its context.

Values come in several shapes across CTDL's history and we read them all: language maps
(`{"en-US": "..."}`), older plain strings, lists of language maps (`[{"en-us": "..."}]`),
JSON-LD value objects (`{"@value", "@language"}`), and references as strings or `{"@id"}`
objects, one or a list. Nothing is fetched: a reference to something outside the document
(an organisation, a competency of another framework) stays a URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from schemas.errors.catalogue import BadImportDocumentError
from schemas.json_input import decode_json

# Where a CTID resolves when a resource's own `@id` is no URL (older documents).
CTID_BASE: Final = "https://credentialengineregistry.org/resources/"
_ABSOLUTE: Final = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")
_ISO_DURATION: Final = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$"
)


@dataclass(frozen=True)
class Graph:
    """The resources of a document by `@id`, in document order."""

    nodes: dict[str, dict[str, Any]]

    def of_type(self, *types: str) -> list[tuple[str, dict[str, Any]]]:
        return [(i, n) for i, n in self.nodes.items() if set(types_of(n)) & set(types)]


def read_graph(body: bytes) -> Graph:
    """The document as a graph; not JSON, too deep or no resources is an error."""
    document = decode_json(body)
    if not isinstance(document, dict):
        raise BadImportDocumentError("a CTDL document is a JSON object")
    items = document.get("@graph", [document])
    if not isinstance(items, list) or not all(isinstance(n, dict) for n in items):
        raise BadImportDocumentError("@graph: a list of resources (JSON objects)")
    nodes: dict[str, dict[str, Any]] = {}
    for position, node in enumerate(items):
        key = node.get("@id")
        if not isinstance(key, str) or not key:
            raise BadImportDocumentError(f"@graph[{position}]: a resource without an @id")
        if key in nodes:
            raise BadImportDocumentError(f"@graph[{position}]: {key} is in the document twice")
        nodes[key] = node
    return Graph(nodes)


def types_of(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)]


def refs(value: Any) -> list[str]:
    """The ids a property refers to: a string, an `{"@id"}` object, or a list of them."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        found = value.get("@id")
        if isinstance(found, str):
            return [found]
        listed = value.get("@list")
        return refs(listed) if isinstance(listed, list) else []
    if isinstance(value, list):
        return [ref for item in value for ref in refs(item)]
    return []


def _language(tag: str) -> str:
    return tag.split("-", maxsplit=1)[0].lower() if tag else ""


def texts(value: Any, default_language: str) -> dict[str, str]:
    """A language map in any of CTDL's shapes as {two-letter language: text}; a plain string is
    in the document's language."""
    found: dict[str, str] = {}
    if isinstance(value, str):
        found[default_language] = value
    elif isinstance(value, list):
        for item in value:
            for language, text in texts(item, default_language).items():
                found.setdefault(language, text)
    elif isinstance(value, dict) and "@value" in value:
        tag = value.get("@language")
        return texts(value["@value"], _language(tag) if isinstance(tag, str) else default_language)
    elif isinstance(value, dict):
        for tag, text in value.items():
            first = text[0] if isinstance(text, list) and text else text
            if isinstance(first, str) and first.strip():
                found.setdefault(_language(tag) or default_language, first)
    return {k: v.strip() for k, v in found.items() if re.fullmatch(r"[a-z]{2}", k) and v.strip()}


def pick(labels: dict[str, str]) -> str | None:
    """The Dutch text, else the English one, else any."""
    for language in ("nl", "en"):
        if language in labels:
            return labels[language]
    return next(iter(labels.values()), None)


def document_language(node: dict[str, Any], prefix: str = "ceterms") -> str:
    languages = node.get(f"{prefix}:inLanguage", [])
    first = languages[0] if isinstance(languages, list) and languages else languages
    return _language(first) if isinstance(first, str) and first else "en"


def resource_uri(key: str, node: dict[str, Any]) -> str:
    """A resource's URI: its `@id` when that is one, else the registry URL of its CTID."""
    if _ABSOLUTE.match(key):
        return key
    ctid = node.get("ceterms:ctid")
    if isinstance(ctid, str) and re.fullmatch(r"ce-[-0-9a-fA-F]{36}", ctid):
        return CTID_BASE + ctid
    raise BadImportDocumentError(f"{key}: its @id is no URL and it has no ceterms:ctid")


def duration_days(value: str) -> int | None:
    """Days of an ISO 8601 duration (a month as 30 days); None when it is not one or is
    shorter than a day."""
    found = _ISO_DURATION.match(value.strip())
    if found is None:
        return None
    years, months, weeks, days = (int(g or 0) for g in found.groups()[:4])
    total = years * 365 + months * 30 + weeks * 7 + days
    return total or None


def duration_hours(value: str) -> int | None:
    found = _ISO_DURATION.match(value.strip())
    if found is None or any(found.groups()[:4]):
        return None
    return int(found.group(5) or 0) or None
