"""The local JSON-LD context map: pinned files, refusal of unknown URLs, no network."""

from __future__ import annotations

import hashlib
import socket
from importlib import resources
from typing import Any

import pytest

from credentials.contexts import CONTEXTS, context_bytes, document_loader, load_context
from schemas.errors import InvalidInputError
from schemas.errors.credentials import UnknownContextError

VC_V2 = "https://www.w3.org/ns/credentials/v2"

# Hashes published by the W3C Recommendations (VC 2.0 §B.1, Bitstring Status List 1.0).
PINNED = {
    VC_V2: "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    "https://www.w3.org/ns/credentials/status/v1": (
        "fda5add353231e6a6884a46b12e6c75464281900cb348284d9c360f62381d9f7"
    ),
}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize(("url", "digest"), PINNED.items())
def test_pinned_context_hashes(url: str, digest: str) -> None:
    assert hashlib.sha256(context_bytes(url)).hexdigest() == digest


def test_every_mapped_context_loads_as_a_context() -> None:
    assert len(CONTEXTS) == 16
    for url in CONTEXTS:
        document = load_context(url)
        assert isinstance(document, dict)
        assert "@context" in document, url


def test_document_loader_shape() -> None:
    remote = document_loader(VC_V2)
    assert remote == {"contextUrl": None, "documentUrl": VC_V2, "document": load_context(VC_V2)}


def test_loaded_contexts_are_fresh_copies() -> None:
    first = document_loader(VC_V2)["document"]
    first["@context"]["@protected"] = False
    assert load_context(VC_V2)["@context"]["@protected"] is True


@pytest.mark.parametrize(
    "url",
    [
        "https://www.w3.org/ns/did/v1",  # deliberately absent: we publish with cid/v1
        "https://example.com/evil-context.jsonld",
        "https://www.w3.org/ns/credentials/v2/",
        "http://www.w3.org/ns/credentials/v2",
        "",
    ],
)
def test_unknown_urls_are_refused_without_network(url: str) -> None:
    with pytest.raises(UnknownContextError) as caught:
        document_loader(url)
    assert caught.value.code == "unknown-context"
    assert isinstance(caught.value, InvalidInputError)
    with pytest.raises(UnknownContextError):
        load_context(url)


def test_readme_names_every_file_and_licence() -> None:
    folder = resources.files("credentials").joinpath("contexts")
    readme = folder.joinpath("README.md").read_text(encoding="utf-8")
    for url, filename in CONTEXTS.items():
        assert f"`{url}` | `{filename}`" in readme
    for licence in (
        "W3C-vc-data-model-LICENSE.md",
        "1EdTech-specification-license.md",
        "Apache-2.0.txt",
        "EUPL-1.2.txt",
    ):
        assert f"licenses/{licence}" in readme
        assert folder.joinpath("licenses", licence).is_file()
