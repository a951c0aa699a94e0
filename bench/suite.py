"""The one list of benchmarks, in the order `python -m bench` runs them.

To add one (verify_credential, issue_credential, verify_di_credential, verify_sd_jwt,
issue_batch_sqlite, verify_cv_http, share_page_http, cv_p95, match_p95):
write a module with `run(ctx: Context) -> None` that prints through `bench.common.emit`, and
append it here.
"""

from __future__ import annotations

from bench import (
    credentials_bench,
    cv_bench,
    formats_bench,
    issue_batch,
    match_bench,
    search_p95,
)
from bench.common import Benchmark

BENCHMARKS: list[Benchmark] = [
    Benchmark("credentials", credentials_bench.run),
    Benchmark("formats", formats_bench.run),
    Benchmark("search_p95", search_p95.run),
    Benchmark("issue_batch_sqlite", issue_batch.run),
    Benchmark("verify_cv_http", cv_bench.run_verify_http),
    Benchmark("share_page_http", cv_bench.run_share_page_http),
    Benchmark("cv_p95", cv_bench.run_cv_p95),
    Benchmark("match_p95", match_bench.run),
]
