"""SD-JWT VC: disclosures checked against the `_sd` digests, repeated or unreferenced ones
refused, the key binding JWT checked (audience, nonce, sd_hash). Cross-checked with `sd-jwt`,
the IETF reference implementation from PyPI (tests only)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from jwcrypto.jwk import JWK
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.verifier import SDJWTVerifier

from credentials.b64 import b64url_encode
from credentials.keydocs import KeyStore
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.verification import Report

EXAMPLE = json.loads((Path(__file__).parent / "vectors/sd-jwt/sd-jwt-vc-example.json").read_text())
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
# Half a minute after the example's key binding JWT was made (its iat, 2024-03-09).
EXAMPLE_NOW = dt.datetime.fromtimestamp(1_709_996_185 + 30, dt.UTC)


def verify(text: str, *documents: object, now: dt.datetime = NOW, **kwargs: Any) -> Report:
    config = VerifierConfig(clock=lambda: now, documents=KeyStore(documents))
    return Verifier(config).verify(text, **kwargs)


def check(report: Report, name: str) -> tuple[str, str]:
    found = next(c for c in report.checks if c.name == name)
    return found.status, found.code


def example(**kwargs: Any) -> Report:
    return example_of(EXAMPLE["presentation"], **kwargs)


def test_the_published_example() -> None:
    report = example()
    assert check(report, "signature") == ("passed", "signature-valid")
    assert check(report, "disclosures") == ("passed", "disclosed")
    assert check(report, "key-binding") == ("passed", "holder-signed")
    # A key named by a bare kid says nothing about https://example.com/issuer.
    assert report.verdict == "untrusted-issuer"
    assert report.credential is not None
    assert report.credential.issuer == "https://example.com/issuer"
    assert (
        report.credential.achievement_type == "https://credentials.example.com/identity_credential"
    )


def test_the_example_for_another_audience_or_nonce() -> None:
    assert check(example(audience="https://elders.example"), "key-binding")[1] == "wrong-audience"
    assert check(example(nonce="replayed"), "key-binding")[1] == "wrong-nonce"
    assert example(nonce="replayed").verdict == "invalid"


def test_the_example_without_its_key_cannot_verify() -> None:
    report = verify(EXAMPLE["presentation"])
    assert (report.verdict, check(report, "issuer-key")[1]) == (
        "cannot-verify",
        "issuer-key-unknown",
    )


def _parts() -> tuple[str, list[str], str]:
    issuer_jwt, *disclosures, kb = EXAMPLE["presentation"].split("~")
    return issuer_jwt, disclosures, kb


def test_a_dropped_disclosure_breaks_the_key_binding() -> None:
    issuer_jwt, disclosures, kb = _parts()
    report = example_of("~".join([issuer_jwt, *disclosures[1:], kb]))
    assert check(report, "key-binding") == ("failed", "sd-hash-mismatch")


def example_of(text: str, **kwargs: Any) -> Report:
    jwks = {"keys": [EXAMPLE["issuerKey"]]}
    values = {"audience": EXAMPLE["audience"], "nonce": EXAMPLE["nonce"], "now": EXAMPLE_NOW}
    return verify(text, jwks, **(values | kwargs))


def test_repeated_and_unreferenced_disclosures_are_refused() -> None:
    issuer_jwt, disclosures, kb = _parts()
    repeated = example_of("~".join([issuer_jwt, *disclosures, disclosures[0], kb]))
    assert check(repeated, "disclosures") == ("failed", "repeated-disclosure")
    stranger = b64url_encode(json.dumps(["salt", "family_name", "Roe"]).encode())
    unreferenced = example_of("~".join([issuer_jwt, *disclosures, stranger]) + "~")
    assert (unreferenced.verdict, check(unreferenced, "disclosures")) == (
        "invalid",
        ("failed", "unreferenced"),
    )


# ------------------------------------------------------------- the reference implementation


def real_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _jwk(key: JWK) -> dict[str, Any]:
    exported: dict[str, Any] = key.export_public(as_dict=True)
    return exported


@pytest.fixture
def issued() -> dict[str, Any]:
    issuer, holder = JWK.generate(kty="EC", crv="P-256"), JWK.generate(kty="EC", crv="P-256")
    did = "did:jwk:" + b64url_encode(json.dumps(_jwk(issuer)).encode())
    claims = {
        "iss": did,
        "vct": "https://elders.example/credentials/zonnepanelen",
        # The reference library dates its key binding JWTs by the real clock.
        "iat": int(time.time()) - 60,
        "exp": int(time.time()) + 3600,
        SDObj("name"): "Zonnepanelen leggen",
        SDObj("result"): "behaald",
        "levels": [SDObj("mbo 2"), "mbo 3"],
    }
    made = SDJWTIssuer(
        claims,
        issuer,
        holder,
        sign_alg="ES256",
        add_decoy_claims=True,
        extra_header_parameters={"typ": "dc+sd-jwt", "kid": did + "#0"},
    )
    return {"issuer": issuer, "holder": holder, "did": did, "issuance": made.sd_jwt_issuance}


def test_issued_by_the_reference_implementation(issued: dict[str, Any]) -> None:
    report = verify(issued["issuance"])
    assert report.verdict == "untrusted-issuer", report.checks
    assert check(report, "issuer-binding") == ("passed", "issuers-key")
    assert check(report, "key-binding") == ("skipped", "not-presented")
    assert report.credential is not None
    assert report.credential.achievement == "Zonnepanelen leggen"


def test_presented_with_key_binding_both_ways(issued: dict[str, Any]) -> None:
    holder = SDJWTHolder(issued["issuance"])
    holder.create_presentation(
        {"name": True, "levels": [True]},
        nonce="n-7",
        aud="https://werkgever.example",
        holder_key=issued["holder"],
        sign_alg="ES256",
    )
    presented = holder.sd_jwt_presentation
    ours = verify(presented, audience="https://werkgever.example", nonce="n-7", now=real_now())
    assert check(ours, "key-binding") == ("passed", "holder-signed")
    assert ours.verdict == "untrusted-issuer"
    theirs = SDJWTVerifier(
        presented,
        lambda _issuer, _header: issued["issuer"],
        expected_aud="https://werkgever.example",
        expected_nonce="n-7",
    ).get_verified_payload()
    assert theirs["name"] == "Zonnepanelen leggen"
    assert "result" not in theirs
    assert theirs["levels"] == ["mbo 2", "mbo 3"]
    replayed = verify(
        presented, audience="https://werkgever.example", nonce="other", now=real_now()
    )
    assert replayed.verdict == "invalid"


def test_key_binding_by_another_key_is_invalid(issued: dict[str, Any]) -> None:
    holder = SDJWTHolder(issued["issuance"])
    holder.create_presentation(
        {"name": True},
        nonce="n-8",
        aud="https://werkgever.example",
        holder_key=JWK.generate(kty="EC", crv="P-256"),
        sign_alg="ES256",
    )
    report = verify(
        holder.sd_jwt_presentation,
        audience="https://werkgever.example",
        nonce="n-8",
        now=real_now(),
    )
    assert check(report, "key-binding") == ("failed", "signature-invalid")
    missing = verify(issued["issuance"], audience="https://werkgever.example", nonce="n-8")
    assert check(missing, "key-binding") == ("failed", "no-key-binding")


def test_made_here_and_read_by_the_reference_implementation() -> None:
    """`make_sd_jwt` (the benchmark's issuer) makes what the reference library accepts."""
    import secrets

    from credentials.jws import sign_compact
    from credentials.keys import SigningKey
    from credentials.sdjwt import make_sd_jwt

    key = SigningKey.generate("P-256")
    did = "did:jwk:" + b64url_encode(json.dumps(key.public.jwk()).encode())
    token = make_sd_jwt(
        {"iss": did, "vct": "urn:example:badge"},
        {"name": "Zonnepanelen leggen"},
        lambda body: sign_compact(body, key, kid=did + "#0", typ="dc+sd-jwt"),
        salt=lambda: secrets.token_urlsafe(16),
    )
    report = verify(token)
    assert check(report, "disclosures") == ("passed", "disclosed")
    issuer = JWK.from_json(json.dumps(key.public.jwk()))
    theirs = SDJWTVerifier(token, lambda _i, _h: issuer).get_verified_payload()
    assert theirs["name"] == "Zonnepanelen leggen"
