"""Wire types of the worker's wallet: credentials, CV, experience, shares, consents, verify."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

from schemas.common import LongText, NonEmpty, Request, Response, Role, ShortText, Uri
from schemas.verification import CredentialSummary, Report

SELF_DECLARED = "self-declared"
UNVERIFIED = "unverified"
# A baked badge to import, base64: 2,000,000 characters hold an image of 1,500,000 bytes.
MAX_IMPORT_IMAGE_BASE64 = 2_000_000
MAX_IMPORT_IMAGE_BYTES = MAX_IMPORT_IMAGE_BASE64 // 4 * 3
CredentialIds = Annotated[
    list[Annotated[str, msgspec.Meta(max_length=200)]], msgspec.Meta(min_length=1, max_length=500)
]
ShareState = Literal["active", "withdrawn", "expired"]
# Who opened a share: an account whose e-mail address was proven, or anyone holding the link
# (no account, or one whose address was not proven: its name is self-chosen and unchecked).
ViewerKind = Literal["account", "anyone-with-link"]
# The name of the account that shared: chosen by that person and checked by no one. The names
# the issuers signed are each credential's `subjectName`, the ones to hold an ID against.
SharedByName = Annotated[
    str,
    msgspec.Meta(
        description=(
            "The name of the account that shared, as that person chose it: not checked. "
            "Who the credentials are about is each credential's subjectName (the name the "
            "issuer signed): compare that with an identity document. Empty when the "
            "worker left their name out of every credential shared."
        )
    ),
]

# ---------------------------------------------------------------- credentials


class CompetenceRef(Response, kw_only=True):
    """A competence a credential is aligned to (snapshot taken at issuance)."""

    uri: str
    label: str = ""
    framework: str = ""


class WalletCredential(Response, kw_only=True):
    """One credential in a wallet: issued here, or imported (then maybe unverified)."""

    id: UUID
    credential_id: str
    kind: str
    source: str
    verified: bool
    label: str | None = None  # "unverified" for imports that did not verify
    verdict: str | None = None  # the verification verdict of an unverified import
    status: str
    # Why and when the issuer revoked or suspended it (a code of schemas.issuers.StatusReason),
    # with the issuer's note for the holder.
    status_reason: str | None = None
    status_note: str | None = None
    status_changed_at: dt.datetime | None = None
    issuer: str
    achievement: str
    achievement_id: str
    module_id: UUID | None
    issued_at: dt.datetime
    valid_until: dt.datetime | None
    competences: list[CompetenceRef]
    sectors: list[str]
    credential: str
    # The report an imported credential got when it came in (absent for issued ones).
    verification: Report | None = None
    # A deelcertificaat's SD-JWT VC form (`dc+sd-jwt`): a share may leave parts of it out.
    sd_jwt: str | None = None


class WalletCredentials(Response, kw_only=True):
    """The wallet's holder DID and its credentials, newest first."""

    holder: str
    name: str
    items: list[WalletCredential]


class CredentialImport(Request, kw_only=True):
    """A credential issued elsewhere: a compact JWS or SD-JWT VC, a JSON credential with a
    proof, or (`image`, base64) a baked badge, PNG or SVG. Exactly one of the two."""

    credential: str | dict[str, Any] | None = None
    image: Annotated[str, msgspec.Meta(max_length=MAX_IMPORT_IMAGE_BASE64)] | None = None


class ImportResult(Response, kw_only=True):
    """The stored credential and the report it got on import."""

    credential: WalletCredential
    verification: Report


class HolderKey(Response, kw_only=True):
    """The worker's holder key, private half included (export only)."""

    did: str
    kid: str
    private_jwk: dict[str, str]
    pkcs8: str  # base64url DER


class ExportedCredential(Response, kw_only=True):
    """A credential in the export: the JWS plus how the wallet labelled it."""

    id: str
    source: str
    verified: bool
    status: str
    credential: str


BUNDLE_FORMAT = "llo-wallet-bundle/1"
# How long the status lists in a bundle may be relied on after `statusCheckedAt`: a revocation
# made later is not in them, so `registry verify --bundle` reports older lists as stale.
STATUS_MAX_AGE_DAYS = 30


class WalletExport(Response, kw_only=True):
    """Everything in the wallet, as one file the worker can take elsewhere, with what is
    needed to verify it once this registry is gone: the operator's DID document, the signed
    trust list, the issuers' DID documents and the signed status lists (as of
    `statusCheckedAt`, to be relied on for `statusMaxAgeDays`)."""

    format: str = BUNDLE_FORMAT
    exported_at: dt.datetime
    holder: HolderKey
    credentials: list[ExportedCredential]
    experience: list[ExperienceOut]
    status_checked_at: dt.datetime
    status_max_age_days: int = STATUS_MAX_AGE_DAYS
    operator_document: dict[str, Any]
    trust_list: str
    did_documents: list[dict[str, Any]]
    status_lists: list[str]


# ---------------------------------------------------------------- experience


class ExperienceCreate(Request, kw_only=True):
    """Self-declared work experience."""

    title: NonEmpty
    description: LongText = ""
    start: dt.date | None = None
    end: dt.date | None = None
    # Competences the worker says this gave them: shown, never counted (matching included).
    competences: Annotated[list[Uri], msgspec.Meta(max_length=50)] = []

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end is before start")


class ExperienceOut(Response, kw_only=True):
    """Self-declared experience, always labelled as such."""

    id: UUID
    title: str
    description: str
    start: dt.date | None
    end: dt.date | None
    competences: list[str] = []
    label: str = SELF_DECLARED


# ---------------------------------------------------------------- CV


class CvCredential(Response, kw_only=True):
    """A credential as the CV lists it."""

    id: UUID
    achievement: str
    achievement_id: str
    issuer: str
    kind: str
    issued_at: dt.datetime
    valid_until: dt.datetime | None
    credential_id: str = ""
    source: str = "issued"


class CompetenceGroup(Response, kw_only=True):
    """The credentials that show one competence."""

    uri: str
    label: str
    framework: str
    credentials: list[UUID]


class SectorGroup(Response, kw_only=True):
    """The credentials that count in one sector."""

    sector: str
    credentials: list[UUID]


class OpenRun(Response, kw_only=True):
    """A run of a module that one can still sign up for."""

    id: UUID
    start_date: dt.date
    end_date: dt.date
    place: str
    url: str


class ProgressModule(Response, kw_only=True):
    """A module of a qualification: done (with the credential) or still to do (with runs;
    `offered` false and no runs once its provider withdrew it)."""

    id: UUID
    title: str
    url: str
    credential: UUID | None = None
    offered: bool = True
    runs: list[OpenRun] = []


class ProgressGroup(Response, kw_only=True):
    """A group of a qualification: all modules (required) or at least `minCount`."""

    title: str
    required: bool
    min_count: int
    done: list[ProgressModule]
    remaining: list[ProgressModule]
    complete: bool


class ProgressCompetence(Response, kw_only=True):
    """A competence a qualification requires: shown (with the credential) or still to show."""

    uri: str
    code: str | None
    label: str
    credential: UUID | None = None


class QualificationProgress(Response, kw_only=True):
    """How far the worker is towards a qualification: its modules, and the competences it
    requires that valid credentials (module certificates, achieved EVC results) show."""

    id: UUID
    code: str
    title: str
    url: str
    modules_done: int
    modules_needed: int
    complete: bool
    groups: list[ProgressGroup]
    competences_done: int = 0
    competences_needed: int = 0
    competences: list[ProgressCompetence] = []


class SelfDeclared(Response, kw_only=True):
    """Experience the worker states; nobody has checked it."""

    label: str = SELF_DECLARED
    items: list[ExperienceOut]


class Cv(Response, kw_only=True):
    """The worker's CV: verified credentials apart from what is self-declared or unverified."""

    holder: str
    name: str
    credentials: list[CvCredential]
    by_competence: list[CompetenceGroup]
    by_sector: list[SectorGroup]
    qualifications: list[QualificationProgress]
    experience: SelfDeclared
    unverified: list[WalletCredential]
    inactive: list[WalletCredential]


# ---------------------------------------------------------------- shares


# A part of a deelcertificaat a share may leave out (its SD-JWT VC form's disclosures).
WithheldPart = Literal["name", "date", "notes"]


class ShareCreate(Request, kw_only=True):
    """Share chosen credentials with one recipient until a moment."""

    credential_ids: CredentialIds
    withhold: Annotated[
        dict[str, list[WithheldPart]] | None,
        msgspec.Meta(
            description=(
                "Per shared credential (by id), the parts to leave out: name, date, notes. A "
                "credential named here (an empty list too) is presented as its SD-JWT VC with "
                "only the other parts disclosed; only deelcertificaten with an SD-JWT VC form"
            )
        ),
    ] = None
    recipient: Annotated[str, msgspec.Meta(min_length=3, max_length=254)]
    expires_at: Annotated[
        dt.datetime | None,
        msgspec.Meta(
            description=(
                "When the link stops: a moment after now and at most a year ahead (a time "
                "without offset is UTC); null or absent: 30 days from now"
            )
        ),
    ] = None


class ShareCreated(Response, kw_only=True):
    """The new share (or a share's new link); the worker sees the link again in the list."""

    id: UUID
    token: str
    url: str
    expires_at: dt.datetime


class ShareViewOut(Response, kw_only=True):
    """One opening of a share, as data (pages word it in their own language)."""

    at: dt.datetime
    viewer_kind: Annotated[
        ViewerKind,
        msgspec.Meta(
            description=(
                "account: an account whose e-mail address was proven (viewer, viewerRole and "
                "viewerId name it); anyone-with-link: no account, or one whose address was "
                "not proven (the three are null)"
            )
        ),
    ]
    viewer: Annotated[
        str | None, msgspec.Meta(description="The viewing account's name; null for anyone")
    ] = None
    viewer_role: Role | None = None
    viewer_id: UUID | None = None


class ShareOut(Response, kw_only=True):
    """A share as its owner sees it, with every view. `recipient` is what the worker gave (an
    e-mail address or an account id), `recipientName` that account's name. `url` is
    the link again (for the worker, not a coach); `linkKept` is false for shares made before
    links were kept: only a new link (`POST .../{id}/link`) can be shown for those."""

    id: UUID
    recipient: str
    recipient_name: str | None = None
    credential_ids: list[str]
    # Per credential id, the parts this share leaves out (ShareCreate.withhold).
    withheld: dict[str, list[str]] | None = None
    created_at: dt.datetime
    expires_at: dt.datetime
    withdrawn_at: dt.datetime | None
    state: ShareState
    views: list[ShareViewOut]
    link_kept: bool
    url: str | None = None


class ReceivedShare(Response, kw_only=True):
    """A share as a recipient sees it in their list."""

    id: UUID
    holder_name: SharedByName
    achievements: list[str]
    expires_at: dt.datetime
    state: ShareState
    url: str


class SharePage(Response, kw_only=True):
    """What an opened share shows: the presentation, what is in it and its verification."""

    presentation: str
    holder_name: SharedByName
    credentials: list[CredentialSummary]
    verification: Report


# ---------------------------------------------------------------- consents and audit


class ConsentCreate(Request, kw_only=True):
    """The worker lets a coach act for them."""

    coach_id: UUID


class ConsentOut(Response, kw_only=True):
    """A consent, live until withdrawn."""

    id: UUID
    worker_id: UUID
    coach_id: UUID
    coach_name: str
    created_at: dt.datetime
    withdrawn_at: dt.datetime | None


class AuditEntry(Response, kw_only=True):
    """One line of the audit log that concerns the worker."""

    at: dt.datetime
    action: str
    subject: str
    actor_id: UUID | None
    on_behalf_of: UUID | None
    details: dict[str, Any]


# ---------------------------------------------------------------- verification


class VerifyRequest(Request, kw_only=True):
    """Exactly one of: a credential, a presentation, or the URL of a share. A credential or
    presentation is a compact JWS (or SD-JWT) string, or a JSON object secured with a proof."""

    credential: str | dict[str, Any] | None = None
    presentation: str | dict[str, Any] | None = None
    share: Annotated[str, msgspec.Meta(max_length=500)] | None = None
    audience: ShortText | None = None
    nonce: ShortText | None = None


__all__ = [
    "SELF_DECLARED",
    "UNVERIFIED",
    "AuditEntry",
    "CompetenceGroup",
    "CompetenceRef",
    "ConsentCreate",
    "ConsentOut",
    "CredentialImport",
    "Cv",
    "CvCredential",
    "ExperienceCreate",
    "ExperienceOut",
    "ExportedCredential",
    "HolderKey",
    "ImportResult",
    "OpenRun",
    "ProgressGroup",
    "ProgressModule",
    "QualificationProgress",
    "ReceivedShare",
    "SectorGroup",
    "SelfDeclared",
    "ShareCreate",
    "ShareCreated",
    "ShareOut",
    "SharePage",
    "ShareViewOut",
    "VerifyRequest",
    "WalletCredential",
    "WalletCredentials",
    "WalletExport",
]
