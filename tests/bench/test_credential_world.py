"""The benchmarks time the verification of valid credentials only: the world they verify in
must judge its own credentials valid, or a benchmark stops (or, worse, times a failure)."""

from __future__ import annotations

from bench.credential_world import CredentialWorld
from credentials.issue import issue_deelcertificaat
from credentials.verify import verify_credential_jws


def test_the_benchmark_world_judges_its_credentials_valid() -> None:
    world = CredentialWorld()
    token = issue_deelcertificaat(world.deelcertificaat(), world.key, kid=world.kid).jws
    report = verify_credential_jws(token, world.config())
    assert report.verdict == "valid", [c for c in report.checks if c.code != "passed"]
