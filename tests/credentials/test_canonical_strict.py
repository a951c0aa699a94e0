"""RDF canonicalization for documents we sign (`strict`): no base IRI, and nothing that a
JSON-LD processor with a null base (as Data Integrity asks) would silently drop."""

from __future__ import annotations

from typing import Any

import pytest

from credentials.canonical import canonicalize_rdfc
from schemas.errors.credentials import BadJsonLdError, UndefinedTermError

V1 = "https://www.w3.org/2018/credentials/v1"


def document(**change: Any) -> dict[str, Any]:
    return {
        "@context": [V1],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "issuanceDate": "2020-03-16T22:37:26Z",
        "credentialSubject": {"id": "did:example:subject"},
        **change,
    }


@pytest.mark.parametrize(
    "change",
    [
        {"type": ["VerifiableCredential", "InvalidType"]},
        {"credentialSubject": {"id": "abc"}},
        {"issuer": "issuers/1"},
    ],
    ids=["undefined type", "relative subject id", "relative issuer"],
)
def test_strict_refuses_what_a_null_base_would_drop(change: dict[str, Any]) -> None:
    with pytest.raises(UndefinedTermError):
        canonicalize_rdfc(document(**change), strict=True)
    # The lenient reading (verification, for now) resolves them against pyld's default base.
    assert b"http://example.org/base/" in canonicalize_rdfc(document(**change))


def test_strict_and_lenient_agree_on_a_well_defined_document() -> None:
    assert canonicalize_rdfc(document(), strict=True) == canonicalize_rdfc(document())


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
def test_a_document_pyld_trips_over_is_refused_not_a_crash(strict: bool) -> None:
    # "@vocab": null where no vocabulary is set: pyld raised KeyError (a 500 from the VC API
    # during the W3C data model suite).
    with pytest.raises(BadJsonLdError, match="JSON-LD processing failed"):
        canonicalize_rdfc(
            {"@context": {"@vocab": None}, "@id": "urn:x:1", "urn:p": "v"}, strict=strict
        )
