"""The assessor pages."""

from __future__ import annotations

from litestar import Controller


class AssessorPages(Controller):
    """Pages for the assessor area."""

    include_in_schema = False
