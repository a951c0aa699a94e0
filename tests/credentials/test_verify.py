"""The verification pipeline (DESIGN section 5): every verdict, every bad input of issue 3."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import msgspec
import pytest

from credentials.b64 import b64url_encode
from credentials.dataintegrity import sign_proof
from credentials.issue import issue_deelcertificaat, issue_evc
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.presentation import holder_kid, present
from credentials.status import StatusList, suspension_list_url
from credentials.trust import TrustList
from credentials.verifier import Verifier
from credentials.verify import VerifierConfig
from schemas.credentials import CredentialStatus, Party
from schemas.trust import Accreditation, TrustedIssuer, TrustedKey
from schemas.verification import Report
from tests.credentials.test_issue import deelcertificaat_input, evc_input

ISSUER_DID = "did:web:registry.example%3A8443:issuers:techniek-college"
EVC_DID = "did:web:registry.example%3A8443:issuers:evc-centrum"
MODULE_URL = "https://registry.example:8443/api/catalogue/modules/laadpaalmonteur/versions/2"
LIST = "https://registry.example:8443/status/"
REVOCATION = f"{LIST}revocation"
SUSPENSION = suspension_list_url(REVOCATION)
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
LONG_AGO = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def entry(purpose: str, index: int, url: str | None = None, **extra: Any) -> CredentialStatus:
    """A status entry; on the world's revocation or suspension list unless `url` names one."""
    if url is None:
        url = REVOCATION if purpose == "revocation" else SUSPENSION
    return CredentialStatus(
        id=f"{url}#{index}",
        type="BitstringStatusListEntry",
        status_purpose=purpose,
        status_list_index=str(index),
        status_list_credential=url,
        **extra,
    )


class World:
    """An issuer on a trust list, an EVC centre, a holder, status lists and a clock."""

    def __init__(self) -> None:
        self.issuer_key = SigningKey.generate()
        self.evc_key = SigningKey.generate()
        self.holder_key = SigningKey.generate()
        self.holder_did = did_key(self.holder_key.public)
        self.kid = f"{ISSUER_DID}#{self.issuer_key.public.thumbprint()}"
        self.evc_kid = f"{EVC_DID}#{self.evc_key.public.thumbprint()}"
        self.lists = {
            REVOCATION: StatusList.new(purposes=["revocation"]),
            SUSPENSION: StatusList.new(purposes=["suspension"]),
        }
        self.now = NOW
        self.trust_list = TrustList(
            id="urn:trust-list:test",
            issuer="did:web:registry.example%3A8443",
            issued=LONG_AGO,
            issuers=[
                self._issuer(
                    ISSUER_DID, self.kid, self.issuer_key, "module-certificate", [MODULE_URL]
                ),
                self._issuer(EVC_DID, self.evc_kid, self.evc_key, "evc", []),
            ],
        )

    @staticmethod
    def _issuer(
        did: str, kid: str, key: SigningKey, kind: Any, achievements: list[str]
    ) -> TrustedIssuer:
        return TrustedIssuer(
            did=did,
            name=did.rsplit(":", 1)[-1],
            keys=[TrustedKey(kid=kid, jwk=key.public.jwk(), valid_from=LONG_AGO)],
            accreditations=[
                Accreditation(kind=kind, achievements=achievements, valid_from=LONG_AGO)
            ],
        )

    def config(self, **changes: Any) -> VerifierConfig:
        values: dict[str, Any] = {
            "trust_list": self.trust_list,
            "status_lists": self.lists.get,
            "clock": lambda: self.now,
        }
        values.update(changes)
        return VerifierConfig(**values)

    def verify(self, data: str | bytes, **changes: Any) -> Report:
        return Verifier(self.config(**changes)).verify(data)

    def credential(self, **changes: Any) -> str:
        values: dict[str, Any] = {
            "issuer": Party(id=ISSUER_DID, name="Techniek College"),
            "holder": Party(id=self.holder_did, name="Sam de Vries"),
            "status": [entry("revocation", 7)],
        } | changes
        return issue_deelcertificaat(
            deelcertificaat_input(**values), self.issuer_key, kid=self.kid
        ).jws


@pytest.fixture
def world() -> World:
    return World()


def parts(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    header, payload, signature = token.split(".")
    pad = lambda s: base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))  # noqa: E731
    return json.loads(pad(header)), json.loads(pad(payload)), signature


def reassemble(
    header: dict[str, Any] | bytes, payload: dict[str, Any] | bytes, signature: str
) -> str:
    encode = lambda v: b64url_encode(v if isinstance(v, bytes) else json.dumps(v).encode())  # noqa: E731
    return f"{encode(header)}.{encode(payload)}.{signature}"


def check(report: Report, name: str) -> tuple[str, str]:
    found = next(c for c in report.checks if c.name == name)
    return found.status, found.code


def test_valid_deelcertificaat(world: World) -> None:
    report = world.verify(world.credential())
    assert report.verdict == "valid", report.checks
    assert [c.name for c in report.checks] == [
        "jws",
        "payload",
        "issuer-key",
        "signature",
        "issuer-binding",
        "claims",
        "dates",
        "schema",
        "status",
        "accreditation",
    ]
    assert all(c.status == "passed" for c in report.checks)
    assert report.credential is not None
    assert report.credential.issuer == ISSUER_DID
    assert report.credential.subject == world.holder_did
    assert report.credential.achievement == "Laadpaalmonteur"
    body = json.loads(msgspec.json.encode(report))
    assert set(body) == {"verdict", "checks", "credential"}
    assert set(body["checks"][0]) == {"name", "status", "code", "message"}


def test_valid_evc_record(world: World) -> None:
    data = evc_input(
        issuer=Party(id=EVC_DID, name="EVC Centrum"),
        holder=Party(id=world.holder_did, name="Sam"),
        status=[entry("revocation", 9)],
    )
    token = issue_evc(data, world.evc_key, kid=world.evc_kid).jws
    assert world.verify(token).verdict == "valid"


def test_revoked_and_suspended(world: World) -> None:
    token = world.credential()
    world.lists[SUSPENSION].set(7, True)
    assert world.verify(token).verdict == "suspended"
    world.lists[SUSPENSION].set(7, False)
    assert world.verify(token).verdict == "valid"
    world.lists[SUSPENSION].set(7, True)
    world.lists[REVOCATION].set(7, True)
    report = world.verify(token)
    assert report.verdict == "revoked"
    assert check(report, "status") == ("failed", "revoked")


def test_status_list_unavailable_cannot_verify(world: World) -> None:
    report = world.verify(world.credential(), status_lists=lambda _: None)
    assert report.verdict == "cannot-verify"
    assert check(report, "status") == ("failed", "status-unavailable")


def test_a_missing_suspension_list_is_unknown_only_for_our_own_issuers(world: World) -> None:
    """Our own issuers' revocation lists always have a sibling suspension list: without it,
    a suspension cannot be ruled out. Another issuer's revocation entry implies no sibling."""
    only_revocation = {REVOCATION: world.lists[REVOCATION]}.get
    report = world.verify(world.credential(), status_lists=only_revocation)
    assert check(report, "status") == ("failed", "status-unavailable")
    elsewhere = TrustList(
        id=world.trust_list.id,
        issuer="did:web:another-registry.example",
        issued=world.trust_list.issued,
        issuers=world.trust_list.issuers,
    )
    report = world.verify(world.credential(), trust_list=elsewhere, status_lists=only_revocation)
    assert check(report, "status") == ("passed", "active")


def test_expired_and_not_yet_valid(world: World) -> None:
    token = world.credential(valid_until=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    world.now = dt.datetime(2027, 1, 2, tzinfo=dt.UTC)
    assert world.verify(token).verdict == "expired"
    world.now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert world.verify(token).verdict == "not-yet-valid"
    world.now = dt.datetime(2026, 3, 2, 14, 28, tzinfo=dt.UTC)  # within the leeway of validFrom
    assert world.verify(token).verdict == "valid"


def test_the_end_date_has_no_leeway(world: World) -> None:
    """Expired the moment `validUntil` passes, as the CV and the share form say: the leeway is
    for an issuer's clock ahead of ours at the start, not a few more minutes at the end."""
    end = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    token = world.credential(valid_until=end)
    world.now = end - dt.timedelta(seconds=1)
    assert world.verify(token).verdict == "valid"
    for after in (0, 30, 290):
        world.now = end + dt.timedelta(seconds=after)
        assert world.verify(token).verdict == "expired", after


def test_untrusted_issuer(world: World) -> None:
    stranger = SigningKey.generate()
    kid = did_key(stranger.public) + "#" + stranger.public.multibase()
    data = deelcertificaat_input(
        issuer=Party(id=did_key(stranger.public), name="Nep"),
        holder=Party(id=world.holder_did, name="Sam"),
        status=[],
    )
    token = issue_deelcertificaat(data, stranger, kid=kid).jws
    report = world.verify(token)
    assert report.verdict == "untrusted-issuer"
    assert check(report, "signature") == ("passed", "signature-valid")
    assert world.verify(world.credential(), trust_list=None).verdict == "cannot-verify"


def test_issuer_not_accredited_for_this_achievement(world: World) -> None:
    other = deelcertificaat_input().module.__class__  # ModuleVersionInput
    module = msgspec.structs.replace(
        deelcertificaat_input().module,
        url="https://registry.example:8443/api/catalogue/modules/other/versions/1",
    )
    assert isinstance(module, other)
    token = world.credential(module=module)
    report = world.verify(token)
    assert report.verdict == "untrusted-issuer"
    assert check(report, "accreditation") == ("failed", "not-accredited")


def test_accreditation_is_judged_at_issuance(world: World) -> None:
    issuer = world.trust_list.issuers[0]
    issuer.accreditations[0].valid_until = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    trust_list = TrustList(id="t2", issuer="x", issued=LONG_AGO, issuers=world.trust_list.issuers)
    assert world.verify(world.credential(), trust_list=trust_list).verdict == "untrusted-issuer"
    old = world.credential(issued_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    assert world.verify(old, trust_list=trust_list).verdict == "valid"


def test_evc_issuer_cannot_issue_certificates(world: World) -> None:
    data = deelcertificaat_input(
        issuer=Party(id=EVC_DID, name="EVC"), holder=Party(id=world.holder_did, name="S"), status=[]
    )
    token = issue_deelcertificaat(data, world.evc_key, kid=world.evc_kid).jws
    assert check(world.verify(token), "accreditation") == ("failed", "not-accredited")


@pytest.mark.parametrize("alg", ["none", "None", "HS256"])
def test_refused_algorithms(world: World, alg: str) -> None:
    header, payload, signature = parts(world.credential())
    header["alg"] = alg
    report = world.verify(reassemble(header, payload, signature))
    assert report.verdict == "invalid"
    assert check(report, "jws")[1] in {"alg-none", "alg-not-allowed"}


@pytest.mark.parametrize("alg", ["RS256", "PS256", "ES384"])
def test_algorithm_of_another_key_type(world: World, alg: str) -> None:
    """The key is Ed25519: an RSA or P-384 algorithm in the header cannot make it verify."""
    header, payload, signature = parts(world.credential())
    header["alg"] = alg
    report = world.verify(reassemble(header, payload, signature))
    assert (report.verdict, check(report, "signature")[1]) == ("invalid", "signature-invalid")


def test_hs256_with_public_key_as_secret(world: World) -> None:
    import hashlib
    import hmac

    header, payload, _ = parts(world.credential())
    header["alg"] = "HS256"
    signing_input = reassemble(header, payload, "x").rsplit(".", 1)[0]
    secret = json.dumps(world.issuer_key.public.jwk()).encode()
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    report = world.verify(f"{signing_input}.{b64url_encode(mac)}")
    assert (report.verdict, check(report, "jws")[1]) == ("invalid", "alg-not-allowed")


def test_algorithm_not_pinned_to_key(world: World) -> None:
    header, payload, signature = parts(world.credential())
    header["alg"] = "ES256"
    report = world.verify(reassemble(header, payload, signature))
    assert report.verdict == "invalid"
    assert check(report, "signature") == ("failed", "signature-invalid")


def test_ed25519_algorithm_name_accepted(world: World) -> None:
    _, payload, _ = parts(world.credential())
    token = sign_compact(
        json.dumps(payload).encode(), world.issuer_key, kid=world.kid, typ="vc+jwt"
    )
    header, body, _ = token.split(".")
    renamed = {"alg": "Ed25519", "kid": world.kid, "typ": "vc+jwt"}
    signing_input = f"{b64url_encode(json.dumps(renamed).encode())}.{body}"
    signature = b64url_encode(world.issuer_key.sign(signing_input.encode()))
    assert world.verify(f"{signing_input}.{signature}").verdict == "valid"
    assert header


def test_unknown_crit(world: World) -> None:
    header, payload, signature = parts(world.credential())
    header["crit"] = ["exp"]
    assert check(world.verify(reassemble(header, payload, signature)), "jws") == (
        "failed",
        "unknown-crit",
    )


def test_kid_of_another_issuer(world: World) -> None:
    """Only the header changed: the signature is checked first, with the other issuer's key."""
    header, payload, signature = parts(world.credential())
    header["kid"] = world.evc_kid
    report = world.verify(reassemble(header, payload, signature))
    assert (report.verdict, check(report, "signature")[1]) == ("invalid", "signature-invalid")
    assert check(report, "issuer-binding")[0] == "skipped"


@pytest.mark.parametrize("part", ["header", "payload", "signature"])
def test_tampered_token(world: World, part: str) -> None:
    header, payload, signature = parts(world.credential())
    if part == "header":
        header["typ"] = "JWT"
    elif part == "payload":
        payload["credentialSubject"]["achievement"]["name"] = "Allround monteur"
    else:
        raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
        raw[0] ^= 1
        signature = b64url_encode(bytes(raw))
    report = world.verify(reassemble(header, payload, signature))
    assert report.verdict == "invalid"
    assert check(report, "signature") == ("failed", "signature-invalid")


def test_stripped_signature(world: World) -> None:
    token = world.credential().rsplit(".", 1)[0] + "."
    report = world.verify(token)
    assert (report.verdict, check(report, "jws")[1]) == ("invalid", "not-compact-jws")


def test_oversized_token(world: World) -> None:
    report = world.verify(world.credential(), max_bytes=1000)
    assert (report.verdict, check(report, "jws")[1]) == ("invalid", "token-too-large")


def test_invalid_utf8_payload(world: World) -> None:
    header, _, _ = parts(world.credential())
    body = b'{"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "\xff"}'
    signing_input = f"{b64url_encode(json.dumps(header).encode())}.{b64url_encode(body)}"
    token = f"{signing_input}.{b64url_encode(world.issuer_key.sign(signing_input.encode()))}"
    assert check(world.verify(token), "payload") == ("failed", "invalid-utf8")


def test_duplicate_json_keys(world: World) -> None:
    _, payload, _ = parts(world.credential())
    text = json.dumps(payload)
    doubled = text.replace(
        '"name": "Laadpaalmonteur"', '"name": "Laadpaalmonteur", "name": "Allround"', 1
    )
    assert doubled != text
    token = sign_compact(doubled.encode(), world.issuer_key, kid=world.kid, typ="vc+jwt")
    report = world.verify(token)
    assert (report.verdict, check(report, "payload")[1]) == ("invalid", "duplicate-key")


def test_claims_must_mirror_the_credential(world: World) -> None:
    _, payload, _ = parts(world.credential())
    payload["sub"] = "did:key:z6MkSomeoneElse"
    token = sign_compact(
        json.dumps(payload).encode(), world.issuer_key, kid=world.kid, typ="vc+jwt"
    )
    assert check(world.verify(token), "claims") == ("failed", "sub-mismatch")


def test_unknown_context_cannot_verify_and_is_not_fetched(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_network(*_: object, **__: object) -> None:
        raise AssertionError("the verifier tried to use the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    _, payload, _ = parts(world.credential())
    payload["@context"].append("https://evil.example/context.jsonld")
    token = sign_compact(
        json.dumps(payload).encode(), world.issuer_key, kid=world.kid, typ="vc+jwt"
    )
    report = world.verify(token)
    assert (report.verdict, check(report, "schema")[1]) == ("cannot-verify", "unknown-context")


def test_header_keys_never_make_a_token_trusted(world: World) -> None:
    attacker = SigningKey.generate()
    _, payload, _ = parts(world.credential())
    for header_key in ("jwk", "jku", "x5u", "x5c"):
        value: Any = attacker.public.jwk() if header_key == "jwk" else "https://evil.example/k"
        token = sign_compact(
            json.dumps(payload).encode(),
            attacker,
            kid=world.kid,
            typ="vc+jwt",
            extra_header={header_key: value},
        )
        report = world.verify(token)
        assert (report.verdict, check(report, "signature")[1]) == (
            "invalid",
            "signature-invalid",
        ), header_key


def test_vc_1_1_vc_claim_form(world: World) -> None:
    _, payload, _ = parts(world.credential())
    credential = {k: v for k, v in payload.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    credential["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    credential["issuanceDate"] = credential.pop("validFrom")
    legacy = {
        "iss": ISSUER_DID,
        "sub": world.holder_did,
        "jti": credential["id"],
        "nbf": payload["nbf"],
        "vc": credential,
    }
    token = sign_compact(json.dumps(legacy).encode(), world.issuer_key, kid=world.kid, typ="JWT")
    report = world.verify(token)
    assert report.verdict == "valid", report.checks
    assert check(report, "payload") == ("passed", "vc-jwt-1.1")


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
def test_data_integrity_credentials(world: World, suite: Any) -> None:
    _, payload, _ = parts(world.credential())
    document = {k: v for k, v in payload.items() if k not in {"iss", "sub", "jti", "nbf", "exp"}}
    signed = sign_proof(
        document,
        world.issuer_key,
        verification_method=world.kid,
        cryptosuite=suite,
        created="2026-03-02T14:30:05Z",
    )
    assert world.verify(json.dumps(signed)).verdict == "valid"
    signed["credentialSubject"]["achievement"]["name"] = "Anders"
    report = world.verify(json.dumps(signed))
    assert (report.verdict, check(report, "signature")[1]) == ("invalid", "signature-invalid")


class TestPresentation:
    def _vp(
        self, world: World, tokens: list[str], holder: SigningKey | None = None, **changes: Any
    ) -> str:
        holder = holder or world.holder_key
        values: dict[str, Any] = {
            "holder_did": did_key(holder.public),
            "audience": "https://werkgever.example",
            "nonce": "n-123",
            "issued_at": NOW - dt.timedelta(minutes=1),
            "expires_at": NOW + dt.timedelta(days=1),
        } | changes
        return present(tokens, holder, **values)

    def _verify(self, world: World, vp: str, **kwargs: Any) -> Report:
        values = {"audience": "https://werkgever.example", "nonce": "n-123"} | kwargs
        return Verifier(world.config()).verify(vp, **values)

    def test_valid_presentation(self, world: World) -> None:
        vp = self._vp(world, [world.credential(), world.credential()])
        report = self._verify(world, vp)
        assert report.verdict == "valid", report.checks
        assert report.holder == world.holder_did
        assert report.credentials is not None
        assert [r.verdict for r in report.credentials] == ["valid", "valid"]
        assert holder_kid(world.holder_key.public).startswith(world.holder_did)

    def test_someone_elses_credential(self, world: World) -> None:
        thief = SigningKey.generate()
        report = self._verify(world, self._vp(world, [world.credential()], holder=thief))
        assert report.verdict == "invalid"
        assert report.credentials is not None
        assert check(report.credentials[0], "holder") == ("failed", "not-holders-credential")

    def test_replayed_presentation(self, world: World) -> None:
        vp = self._vp(world, [world.credential()])
        wrong_audience = self._verify(world, vp, audience="https://andere-werkgever.example")
        assert (wrong_audience.verdict, check(wrong_audience, "audience")[1]) == (
            "invalid",
            "wrong-audience",
        )
        wrong_nonce = self._verify(world, vp, nonce="n-456")
        assert (wrong_nonce.verdict, check(wrong_nonce, "nonce")[1]) == ("invalid", "wrong-nonce")

    def test_expired_presentation(self, world: World) -> None:
        vp = self._vp(world, [world.credential()])
        world.now = NOW + dt.timedelta(days=2)
        assert self._verify(world, vp).verdict == "expired"

    def test_revoked_credential_inside(self, world: World) -> None:
        vp = self._vp(world, [world.credential(status=[entry("revocation", 3)])])
        world.lists[REVOCATION].set(3, True)
        assert self._verify(world, vp).verdict == "revoked"

    def test_tampered_presentation(self, world: World) -> None:
        header, payload, signature = parts(self._vp(world, [world.credential()]))
        payload["aud"] = "https://andere-werkgever.example"
        report = self._verify(
            world,
            reassemble(header, payload, signature),
            audience="https://andere-werkgever.example",
        )
        assert (report.verdict, check(report, "signature")[1]) == ("invalid", "signature-invalid")


def test_explicit_suspension_entry(world: World) -> None:
    token = world.credential(status=[entry("suspension", 11)])
    assert world.verify(token).verdict == "valid"
    world.lists[SUSPENSION].set(11, True)
    assert world.verify(token).verdict == "suspended"


def test_claims_checked_on_the_fast_path_too(world: World) -> None:
    # Re-encoded with our own Struct, so the verifier takes its canonical fast path.
    from credentials.documents import canonical_payload
    from schemas.credentials import SignedCredentialPayload

    _, payload, _ = parts(world.credential())
    signed = msgspec.convert(payload, SignedCredentialPayload)
    forged = msgspec.structs.replace(signed, sub="did:key:z6MkSomeoneElse")
    raw = msgspec.json.encode(forged)
    assert canonical_payload(raw) is not None
    token = sign_compact(raw, world.issuer_key, kid=world.kid, typ="vc+jwt")
    assert check(world.verify(token), "claims") == ("failed", "sub-mismatch")
    duplicated = raw.replace(b'"iss":', b'"jti":"x","iss":', 1)
    assert canonical_payload(duplicated) is None
