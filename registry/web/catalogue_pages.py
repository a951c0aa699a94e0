"""The catalogue pages."""

from __future__ import annotations

from litestar import Controller


class CataloguePages(Controller):
    """Pages for the catalogue area."""

    include_in_schema = False
