"""Which competences a credential shows that its holder has: the one rule for the CV, the share
page, counts and matching.

Only achieved results count. An EVC record (achievementType `ext:EVC`) aligns its achievement
to every werkproces of the standard it was assessed against, passed or not; what the holder
has is in `credentialSubject.result[]`, and only a result with status `Completed` counts (OB 3.0
`ResultStatusType`; `Failed`, `InProgress`, `Withdrawn`, ... do not). A credential whose results
name competences is read the same way, whatever its achievement type. Any other credential (a
deelcertificaat) proves the competences its achievement is aligned to. Level alignments
(`ext:Level`) are levels, not competences.

The input is untrusted JSON (an import may not even verify), so every field is type-checked
and sizes are bounded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from credentials.jws import parse_compact, strict_json
from schemas.credentials import EVC_ACHIEVEMENT_TYPE
from schemas.errors.credentials import JwsError

__all__ = [
    "MAX_COMPETENCES",
    "achieved_competences",
    "credential_document",
    "subject_name_in",
]

ACHIEVED = "Completed"
LEVEL_TYPE = "ext:Level"
MAX_COMPETENCES = 200
Competence = dict[str, str]


def credential_document(raw: str) -> dict[str, Any] | None:
    """The credential inside a compact JWS (VC-JOSE-COSE payload, or a VC 1.1 `vc` claim) or a
    JSON credential with an embedded proof; None when it cannot be read. Nothing is verified."""
    text = raw.strip()
    try:
        data = text.encode() if text[:1] == "{" else parse_compact(text).payload
        document = strict_json(data)
    except JwsError:
        return None
    if isinstance(document, dict) and "@context" not in document:
        document = document.get("vc")
    return document if isinstance(document, dict) else None


def subject_name_in(raw: str) -> str | None:
    """The holder's name as a stored credential states it (its subject's plain identifier of
    type name, DESIGN section 4; `credentials.verify.subject_name` reads a verified one), or
    None. Pages and papers name the holder by this, never by an account or wallet name, which
    may differ from the name the issuer signed."""
    document = credential_document(raw)
    subject = document.get("credentialSubject") if document is not None else None
    subject = subject[0] if isinstance(subject, list) and subject else subject
    for item in _list(_dict(subject).get("identifier")):
        if (
            isinstance(item, dict)
            and item.get("identityType") == "name"
            and item.get("hashed") is False
            and isinstance(item.get("identityHash"), str)
        ):
            return item["identityHash"][:200] or None
    return None


def achieved_competences(document: Mapping[str, Any]) -> list[Competence]:
    """`{"uri", "label", "framework"}` for each competence the credential shows, in its order,
    each URI once."""
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    if not isinstance(subject, dict):
        return []
    achievement = _dict(subject.get("achievement"))
    results = [r for r in _list(subject.get("result")) if isinstance(r, dict)]
    descriptions = {
        d.get("id"): d
        for d in _list(achievement.get("resultDescription"))
        if isinstance(d, dict) and isinstance(d.get("id"), str)
    }
    per_result = [(r, _result_alignments(r, descriptions)) for r in results]
    if achievement.get("achievementType") == EVC_ACHIEVEMENT_TYPE or any(a for _, a in per_result):
        aligned = [a for r, found in per_result if r.get("status") == ACHIEVED for a in found]
    else:
        aligned = _list(achievement.get("alignment"))
    return _competences(aligned)


def _result_alignments(
    result: Mapping[str, Any], descriptions: Mapping[Any, Mapping[str, Any]]
) -> list[Any]:
    """A result's own alignments, else those of the ResultDescription it points at."""
    own = _list(result.get("alignment"))
    if own:
        return own
    return _list(_dict(descriptions.get(result.get("resultDescription"))).get("alignment"))


def _competences(alignments: list[Any]) -> list[Competence]:
    found: dict[str, Competence] = {}
    for item in alignments:
        if len(found) >= MAX_COMPETENCES:
            break
        if not isinstance(item, dict) or item.get("targetType") == LEVEL_TYPE:
            continue
        uri = item.get("targetUrl")
        if not isinstance(uri, str) or not uri.strip() or uri in found:
            continue
        found[uri] = {
            "uri": uri[:500],
            "label": _text(item.get("targetName"), 300),
            "framework": _text(item.get("targetFramework"), 100),
        }
    return list(found.values())


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""
