"""The worker pages."""

from __future__ import annotations

from litestar import Controller


class WorkerPages(Controller):
    """Pages for the worker area."""

    include_in_schema = False
