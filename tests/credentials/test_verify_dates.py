"""JWT `nbf` and `exp` bound a credential even when it lacks `validFrom` / `validUntil`, in the
VC-JOSE-COSE form (generic and canonical fast path) and in the VC 1.1 `vc`-claim form."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec
import pytest

from credentials.documents import canonical_payload
from credentials.issue import issue_deelcertificaat
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.trust import TrustList
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.credentials import Party, SignedCredentialPayload
from schemas.trust import Accreditation, TrustedIssuer, TrustedKey
from schemas.verification import Report
from tests.credentials.test_issue import ISSUED_AT, deelcertificaat_input
from tests.credentials.test_verify import LONG_AGO, check, parts

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
PAST = int((NOW - dt.timedelta(days=1)).timestamp())
FUTURE = int((NOW + dt.timedelta(days=1)).timestamp())
CLAIMS = ("iss", "sub", "jti", "nbf", "exp")


class DidKeyIssuer:
    """An issuer known only by a did:key, put on a trust list so that the verdict shows the
    dates (an untrusted issuer would read `untrusted-issuer` whatever the dates)."""

    def __init__(self) -> None:
        self.key = SigningKey.generate()
        self.did = did_key(self.key.public)
        self.kid = f"{self.did}#{self.key.public.multibase()}"
        holder = SigningKey.generate()
        self.holder = did_key(holder.public)
        self.trust_list = TrustList(
            id="urn:trust-list:dates",
            issuer="did:web:registry.example",
            issued=LONG_AGO,
            issuers=[
                TrustedIssuer(
                    did=self.did,
                    name="Opleider met did:key",
                    keys=[TrustedKey(kid=self.kid, jwk=self.key.public.jwk(), valid_from=LONG_AGO)],
                    accreditations=[Accreditation(kind="module-certificate", valid_from=LONG_AGO)],
                )
            ],
        )

    def payload(self) -> dict[str, Any]:
        """A VC-JOSE-COSE payload with validFrom and no validUntil, and no status."""
        data = deelcertificaat_input(
            issuer=Party(id=self.did, name="Opleider"),
            holder=Party(id=self.holder, name="Sam de Vries"),
            status=[],
        )
        _, payload, _ = parts(issue_deelcertificaat(data, self.key, kid=self.kid).jws)
        assert "validUntil" not in payload
        assert "exp" not in payload
        return payload

    def sign(self, payload: dict[str, Any] | bytes, typ: str = "vc+jwt") -> str:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return sign_compact(body, self.key, kid=self.kid, typ=typ)

    def verify(self, token: str) -> Report:
        config = VerifierConfig(trust_list=self.trust_list, clock=lambda: NOW)
        return Verifier(config).verify(token)

    def legacy(self, payload: dict[str, Any], *, dated: bool = True, **claims: Any) -> str:
        """The same credential in the VC 1.1 JWT form: the credential in `vc`, with
        issuanceDate, or (`dated` false) only the nbf claim that VC 1.1 lets stand for it."""
        vc = {k: v for k, v in payload.items() if k not in CLAIMS}
        vc["@context"] = [
            "https://www.w3.org/2018/credentials/v1",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ]
        issued = vc.pop("validFrom")
        if dated:
            vc["issuanceDate"] = issued
        outer = {"iss": self.did, "sub": self.holder, "jti": vc["id"], "vc": vc} | claims
        return self.sign(outer, typ="JWT")


@pytest.fixture
def issuer() -> DidKeyIssuer:
    return DidKeyIssuer()


def test_exp_without_valid_until_expires(issuer: DidKeyIssuer) -> None:
    payload = issuer.payload()
    assert issuer.verify(issuer.sign(payload | {"exp": FUTURE})).verdict == "valid"
    report = issuer.verify(issuer.sign(payload | {"exp": PAST}))
    assert report.verdict == "expired", report.checks
    assert check(report, "dates") == ("failed", "expired")
    assert check(report, "claims") == ("passed", "consistent")


def test_exp_without_valid_until_on_the_fast_path(issuer: DidKeyIssuer) -> None:
    # Our own canonical encoding with an exp and no validUntil takes the typed fast path.
    signed = msgspec.convert(issuer.payload(), SignedCredentialPayload)
    raw = msgspec.json.encode(msgspec.structs.replace(signed, exp=PAST))
    assert canonical_payload(raw) is not None
    report = issuer.verify(issuer.sign(raw))
    assert (report.verdict, check(report, "dates")) == ("expired", ("failed", "expired"))


def test_exp_beats_a_later_valid_until(issuer: DidKeyIssuer) -> None:
    # An exp that disagrees with validUntil is a claim mismatch: invalid, never valid.
    payload = issuer.payload() | {"validUntil": "2027-01-01T00:00:00Z", "exp": PAST}
    report = issuer.verify(issuer.sign(payload))
    assert (report.verdict, check(report, "claims")) == ("invalid", ("failed", "exp-mismatch"))


def test_vc_1_1_exp_without_expiration_date_expires(issuer: DidKeyIssuer) -> None:
    payload = issuer.payload()
    nbf = payload["nbf"]
    assert issuer.verify(issuer.legacy(payload, nbf=nbf, exp=FUTURE)).verdict == "valid"
    report = issuer.verify(issuer.legacy(payload, nbf=nbf, exp=PAST))
    assert report.verdict == "expired", report.checks
    assert check(report, "payload") == ("passed", "vc-jwt-1.1")
    assert check(report, "dates") == ("failed", "expired")
    assert report.credential is not None
    assert report.credential.valid_until is not None  # read from exp, as VC 1.1 says


def test_vc_1_1_nbf_in_the_future_without_issuance_date(issuer: DidKeyIssuer) -> None:
    # No validFrom for nbf to disagree with: nbf alone says when the credential starts.
    payload = issuer.payload()
    report = issuer.verify(issuer.legacy(payload, dated=False, nbf=FUTURE))
    assert report.verdict == "not-yet-valid", report.checks
    assert check(report, "claims") == ("passed", "consistent")
    assert check(report, "dates") == ("failed", "not-yet-valid")
    started = issuer.legacy(payload, dated=False, nbf=int(ISSUED_AT.timestamp()))
    assert issuer.verify(started).verdict == "valid"


@pytest.mark.parametrize("claim", ["nbf", "exp"])
@pytest.mark.parametrize("value", ["2026-01-01", True, None, [1]])
def test_time_claims_must_be_numbers(issuer: DidKeyIssuer, claim: str, value: Any) -> None:
    report = issuer.verify(issuer.sign(issuer.payload() | {claim: value}))
    assert (report.verdict, check(report, "claims")) == ("invalid", ("failed", f"bad-{claim}"))
