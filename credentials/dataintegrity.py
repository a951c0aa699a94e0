"""W3C Data Integrity EdDSA Cryptosuites v1.0: `eddsa-rdfc-2022` and `eddsa-jcs-2022`.

Credentials from other issuers may carry an embedded Data Integrity proof instead of a JWS.
Verification never fetches anything: contexts come from the local map (`credentials.contexts`)
and the verification method is resolved only through the caller's `resolve_key` (trust list,
DID document cache, or did:key).

Result codes of `verify_proof`: "proof-valid"; "missing-proof", "bad-proof" (not an object, a
proof set of several proofs, bad `created`), "unknown-proof-type", "unknown-cryptosuite",
"proof-purpose-mismatch", "bad-proof-value", "bad-verification-method" (missing, unresolvable
or not an Ed25519 key), "unknown-context", "proof-context-mismatch", "undefined-term" (a
property no context defines, which RDF canonicalization would silently leave unsigned),
"bad-json-ld", "canonicalization-limit" (a blank-node graph too costly to canonicalize),
"not-canonicalizable" (JCS: NaN, infinity or an integer beyond 2**53), "signature-invalid".
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final, Literal, cast

import base58
import msgspec
import rfc8785
from pyld.canon import URDNA2015
from pyld.context_resolver import ContextResolver
from pyld.jsonld import JsonLdError, JsonLdProcessor, LRUCache

from credentials.contexts import CONTEXTS, document_loader
from credentials.keys import SigningKey, VerifyingKey
from schemas.errors import DomainError, InvalidInputError
from schemas.errors.credentials import (
    BadJsonError,
    BadJsonLdError,
    BadProofValueError,
    BadVerificationMethodError,
    CanonicalizationLimitError,
    DataIntegrityError,
    KeyFormatError,
    MissingProofError,
    NotCanonicalizableError,
    ProofContextMismatchError,
    ProofPurposeMismatchError,
    UndefinedTermError,
    UnknownContextError,
    UnknownCryptosuiteError,
    UnknownProofTypeError,
)

__all__ = ["DataIntegrityError", "ProofResult", "sign_proof", "verify_proof"]

Cryptosuite = Literal["eddsa-rdfc-2022", "eddsa-jcs-2022"]
RDFC: Final = "eddsa-rdfc-2022"
JCS: Final = "eddsa-jcs-2022"
_SUITES: Final = (RDFC, JCS)
PROOF_TYPE: Final = "DataIntegrityProof"
PROOF_PURPOSE: Final = "assertionMethod"

# RDFC-1.0 is exponential on crafted blank-node graphs ("poison graphs"); ordinary
# credentials need no n-degree hashing at all, so a small budget costs honest input nothing.
_MAX_N_DEGREE_CALLS: Final = 2_000
_MULTIBASE_58 = re.compile(r"z[1-9A-HJ-NP-Za-km-z]{1,100}", re.ASCII)
_XSD_DATETIME = re.compile(
    r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", re.ASCII
)
# A private resolved-context cache fed only by our static loader, so nothing another part
# of the process loads through pyld's global cache can stand in for one of our contexts.
_CONTEXT_CACHE: Any = LRUCache(maxsize=64)
# The cache (and pyld's processed-context caches inside it) are not thread-safe. pyld is pure
# Python, so under the GIL holding a lock while expanding costs no throughput.
_CONTEXT_LOCK = threading.Lock()


class ProofResult(msgspec.Struct, kw_only=True):
    """Outcome of checking one Data Integrity proof (never raised: always returned)."""

    ok: bool
    code: str
    message: str
    verification_method: str | None = None
    created: str | None = None


def verify_proof(
    document: Mapping[str, Any], *, resolve_key: Callable[[str], VerifyingKey | None]
) -> ProofResult:
    """Verify the single `assertionMethod` Data Integrity proof embedded in `document`."""
    try:
        proof = _single_proof(document)
    except DataIntegrityError as exc:
        return ProofResult(ok=False, code=exc.code, message=exc.message)
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) and method else None
    created = proof.get("created") if isinstance(proof.get("created"), str) else None
    try:
        suite, signature = _check_proof(proof, method)
        _check_contexts(document)
        unsecured, config = _verification_inputs(document, proof)
        key = _resolve(resolve_key, cast(str, method))
        data = _hash_data(suite, unsecured, config)
    except InvalidInputError as exc:
        return ProofResult(
            ok=False,
            code=exc.code,
            message=exc.message,
            verification_method=method,
            created=created,
        )
    if not key.verify(signature, data):
        return ProofResult(
            ok=False,
            code="signature-invalid",
            message="the proof signature does not match the document",
            verification_method=method,
            created=created,
        )
    return ProofResult(
        ok=True,
        code="proof-valid",
        message=f"valid {suite} proof",
        verification_method=method,
        created=created,
    )


def sign_proof(
    document: Mapping[str, Any],
    key: SigningKey,
    *,
    verification_method: str,
    cryptosuite: Cryptosuite,
    created: str,
) -> dict[str, Any]:
    """A copy of `document` secured with an `assertionMethod` proof (for tests and interop)."""
    if cryptosuite not in _SUITES:
        raise UnknownCryptosuiteError(f"unknown cryptosuite {cryptosuite!r}")
    if key.alg != "EdDSA":
        raise KeyFormatError("EdDSA cryptosuites need an Ed25519 key")
    if "proof" in document:
        raise DataIntegrityError("the document already has a proof; proof sets are unsupported")
    _check_created(created)
    _check_contexts(document)
    unsecured = dict(document)
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": cryptosuite,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    if cryptosuite == JCS and "@context" in unsecured:
        # eddsa-jcs-2022 carries the document context inside the proof (as its test vectors do)
        proof["@context"] = unsecured["@context"]
    signature = key.sign(_hash_data(cryptosuite, unsecured, _proof_config(proof, unsecured)))
    proof["proofValue"] = "z" + base58.b58encode(signature).decode("ascii")
    return {**unsecured, "proof": proof}


def _single_proof(document: Mapping[str, Any]) -> Mapping[str, Any]:
    proof = document.get("proof") if isinstance(document, Mapping) else None
    if proof is None:
        raise MissingProofError("the document has no proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            raise DataIntegrityError(
                f"expected one proof, found {len(proof)}; proof sets and chains are unsupported"
            )
        proof = proof[0]
    if not isinstance(proof, Mapping):
        raise DataIntegrityError("the proof is not a JSON object")
    return proof


def _check_proof(proof: Mapping[str, Any], method: str | None) -> tuple[Cryptosuite, bytes]:
    """Check the proof's own fields; returns the cryptosuite and the raw signature."""
    if proof.get("type") != PROOF_TYPE:
        raise UnknownProofTypeError(f"proof type {proof.get('type')!r} is not {PROOF_TYPE}")
    suite = proof.get("cryptosuite")
    if suite not in _SUITES:
        raise UnknownCryptosuiteError(f"unknown cryptosuite {suite!r}")
    if proof.get("proofPurpose") != PROOF_PURPOSE:
        raise ProofPurposeMismatchError(
            f"proof purpose {proof.get('proofPurpose')!r} is not {PROOF_PURPOSE}",
        )
    if method is None:
        raise BadVerificationMethodError("the proof names no verification method")
    if "created" in proof:
        _check_created(proof["created"])
    return cast(Cryptosuite, suite), _decode_proof_value(proof.get("proofValue"))


def _check_created(created: Any) -> None:
    """`created` must be an XML Schema dateTime (the spec makes anything else an error)."""
    valid = isinstance(created, str) and _XSD_DATETIME.fullmatch(created) is not None
    if valid:
        try:
            datetime.fromisoformat(created)
        except ValueError:
            valid = False
    if not valid:
        raise DataIntegrityError(f"proof created {created!r} is not an XML Schema dateTime")


def _decode_proof_value(value: Any) -> bytes:
    # The pattern also keeps out what base58.b58decode would quietly strip (whitespace).
    if not isinstance(value, str) or not _MULTIBASE_58.fullmatch(value):
        raise BadProofValueError("proofValue must be a base58btc multibase string ('z...')")
    signature = base58.b58decode(value[1:])
    if len(signature) != 64:
        raise BadProofValueError(
            f"an Ed25519 signature has 64 bytes, proofValue has {len(signature)}",
        )
    return signature


def _context_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _check_contexts(document: Mapping[str, Any]) -> None:
    """Refuse unknown context URLs up front, for JCS too (whose hashing needs no context)."""
    for entry in _context_list(document.get("@context")):
        if isinstance(entry, str) and entry not in CONTEXTS:
            raise UnknownContextError(
                f"JSON-LD context {entry!r} is not in the local map", url=entry
            )


def _verification_inputs(
    document: Mapping[str, Any], proof: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The unsecured document and proof configuration, as both cryptosuites define them."""
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    if "@context" in proof:
        proof_context = _context_list(proof["@context"])
        document_context = _context_list(document.get("@context"))
        if document_context[: len(proof_context)] != proof_context:
            raise ProofContextMismatchError(
                "the document @context does not start with the proof @context",
            )
        unsecured["@context"] = proof["@context"]
    return unsecured, _proof_config(proof, unsecured)


def _proof_config(proof: Mapping[str, Any], unsecured: Mapping[str, Any]) -> dict[str, Any]:
    config = {name: value for name, value in proof.items() if name != "proofValue"}
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    return config


def _resolve(resolve_key: Callable[[str], VerifyingKey | None], method: str) -> VerifyingKey:
    try:
        key = resolve_key(method)
    except DomainError as exc:
        raise BadVerificationMethodError(
            f"verification method {method!r} cannot be resolved: {exc.message}",
        ) from exc
    if key is None:
        raise BadVerificationMethodError(f"verification method {method!r} is not a known key")
    if key.alg != "EdDSA":
        raise BadVerificationMethodError(
            f"verification method {method!r} is not an Ed25519 key",
        )
    return key


def _hash_data(
    suite: Cryptosuite, unsecured: Mapping[str, Any], config: Mapping[str, Any]
) -> bytes:
    """SHA-256(canonical proof configuration) || SHA-256(canonical document)."""
    canonicalize = _canonicalize_rdfc if suite == RDFC else _canonicalize_jcs
    return (
        hashlib.sha256(canonicalize(config)).digest()
        + hashlib.sha256(canonicalize(unsecured)).digest()
    )


def _canonicalize_jcs(value: Mapping[str, Any]) -> bytes:
    try:
        return rfc8785.dumps(value)
    except rfc8785.CanonicalizationError as exc:
        raise NotCanonicalizableError(f"the document has no JCS form: {exc}") from exc
    except RecursionError as exc:
        raise BadJsonError("the document is nested too deeply") from exc


def _canonicalize_rdfc(value: Mapping[str, Any]) -> bytes:
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
