"""Open Badges 3.0 credential documents as we issue them, and the inputs that build them.

The document Structs mirror the OB 3.0 `AchievementCredential` (VC Data Model 2.0) in the
strict 2024 JSON Schema form: arrays where the model says 0..*, camelCase on the wire. They
ignore unknown fields, because the verifier decodes signed payloads with them
(`msgspec.json.decode(payload, type=AchievementCredentialDoc)`) and a signed document may carry
terms we do not model. Where VC 2.0 or OB 3.0 allow two shapes that other issuers really use
(issuer as a string or a Profile, a single status or a list, `type` as a string or a list), the
field is a union so that decoding a foreign credential does not fail on shape alone.

Optional fields default to None or an empty list and are left out on encoding
(`omit_defaults`), so a field with a constant value such as `type` never has a default: a
default would be omitted too.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

from schemas.levels import LevelScheme

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The `$id` of the official AchievementCredential schema (the same URL the OB 3.0 examples
# use), so a verifier can map `credentialSchema.id` to its local copy without fetching.
OB3_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
OB3_SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"
# The `achievementType` of a module certificate (an OB 3.0 term), of an EVC record (ours) and
# of a person certificate for a certificate scheme (OB 3.0 "Certification": passed a
# certification exam).
MODULE_ACHIEVEMENT_TYPE = "Certificate"
EVC_ACHIEVEMENT_TYPE = "ext:EVC"
CERTIFICATE_ACHIEVEMENT_TYPE = "Certification"

Types = str | list[str]
"""A JSON-LD `type`: we always write a list; others may write one string."""


def _wire_name(name: str) -> str:
    """camelCase, with `context` as the JSON-LD keyword `@context`."""
    if name == "context":
        return "@context"
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class _Doc(msgspec.Struct, kw_only=True, rename="camel", omit_defaults=True):
    """Base of the signed-document types: camelCase, optional fields omitted."""


class Profile(_Doc, kw_only=True):
    """An issuer or creator (OB 3.0 Profile)."""

    id: str
    type: Types
    name: str | None = None
    url: str | None = None


class IdentityObject(_Doc, kw_only=True):
    """An identifier of the subject. `hashed: false` means `identityHash` is the plain value."""

    type: str
    hashed: bool
    identity_hash: str
    identity_type: str
    salt: str | None = None


class Alignment(_Doc, kw_only=True):
    """A link from an achievement or result to a competence, level or framework item."""

    type: Types
    target_name: str
    target_url: str
    target_description: str | None = None
    target_framework: str | None = None
    target_code: str | None = None
    target_type: str | None = None


class Criteria(_Doc, kw_only=True):
    """How the achievement is earned."""

    id: str | None = None
    narrative: str | None = None


class RubricCriterionLevel(_Doc, kw_only=True):
    """A level a result can reach; `Result.achievedLevel` points at its id."""

    id: str
    type: Types
    name: str
    level: str | None = None


class ResultDescription(_Doc, kw_only=True):
    """What a result in `credentialSubject.result` means (one per assessed competence)."""

    id: str
    type: Types
    name: str
    result_type: str
    alignment: list[Alignment] = []
    rubric_criterion_level: list[RubricCriterionLevel] = []


class Achievement(_Doc, kw_only=True):
    """What was achieved: a module version (deelcertificaat) or an assessed standard (EVC)."""

    id: str
    type: Types
    achievement_type: str | None = None
    name: str
    description: str
    criteria: Criteria
    alignment: list[Alignment] = []
    creator: Profile | None = None
    credits_available: float | None = None
    result_description: list[ResultDescription] = []
    in_language: str | None = None


class Result(_Doc, kw_only=True):
    """One assessed competence: a status and optionally the level reached."""

    type: Types
    result_description: str | None = None
    status: str | None = None
    achieved_level: str | None = None
    value: str | None = None
    alignment: list[Alignment] = []


class AchievementSubject(_Doc, kw_only=True):
    """The holder (by DID, named only through an `identifier`) and what they achieved."""

    id: str | None = None
    type: Types
    identifier: list[IdentityObject] = []
    achievement: Achievement
    result: list[Result] = []


class Evidence(_Doc, kw_only=True):
    """A description of evidence; never the personal documents themselves."""

    type: Types
    id: str | None = None
    name: str | None = None
    description: str | None = None
    narrative: str | None = None
    genre: str | None = None
    audience: str | None = None


class StatusMessage(_Doc, kw_only=True):
    """What one value of a multi-bit status entry means (Bitstring Status List
    `statusMessage`): `status` is the value in hexadecimal with "0x"."""

    status: str
    message: str


class CredentialStatus(_Doc, kw_only=True):
    """A status entry; ours are `BitstringStatusListEntry` with the first five fields set
    (one bit per entry). `status_size` and `status_message` are read from others' entries."""

    id: str | None = None
    type: str
    status_purpose: str | None = None
    status_list_index: str | None = None
    status_list_credential: str | None = None
    status_size: int | None = None
    status_message: list[StatusMessage] | None = None


class CredentialSchema(_Doc, kw_only=True):
    """A schema the credential claims to conform to."""

    id: str
    type: str


class AchievementCredentialDoc(_Doc, kw_only=True, rename=_wire_name):
    """The OB 3.0 AchievementCredential (= OpenBadgeCredential) as a VC 2.0 document."""

    context: list[str | dict[str, Any]]
    id: str
    type: Types
    issuer: Profile | str
    valid_from: dt.datetime
    valid_until: dt.datetime | None = None
    name: str | None = None
    description: str | None = None
    credential_subject: AchievementSubject
    evidence: list[Evidence] = []
    credential_status: CredentialStatus | list[CredentialStatus] | None = None
    credential_schema: list[CredentialSchema] | CredentialSchema | None = None


OB3_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential"})
"""The types the OB 3.0 AchievementCredential schema is for; other credentials are plain VCs."""


class IssuerRef(_Doc, kw_only=True):
    """An issuer given as an object: VC 2.0 requires only its `id`."""

    id: str
    name: str | dict[str, Any] | list[Any] | None = None


class VerifiableCredentialDoc(_Doc, kw_only=True, rename=_wire_name):
    """Any VC 2.0 credential (VC 1.1 ones read with VC 2.0 names): only what every credential
    has is typed; the subject stays as given. Unknown fields are ignored, as above."""

    context: list[str | dict[str, Any]]
    id: str | None = None
    type: Types
    issuer: IssuerRef | str
    valid_from: dt.datetime | None = None
    valid_until: dt.datetime | None = None
    name: str | dict[str, Any] | list[Any] | None = None  # VC 2.0 allows language maps
    credential_subject: dict[str, Any] | list[dict[str, Any]]
    credential_status: CredentialStatus | list[CredentialStatus] | None = None


CLR_TYPE = "ClrCredential"
"""The type the CLR 2.0 ClrCredential schema is for (a bundle of a learner's credentials)."""


class ClrSubject(_Doc, kw_only=True):
    """The learner of a CLR 2.0 ClrCredential and the credentials it bundles: JSON credentials
    with their proofs, or (in the JWT forms) compact JWS strings and enveloped credentials.
    Its `achievement` and `association` lists are left as given."""

    id: str | None = None
    type: Types
    identifier: list[IdentityObject] | IdentityObject | None = None
    verifiable_credential: (
        Annotated[list[dict[str, Any] | str], msgspec.Meta(min_length=1)] | dict[str, Any]
    )


class ClrCredentialDoc(_Doc, kw_only=True, rename=_wire_name):
    """A CLR 2.0 ClrCredential: what the official ClrCredential schema requires (an id, a
    name, an issuer, validFrom, a ClrSubject with at least one credential) is typed; unknown
    fields are ignored, as above."""

    context: list[str | dict[str, Any]]
    id: str
    type: Types
    issuer: IssuerRef | str
    valid_from: dt.datetime
    valid_until: dt.datetime | None = None
    name: str | dict[str, Any]
    credential_subject: ClrSubject
    credential_status: CredentialStatus | list[CredentialStatus] | None = None


class SignedCredentialPayload(AchievementCredentialDoc, kw_only=True, rename=_wire_name):
    """A VC-JOSE-COSE payload: the credential plus the JWT claims that mirror it.

    Issuing encodes exactly this Struct, so a verifier that decodes a payload with it and gets
    the same bytes back by re-encoding knows, cheaply, that the JSON was canonical for us: no
    duplicate keys, nothing unknown (the fast path of `credentials.verify`).
    """

    iss: str | None = None
    sub: str | None = None
    jti: str | None = None
    nbf: int | None = None
    exp: int | None = None


# ------------------------------------------------------------------ inputs


class Party(msgspec.Struct, kw_only=True, frozen=True):
    """An identified party: an issuer (did:web), a holder (did:key) or a provider (URL)."""

    id: str
    name: str


class CompetenceInput(msgspec.Struct, kw_only=True, frozen=True):
    """A competence (ESCO skill, werkproces, branch standard item) by URI."""

    uri: str
    label: str
    framework: str | None = None
    code: str | None = None


class LevelInput(msgspec.Struct, kw_only=True, frozen=True):
    """A level in a named scheme, as in the catalogue (`schemas.levels`)."""

    scheme: LevelScheme
    value: int


class CreditsInput(msgspec.Struct, kw_only=True, frozen=True):
    """Study credits in a credit system such as ECTS."""

    value: float
    system: str = "ECTS"


class ModuleVersionInput(msgspec.Struct, kw_only=True, frozen=True):
    """The module version a deelcertificaat certifies (a snapshot of the catalogue)."""

    url: str
    title: str
    description: str
    criteria_narrative: str
    competences: list[CompetenceInput] = []
    level: LevelInput | None = None
    study_load_hours: int
    credits: CreditsInput | None = None
    provider: Party
    language: str | None = None


class DeelcertificaatInput(msgspec.Struct, kw_only=True, frozen=True):
    """Everything needed to issue a deelcertificaat; `id` defaults to a fresh urn:uuid."""

    id: str | None = None
    issuer: Party
    holder: Party
    module: ModuleVersionInput
    issued_at: dt.datetime
    valid_until: dt.datetime | None = None
    status: list[CredentialStatus] = []


class StandardInput(msgspec.Struct, kw_only=True, frozen=True):
    """The standard an EVC assessment is held against (qualification or branch standard)."""

    url: str
    name: str
    description: str
    criteria_narrative: str | None = None
    werkprocessen: list[CompetenceInput] = []
    level: LevelInput | None = None
    creator: Party | None = None


class CompetenceResultInput(msgspec.Struct, kw_only=True, frozen=True):
    """The outcome for one competence of the standard."""

    competence: CompetenceInput
    status: Literal["behaald", "niet behaald"]
    achieved_level: str | None = None


class EvidenceInput(msgspec.Struct, kw_only=True, frozen=True):
    """A description of evidence used, e.g. genre "portfolio", "criteriumgericht interview",
    "observatie op de werkplek". No personal documents, no links to them."""

    name: str
    description: str
    genre: str


class EvcInput(msgspec.Struct, kw_only=True, frozen=True):
    """Everything needed to issue an EVC record (ervaringscertificaat)."""

    id: str | None = None
    issuer: Party
    holder: Party
    standard: StandardInput
    results: list[CompetenceResultInput]
    evidence: list[EvidenceInput] = []
    issued_at: dt.datetime
    valid_until: dt.datetime | None = None
    status: list[CredentialStatus] = []


class CertificateInput(msgspec.Struct, kw_only=True, frozen=True):
    """Everything needed to issue a person certificate: the certificate scheme it certifies
    (`scheme.uri` becomes the achievement's id) and the exam institute that examined."""

    id: str | None = None
    issuer: Party
    holder: Party
    scheme: CompetenceInput
    issued_at: dt.datetime
    valid_until: dt.datetime | None = None
    status: list[CredentialStatus] = []


class IssuedCredential(msgspec.Struct, kw_only=True, frozen=True):
    """A freshly issued credential: its id, the compact JWS and the document it carries."""

    id: str
    jws: str
    document: AchievementCredentialDoc
