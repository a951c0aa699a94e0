"""What every benchmark shares: the run context, the output line and percentiles."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Baseline:
    """Raw Ed25519 costs of this run, in microseconds per operation."""

    sign_us: float
    verify_us: float


@dataclass(frozen=True)
class Context:
    """What a benchmark gets: the size switch and the baseline to divide by."""

    quick: bool
    baseline: Baseline


@dataclass(frozen=True)
class Benchmark:
    """A named benchmark; `run` prints its own JSON lines through `emit`."""

    name: str
    run: Callable[[Context], None]


def emit(name: str, value: float, unit: str, ratio: float) -> None:
    """Print one result line; flushed, so a long run shows progress as it goes."""
    line = {"name": name, "value": round(value, 3), "unit": unit, "ratio": round(ratio, 3)}
    print(json.dumps(line), flush=True)


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (0 < fraction <= 1) of a non-empty sample."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]
