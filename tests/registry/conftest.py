"""Fixtures of tests/registry: the provider's web server of the feed tests (`site`)."""

from tests.registry.feed_site import site

__all__ = ["site"]
