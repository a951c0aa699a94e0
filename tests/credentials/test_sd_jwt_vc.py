"""Our deelcertificaat as an SD-JWT VC (credentials.sdjwt_vc): issued, presented with fewer
disclosures and a key binding JWT, verified by us and by `sd-jwt`, the IETF reference
implementation from PyPI (tests only), and the reference library's output verified by us."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from jwcrypto.jwk import JWK
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.verifier import SDJWTVerifier

from credentials.b64 import b64url_decode, b64url_encode
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.presentation import present as present_vp
from credentials.sdjwt import make_sd_jwt
from credentials.sdjwt_vc import (
    DEELCERTIFICAAT_VCT,
    issue_deelcertificaat_sd_jwt,
    present_sd_jwt,
)
from credentials.trust import TrustList
from credentials.verifier import Verifier
from schemas.credentials import MODULE_ACHIEVEMENT_TYPE, Party
from schemas.trust import Accreditation, TrustedIssuer, TrustedKey
from schemas.verification import Report
from tests.credentials.test_issue import deelcertificaat_input
from tests.credentials.test_verify import (
    ISSUER_DID,
    LONG_AGO,
    MODULE_URL,
    World,
    check,
    entry,
)

AUDIENCE = "https://registry.example:8443/shares/1"
NONCE = "share-nonce"
NOTES = "Werkt netjes; let op bij het aanhalen van klemmen."


@pytest.fixture
def world() -> World:
    world = World()
    # Key binding JWTs are judged against the verifier's clock: the real one here.
    world.now = dt.datetime.now(dt.UTC)
    return world


def issue(world: World, **changes: Any) -> str:
    values: dict[str, Any] = {
        "issuer": Party(id=ISSUER_DID, name="Techniek College"),
        "holder": Party(id=world.holder_did, name="Sam de Vries"),
        "status": [entry("revocation", 7)],
        "issued_at": world.now - dt.timedelta(days=1),
    } | changes
    data = deelcertificaat_input(**values)
    return issue_deelcertificaat_sd_jwt(data, world.issuer_key, kid=world.kid, notes=NOTES)


def present(world: World, issued: str, *withhold: str, key: SigningKey | None = None) -> str:
    return present_sd_jwt(
        issued,
        withhold,
        key or world.holder_key,
        audience=AUDIENCE,
        nonce=NONCE,
        issued_at=dt.datetime.now(dt.UTC),
    )


def verify(world: World, text: str) -> Report:
    return Verifier(world.config()).verify(text, audience=AUDIENCE, nonce=NONCE)


def test_everything_disclosed_is_valid(world: World) -> None:
    report = verify(world, present(world, issue(world)))
    assert report.verdict == "valid", report.checks
    assert check(report, "key-binding") == ("passed", "holder-signed")
    assert check(report, "status") == ("passed", "active")
    assert check(report, "accreditation") == ("passed", "accredited")
    summary = report.credential
    assert summary is not None
    assert (summary.subject_name, summary.notes, summary.withheld) == ("Sam de Vries", NOTES, None)
    assert (summary.achievement_id, summary.achievement_type) == (MODULE_URL, "Certificate")
    assert summary.trusted_issuer_name == "techniek-college"
    assert summary.valid_from is not None


def test_leaving_parts_out_stays_valid_and_says_what_is_missing(world: World) -> None:
    report = verify(world, present(world, issue(world), "notes"))
    assert report.verdict == "valid", report.checks
    assert report.credential is not None
    assert (report.credential.notes, report.credential.withheld) == (None, ["notes"])
    everything = verify(world, present(world, issue(world), "notes", "date", "name"))
    assert everything.verdict == "valid", everything.checks
    assert everything.credential is not None
    assert everything.credential.withheld == ["name", "date", "notes"]
    assert everything.credential.subject_name is None
    assert everything.credential.valid_from is None
    # Without the date the accreditation is judged now.
    assert check(everything, "accreditation") == ("passed", "accredited-now")


def test_without_notes_nothing_is_said_missing(world: World) -> None:
    data = deelcertificaat_input(
        issuer=Party(id=ISSUER_DID, name="Techniek College"),
        holder=Party(id=world.holder_did, name="Sam de Vries"),
    )
    issued = issue_deelcertificaat_sd_jwt(data, world.issuer_key, kid=world.kid)
    report = verify(world, present(world, issued, "notes"))
    assert report.credential is not None
    assert report.credential.withheld is None


def test_a_tampered_disclosure_is_invalid(world: World) -> None:
    issuer_jwt, *disclosures, _ = issue(world).split("~")
    salt, name, _value = json.loads(b64url_decode(disclosures[0]))
    forged = b64url_encode(json.dumps([salt, name, "Iemand Anders"]).encode())
    tampered = "~".join([issuer_jwt, forged, *disclosures[1:]]) + "~"
    report = verify(world, present(world, tampered))
    assert report.verdict == "invalid"
    assert check(report, "disclosures") == ("failed", "unreferenced")


def test_a_disclosure_never_issued_is_invalid(world: World) -> None:
    issuer_jwt, *disclosures, _ = issue(world).split("~")
    extra = b64url_encode(json.dumps(["zout", "grade", "10"]).encode())
    added = "~".join([issuer_jwt, *disclosures, extra]) + "~"
    report = verify(world, present(world, added))
    assert report.verdict == "invalid"
    assert check(report, "disclosures") == ("failed", "unreferenced")


def test_key_binding_by_someone_else_or_for_another_share_is_invalid(world: World) -> None:
    issued = issue(world)
    stolen = verify(world, present(world, issued, key=SigningKey.generate()))
    assert check(stolen, "key-binding") == ("failed", "signature-invalid")
    other = Verifier(world.config()).verify(present(world, issued), audience=AUDIENCE, nonce="x")
    assert (other.verdict, check(other, "key-binding")) == ("invalid", ("failed", "wrong-nonce"))


def test_revoked_reads_revoked(world: World) -> None:
    world.lists[next(iter(world.lists))].set(7, True)
    assert verify(world, present(world, issue(world), "notes")).verdict == "revoked"


# ------------------------------------------------------------- the reference implementation


def _jwk(key: SigningKey, *, private: bool) -> JWK:
    if not private:
        return JWK.from_json(json.dumps(key.public.jwk()))
    pem = serialization.load_der_private_key(key.to_pkcs8(), None).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return JWK.from_pem(pem)


class EdDsaKeyBinding(SDJWTVerifier):  # type: ignore[misc]
    """sd-jwt 0.10.4 checks every key binding JWT as ES256 (its DEFAULT_SIGNING_ALG, not the
    JWT's own `alg`); our wallets' holder keys are Ed25519, so it is told EdDSA."""

    def _verify_key_binding_jwt(
        self, expected_aud: str | None = None, expected_nonce: str | None = None, _: Any = None
    ) -> None:
        super()._verify_key_binding_jwt(expected_aud, expected_nonce, "EdDSA")


@pytest.mark.parametrize("holder_kind", ["Ed25519", "P-256"])
def test_ours_verifies_with_the_reference_implementation(world: World, holder_kind: Any) -> None:
    world.holder_key = SigningKey.generate(holder_kind)
    world.holder_did = did_key(world.holder_key.public)
    reference = EdDsaKeyBinding if holder_kind == "Ed25519" else SDJWTVerifier
    issuer_key = lambda _issuer, _header: _jwk(world.issuer_key, private=False)  # noqa: E731
    presented = present(world, issue(world), "notes")
    assert verify(world, presented).verdict == "valid"
    theirs = reference(
        presented, issuer_key, expected_aud=AUDIENCE, expected_nonce=NONCE
    ).get_verified_payload()
    assert theirs["name"] == "Sam de Vries"
    assert "notes" not in theirs
    assert theirs["vct"] == DEELCERTIFICAAT_VCT
    assert theirs["cnf"]["jwk"] == world.holder_key.public.jwk()
    # The reference library refuses our key binding for another nonce, as we do.
    with pytest.raises(ValueError, match="nonce"):
        reference(presented, issuer_key, expected_aud=AUDIENCE, expected_nonce="another")


def test_the_reference_implementations_sd_jwt_verifies_with_ours(world: World) -> None:
    """Made by `sd-jwt` with a key our trust list names, in our profile, presented by its
    holder with the notes left out: valid, and the notes said to be missing."""
    claims = {
        "iss": ISSUER_DID,
        "vct": DEELCERTIFICAAT_VCT,
        "sub": world.holder_did,
        "achievement": {
            "id": MODULE_URL,
            "achievementType": MODULE_ACHIEVEMENT_TYPE,
            "name": "Laadpaalmonteur",
        },
        "disclosable": ["name", "iat", "notes"],
        SDObj("name"): "Sam de Vries",
        SDObj("iat"): int(time.time()) - 3600,
        SDObj("notes"): NOTES,
    }
    made = SDJWTIssuer(
        claims,
        _jwk(world.issuer_key, private=True),
        _jwk(world.holder_key, private=True),
        sign_alg="EdDSA",
        add_decoy_claims=True,
        extra_header_parameters={"typ": "dc+sd-jwt", "kid": world.kid},
    )
    holder = SDJWTHolder(made.sd_jwt_issuance)
    holder.create_presentation(
        {"name": True, "iat": True},
        nonce=NONCE,
        aud=AUDIENCE,
        holder_key=_jwk(world.holder_key, private=True),
        sign_alg="EdDSA",
    )
    report = verify(world, holder.sd_jwt_presentation)
    assert report.verdict == "valid", report.checks
    assert check(report, "key-binding") == ("passed", "holder-signed")
    assert report.credential is not None
    assert report.credential.withheld == ["notes"]
    assert report.credential.subject_name == "Sam de Vries"


def test_in_a_presentation_the_key_binding_is_for_the_presentations_audience(
    world: World,
) -> None:
    def vp(sd_jwt: str, audience: str) -> Report:
        now = dt.datetime.now(dt.UTC)
        token = present_vp(
            [sd_jwt],
            world.holder_key,
            holder_did=world.holder_did,
            audience=audience,
            nonce=NONCE,
            issued_at=now,
            expires_at=now + dt.timedelta(hours=1),
        )
        return Verifier(world.config()).verify(token, audience=audience, nonce=NONCE)

    good = vp(present(world, issue(world), "notes"), AUDIENCE)
    assert good.verdict == "valid", good
    assert good.credentials is not None
    assert good.credentials[0].credential is not None
    assert good.credentials[0].credential.withheld == ["notes"]
    # Key binding made for one share, put in a presentation for another: refused.
    moved = vp(present(world, issue(world), "notes"), "https://registry.example:8443/shares/2")
    assert moved.verdict == "invalid"
    assert moved.credentials is not None
    assert check(moved.credentials[0], "key-binding") == ("failed", "wrong-audience")
    # Opened ten minutes ago and verified now: the presentation's own dates count, as for
    # its JWS credentials; the same SD-JWT on its own is too old to be a fresh key binding.
    earlier = present_sd_jwt(
        issue(world),
        ["notes"],
        world.holder_key,
        audience=AUDIENCE,
        nonce=NONCE,
        issued_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10),
    )
    assert vp(earlier, AUDIENCE).verdict == "valid"
    alone = verify(world, earlier)
    assert (alone.verdict, check(alone, "key-binding")) == (
        "invalid",
        ("failed", "kb-jwt-too-old"),
    )


def _signed(world: World, **changes: Any) -> str:
    """An SD-JWT VC of our profile by the trusted issuer, with changed claims."""
    payload: dict[str, Any] = {
        "iss": ISSUER_DID,
        "vct": DEELCERTIFICAAT_VCT,
        "sub": world.holder_did,
        "cnf": {"jwk": world.holder_key.public.jwk()},
        "achievement": {"id": MODULE_URL, "achievementType": MODULE_ACHIEVEMENT_TYPE},
    } | changes
    return make_sd_jwt(
        payload,
        {"iat": int(time.time())},
        lambda body: sign_compact(body, world.issuer_key, kid=world.kid, typ="dc+sd-jwt"),
        salt=lambda: "zout",
    )


def test_a_status_we_cannot_read_cannot_verify(world: World) -> None:
    token_status_list = {"status_list": {"idx": 7, "uri": "https://registry.example/tsl/1"}}
    report = verify(world, present(world, _signed(world, status=token_status_list)))
    assert (report.verdict, check(report, "status")) == (
        "cannot-verify",
        ("failed", "status-unavailable"),
    )


def test_trust_covers_only_our_profile_and_the_accredited_achievements(world: World) -> None:
    elsewhere = {"id": "https://elders.example/modules/1", "achievementType": "Certificate"}
    outside = verify(world, present(world, _signed(world, achievement=elsewhere)))
    assert (outside.verdict, check(outside, "accreditation")) == (
        "untrusted-issuer",
        ("failed", "not-accredited"),
    )
    other_type = verify(world, present(world, _signed(world, vct="urn:example:badge")))
    assert other_type.verdict == "untrusted-issuer"
    assert verify(world, present(world, _signed(world))).verdict == "valid"


def test_a_key_retired_before_the_disclosed_date_is_invalid(world: World) -> None:
    retired = TrustList(
        id="urn:trust-list:retired",
        issuer="did:web:registry.example%3A8443",
        issued=LONG_AGO,
        issuers=[
            TrustedIssuer(
                did=ISSUER_DID,
                name="techniek-college",
                keys=[
                    TrustedKey(
                        kid=world.kid,
                        jwk=world.issuer_key.public.jwk(),
                        status="retired",
                        valid_from=LONG_AGO,
                        valid_until=world.now - dt.timedelta(days=30),
                    )
                ],
                accreditations=[
                    Accreditation(
                        kind="module-certificate", achievements=[MODULE_URL], valid_from=LONG_AGO
                    )
                ],
            )
        ],
    )
    config = world.config(trust_list=retired)
    presented = present(world, issue(world))
    report = Verifier(config).verify(presented, audience=AUDIENCE, nonce=NONCE)
    assert (report.verdict, check(report, "dates")) == ("invalid", ("failed", "key-not-valid"))
    # Issued while the key was current: valid (the date disclosed says so).
    earlier = issue(world, issued_at=world.now - dt.timedelta(days=60))
    report = Verifier(config).verify(present(world, earlier), audience=AUDIENCE, nonce=NONCE)
    assert report.verdict == "valid", report.checks
