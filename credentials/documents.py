"""Reading a credential's JSON once its signature is good: the typed document (the OB 3.0
AchievementCredential for OB 3.0 types, the CLR 2.0 ClrCredential for CLR types, any other VC
as a plain VerifiableCredentialDoc), and the summary a person reads in the report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from credentials.claims import AnyCredential, subject_id
from credentials.contexts import CONTEXTS
from schemas.credentials import (
    CLR_TYPE,
    OB3_TYPES,
    VC_CONTEXT,
    AchievementCredentialDoc,
    ClrCredentialDoc,
    SignedCredentialPayload,
    VerifiableCredentialDoc,
)
from schemas.verification import CredentialSummary

UNKNOWN_CONTEXT = "unknown context"
BASE_CONTEXTS = frozenset(
    {"https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1"}
)
NOT_OB3 = "not-ob3"
NOT_CLR = "not-clr"
NOT_A_VC = "not-a-vc"
_DECODE_SIGNED = msgspec.json.Decoder(SignedCredentialPayload).decode
_ENCODE = msgspec.json.Encoder().encode


def canonical_payload(payload: bytes) -> SignedCredentialPayload | None:
    """The payload as our typed Struct, if re-encoding it gives back exactly these bytes.

    Then the JSON had no duplicate keys and nothing we do not model, so the strict (slower)
    generic parse can be skipped. Anything else, foreign or odd, takes the generic path.
    """
    try:
        signed = _DECODE_SIGNED(payload)
    except (msgspec.DecodeError, UnicodeError, RecursionError):
        return None  # the strict path says what is wrong (strict_json: bad-json when too deep)
    context = signed.context
    if not context or context[0] != VC_CONTEXT or _ENCODE(signed) != payload:
        return None
    return signed


def unknown_context(contexts: object) -> str | None:
    """The first context URL that is not in the local map (never fetched), or None."""
    for context in contexts if isinstance(contexts, list) else [contexts]:
        if isinstance(context, str) and context not in CONTEXTS:
            return context
    return None


def types_of(credential: Mapping[str, Any]) -> list[str]:
    found = credential.get("type")
    found = [found] if isinstance(found, str) else found
    return [t for t in found if isinstance(t, str)] if isinstance(found, list) else []


def decode_credential(
    credential: Mapping[str, Any], raw: bytes | None = None
) -> tuple[AnyCredential | None, str]:
    """The typed document (from the raw bytes when we have them: msgspec reads bytes
    fastest), or None and what is wrong: "unknown context ...", or "not-ob3: ...",
    "not-clr: ..." / "not-a-vc: ...". The OB 3.0 shape is required only of OB 3.0 types, the
    CLR 2.0 shape only of ClrCredentials."""
    unknown = unknown_context(credential.get("@context"))
    if unknown is not None:
        return None, f"{UNKNOWN_CONTEXT} {unknown}"
    problem = _vc_problem(credential)
    if problem is not None:
        return None, f"{NOT_A_VC}: {problem}"
    kind, code = _shape(types_of(credential))
    try:
        if raw is not None:
            doc = msgspec.json.decode(raw, type=kind)
        else:
            doc = msgspec.convert(credential, kind)
    except msgspec.ValidationError as error:
        return None, f"{code}: {error}"
    if (doc.valid_from and doc.valid_from.tzinfo is None) or (
        doc.valid_until and doc.valid_until.tzinfo is None
    ):
        return None, f"{NOT_A_VC}: validFrom and validUntil need a time zone (dateTimeStamp)"
    return doc, ""


def _shape(types: list[str]) -> tuple[type[AnyCredential], str]:
    """The document type a credential of these types must decode as, and the code when not."""
    if not OB3_TYPES.isdisjoint(types):
        return AchievementCredentialDoc, NOT_OB3
    if CLR_TYPE in types:
        return ClrCredentialDoc, NOT_CLR
    return VerifiableCredentialDoc, NOT_A_VC


def _vc_problem(credential: Mapping[str, Any]) -> str | None:
    """What the VC data model (2.0, or 1.1 read with 2.0 names) requires before any typing:
    its base context first, the VerifiableCredential type, a subject with claims."""
    contexts = credential.get("@context")
    first = contexts[0] if isinstance(contexts, list) and contexts else contexts
    if first not in BASE_CONTEXTS:
        return "the first @context must be the VC base context"
    if "VerifiableCredential" not in types_of(credential):
        return "type lacks VerifiableCredential"
    subjects = credential.get("credentialSubject")
    subjects = subjects if isinstance(subjects, list) else [subjects]
    if not subjects or not all(isinstance(s, dict) and s for s in subjects):
        return "every credentialSubject needs at least one claim"
    return None


def issuer_of(doc: AnyCredential) -> str:
    return doc.issuer if isinstance(doc.issuer, str) else doc.issuer.id


def subject_name(doc: AchievementCredentialDoc) -> str | None:
    """The holder's name: the subject's plain (unhashed) identifier of type name (DESIGN 4)."""
    for identifier in doc.credential_subject.identifier:
        if identifier.identity_type == "name" and not identifier.hashed:
            return identifier.identity_hash or None
    return None


def summary_of(doc: AnyCredential, trusted_issuer_name: str | None = None) -> CredentialSummary:
    """The part of a credential a person reads in a report."""
    if not isinstance(doc, AchievementCredentialDoc):
        return _vc_summary(doc, trusted_issuer_name)
    issuer = doc.issuer
    achievement = doc.credential_subject.achievement
    return CredentialSummary(  # one call: this runs for every credential verified
        id=doc.id,
        issuer=issuer if isinstance(issuer, str) else issuer.id,
        issuer_name=None if isinstance(issuer, str) else issuer.name,
        trusted_issuer_name=trusted_issuer_name,
        subject=doc.credential_subject.id,
        subject_name=subject_name(doc),
        achievement=achievement.name,
        achievement_id=achievement.id,
        achievement_type=achievement.achievement_type,
        valid_from=doc.valid_from.isoformat(),
        valid_until=doc.valid_until.isoformat() if doc.valid_until else None,
    )


def _vc_summary(
    doc: VerifiableCredentialDoc | ClrCredentialDoc, trusted_issuer_name: str | None
) -> CredentialSummary:
    issuer = doc.issuer
    types = [doc.type] if isinstance(doc.type, str) else doc.type
    return CredentialSummary(
        id=doc.id,
        issuer=issuer if isinstance(issuer, str) else issuer.id,
        issuer_name=None if isinstance(issuer, str) else _text(issuer.name),
        trusted_issuer_name=trusted_issuer_name,
        subject=subject_id(doc),
        achievement=_text(doc.name),
        achievement_type=next((t for t in reversed(types) if t != "VerifiableCredential"), None),
        valid_from=doc.valid_from.isoformat() if doc.valid_from else None,
        valid_until=doc.valid_until.isoformat() if doc.valid_until else None,
    )


def _text(value: object) -> str | None:
    """A name as text: a plain string, or the first value of a VC 2.0 language map."""
    if isinstance(value, str):
        return value
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("@value"), str):
            return str(item["@value"])
    return None
