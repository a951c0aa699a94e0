"""The examples of the SD-JWT RFC (RFC 9901; tests/credentials/vectors/sd-jwt): accepted with
the example issuer key by `process_sd_jwt`, with exactly the processed payload the RFC prints,
tampered copies refused; the reference `sd-jwt` library from PyPI agrees. And the freshness of
a key binding JWT when the verifier asks for key binding."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jwcrypto.jwk import JWK
from sd_jwt.verifier import SDJWTVerifier

from credentials.b64 import b64url_encode
from credentials.keydocs import KeyStore
from credentials.keys import VerifyingKey
from credentials.sdjwt import KB_MAX_AGE, KB_SKEW, Processed, process_sd_jwt
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from tests.credentials.test_sd_jwt import EXAMPLE, EXAMPLE_NOW, check, example_of

VECTORS = json.loads(
    (Path(__file__).parent / "vectors/sd-jwt/rfc9901-examples.json").read_text("utf-8")
)
ISSUER_KEY = VerifyingKey.from_jwk(VECTORS["issuerKey"])
EXAMPLES = {example["section"]: example for example in VECTORS["examples"]}
WITH_KEY_BINDING = [s for s, e in EXAMPLES.items() if "keyBinding" in e]


def ours(example: dict[str, Any], text: str | None = None, **changes: Any) -> Processed:
    """Ours, asking for key binding with the example's audience and nonce when it has them,
    half a minute after its key binding JWT was made."""
    kb = example.get("keyBinding")
    asked = {"audience": kb["aud"], "nonce": kb["nonce"], "now": kb["iat"] + 30} if kb else {}
    return process_sd_jwt(text or example["presentation"], ISSUER_KEY, **(asked | changes))


def theirs(example: dict[str, Any], text: str | None = None, **changes: Any) -> Any:
    """The reference implementation's processed payload (it raises on what it refuses)."""
    kb = example.get("keyBinding") or {}
    values = {"expected_aud": kb.get("aud"), "expected_nonce": kb.get("nonce")} | changes
    key = JWK(**VECTORS["issuerKey"])
    return SDJWTVerifier(
        text or example["presentation"], lambda _issuer, _header: key, **values
    ).get_verified_payload()


@pytest.mark.parametrize("section", list(EXAMPLES))
def test_every_presentation_gives_the_payload_the_rfc_prints(section: str) -> None:
    example = EXAMPLES[section]
    result = ours(example)
    assert (result.ok, result.code) == (True, "verified"), result.message
    assert result.claims == example["processedPayload"]
    assert theirs(example) == example["processedPayload"]


@pytest.mark.parametrize("section", [s for s, e in EXAMPLES.items() if "issued" in e])
def test_every_issued_sd_jwt_discloses_everything_both_ways(section: str) -> None:
    example = EXAMPLES[section]
    result = process_sd_jwt(example["issued"], ISSUER_KEY)
    assert result.ok, result.message
    assert result.claims == theirs(example, example["issued"], expected_aud=None,
                                   expected_nonce=None)  # fmt: skip
    # Every claim the presentation shows is in it, and more.
    assert result.claims is not None
    assert set(result.claims) >= set(example["processedPayload"])
    assert result.claims != example["processedPayload"]


def _parts(text: str) -> tuple[str, list[str], str]:
    issuer_jwt, *disclosures, last = text.split("~")
    return issuer_jwt, disclosures, last


def _flip(text: str) -> str:
    """The last-but-one character changed: the last may carry only padding bits."""
    return text[:-2] + ("A" if text[-2] != "A" else "B") + text[-1]


def test_a_changed_signature_or_payload_is_refused_both_ways() -> None:
    example = EXAMPLES["A.1"]
    issuer_jwt, disclosures, _ = _parts(example["presentation"])
    header, payload, signature = issuer_jwt.split(".")
    claims = json.loads(_b64decode(payload))
    changed = b64url_encode(json.dumps({**claims, "iss": "https://evil.example"}).encode())
    for jwt in (f"{header}.{payload}.{_flip(signature)}", f"{header}.{changed}.{signature}"):
        text = "~".join([jwt, *disclosures]) + "~"
        assert ours(example, text).code == "signature-invalid"
        with pytest.raises(Exception, match="Verification failed"):
            theirs(example, text)


def _b64decode(part: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_repeated_and_unreferenced_disclosures() -> None:
    example = EXAMPLES["5"]
    issued = example["issued"]
    _, disclosures, _ = _parts(issued)
    repeated = issued + disclosures[0] + "~"
    assert ours(example, repeated, audience=None, nonce=None).code == "repeated-disclosure"
    with pytest.raises(ValueError, match="Duplicate disclosure"):
        theirs(example, repeated, expected_aud=None, expected_nonce=None)
    stranger = b64url_encode(json.dumps(["c2FsdA", "family_name", "Roe"]).encode())
    unreferenced = issued + stranger + "~"
    assert ours(example, unreferenced, audience=None, nonce=None).code == "unreferenced"
    # RFC 9901 section 7.1 says to reject it; the reference library ignores it instead.
    payload = theirs(example, unreferenced, expected_aud=None, expected_nonce=None)
    assert payload["family_name"] == "Doe"


@pytest.mark.parametrize("section", WITH_KEY_BINDING)
def test_key_binding_tampering_is_refused_both_ways(section: str) -> None:
    example = EXAMPLES[section]
    issuer_jwt, disclosures, kb = _parts(example["presentation"])
    # The last is a leaf (the first may hold the digests of others, which then dangle).
    dropped = "~".join([issuer_jwt, *disclosures[:-1], kb])
    assert ours(example, dropped).code == "sd-hash-mismatch"
    with pytest.raises(ValueError, match="Invalid digest in KB-JWT"):
        theirs(example, dropped)
    assert ours(example, nonce="replayed").code == "wrong-nonce"
    with pytest.raises(ValueError, match="Invalid nonce"):
        theirs(example, expected_nonce="replayed")
    assert ours(example, audience="https://elders.example").code == "wrong-audience"
    forged = "~".join([issuer_jwt, *disclosures, _flip(kb)])
    assert ours(example, forged).code == "signature-invalid"
    without = "~".join([issuer_jwt, *disclosures]) + "~"
    assert ours(example, without).code == "no-key-binding"


@pytest.mark.parametrize(
    ("offset", "code"),
    [
        (0, None),
        (KB_MAX_AGE, None),
        (KB_MAX_AGE + 1, "kb-jwt-too-old"),
        (24 * 3600, "kb-jwt-too-old"),
        (-KB_SKEW, None),
        (-KB_SKEW - 1, "kb-jwt-in-future"),
    ],
)
def test_key_binding_freshness_when_asked(offset: int, code: str | None) -> None:
    """Asked for key binding, a verifier takes a key binding JWT made at most KB_MAX_AGE
    seconds ago, and at most KB_SKEW seconds ahead of its clock."""
    example = EXAMPLES["5"]
    result = ours(example, now=example["keyBinding"]["iat"] + offset)
    assert (result.ok, None if result.ok else result.code) == (code is None, code)


def test_an_old_key_binding_is_not_judged_when_none_is_asked_for() -> None:
    example = EXAMPLES["A.3"]
    result = process_sd_jwt(example["presentation"], ISSUER_KEY, now=2_000_000_000)
    assert result.ok, result.message


@pytest.mark.parametrize(
    ("section", "verdict", "failed"),
    [
        ("5", "invalid", ("jws", "wrong-typ")),
        ("A.4", "invalid", ("jws", "wrong-typ")),
        ("A.3", "cannot-verify", ("issuer-key", "no-kid")),
    ],
)
def test_the_rfc_examples_as_credentials(
    section: str, verdict: str, failed: tuple[str, str]
) -> None:
    """The pipeline reads SD-JWT VCs: it refuses typ example+sd-jwt, and finds the key of an
    SD-JWT VC by its kid, which the A.3 example (dc+sd-jwt) does not name."""
    config = VerifierConfig(documents=KeyStore([{"keys": [VECTORS["issuerKey"]]}]))
    report = Verifier(config).verify(EXAMPLES[section]["presentation"])
    assert (report.verdict, check(report, failed[0])) == (verdict, ("failed", failed[1]))


def test_the_pipeline_refuses_a_stale_key_binding_only_when_asked() -> None:
    late = EXAMPLE_NOW + dt.timedelta(seconds=KB_MAX_AGE + 60)
    stale = example_of(EXAMPLE["presentation"], now=late)
    assert (stale.verdict, check(stale, "key-binding")) == (
        "invalid",
        ("failed", "kb-jwt-too-old"),
    )
    early = example_of(EXAMPLE["presentation"], now=EXAMPLE_NOW - dt.timedelta(minutes=3))
    assert check(early, "key-binding") == ("failed", "kb-jwt-in-future")
    unasked = example_of(EXAMPLE["presentation"], now=late, audience=None, nonce=None)
    assert check(unasked, "key-binding") == ("passed", "holder-signed")
