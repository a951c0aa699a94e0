"""Data Integrity EdDSA cryptosuites against the official W3C vc-di-eddsa test vectors.

Vectors: w3c/vc-di-eddsa, TestVectors/keyPair.json, TestVectors/eddsa-rdfc-2022/signedDataInt.json
(@ 6767a89, its proofValue is the Recommendation's example "signature of combined hashes
base58-btc"), and TestVectors/eddsa-jcs-2022/signedJCS.json (@ 369f0f0). Ed25519 is
deterministic, so signing the unsigned document with the spec key must reproduce them exactly.
"""

from __future__ import annotations

import copy
import socket
from collections.abc import Callable
from typing import Any

import base58
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from credentials import canonical, dataintegrity
from credentials.dataintegrity import ProofResult, sign_proof, verify_proof
from credentials.keys import SigningKey, VerifyingKey, did_key, resolve_did_key
from schemas.errors import InvalidInputError
from schemas.errors.credentials import DataIntegrityError, KeyFormatError

PUBLIC_MULTIBASE = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
SECRET_MULTIBASE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
METHOD = "https://vc.example/issuers/5678#" + PUBLIC_MULTIBASE
CREATED = "2023-02-24T23:36:38Z"
CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"]
UNSIGNED: dict[str, Any] = {
    "@context": CONTEXT,
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
RDFC_PROOF = {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-rdfc-2022",
    "created": CREATED,
    "verificationMethod": METHOD,
    "proofPurpose": "assertionMethod",
    "proofValue": (
        "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4CrzcKnHw8V6dvy5pgWYCU5e9"
    ),
}
# TestVectors/eddsa-rdfc-2022/combinedHashDataInt.txt
RDFC_COMBINED_HASH = (
    "4c4d3890a157f8d611b13c265c2c22f39aa0a567c7c7dd9ba3e45cd579784eeb"
    "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"
)
JCS_PROOF = {
    "type": "DataIntegrityProof",
    "cryptosuite": "eddsa-jcs-2022",
    "created": CREATED,
    "verificationMethod": METHOD,
    "proofPurpose": "assertionMethod",
    "@context": CONTEXT,
    "proofValue": (
        "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"
    ),
}
SIGNED = {
    "eddsa-rdfc-2022": {**UNSIGNED, "proof": RDFC_PROOF},
    "eddsa-jcs-2022": {**UNSIGNED, "proof": JCS_PROOF},
}
SUITES = list(SIGNED)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def spec_signing_key() -> SigningKey:
    decoded = base58.b58decode(SECRET_MULTIBASE[1:])
    assert decoded[:2] == b"\x80\x26"  # multicodec ed25519-priv
    raw = ed25519.Ed25519PrivateKey.from_private_bytes(decoded[2:])
    return SigningKey.from_pkcs8(
        raw.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


SPEC_KEY = VerifyingKey.from_multibase(PUBLIC_MULTIBASE)


def spec_resolver(method: str) -> VerifyingKey | None:
    return SPEC_KEY if method == METHOD else None


def verify(document: dict[str, Any]) -> ProofResult:
    return verify_proof(document, resolve_key=spec_resolver)


def edited(suite: str, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = copy.deepcopy(SIGNED[suite])
    change(document)
    return document


def test_spec_key_pair_matches() -> None:
    assert spec_signing_key().public == SPEC_KEY


@pytest.mark.parametrize("suite", SUITES)
def test_official_vector_verifies(suite: str) -> None:
    result = verify(SIGNED[suite])
    assert result == ProofResult(
        ok=True,
        code="proof-valid",
        message=f"valid {suite} proof",
        verification_method=METHOD,
        created=CREATED,
    )


@pytest.mark.parametrize("suite", SUITES)
def test_signing_reproduces_official_vector(suite: str) -> None:
    signed = sign_proof(
        UNSIGNED,
        spec_signing_key(),
        verification_method=METHOD,
        cryptosuite=suite,  # type: ignore[arg-type]
        created=CREATED,
    )
    assert signed == SIGNED[suite]
    assert list(signed["proof"]) == list(SIGNED[suite]["proof"])
    assert "proof" not in UNSIGNED


def test_rdfc_combined_hash_matches_vector() -> None:
    proof = {k: v for k, v in RDFC_PROOF.items() if k != "proofValue"}
    config = {**proof, "@context": CONTEXT}
    key = resolve_did_key(f"did:key:{PUBLIC_MULTIBASE}")
    combined = dataintegrity._hash_data("eddsa-rdfc-2022", UNSIGNED, config, key)
    assert combined.hex() == RDFC_COMBINED_HASH


@pytest.mark.parametrize("suite", SUITES)
def test_proof_as_single_element_list(suite: str) -> None:
    document = edited(suite, lambda d: d.update(proof=[d["proof"]]))
    assert verify(document).ok


@pytest.mark.parametrize("suite", SUITES)
@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["credentialSubject"].update(alumniOf="The School of Fakes"),
        lambda d: d.update(validFrom="2024-01-01T00:00:00Z"),
        lambda d: d.update(extra="an added claim"),
        lambda d: d["proof"].update(created="2023-02-24T23:36:39Z"),
    ],
    ids=["subject", "date", "added-claim", "proof-created"],
)
def test_tampered_document_fails(suite: str, change: Callable[[dict[str, Any]], None]) -> None:
    result = verify(edited(suite, change))
    assert not result.ok
    assert result.code == "signature-invalid"
    assert result.verification_method == METHOD


@pytest.mark.parametrize("suite", SUITES)
def test_tampered_proof_value_fails(suite: str) -> None:
    signature = bytearray(base58.b58decode(SIGNED[suite]["proof"]["proofValue"][1:]))
    signature[10] ^= 0x01
    flipped = "z" + base58.b58encode(bytes(signature)).decode()
    result = verify(edited(suite, lambda d: d["proof"].update(proofValue=flipped)))
    assert (result.ok, result.code) == (False, "signature-invalid")


@pytest.mark.parametrize(
    "value",
    [
        None,
        42,
        "",
        "z",
        RDFC_PROOF["proofValue"][1:],  # no multibase prefix
        "u" + RDFC_PROOF["proofValue"][1:],  # wrong multibase base
        RDFC_PROOF["proofValue"] + "\n",  # base58 would silently strip this
        RDFC_PROOF["proofValue"][:-1] + "0",  # "0" is not in the base58 alphabet
        RDFC_PROOF["proofValue"][:-5],  # too short for an Ed25519 signature
        "z" + base58.b58encode(bytes(65)).decode(),
    ],
)
def test_malformed_proof_value(value: Any) -> None:
    result = verify(edited("eddsa-rdfc-2022", lambda d: d["proof"].update(proofValue=value)))
    assert (result.ok, result.code) == (False, "bad-proof-value")


@pytest.mark.parametrize("suite", SUITES)
def test_unknown_context_is_refused_without_fetching(suite: str) -> None:
    evil = "https://example.com/evil-context.jsonld"
    document = edited(suite, lambda d: d.update({"@context": [*CONTEXT, evil]}))
    result = verify(document)
    assert (result.ok, result.code) == (False, "unknown-context")
    assert evil in result.message


def test_nested_unknown_context_is_refused_without_fetching() -> None:
    def nest(document: dict[str, Any]) -> None:
        document["credentialSubject"]["@context"] = "https://example.com/nested.jsonld"

    result = verify(edited("eddsa-rdfc-2022", nest))
    assert (result.ok, result.code) == (False, "unknown-context")


@pytest.mark.parametrize("suite", SUITES)
def test_unknown_verification_method_fails(suite: str) -> None:
    result = verify_proof(SIGNED[suite], resolve_key=lambda method: None)
    assert (result.ok, result.code) == (False, "bad-verification-method")
    assert result.verification_method == METHOD


def test_resolver_errors_and_wrong_key_kinds_fail() -> None:
    def raising(method: str) -> VerifyingKey | None:
        raise InvalidInputError("no such DID document")

    document = SIGNED["eddsa-rdfc-2022"]
    assert verify_proof(document, resolve_key=raising).code == "bad-verification-method"
    p256 = SigningKey.generate("P-256").public
    assert verify_proof(document, resolve_key=lambda m: p256).code == "bad-verification-method"
    other = SigningKey.generate().public
    assert verify_proof(document, resolve_key=lambda m: other).code == "signature-invalid"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d.pop("proof"), "missing-proof"),
        (lambda d: d.update(proof=[d["proof"]] * 11), "bad-proof"),
        (lambda d: d.update(proof=[]), "bad-proof"),
        (lambda d: d.update(proof="z123"), "bad-proof"),
        (lambda d: d["proof"].update(type="Ed25519Signature2020"), "unknown-proof-type"),
        (lambda d: d["proof"].update(cryptosuite="ecdsa-sd-2023"), "unknown-cryptosuite"),
        (lambda d: d["proof"].update(cryptosuite="ecdsa-rdfc-2019"), "bad-verification-method"),
        (lambda d: d["proof"].update(previousProof="urn:missing"), "bad-proof"),
        (lambda d: d["proof"].update(proofPurpose="authentication"), "proof-purpose-mismatch"),
        (lambda d: d["proof"].pop("proofPurpose"), "proof-purpose-mismatch"),
        (lambda d: d["proof"].pop("verificationMethod"), "bad-verification-method"),
        (lambda d: d["proof"].update(created="yesterday"), "bad-proof"),
        (lambda d: d["proof"].update(created="2023-02-30T00:00:00Z"), "bad-proof"),
    ],
)
def test_malformed_proofs(change: Callable[[dict[str, Any]], None], code: str) -> None:
    result = verify(edited("eddsa-rdfc-2022", change))
    assert (result.ok, result.code) == (False, code)


def test_jcs_proof_context_must_prefix_document_context() -> None:
    def change(document: dict[str, Any]) -> None:
        document["proof"]["@context"] = ["https://www.w3.org/ns/credentials/v2"]
        document["@context"] = ["https://www.w3.org/ns/credentials/examples/v2"]

    result = verify(edited("eddsa-jcs-2022", change))
    assert (result.ok, result.code) == (False, "proof-context-mismatch")


@pytest.mark.parametrize("suite", SUITES)
def test_round_trip_with_did_key(suite: str) -> None:
    key = SigningKey.generate()
    did = did_key(key.public)
    method = f"{did}#{key.public.multibase()}"
    document = {**UNSIGNED, "issuer": did, "credentialSubject": {"id": "did:example:x", "n": 1}}
    signed = sign_proof(
        document,
        key,
        verification_method=method,
        cryptosuite=suite,  # type: ignore[arg-type]
        created="2026-01-02T03:04:05Z",
    )
    result = verify_proof(signed, resolve_key=resolve_did_key)
    assert (result.ok, result.code, result.verification_method) == (True, "proof-valid", method)
    assert "proof" not in document


@pytest.mark.parametrize("suite", SUITES)
def test_key_order_does_not_matter(suite: str) -> None:
    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(value[k]) for k in reversed(list(value))}
        return value

    reordered = reverse(SIGNED[suite])
    assert list(reordered) != list(SIGNED[suite])
    assert verify(reordered).ok


def test_jcs_numbers_and_unicode_round_trip() -> None:
    key = SigningKey.generate()
    did = did_key(key.public)
    method = f"{did}#{key.public.multibase()}"
    subject = {
        "id": "did:example:x",
        "score": 4.5,
        "big": 2**53 - 1,
        "name": "Zoë \u20ac \U0001f600",
    }
    document = {**UNSIGNED, "credentialSubject": subject}
    signed = sign_proof(
        document, key, verification_method=method, cryptosuite="eddsa-jcs-2022", created=CREATED
    )
    assert verify_proof(signed, resolve_key=resolve_did_key).ok
    signed["credentialSubject"]["score"] = 4.50000001
    assert verify_proof(signed, resolve_key=resolve_did_key).code == "signature-invalid"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 2**60])
def test_jcs_refuses_values_without_canonical_form(value: Any) -> None:
    document = {**UNSIGNED, "credentialSubject": {"id": "did:example:x", "v": value}}
    with pytest.raises(DataIntegrityError) as caught:
        sign_proof(
            document,
            spec_signing_key(),
            verification_method=METHOD,
            cryptosuite="eddsa-jcs-2022",
            created=CREATED,
        )
    assert caught.value.code == "not-canonicalizable"


def test_rdfc_refuses_properties_no_context_defines() -> None:
    # Without the VC 2.0 @vocab, "secret" would be dropped from the canonical form and so
    # left unsigned; safe-mode processing refuses the document instead.
    document = {
        "@context": {"name": "https://schema.org/name"},
        "id": "urn:example:1",
        "name": "x",
        "secret": "not covered by the signature",
    }
    with pytest.raises(DataIntegrityError) as caught:
        sign_proof(
            document,
            spec_signing_key(),
            verification_method=METHOD,
            cryptosuite="eddsa-rdfc-2022",
            created=CREATED,
        )
    assert caught.value.code == "undefined-term"


def test_rdfc_canonicalization_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two blank nodes with identical surroundings need the (exponential) n-degree hashing.
    twins = {**UNSIGNED, "credentialSubject": [{"alumniOf": "x"}, {"alumniOf": "x"}]}

    def sign() -> dict[str, Any]:
        return sign_proof(
            twins,
            spec_signing_key(),
            verification_method=METHOD,
            cryptosuite="eddsa-rdfc-2022",
            created=CREATED,
        )

    assert verify(sign()).ok
    monkeypatch.setattr(canonical, "_MAX_N_DEGREE_CALLS", 0)
    with pytest.raises(DataIntegrityError) as caught:
        sign()
    assert caught.value.code == "canonicalization-limit"


def test_sign_refusals() -> None:
    key = spec_signing_key()
    with pytest.raises(DataIntegrityError) as caught:
        sign_proof(
            SIGNED["eddsa-rdfc-2022"],
            key,
            verification_method=METHOD,
            cryptosuite="eddsa-rdfc-2022",
            created=CREATED,
        )
    assert caught.value.code == "bad-proof"
    # A key of the wrong kind is the one class of `bad-key` (the key's error, not the proof's).
    with pytest.raises(KeyFormatError) as caught:
        sign_proof(
            UNSIGNED,
            SigningKey.generate("P-256"),
            verification_method=METHOD,
            cryptosuite="eddsa-jcs-2022",
            created=CREATED,
        )
    assert caught.value.code == "bad-key"
    with pytest.raises(InvalidInputError) as unknown:
        sign_proof(
            {**UNSIGNED, "@context": [*CONTEXT, "https://example.com/x"]},
            key,
            verification_method=METHOD,
            cryptosuite="eddsa-jcs-2022",
            created=CREATED,
        )
    assert unknown.value.code == "unknown-context"


def test_verify_does_not_mutate_input() -> None:
    document = copy.deepcopy(SIGNED["eddsa-rdfc-2022"])
    assert verify(document).ok
    assert document == SIGNED["eddsa-rdfc-2022"]
