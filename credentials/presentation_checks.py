"""The checks of a presentation itself, before its credentials: who holds it, whether the holder
signed it, for whom and for which request it was made, and when. A JWT presentation (`vp+jwt`)
says the last two in `aud`, `nonce`, `iat` and `exp`; a JSON presentation secured with a Data
Integrity proof (`proofPurpose` `authentication`) in the proof's `domain`, `challenge`,
`created` and `expires`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from credentials.dataintegrity import verify_proofs
from credentials.embedded import CANNOT_VERIFY_CODES
from credentials.keysource import KeyLookup, find_key
from credentials.report import Checks
from credentials.verify import VerifierConfig
from schemas.verification import Verdict

__all__ = [
    "DI_PRESENTATION_STEPS",
    "PRESENTATION_PURPOSE",
    "audience_and_nonce",
    "holder_id",
    "holder_key",
    "presentation_proof",
]

PRESENTATION_PURPOSE = "authentication"
DI_PRESENTATION_STEPS = (
    "payload",
    "holder-key",
    "signature",
    "audience",
    "nonce",
    "dates",
    "credentials",
)


def holder_id(holder: object) -> str | None:
    """A presentation's holder: a string, or an object with an `id` (VC 2.0 allows both)."""
    if isinstance(holder, dict):
        holder = holder.get("id")
    return holder if isinstance(holder, str) else None


def holder_key(
    checks: Checks, config: VerifierConfig, kid: object, holder: str | None
) -> KeyLookup | None:
    """The `holder-key` check: the key must be named under the holder's DID and be known (a
    did:key or did:jwk holder carries it; others need a supplied document)."""
    if not isinstance(holder, str) or not isinstance(kid, str) or kid.partition("#")[0] != holder:
        checks.failed("holder-key", "invalid", "kid-holder-mismatch", "the key is not the holder's")
        return None
    lookup = find_key(kid, None, config.documents)
    if lookup is None:
        checks.failed("holder-key", "cannot-verify", "holder-key-unknown", f"no key {kid}")
        return None
    checks.passed("holder-key", lookup.source, kid)
    return lookup


def audience_and_nonce(
    checks: Checks,
    presented_audiences: object,
    presented_nonce: object,
    audience: str | None,
    nonce: str | None,
) -> None:
    """The `audience` and `nonce` checks, each only when the caller asks for it."""
    audiences = (
        presented_audiences if isinstance(presented_audiences, list) else [presented_audiences]
    )
    if audience is None:
        checks.skipped("audience", "not-requested")
    elif audience in audiences:
        checks.passed("audience", "matches")
    else:
        checks.failed("audience", "invalid", "wrong-audience", "made for another recipient")
    if nonce is None:
        checks.skipped("nonce", "not-requested")
    elif presented_nonce == nonce:
        checks.passed("nonce", "matches")
    else:
        checks.failed("nonce", "invalid", "wrong-nonce", "the nonce does not match (replay?)")


def presentation_proof(
    checks: Checks,
    config: VerifierConfig,
    document: Mapping[str, Any],
    *,
    audience: str | None,
    nonce: str | None,
) -> bool:
    """The checks of a JSON presentation's Data Integrity proof: one `authentication` proof by
    a key of the holder, its `domain` and `challenge` as audience and nonce, its `created` and
    `expires` as dates. False when the holder's signature could not be established (then the
    credentials are not opened)."""
    checks.passed("payload", "json-presentation")
    proofs = document.get("proof")
    proof = proofs[0] if isinstance(proofs, list) and len(proofs) == 1 else proofs
    if not isinstance(proof, Mapping):
        checks.failed("holder-key", "invalid", "bad-proof", "a presentation carries one proof")
        return False
    method = proof.get("verificationMethod")
    lookup = holder_key(checks, config, method, holder_id(document.get("holder")))
    if lookup is None:
        return False
    results = verify_proofs(
        document,
        resolve_key=lambda m: lookup.key if m == method else None,
        purpose=PRESENTATION_PURPOSE,
    )
    if not results[0].ok:
        failed = results[0]
        verdict: Verdict = "cannot-verify" if failed.code in CANNOT_VERIFY_CODES else "invalid"
        checks.failed("signature", verdict, failed.code, failed.message)
        return False
    checks.passed("signature", results[0].code, results[0].message)
    audience_and_nonce(checks, proof.get("domain"), proof.get("challenge"), audience, nonce)
    _proof_dates(checks, proof, config)
    return True


def _proof_dates(checks: Checks, proof: Mapping[str, Any], config: VerifierConfig) -> None:
    """A proof made in the future, or past its `expires`, does not count (with the leeway)."""
    now, leeway = config.clock(), config.leeway
    created, expires = _moment(proof.get("created")), _moment(proof.get("expires"))
    if "expires" in proof and expires is None:
        checks.failed("dates", "invalid", "bad-expires", "the proof's expires is not a date")
    elif created is not None and now + leeway < created:
        checks.failed("dates", "not-yet-valid", "not-yet-valid", "the proof was made in the future")
    elif expires is not None and now - leeway > expires:
        checks.failed("dates", "expired", "expired", "the presentation has expired")
    elif created is None and expires is None:
        checks.skipped("dates", "no-dates", "the proof gives no created or expires")
    else:
        checks.passed("dates", "in-window")


def _moment(value: object) -> dt.datetime | None:
    """An XML Schema dateTime as an aware datetime (UTC when it names no zone), or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
