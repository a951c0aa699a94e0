"""`python -m bench [--quick] [--only NAME ...]`: raw Ed25519 first, then each benchmark."""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from bench import raw_ed25519
from bench.common import Context
from bench.suite import BENCHMARKS

RAW_OPS = 2_000


def main(argv: list[str] | None = None) -> int:
    names = [b.name for b in BENCHMARKS]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    parser.add_argument("--only", action="append", choices=names, help="run only this one")
    args = parser.parse_args(argv)
    # The apps the benchmarks start log each migration step once the web app has set up
    # logging; the output is meant to be the figures, one JSON line each.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]
    ctx = Context(quick=args.quick, baseline=raw_ed25519.measure(RAW_OPS))
    for benchmark in chosen:
        # Each benchmark starts with the heap the ones before it left collected and frozen:
        # else the cyclic collector walks their millions of objects during its timings (a
        # match alone measured 22 ms p95, 38 ms beside 3 million live dicts).
        gc.collect()
        gc.freeze()
        benchmark.run(ctx)
    return 0


if __name__ == "__main__":
    sys.exit(main())
