"""A JSON credential secured with embedded Data Integrity proofs, through the pipeline: every
proof's key found, every proof checked (a proof set or a chain), then whose the keys are."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from credentials.claims import issuer_id
from credentials.dataintegrity import PROOF_TYPE, verify_proofs
from credentials.keysource import KeyLookup, find_key, unknown_key
from credentials.verify import CredentialPipeline
from schemas.verification import Report, Verdict

# Data Integrity result codes that mean "we could not check", not "this is false".
CANNOT_VERIFY_CODES = frozenset(
    {
        "unknown-context",
        "canonicalization-limit",
        "bad-verification-method",
        "unknown-cryptosuite",
        "unknown-proof-type",
    }
)


def verify_embedded(pipeline: CredentialPipeline, document: Mapping[str, Any]) -> Report:
    """The report for a JSON credential with one or more proofs (`proof` present)."""
    checks = pipeline.checks
    document, ignored = _understood(document)
    proofs = document.get("proof")
    listed = proofs if isinstance(proofs, list) else [proofs]
    lookups = _proof_keys(pipeline, listed, issuer_id(document))
    if lookups is None:
        return pipeline.stop("there is no key to check the proof with")
    results = verify_proofs(document, resolve_key=lambda m: _key(lookups, m))
    failed = next((r for r in results if not r.ok), None)
    if failed is not None:
        verdict: Verdict = "cannot-verify" if failed.code in CANNOT_VERIFY_CODES else "invalid"
        checks.failed("signature", verdict, failed.code, failed.message)
        return pipeline.stop("the proof is not valid")
    message = f"{len(results)} proof(s)" + (
        f", {ignored} of another type ignored" if ignored else ""
    )
    checks.passed("signature", results[0].code, message)
    issuer = issuer_id(document)
    pipeline.lookup = _issuers_lookup(list(lookups.values()), issuer)
    if not pipeline.issuer_binding(issuer):
        return pipeline.stop("the credential names no issuer")
    credential = {k: v for k, v in document.items() if k != "proof"}
    doc, problem = pipeline.decode(credential)
    return pipeline.finish(doc, problem)


def _understood(document: Mapping[str, Any]) -> tuple[Mapping[str, Any], int]:
    """The document with only the proofs we read (DataIntegrityProof), when it has one: a
    proof of another type next to it (an older suite, a notary's) is not ours to judge."""
    proofs = document.get("proof")
    if not isinstance(proofs, list):
        return document, 0
    ours = [p for p in proofs if isinstance(p, Mapping) and p.get("type") == PROOF_TYPE]
    if not ours or len(ours) == len(proofs):
        return document, 0
    return {**document, "proof": ours}, len(proofs) - len(ours)


def _proof_keys(
    pipeline: CredentialPipeline, proofs: list[Any], claimed_issuer: str | None
) -> dict[str, KeyLookup] | None:
    """The key of every proof's verification method, recorded as one `issuer-key` check."""
    methods = [p.get("verificationMethod") if isinstance(p, Mapping) else None for p in proofs]
    if len(proofs) == 1:
        if not pipeline.issuer_key(methods[0], claimed_issuer):
            return None
        assert pipeline.lookup is not None
        return {str(methods[0]): pipeline.lookup}
    if not all(isinstance(m, str) and m for m in methods):
        pipeline.checks.failed("issuer-key", "cannot-verify", "no-kid", "a proof names no key")
        return None
    config = pipeline.config
    found = {m: find_key(m, config.trust_list, config.documents) for m in methods if m}
    unknown = [m for m, lookup in found.items() if lookup is None]
    if unknown:
        problems = [unknown_key(m, config.trust_list, claimed_issuer) for m in unknown]
        # A key that is surely not its issuer's outweighs one we merely do not know.
        worst = next((p for p in problems if p[0] == "invalid"), problems[0])
        pipeline.checks.failed("issuer-key", *worst)
        return None
    known = {m: lookup for m, lookup in found.items() if lookup is not None}
    pipeline.checks.passed("issuer-key", "proof-set", ", ".join(known))
    return known


def _key(lookups: Mapping[str, KeyLookup], method: str) -> Any:
    lookup = lookups.get(method)
    return lookup.key if lookup is not None else None


def _issuers_lookup(lookups: list[KeyLookup], issuer: str | None) -> KeyLookup:
    """The proof key that speaks for the issuer (one vouched for by the trust list first);
    else the first, whose binding then fails."""
    own = [lookup for lookup in lookups if lookup.controller == issuer]
    return next((lookup for lookup in own if lookup.trusted), own[0] if own else lookups[0])
