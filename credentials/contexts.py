"""Local JSON-LD context map: the only contexts a verifier may use.

VC 2.0 §5.2 and the Bitstring Status List spec require contexts to be treated as already
resolved, so nothing here ever touches the network: a URL outside the map is refused with
`UnknownContextError`. The files are verbatim copies (see contexts/README.md for sources and
licences).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

from schemas.errors.credentials import UnknownContextError

__all__ = ["CONTEXTS", "UnknownContextError", "document_loader", "load_context"]

CONTEXTS: Mapping[str, str] = MappingProxyType(
    {
        "https://www.w3.org/ns/credentials/v2": "w3c/credentials-v2.jsonld",
        "https://www.w3.org/ns/credentials/examples/v2": "w3c/credentials-examples-v2.jsonld",
        "https://www.w3.org/2018/credentials/v1": "w3c/credentials-v1.jsonld",
        "https://www.w3.org/ns/credentials/status/v1": "w3c/status-v1.jsonld",
        "https://w3id.org/security/data-integrity/v2": "w3c/data-integrity-v2.jsonld",
        "https://w3id.org/security/data-integrity/v1": "w3c/data-integrity-v1.jsonld",
        "https://w3id.org/security/multikey/v1": "w3c/multikey-v1.jsonld",
        "https://w3id.org/security/jwk/v1": "w3c/jwk-v1.jsonld",
        "https://www.w3.org/ns/cid/v1": "w3c/cid-v1.jsonld",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": (
            "1edtech/ob-v3p0-context-3.0.3.json"
        ),
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": (
            "1edtech/ob-v3p0-context-3.0.2.json"
        ),
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": (
            "1edtech/ob-v3p0-context-3.0.1.json"
        ),
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": (
            "1edtech/ob-v3p0-extensions.json"
        ),
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": (
            "1edtech/clr-v2p0-context-2.0.1.json"
        ),
        "https://purl.imsglobal.org/spec/clr/v2p0/context.json": "1edtech/clr-v2p0-context.json",
        "http://data.europa.eu/snb/model/context/edc-ap": "elm/edc-ap-context.jsonld",
    }
)


def context_bytes(url: str) -> bytes:
    """The exact bytes of the packaged context file for `url` (for pinning hashes)."""
    filename = CONTEXTS.get(url)
    if filename is None:
        raise UnknownContextError(f"JSON-LD context {url!r} is not in the local map", url=url)
    return _read(filename)


@functools.cache
def _read(filename: str) -> bytes:
    return resources.files("credentials").joinpath("contexts", *filename.split("/")).read_bytes()


@functools.cache
def _parsed(url: str) -> dict[str, Any]:
    document = json.loads(context_bytes(url))
    if not isinstance(document, dict):
        raise UnknownContextError(f"context file for {url!r} is not a JSON object", url=url)
    return document


def load_context(url: str) -> dict[str, Any]:
    """The parsed context document for `url`; raises `UnknownContextError` if not in the map.

    Returns a fresh copy each time: pyld rewrites relative URLs inside the documents it is
    given, which must not leak into the cached original.
    """
    return copy.deepcopy(_parsed(url))


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld document loader that serves only the local map; never any network."""
    del options  # pyld passes its request options; nothing in them changes what we serve
    return {"contextUrl": None, "documentUrl": url, "document": load_context(url)}
