"""Whose a credential is: its subject's DID, or an OB 3.0 identifier of type emailAddress,
plain or hashed (`sha256$` + hex SHA-256 of the address and the salt, OB 3.0 IdentityObject)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["email_identifiers", "is_holders"]


def email_identifiers(document: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The subject's identifiers of type emailAddress."""
    subject = document.get("credentialSubject") if document else None
    subject = subject[0] if isinstance(subject, list) and len(subject) == 1 else subject
    identifiers = subject.get("identifier", []) if isinstance(subject, dict) else []
    identifiers = identifiers if isinstance(identifiers, list) else [identifiers]
    return [
        i for i in identifiers if isinstance(i, dict) and i.get("identityType") == "emailAddress"
    ]


def _matches(identifier: Mapping[str, Any], email: str) -> bool:
    value = identifier.get("identityHash")
    if not isinstance(value, str):
        return False
    if identifier.get("hashed") is not True:
        return value.strip().lower() == email
    algorithm, _, digest = value.partition("$")
    salt = identifier.get("salt") if isinstance(identifier.get("salt"), str) else ""
    expected = hashlib.sha256((email + str(salt)).encode()).hexdigest()
    return algorithm == "sha256" and hmac.compare_digest(digest.lower(), expected)


def is_holders(
    subject: str | None,
    document: Mapping[str, Any] | None,
    holder_dids: Iterable[str],
    proven_email: str | None,
) -> bool:
    """Whether the credential is about this holder: by DID, or by a proven e-mail address."""
    if subject is not None and subject in set(holder_dids):
        return True
    if proven_email is None:
        return False
    email = proven_email.strip().lower()
    return any(_matches(i, email) for i in email_identifiers(document))
