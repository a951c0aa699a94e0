"""Benchmarks for DESIGN section 8: `python -m bench [--quick] [--only NAME ...]`.

Every benchmark prints one JSON line `{"name", "value", "unit", "ratio"}`, where `ratio` divides
the figure by the raw Ed25519 cost measured in the same run, so figures from different machines
compare. Benchmarks are listed in `bench.suite.BENCHMARKS`.
"""
