"""Issue deelcertificaten, EVC records and person certificates as OB 3.0 credentials secured
with a compact JWS.

The payload is the credential JSON itself (VC-JOSE-COSE, no `vc` claim) followed by the
registered claims `iss`, `sub`, `jti`, `nbf` and, when `validUntil` is set, `exp`, which mirror
the document (DESIGN §4). Issuing is on the batch hot path (target: at most 2x one raw Ed25519
signature), so the document is built from Structs and encoded once; the claims are encoded
separately and spliced into the same JSON object instead of copying the document into a dict.
No JSON Schema validation here: tests/credentials/test_ob3_schema.py proves the shape.
"""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec

from credentials import jws
from credentials.keys import SigningKey
from schemas.credentials import (
    CERTIFICATE_ACHIEVEMENT_TYPE,
    EVC_ACHIEVEMENT_TYPE,
    MODULE_ACHIEVEMENT_TYPE,
    OB3_CONTEXT,
    OB3_SCHEMA_TYPE,
    OB3_SCHEMA_URL,
    VC_CONTEXT,
    Achievement,
    AchievementSubject,
    Alignment,
    CertificateInput,
    CompetenceInput,
    CompetenceResultInput,
    CredentialSchema,
    CredentialStatus,
    Criteria,
    DeelcertificaatInput,
    EvcInput,
    Evidence,
    IdentityObject,
    IssuedCredential,
    LevelInput,
    ModuleVersionInput,
    Party,
    Profile,
    Result,
    ResultDescription,
    RubricCriterionLevel,
    SignedCredentialPayload,
    StandardInput,
)
from schemas.errors.credentials import CredentialInputError

__all__ = [
    "CredentialInputError",
    "issue_certificate",
    "issue_deelcertificaat",
    "issue_evc",
]

JWS_TYP = "vc+jwt"
EQF_LEVEL_URL = "http://data.europa.eu/snb/eqf/{}"
_LEVEL_NAMES = {"mbo": "mbo niveau {}", "nlqf": "NLQF niveau {}", "eqf": "EQF niveau {}"}
_LEVEL_FRAMEWORKS = {"mbo": "mbo", "nlqf": "NLQF", "eqf": "EQF"}
# OB 3.0 Result.status is a closed vocabulary; EVC outcomes map onto it.
_RESULT_STATUS = {"behaald": "Completed", "niet behaald": "Failed"}


def issue_deelcertificaat(
    data: DeelcertificaatInput, key: SigningKey, *, kid: str
) -> IssuedCredential:
    """Sign a deelcertificaat for one completed module version."""
    module = data.module
    return _issue(
        credential_id=data.id,
        name=f"Deelcertificaat {module.title}",
        issuer=data.issuer,
        holder=data.holder,
        subject_achievement=_LAST_ACHIEVEMENT.of(module),
        results=[],
        evidence=[],
        issued_at=data.issued_at,
        valid_until=data.valid_until,
        status=data.status,
        key=key,
        kid=kid,
    )


class _LastAchievement:
    """A batch certifies one module version many times: its achievement is built once.

    One (module, achievement) tuple, replaced in a single assignment, so concurrent callers
    never see a module paired with another module's achievement; the tuple holds the module,
    so an identity match cannot be a recycled object.
    """

    __slots__ = ("last",)

    def __init__(self) -> None:
        self.last: tuple[ModuleVersionInput, Achievement] | None = None

    def of(self, module: ModuleVersionInput) -> Achievement:
        last = self.last
        if last is not None and last[0] is module:
            return last[1]
        achievement = _module_achievement(module)
        self.last = (module, achievement)
        return achievement


_LAST_ACHIEVEMENT = _LastAchievement()


def _module_achievement(module: ModuleVersionInput) -> Achievement:
    return Achievement(
        id=module.url,
        type=["Achievement"],
        achievement_type=MODULE_ACHIEVEMENT_TYPE,
        name=module.title,
        description=module.description,
        criteria=Criteria(narrative=_criteria_narrative(module)),
        alignment=_alignments(module.competences, module.level),
        creator=_profile(module.provider),
        credits_available=module.credits.value if module.credits is not None else None,
        in_language=module.language,
    )


def issue_evc(data: EvcInput, key: SigningKey, *, kid: str) -> IssuedCredential:
    """Sign an EVC record: results per competence against the standard assessed."""
    standard = data.standard
    descriptions: list[ResultDescription] = []
    results: list[Result] = []
    for outcome in data.results:
        description, result = _evc_result(standard, outcome)
        descriptions.append(description)
        results.append(result)
    achievement = Achievement(
        id=standard.url,
        type=["Achievement"],
        achievement_type=EVC_ACHIEVEMENT_TYPE,
        name=standard.name,
        description=standard.description,
        criteria=Criteria(id=standard.url, narrative=standard.criteria_narrative),
        alignment=_alignments(standard.werkprocessen, standard.level),
        creator=_profile(standard.creator) if standard.creator is not None else None,
        result_description=descriptions,
    )
    evidence = [
        Evidence(type=["Evidence"], name=item.name, description=item.description, genre=item.genre)
        for item in data.evidence
    ]
    return _issue(
        credential_id=data.id,
        name=f"Ervaringscertificaat {standard.name}",
        issuer=data.issuer,
        holder=data.holder,
        subject_achievement=achievement,
        results=results,
        evidence=evidence,
        issued_at=data.issued_at,
        valid_until=data.valid_until,
        status=data.status,
        key=key,
        kid=kid,
    )


def issue_certificate(data: CertificateInput, key: SigningKey, *, kid: str) -> IssuedCredential:
    """Sign a person certificate: the achievement is the certificate scheme (its id the
    scheme URI), aligned to the scheme itself so that readers which look at alignments only
    (the CV's competence list, matching) find it as well."""
    scheme = data.scheme
    achievement = Achievement(
        id=scheme.uri,
        type=["Achievement"],
        achievement_type=CERTIFICATE_ACHIEVEMENT_TYPE,
        name=scheme.label,
        description=f"Persoonscertificaat {scheme.label}, behaald met een examen.",
        criteria=Criteria(id=scheme.uri, narrative="Examen volgens het certificatieschema."),
        alignment=[
            Alignment(
                type=["Alignment"],
                target_name=scheme.label,
                target_url=scheme.uri,
                target_framework=scheme.framework,
                target_code=scheme.code,
                target_type="ceterms:Credential",
            )
        ],
    )
    return _issue(
        credential_id=data.id,
        name=f"Certificaat {scheme.label}",
        issuer=data.issuer,
        holder=data.holder,
        subject_achievement=achievement,
        results=[],
        evidence=[],
        issued_at=data.issued_at,
        valid_until=data.valid_until,
        status=data.status,
        key=key,
        kid=kid,
    )


def _issue(
    *,
    credential_id: str | None,
    name: str,
    issuer: Party,
    holder: Party,
    subject_achievement: Achievement,
    results: list[Result],
    evidence: list[Evidence],
    issued_at: dt.datetime,
    valid_until: dt.datetime | None,
    status: list[CredentialStatus],
    key: SigningKey,
    kid: str,
) -> IssuedCredential:
    """Wrap an achievement in the credential, add the claims, sign."""
    if not issuer.id.startswith("did:") or not holder.id.startswith("did:"):
        raise CredentialInputError("issuer and holder must be identified by a DID")
    valid_from = _utc(issued_at)
    until = _utc(valid_until) if valid_until is not None else None
    if until is not None and until <= valid_from:
        raise CredentialInputError("validUntil must be later than validFrom")
    cid = credential_id or f"urn:uuid:{uuid.uuid4()}"
    # One Struct for document and claims, encoded once: the verifier's fast path re-encodes
    # the same Struct and compares bytes (schemas.credentials.SignedCredentialPayload).
    document = SignedCredentialPayload(
        context=[VC_CONTEXT, OB3_CONTEXT],
        id=cid,
        type=["VerifiableCredential", "OpenBadgeCredential"],
        issuer=Profile(id=issuer.id, type=["Profile"], name=issuer.name),
        valid_from=valid_from,
        valid_until=until,
        name=name,
        credential_subject=_subject(holder, subject_achievement, results),
        evidence=evidence,
        credential_status=_status(status),
        credential_schema=[CredentialSchema(id=OB3_SCHEMA_URL, type=OB3_SCHEMA_TYPE)],
        iss=issuer.id,
        sub=holder.id,
        jti=cid,
        nbf=int(valid_from.timestamp()),
        exp=int(until.timestamp()) if until is not None else None,
    )
    token = jws.sign_compact(msgspec.json.encode(document), key, kid=kid, typ=JWS_TYP)
    return IssuedCredential(id=cid, jws=token, document=document)


def _subject(holder: Party, achievement: Achievement, results: list[Result]) -> AchievementSubject:
    """The holder by DID. DESIGN §4: the name appears only as an identifier of type name;
    OB 3.0 allows `hashed: false` with the plain value in `identityHash` (and then no salt)."""
    return AchievementSubject(
        id=holder.id,
        type=["AchievementSubject"],
        identifier=[
            IdentityObject(
                type="IdentityObject",
                hashed=False,
                identity_hash=holder.name,
                identity_type="name",
            )
        ],
        achievement=achievement,
        result=results,
    )


def _utc(moment: dt.datetime) -> dt.datetime:
    """UTC, whole seconds, so `validFrom` and the NumericDate `nbf` say exactly the same."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CredentialInputError("credential dates need a time zone")
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _status(entries: list[CredentialStatus]) -> CredentialStatus | None:
    """At most one entry, written as an object.

    OB 3.0 (both official schemas) allows one `credentialStatus` object, not a list
    (1EdTech/openbadges-specification#623 proposes lists for 3.1). Our profile therefore
    carries the revocation entry; suspension lives in a sibling list at the same index (see
    `credentials.status.suspension_list_url`), which our verifier reads too.
    """
    if len(entries) > 1:
        raise CredentialInputError("OB 3.0 allows one credentialStatus entry")
    return entries[0] if entries else None


def _profile(party: Party) -> Profile:
    return Profile(id=party.id, type=["Profile"], name=party.name)


def _criteria_narrative(module: ModuleVersionInput) -> str:
    """The provider's narrative plus the study load: OB 3.0 has no study-load term, and the
    load is part of what it takes to earn the achievement. Credits also go in
    `creditsAvailable`, which cannot name the credit system, so the system is stated here."""
    load = f"Studiebelasting: {module.study_load_hours} uur"
    if module.credits is not None:
        value = f"{module.credits.value:g}".replace(".", ",")
        load += f" ({value} {module.credits.system})"
    narrative = module.criteria_narrative.strip()
    return f"{narrative}\n\n{load}." if narrative else f"{load}."


def _alignments(competences: list[CompetenceInput], level: LevelInput | None) -> list[Alignment]:
    """Competences as `ceasn:Competency` alignments, then the level (if any)."""
    aligned = [
        Alignment(
            type=["Alignment"],
            target_name=item.label,
            target_url=item.uri,
            target_framework=item.framework,
            target_code=item.code,
            target_type="ceasn:Competency",
        )
        for item in competences
    ]
    if level is not None:
        aligned.append(_level_alignment(level))
    return aligned


def _level_alignment(level: LevelInput) -> Alignment:
    """The level as an alignment: OB 3.0 has no level field and Alignment is the typed,
    schema-checked way to point at a framework item. The URL is the EU's EQF level URI;
    NLQF and mbo levels are referenced one-to-one to EQF levels, and the scheme the provider
    stated is kept in targetName / targetFramework / targetCode."""
    return Alignment(
        type=["Alignment"],
        target_name=_LEVEL_NAMES[level.scheme].format(level.value),
        target_url=EQF_LEVEL_URL.format(level.value),
        target_framework=_LEVEL_FRAMEWORKS[level.scheme],
        target_code=str(level.value),
        target_type="ext:Level",
    )


def _evc_result(
    standard: StandardInput, outcome: CompetenceResultInput
) -> tuple[ResultDescription, Result]:
    """A ResultDescription for the competence (stable id per standard and competence) and
    the holder's Result pointing at it; an achieved level becomes a RubricCriterionLevel
    because OB 3.0 `achievedLevel` is the id of one."""
    competence = outcome.competence
    rd_id = _stable_id(standard.url, competence.uri)
    levels: list[RubricCriterionLevel] = []
    achieved: str | None = None
    if outcome.achieved_level is not None:
        achieved = _stable_id(rd_id, outcome.achieved_level)
        levels.append(
            RubricCriterionLevel(
                id=achieved,
                type=["RubricCriterionLevel"],
                name=outcome.achieved_level,
                level=outcome.achieved_level,
            )
        )
    description = ResultDescription(
        id=rd_id,
        type=["ResultDescription"],
        name=competence.label,
        result_type="Status",
        alignment=_alignments([competence], None),
        rubric_criterion_level=levels,
    )
    result = Result(
        type=["Result"],
        result_description=rd_id,
        status=_RESULT_STATUS[outcome.status],
        achieved_level=achieved,
    )
    return description, result


def _stable_id(*parts: str) -> str:
    """A urn:uuid that is the same in every credential for the same parts."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ' '.join(parts))}"
