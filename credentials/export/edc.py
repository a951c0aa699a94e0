"""A CV as Europass European Digital Credentials: ELM v3 JSON-LD, one `EuropeanDigitalCredential`
per credential, in one document (`@graph`) under the W3C VC 1.1 and EDC application profile
contexts (both in the local map: nothing is fetched to read it).

Each credential says who awarded what to whom and when: the learner (`Person`), one claim
(`LearningAchievement`) specified by the achievement (`LearningAchievementSpecification`,
whose id is the achievement's URL) and awarded by the issuer (`AwardingProcess`). The credential
profile is EDC's "Generic" concept. These documents are not sealed: EDC seals are JAdES
signatures by a qualified seal, which this registry does not hold; the signed forms of the same
credentials are the bundle, the `.jwt`/`.json` downloads and the CLR.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec

from credentials.did import xsd_datetime

__all__ = ["EDC_CONTEXT", "EdcEntry", "edc_document"]

EDC_CONTEXT = [
    "https://www.w3.org/2018/credentials/v1",
    "http://data.europa.eu/snb/model/context/edc-ap",
]
# The EDC credential profile "Generic", in the EDC credential-type scheme.
CREDENTIAL_SCHEME = "http://data.europa.eu/snb/credential/25831c2"
GENERIC_PROFILE = "http://data.europa.eu/snb/credential/e34929035b"
LANGUAGE = "nl"
# The SHACL shapes a generic EDC conforms to, named as EDCs name them.
EDC_SHAPES = "http://data.europa.eu/snb/model/ap/edc-generic-full"


class EdcEntry(msgspec.Struct, kw_only=True, frozen=True):
    """What one credential says, as the EDC needs it."""

    id: str
    issuer: str
    issuer_name: str
    achievement_id: str
    achievement: str
    issued_at: dt.datetime
    valid_until: dt.datetime | None = None


def edc_document(learner: str, learner_name: str, entries: Sequence[EdcEntry]) -> dict[str, Any]:
    """The EDC JSON-LD document: one EuropeanDigitalCredential per entry."""
    return {
        "@context": EDC_CONTEXT,
        "@graph": [_credential(learner, learner_name, entry) for entry in entries],
    }


def _text(value: str) -> dict[str, str]:
    return {LANGUAGE: value}


def _credential(learner: str, learner_name: str, entry: EdcEntry) -> dict[str, Any]:
    issuer = {"id": entry.issuer, "type": "Organisation", "legalName": _text(entry.issuer_name)}
    awarded = xsd_datetime(entry.issued_at)
    claim = {
        "id": f"{entry.id}#claim",
        "type": "LearningAchievement",
        "title": _text(entry.achievement),
        "awardedBy": {
            "id": f"{entry.id}#awarding",
            "type": "AwardingProcess",
            "awardingBody": issuer,
            "awardingDate": awarded,
        },
        "specifiedBy": {
            "id": entry.achievement_id,
            "type": "LearningAchievementSpecification",
            "title": _text(entry.achievement),
        },
    }
    credential: dict[str, Any] = {
        "id": entry.id,
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "credentialProfiles": [
            {
                "id": GENERIC_PROFILE,
                "type": "Concept",
                "inScheme": {"id": CREDENTIAL_SCHEME, "type": "ConceptScheme"},
                "prefLabel": {"en": "Generic"},
            }
        ],
        "credentialSchema": [{"id": EDC_SHAPES, "type": "ShaclValidator2017"}],
        "issuer": issuer,
        "issuanceDate": awarded,
        "credentialSubject": {
            "id": learner,
            "type": "Person",
            "fullName": _text(learner_name),
            "hasClaim": [claim],
        },
    }
    if entry.valid_until is not None:
        credential["expirationDate"] = xsd_datetime(entry.valid_until)
    return credential
