"""`issue_credential` and `verify_credential`: one credential at a time, all checks on.

The yardstick is raw Ed25519 over the very signing inputs of these credentials (a long message
costs more to hash than a short one), timed in alternating rounds with the full operation so
that both see the same machine load; the reported ratio is the median over the rounds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.common import Context, emit
from bench.credential_world import CredentialWorld
from credentials.issue import issue_deelcertificaat
from credentials.jws import parse_compact
from credentials.verify import verify_credential_jws

ROUNDS = 5


def _per_op_us(work: Callable[[], None], count: int) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) / count * 1e6


def _rounds(full: Callable[[], None], raw: Callable[[], None], count: int) -> tuple[float, float]:
    """Median per-operation cost of `full` and median ratio full/raw over alternating rounds."""
    costs, ratios = [], []
    for _ in range(ROUNDS):
        raw_us = _per_op_us(raw, count)
        full_us = _per_op_us(full, count)
        costs.append(full_us)
        ratios.append(full_us / raw_us)
    return statistics.median(costs), statistics.median(ratios)


def run(ctx: Context) -> None:
    count = 1_000 if ctx.quick else 10_000
    world = CredentialWorld()
    inputs = [world.deelcertificaat() for _ in range(count)]
    key, kid = world.key, world.kid
    tokens = [issue_deelcertificaat(data, key, kid=kid).jws for data in inputs]
    parsed = [parse_compact(token) for token in tokens]
    raw_key, public = world.raw_key, world.raw_key.public_key()
    signing_inputs = [p.signing_input for p in parsed]

    def issue_all() -> None:
        for data in inputs:
            issue_deelcertificaat(data, key, kid=kid)

    def raw_sign_all() -> None:
        for message in signing_inputs:
            raw_key.sign(message)

    cost, ratio = _rounds(issue_all, raw_sign_all, count)
    emit("issue_credential", cost, "us", ratio)

    config = world.config()
    failures = [r.verdict for r in (verify_credential_jws(t, config) for t in tokens[:50])]
    assert set(failures) == {"valid"}, failures

    def verify_all() -> None:
        for token in tokens:
            verify_credential_jws(token, config)

    def raw_verify_all() -> None:
        for p in parsed:
            public.verify(p.signature, p.signing_input)

    cost, ratio = _rounds(verify_all, raw_verify_all, count)
    emit("verify_credential", cost, "us", ratio)
