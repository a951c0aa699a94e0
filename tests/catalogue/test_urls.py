"""Catalogue URLs read back: which module a module version URL names (a credential's
achievement id), and nothing for any other URL."""

from __future__ import annotations

import uuid

import pytest

from catalogue.urls import module_of_version_url, module_url, module_version_url

BASE = "https://registry.example"
MODULE = uuid.UUID("6f1c2d3e-4a5b-4c6d-8e7f-901234567890")


def test_a_module_version_url_names_its_module() -> None:
    assert module_of_version_url(BASE, module_version_url(BASE, MODULE, 3)) == MODULE


@pytest.mark.parametrize(
    "url",
    [
        module_url(BASE, MODULE),
        module_version_url("https://other.example", MODULE, 1),
        module_version_url(BASE, MODULE, 1) + "/x",
        f"{BASE}/api/catalogue/modules/{MODULE}/versions/01",
        f"{BASE}/api/catalogue/modules/{MODULE}/versions/",
        f"{BASE}/api/catalogue/modules/{str(MODULE).upper()}/versions/1",
        f"{BASE}/api/catalogue/modules/{MODULE.hex}/versions/1",
        f"{BASE}/api/catalogue/modules/laadpaal/versions/1",
        f"{BASE}/api/catalogue/modules/../modules/{MODULE}/versions/1",
    ],
)
def test_any_other_url_names_no_module(url: str) -> None:
    assert module_of_version_url(BASE, url) is None
