"""W3C Data Integrity cryptosuites: EdDSA v1.0 (`eddsa-rdfc-2022`, `eddsa-jcs-2022`) and
ECDSA v1.0 (`ecdsa-rdfc-2019`, `ecdsa-jcs-2019`, P-256 and P-384), single proofs, proof sets
and proof chains (`previousProof`).

Credentials from other issuers may carry embedded Data Integrity proofs instead of a JWS.
Verification never fetches anything: contexts come from the local map (`credentials.contexts`)
and the verification method is resolved only through the caller's `resolve_key` (trust list,
supplied documents, or did:key).

Result codes of `verify_proofs` (one result per proof): "proof-valid"; "missing-proof",
"bad-proof" (not an object, too many proofs, a `previousProof` not in the document, bad
`created`), "unknown-proof-type", "unknown-cryptosuite", "proof-purpose-mismatch",
"bad-proof-value", "bad-verification-method" (missing, unresolvable or a key of another
type than the cryptosuite's), "unknown-context", "proof-context-mismatch", "undefined-term"
(a property no context defines, which RDF canonicalization would silently leave unsigned),
"bad-json-ld", "canonicalization-limit" (a blank-node graph too costly to canonicalize),
"not-canonicalizable" (JCS: NaN, infinity or an integer beyond 2**53), "signature-invalid".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final, Literal, cast

import base58
import msgspec

from credentials.canonical import canonicalize_jcs, canonicalize_rdfc
from credentials.contexts import CONTEXTS
from credentials.keys import SigningKey, VerifyingKey
from schemas.errors import DomainError, InvalidInputError
from schemas.errors.credentials import (
    BadProofValueError,
    BadVerificationMethodError,
    DataIntegrityError,
    KeyFormatError,
    ProofContextMismatchError,
    ProofPurposeMismatchError,
    UnknownContextError,
    UnknownCryptosuiteError,
    UnknownProofTypeError,
)

__all__ = ["DataIntegrityError", "ProofResult", "sign_proof", "verify_proof", "verify_proofs"]

Cryptosuite = Literal["eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019"]
RDFC: Final = "eddsa-rdfc-2022"
JCS: Final = "eddsa-jcs-2022"
# The key algorithms each cryptosuite signs with.
_SUITES: Final[dict[str, frozenset[str]]] = {
    RDFC: frozenset({"EdDSA"}),
    JCS: frozenset({"EdDSA"}),
    "ecdsa-rdfc-2019": frozenset({"ES256", "ES384"}),
    "ecdsa-jcs-2019": frozenset({"ES256", "ES384"}),
}
_JCS_SUITES: Final = frozenset({JCS, "ecdsa-jcs-2019"})
PROOF_TYPE: Final = "DataIntegrityProof"
PROOF_PURPOSE: Final = "assertionMethod"
MAX_PROOFS: Final = 10
_SIGNATURE_SIZES: Final = {"EdDSA": 64, "ES256": 64, "ES384": 96}

_MULTIBASE_58 = re.compile(r"z[1-9A-HJ-NP-Za-km-z]{1,200}", re.ASCII)
_XSD_DATETIME = re.compile(
    r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", re.ASCII
)
KeyResolver = Callable[[str], VerifyingKey | None]


class ProofResult(msgspec.Struct, kw_only=True):
    """Outcome of checking one Data Integrity proof (never raised: always returned)."""

    ok: bool
    code: str
    message: str
    verification_method: str | None = None
    created: str | None = None


def verify_proof(
    document: Mapping[str, Any], *, resolve_key: KeyResolver, purpose: str = PROOF_PURPOSE
) -> ProofResult:
    """Verify every proof embedded in `document`: the first failure, else the first result."""
    results = verify_proofs(document, resolve_key=resolve_key, purpose=purpose)
    return next((r for r in results if not r.ok), results[0])


def verify_proofs(
    document: Mapping[str, Any], *, resolve_key: KeyResolver, purpose: str = PROOF_PURPOSE
) -> list[ProofResult]:
    """One result per embedded proof: a single proof, a proof set (each over the document
    without proofs) or a proof chain (a proof with `previousProof` also covers the proofs it
    names, as `proof` of the document it signed). Every proof must have `purpose`
    (`assertionMethod` for a credential, `authentication` for a presentation)."""
    proofs = document.get("proof") if isinstance(document, Mapping) else None
    if proof_count_problem := _proofs_problem(proofs):
        return [ProofResult(ok=False, code=proof_count_problem[0], message=proof_count_problem[1])]
    listed: list[Any] = proofs if isinstance(proofs, list) else [proofs]
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    by_id = {p["id"]: p for p in listed if isinstance(p, Mapping) and isinstance(p.get("id"), str)}
    results = []
    for proof in listed:
        if not isinstance(proof, Mapping):
            results.append(ProofResult(ok=False, code="bad-proof", message="not a JSON object"))
            continue
        base, problem = _chained(unsecured, proof, by_id)
        if problem is not None:
            results.append(ProofResult(ok=False, code="bad-proof", message=problem))
            continue
        results.append(_verify_one(base, proof, resolve_key, purpose))
    return results


def _proofs_problem(proofs: object) -> tuple[str, str] | None:
    if proofs is None:
        return "missing-proof", "the document has no proof"
    if isinstance(proofs, list) and not 0 < len(proofs) <= MAX_PROOFS:
        return "bad-proof", f"a document carries 1 to {MAX_PROOFS} proofs"
    return None


def _chained(
    unsecured: dict[str, Any], proof: Mapping[str, Any], by_id: Mapping[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """The document this proof signed: with the proofs its `previousProof` names, if any."""
    previous = proof.get("previousProof")
    if previous is None:
        return unsecured, None
    ids = [previous] if isinstance(previous, str) else previous
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return unsecured, "previousProof must name proofs by id"
    missing = [i for i in ids if i not in by_id or i == proof.get("id")]
    if missing:
        return unsecured, f"previousProof names proofs not in the document: {missing}"
    return {**unsecured, "proof": [by_id[i] for i in ids]}, None


def _verify_one(
    unsecured: dict[str, Any], proof: Mapping[str, Any], resolve_key: KeyResolver, purpose: str
) -> ProofResult:
    method = proof.get("verificationMethod")
    method = method if isinstance(method, str) and method else None
    created = proof.get("created") if isinstance(proof.get("created"), str) else None
    try:
        suite, value = _check_proof(proof, method, purpose)
        _check_contexts(unsecured)
        unsecured, config = _verification_inputs(unsecured, proof)
        key = _resolve(resolve_key, cast(str, method), suite)
        signature = _signature(value, key)
        data = _hash_data(suite, unsecured, config, key)
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
    proof_purpose: str = PROOF_PURPOSE,
    options: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A copy of `document` secured with a proof (for tests and interop): `assertionMethod`
    for a credential; `authentication` for a presentation, whose `options` then name its
    `challenge` and `domain` (and may add `expires`)."""
    if cryptosuite not in _SUITES:
        raise UnknownCryptosuiteError(f"unknown cryptosuite {cryptosuite!r}")
    if key.alg not in _SUITES[cryptosuite]:
        raise KeyFormatError(f"{cryptosuite} does not sign with {key.alg}")
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
        "proofPurpose": proof_purpose,
        **(options or {}),
    }
    if cryptosuite in _JCS_SUITES and "@context" in unsecured:
        # the JCS suites carry the document context inside the proof (as their vectors do)
        proof["@context"] = unsecured["@context"]
    config = _proof_config(proof, unsecured)
    signature = key.sign(_hash_data(cryptosuite, unsecured, config, key.public))
    proof["proofValue"] = "z" + base58.b58encode(signature).decode("ascii")
    return {**unsecured, "proof": proof}


def _check_proof(
    proof: Mapping[str, Any], method: str | None, purpose: str
) -> tuple[Cryptosuite, str]:
    """Check the proof's own fields; returns the cryptosuite and the proofValue."""
    if proof.get("type") != PROOF_TYPE:
        raise UnknownProofTypeError(f"proof type {proof.get('type')!r} is not {PROOF_TYPE}")
    suite = proof.get("cryptosuite")
    if suite not in _SUITES:
        raise UnknownCryptosuiteError(f"unknown cryptosuite {suite!r}")
    if proof.get("proofPurpose") != purpose:
        raise ProofPurposeMismatchError(
            f"proof purpose {proof.get('proofPurpose')!r} is not {purpose}",
        )
    if method is None:
        raise BadVerificationMethodError("the proof names no verification method")
    if "created" in proof:
        _check_created(proof["created"])
    value = proof.get("proofValue")
    # The pattern also keeps out what base58.b58decode would quietly strip (whitespace).
    if not isinstance(value, str) or not _MULTIBASE_58.fullmatch(value):
        raise BadProofValueError("proofValue must be a base58btc multibase string ('z...')")
    return cast(Cryptosuite, suite), value


def _signature(value: str, key: VerifyingKey) -> bytes:
    signature = base58.b58decode(value[1:])
    size = _SIGNATURE_SIZES[key.alg]
    if len(signature) != size:
        raise BadProofValueError(
            f"a {key.alg} signature has {size} bytes, proofValue has {len(signature)}",
        )
    return signature


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
    """The unsecured document (with the proofs a chained proof covers) and the proof
    configuration, as the cryptosuites define them."""
    unsecured = dict(document)
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


def _resolve(resolve_key: KeyResolver, method: str, suite: Cryptosuite) -> VerifyingKey:
    try:
        key = resolve_key(method)
    except DomainError as exc:
        raise BadVerificationMethodError(
            f"verification method {method!r} cannot be resolved: {exc.message}",
        ) from exc
    if key is None:
        raise BadVerificationMethodError(f"verification method {method!r} is not a known key")
    if key.alg not in _SUITES[suite]:
        raise BadVerificationMethodError(
            f"verification method {method!r} is a {key.alg} key, not one {suite} signs with",
        )
    return key


def _hash_data(
    suite: Cryptosuite,
    unsecured: Mapping[str, Any],
    config: Mapping[str, Any],
    key: VerifyingKey,
) -> bytes:
    """H(canonical proof configuration) || H(canonical document), H = SHA-384 for a P-384
    key (ECDSA cryptosuites), else SHA-256."""
    canonicalize = canonicalize_jcs if suite in _JCS_SUITES else canonicalize_rdfc
    digest = hashlib.sha384 if key.alg == "ES384" else hashlib.sha256
    return digest(canonicalize(config)).digest() + digest(canonicalize(unsecured)).digest()
