"""Canonical forms for Data Integrity hashing: JCS (RFC 8785) and RDF Dataset
Canonicalization (RDFC-1.0 = URDNA2015), both without fetching anything: contexts come only
from the local map, through a private cache."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Final, cast

import rfc8785
from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver
from pyld.jsonld import JsonLdError, JsonLdProcessor, LRUCache

from credentials.contexts import document_loader
from schemas.errors import InvalidInputError
from schemas.errors.credentials import (
    BadJsonError,
    BadJsonLdError,
    CanonicalizationLimitError,
    DataIntegrityError,
    NotCanonicalizableError,
    UndefinedTermError,
)

__all__ = ["DataIntegrityError", "canonicalize_jcs", "canonicalize_rdfc"]

# RDFC-1.0 is exponential on crafted blank-node graphs ("poison graphs"); ordinary
# credentials need no n-degree hashing at all, so a small budget costs honest input nothing.
_MAX_N_DEGREE_CALLS: Final = 2_000
# A private resolved-context cache fed only by our static loader, so nothing another part
# of the process loads through pyld's global cache can stand in for one of our contexts.
_CONTEXT_CACHE: Any = LRUCache(maxsize=64)
# The cache (and pyld's processed-context caches inside it) are not thread-safe. pyld is pure
# Python, so under the GIL holding a lock while expanding costs no throughput.
_CONTEXT_LOCK = threading.Lock()


def canonicalize_jcs(value: Mapping[str, Any]) -> bytes:
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as exc:
        raise NotCanonicalizableError(f"the document has no JCS form: {exc}") from exc
    except RecursionError as exc:
        raise BadJsonError("the document is nested too deeply") from exc


def canonicalize_rdfc(value: Mapping[str, Any]) -> bytes:
    """RDF Dataset Canonicalization (URDNA2015 = RDFC-1.0) to N-Quads.

    Same steps as `pyld.jsonld.normalize`, split so that the canonicalizer can be bounded and
    a dropped property can be refused (JSON-LD "safe mode").
    """
    options = {
        "algorithm": "URDNA2015",
        "documentLoader": _static_loader,
        "contextResolver": ContextResolver(_CONTEXT_CACHE, _static_loader),
    }
    try:
        with _CONTEXT_LOCK:
            dataset = JsonLdProcessor(on_property_dropped=_refuse_dropped).to_rdf(
                dict(value), options
            )
        nquads = _BoundedUrdna2015().main(dataset, {"format": "application/n-quads"})
    except JsonLdError as exc:
        raise _domain_cause(exc) from exc
    except RecursionError as exc:
        raise BadJsonLdError("the document is nested too deeply") from exc
    return cast(str, nquads).encode("utf-8")


def _static_loader(url: str, options: Any = None) -> dict[str, Any]:
    # "static" lets pyld keep the processed context in our private cache across calls
    return {**document_loader(url, options), "tag": "static"}


def _refuse_dropped(term: str | None) -> None:
    raise UndefinedTermError(
        f"property {term!r} is not defined by any context and would not be signed",
    )


def _domain_cause(exc: BaseException) -> InvalidInputError:
    """Our own error (unknown context, undefined term) from inside pyld's wrapping."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, InvalidInputError):
            return seen
        seen = seen.__cause__ or seen.__context__
    reason = exc.args[0] if exc.args else type(exc).__name__
    return BadJsonLdError(f"JSON-LD processing failed: {reason}")


class _BoundedUrdna2015(URDNA2015):  # type: ignore[misc]  # pyld ships no type information
    """URDNA2015 with a budget on the recursive n-degree hashing (the exponential part)."""

    def __init__(self) -> None:
        super().__init__()
        self._budget = _MAX_N_DEGREE_CALLS

    def hash_n_degree_quads(self, id_: str, issuer: Any) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise CanonicalizationLimitError("blank-node structure too costly to canonicalize")
        return super().hash_n_degree_quads(id_, issuer)
