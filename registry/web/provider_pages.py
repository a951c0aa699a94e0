"""The provider pages."""

from __future__ import annotations

from litestar import Controller


class ProviderPages(Controller):
    """Pages for the provider area."""

    include_in_schema = False
