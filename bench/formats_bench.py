"""`verify_di_credential` and `verify_sd_jwt`: the same deelcertificaat secured as a JSON
credential with an `eddsa-rdfc-2022` proof (JSON-LD contexts cached after the first), and an
SD-JWT VC with selectively disclosed claims, each through the whole pipeline. Ratios are to
raw Ed25519 verify in the same run."""

from __future__ import annotations

import json
import secrets
import statistics
import time
from collections.abc import Callable

import msgspec

from bench.common import Context, emit
from bench.credential_world import CredentialWorld
from credentials.dataintegrity import sign_proof
from credentials.issue import issue_deelcertificaat
from credentials.jws import sign_compact
from credentials.sdjwt import make_sd_jwt
from credentials.verifier import Verifier

ROUNDS = 5


def _median_us(work: Callable[[], object], count: int) -> float:
    costs = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(count):
            work()
        costs.append((time.perf_counter() - start) / count * 1e6)
    return statistics.median(costs)


def run(ctx: Context) -> None:
    world = CredentialWorld()
    verifier = Verifier(world.config())
    issued = issue_deelcertificaat(world.deelcertificaat(), world.key, kid=world.kid)
    claims = {"iss", "sub", "jti", "nbf", "exp"}  # the JWT's, not the credential's
    document = {k: v for k, v in msgspec.to_builtins(issued.document).items() if k not in claims}
    secured = json.dumps(
        sign_proof(
            document,
            world.key,
            verification_method=world.kid,
            cryptosuite="eddsa-rdfc-2022",
            created="2026-01-01T00:00:00Z",
        )
    )
    report = verifier.verify(secured)
    assert report.verdict == "valid", report.checks
    cost = _median_us(lambda: verifier.verify(secured), 20 if ctx.quick else 100)
    emit("verify_di_credential", cost, "us", cost / ctx.baseline.verify_us)

    subject = document["credentialSubject"]
    payload = {
        "iss": document["issuer"]["id"],
        "vct": "https://registry.example/vct/deelcertificaat",
        "iat": 1_767_225_600,
        "sub": subject["id"],
    }
    selective = {"name": subject["achievement"]["name"], "achievement": subject["achievement"]}
    token = make_sd_jwt(
        payload,
        selective,
        lambda body: sign_compact(body, world.key, kid=world.kid, typ="dc+sd-jwt"),
        salt=lambda: secrets.token_urlsafe(16),
    )
    report = verifier.verify(token)
    assert report.verdict == "untrusted-issuer", report.checks  # no accreditation kind
    assert all(c.status != "failed" or c.name == "accreditation" for c in report.checks)
    cost = _median_us(lambda: verifier.verify(token), 200 if ctx.quick else 2_000)
    emit("verify_sd_jwt", cost, "us", cost / ctx.baseline.verify_us)
