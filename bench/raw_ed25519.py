"""The yardstick: raw Ed25519 sign and verify with `cryptography`, nothing around them."""

from __future__ import annotations

import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.common import Baseline, emit

# About the size of a signed deelcertificaat's signing input.
MESSAGE = b"x" * 1500


def measure(ops: int) -> Baseline:
    """Time `ops` signatures and `ops` verifications after a short warm-up; print both."""
    key = Ed25519PrivateKey.generate()
    public = key.public_key()
    signature = key.sign(MESSAGE)
    for _ in range(ops // 10):
        public.verify(key.sign(MESSAGE), MESSAGE)
    start = time.perf_counter()
    for _ in range(ops):
        key.sign(MESSAGE)
    sign_us = (time.perf_counter() - start) / ops * 1e6
    start = time.perf_counter()
    for _ in range(ops):
        public.verify(signature, MESSAGE)
    verify_us = (time.perf_counter() - start) / ops * 1e6
    emit("raw_ed25519_sign", sign_us, "us", 1.0)
    emit("raw_ed25519_verify", verify_us, "us", 1.0)
    return Baseline(sign_us=sign_us, verify_us=verify_us)
