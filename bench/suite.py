"""The one list of benchmarks, in the order `python -m bench` runs them.

To add one (verify_credential, issue_credential, issue_batch_sqlite, verify_cv_http, cv_p95):
write a module with `run(ctx: Context) -> None` that prints through `bench.common.emit`, and
append it here.
"""

from __future__ import annotations

from bench import credentials_bench, search_p95
from bench.common import Benchmark

BENCHMARKS: list[Benchmark] = [
    Benchmark("credentials", credentials_bench.run),
    Benchmark("search_p95", search_p95.run),
]
