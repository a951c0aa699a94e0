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
from pyld.jsonld import JsonLdError, JsonLdProcessor, LRUCache, _is_absolute_iri

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


def canonicalize_rdfc(value: Mapping[str, Any], *, strict: bool = False) -> bytes:
    """RDF Dataset Canonicalization (URDNA2015 = RDFC-1.0) to N-Quads.

    Same steps as `pyld.jsonld.normalize`, split so that the canonicalizer can be bounded and
    a dropped property can be refused (JSON-LD "safe mode").

    `strict` (for documents we sign ourselves, `registry.vcapi`): no base IRI, as Data
    Integrity asks, and a relative IRI (an undefined type, a subject id like "abc") refused.
    Without it pyld resolves relative IRIs against http://example.org/base/ and signs them so,
    where JSON-LD processors with a null base (jsonld.js) drop them: a proof over such a
    document verifies nowhere else. Verification keeps the lenient reading for now: OB 3.0
    documents name the type 1EdTechJsonSchemaValidator2019, which no OB context defines.
    """
    options = {
        **({"base": None} if strict else {}),
        "algorithm": "URDNA2015",
        "documentLoader": _static_loader,
        "contextResolver": ContextResolver(_CONTEXT_CACHE, _static_loader),
    }
    try:
        with _CONTEXT_LOCK:
            processor = _SafeProcessor if strict else JsonLdProcessor
            dataset = processor(on_property_dropped=_refuse_dropped).to_rdf(dict(value), options)
        nquads = _BoundedUrdna2015().main(dataset, {"format": "application/n-quads"})
    except JsonLdError as exc:
        raise _domain_cause(exc) from exc
    except RecursionError as exc:
        raise BadJsonLdError("the document is nested too deeply") from exc
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # pyld trips over some documents it should refuse ("@vocab": null where no vocabulary
        # is set raises KeyError): whatever the document, the caller gets a refusal, not a 500.
        raise BadJsonLdError(f"JSON-LD processing failed: {type(exc).__name__} {exc}") from exc
    return cast(str, nquads).encode("utf-8")


class _SafeProcessor(JsonLdProcessor):  # type: ignore[misc]  # pyld ships no type information
    """JSON-LD to RDF that refuses what pyld would silently leave out of the dataset, and so
    out of what the proof signs: a node whose id, or a type or IRI value, is not an absolute
    IRI (an undefined type such as "InvalidType" under a context without `@vocab`, or a
    subject id like "abc" that would take all its claims with it)."""

    def _graph_to_rdf(self, graph: Any, issuer: Any, options: Any) -> Any:
        for node_id in graph:
            if not node_id.startswith("_:") and not _is_absolute_iri(node_id):
                raise UndefinedTermError(
                    f"id {node_id!r} is not an absolute IRI: its statements would not be signed"
                )
        return super()._graph_to_rdf(graph, issuer, options)

    def _object_to_rdf(self, item: Any, issuer: Any, triples: Any, options: Any) -> Any:
        converted = super()._object_to_rdf(item, issuer, triples, options)
        if converted is None:  # pyld's answer for a relative IRI, which it then drops
            value = item.get("@id") if isinstance(item, dict) else item
            raise UndefinedTermError(
                f"{value!r} is not an absolute IRI (an undefined type?) and would not be signed"
            )
        return converted


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
