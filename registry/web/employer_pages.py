"""The employer pages."""

from __future__ import annotations

from litestar import Controller


class EmployerPages(Controller):
    """Pages for the employer area."""

    include_in_schema = False
