"""The verdict order of DESIGN section 5: signature first, then status and dates, then trust;
and the issuer-binding check that runs after the signature."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import msgspec
import pytest

from credentials.issue import issue_deelcertificaat
from credentials.jws import sign_compact
from credentials.keys import SigningKey, did_key
from credentials.presentation import present
from credentials.verifier import Verifier
from schemas.credentials import Party
from tests.credentials.test_issue import deelcertificaat_input
from tests.credentials.test_verify import (
    EVC_DID,
    ISSUER_DID,
    NOW,
    REVOCATION,
    World,
    check,
    entry,
    parts,
    reassemble,
)


@pytest.fixture
def world() -> World:
    return World()


def stranger_credential(world: World, key: SigningKey, **changes: Any) -> str:
    """A credential from an issuer on no trust list (its did:key), status entry 7."""
    issuer = did_key(key.public)
    values: dict[str, Any] = {
        "issuer": Party(id=issuer, name="Elders"),
        "holder": Party(id=world.holder_did, name="Sam"),
        "status": [entry("revocation", 7)],
    } | changes
    kid = f"{issuer}#{key.public.multibase()}"
    return issue_deelcertificaat(deelcertificaat_input(**values), key, kid=kid).jws


def test_revoked_from_an_untrusted_issuer_reads_revoked(world: World) -> None:
    token = stranger_credential(world, SigningKey.generate())
    world.lists[REVOCATION].set(7, True)
    report = world.verify(token)
    assert report.verdict == "revoked"
    assert check(report, "accreditation") == ("failed", "issuer-not-trusted")


def test_expired_from_an_untrusted_issuer_reads_expired(world: World) -> None:
    yesterday = NOW - dt.timedelta(days=1)
    token = stranger_credential(world, SigningKey.generate(), valid_until=yesterday)
    report = world.verify(token)
    assert report.verdict == "expired"
    assert check(report, "dates") == ("failed", "expired")
    assert check(report, "accreditation")[0] == "failed"


def test_status_list_unavailable_from_an_untrusted_issuer_cannot_verify(world: World) -> None:
    token = stranger_credential(world, SigningKey.generate())
    report = world.verify(token, status_lists=lambda _: None)
    assert report.verdict == "cannot-verify"
    assert check(report, "status") == ("failed", "status-unavailable")


def test_bad_signature_from_an_unknown_issuer_reads_invalid(world: World) -> None:
    """The kid names another key than the issuer's and the payload was changed: the signature
    is what fails, before anything is said about who made it."""
    stranger = SigningKey.generate()
    header, payload, signature = parts(stranger_credential(world, stranger))
    payload["credentialSubject"]["achievement"]["name"] = "Anders"
    other = SigningKey.generate()
    header["kid"] = f"{did_key(other.public)}#{other.public.multibase()}"
    report = world.verify(reassemble(header, payload, signature))
    assert report.verdict == "invalid"
    assert check(report, "signature") == ("failed", "signature-invalid")
    assert check(report, "issuer-binding")[0] == "skipped"


def test_unknown_context_with_other_faults_cannot_verify(world: World) -> None:
    """Our own canonical encoding (the fast path) with an unknown context, expired, from an
    untrusted issuer: the context is what we cannot read, and each check appears once."""
    stranger = SigningKey.generate()
    _, payload, _ = parts(
        stranger_credential(world, stranger, valid_until=NOW - dt.timedelta(days=1))
    )
    payload["@context"].append("https://unknown.example/context.jsonld")
    issuer = did_key(stranger.public)
    token = sign_compact(
        msgspec.json.encode(payload), stranger, kid=f"{issuer}#{stranger.public.multibase()}",
        typ="vc+jwt",
    )  # fmt: skip
    report = world.verify(token)
    assert report.verdict == "cannot-verify"
    assert check(report, "schema") == ("failed", "unknown-context")
    assert max(Counter(c.name for c in report.checks).values()) == 1


def test_good_signature_by_a_key_not_the_issuers_is_invalid(world: World) -> None:
    """The EVC centre signs, with its own genuine key, a credential naming another issuer."""
    data = deelcertificaat_input(
        issuer=Party(id=ISSUER_DID, name="Techniek College"),
        holder=Party(id=world.holder_did, name="Sam"),
        status=[],
    )
    token = issue_deelcertificaat(data, world.evc_key, kid=world.evc_kid).jws
    report = world.verify(token)
    assert report.verdict == "invalid"
    assert check(report, "signature") == ("passed", "signature-valid")
    assert check(report, "issuer-binding") == ("failed", "kid-issuer-mismatch")
    assert report.credential is None or report.credential.trusted_issuer_name is None
    assert EVC_DID in next(c.message for c in report.checks if c.name == "issuer-binding")


def test_did_key_for_an_https_issuer_nothing_describes_is_untrusted(world: World) -> None:
    """As in the W3C Data Integrity test vectors: issuer `https://...`, key a did:key. We cannot
    tell whether the key speaks for the issuer, so it is never `valid` (and not `invalid`)."""
    stranger = SigningKey.generate()
    _, payload, _ = parts(stranger_credential(world, stranger, status=[]))
    for name in ("iss", "sub", "jti", "nbf", "exp"):
        payload.pop(name, None)
    payload["issuer"] = {"id": "https://vc.example/issuers/5732", "type": ["Profile"]}
    kid = f"{did_key(stranger.public)}#{stranger.public.multibase()}"
    token = sign_compact(json.dumps(payload).encode(), stranger, kid=kid, typ="vc+jwt")
    report = world.verify(token)
    assert report.verdict == "untrusted-issuer"
    assert check(report, "issuer-binding") == ("failed", "issuer-keys-unknown")


def test_presentation_has_an_entry_for_every_step(world: World) -> None:
    vp = present(
        [world.credential()],
        world.holder_key,
        holder_did=world.holder_did,
        audience="https://werkgever.example",
        nonce="n-1",
        issued_at=NOW - dt.timedelta(minutes=1),
        expires_at=NOW + dt.timedelta(days=1),
    )
    report = Verifier(world.config()).verify(vp, audience="https://werkgever.example", nonce="n-1")
    assert report.verdict == "valid"
    assert check(report, "credentials") == ("passed", "present")
    assert report.credentials is not None
    assert check(report.credentials[0], "holder") == ("passed", "holders-credential")
