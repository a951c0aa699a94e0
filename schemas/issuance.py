"""Wire types of issuance: POST /api/credentials and POST /api/credentials/batch."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from schemas.common import Email, LongText, NonEmpty, Request, Response, ShortText, Uri
from schemas.kinds import CERTIFICATE, EVC, MODULE_CERTIFICATE, CredentialKind
from schemas.levels import LevelScheme, LevelValue, check_level

MAX_BATCH = 10_000


class HolderIn(Request, kw_only=True):
    """Who receives the credential: a worker account, or an e-mail address and a name."""

    email: Email | None = None
    name: NonEmpty | None = None
    worker_id: UUID | None = None


class ModuleCertificateIn(Request, kw_only=True, tag=MODULE_CERTIFICATE.kind, tag_field="kind"):
    """A deelcertificaat for the current published version of one of the caller's modules."""

    module_id: UUID
    holder: HolderIn
    valid_until: dt.datetime | None = None
    notes: Annotated[
        str,
        msgspec.Meta(
            max_length=2000,
            description=(
                "The provider's own notes on this learner's work: only in the credential's "
                "SD-JWT VC form (sdJwt), where the worker may leave them out of a share"
            ),
        ),
    ] = ""


class CompetenceIn(Request, kw_only=True):
    """A competence or werkproces by URI."""

    uri: Uri
    label: NonEmpty
    framework: Annotated[str, msgspec.Meta(max_length=100)] | None = None
    code: Annotated[str, msgspec.Meta(max_length=80)] | None = None


# The level of a standard, kept to the catalogue's table (`schemas.levels`). No docstring: it
# would become the schema's description in the OpenAPI document.
class LevelIn(Request, kw_only=True):
    scheme: LevelScheme
    value: LevelValue

    def __post_init__(self) -> None:
        check_level(self.scheme, self.value)


class StandardIn(Request, kw_only=True):
    """The standard assessed against: a qualification or branch standard."""

    url: Uri
    name: NonEmpty
    description: LongText
    criteria_narrative: LongText | None = None
    werkprocessen: Annotated[list[CompetenceIn], msgspec.Meta(max_length=200)] = []
    level: LevelIn | None = None


class ResultIn(Request, kw_only=True):
    """The outcome for one competence."""

    competence: CompetenceIn
    status: Literal["behaald", "niet behaald"]
    achieved_level: Annotated[str, msgspec.Meta(max_length=100)] | None = None


class EvidenceIn(Request, kw_only=True):
    """A description of evidence (portfolio, criteriumgericht interview, observatie)."""

    name: NonEmpty
    description: LongText
    genre: NonEmpty


class EvcIn(Request, kw_only=True, tag=EVC.kind, tag_field="kind"):
    """An EVC record by an assessor."""

    holder: HolderIn
    standard: StandardIn
    results: Annotated[list[ResultIn], msgspec.Meta(min_length=1, max_length=200)]
    evidence: Annotated[list[EvidenceIn], msgspec.Meta(max_length=50)] = []
    valid_until: dt.datetime | None = None


class CertificateIn(Request, kw_only=True, tag=CERTIFICATE.kind, tag_field="kind"):
    """A person certificate by an exam institute for a certificate scheme it is accredited
    for (its URI, as in the catalogue); `validUntil` when the scheme's certificates expire."""

    scheme: Uri
    holder: HolderIn
    valid_until: dt.datetime | None = None


IssueIn = ModuleCertificateIn | EvcIn | CertificateIn


class BatchIn(Request, kw_only=True):
    """A cohort as JSON: every item as for one credential (read item by item, so that one
    422 lists every bad item)."""

    items: Annotated[list[IssueIn], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class HolderOut(Response, kw_only=True):
    """The holder as issued to: the wallet and its DID. `email` only repeats an address the
    request gave (never a worker account's address). Whether an account owns the wallet is
    not said: it would tell an issuer which addresses have an account here."""

    wallet_id: UUID
    did: str
    name: str
    email: str | None = None


class CredentialStatusOut(Response, kw_only=True):
    """Where the credential's revocation bit lives."""

    status: str
    status_list: str
    status_index: int


class IssuedOut(Response, kw_only=True):
    """One issued credential: its id (the credential's `id`), the JWS and who holds it."""

    id: str
    credential: str
    kind: CredentialKind
    achievement: ShortText
    holder: HolderOut
    status: CredentialStatusOut
    issued_at: dt.datetime
    valid_until: dt.datetime | None = None
    # A deelcertificaat's SD-JWT VC form (`dc+sd-jwt`), issued with the JWS.
    sd_jwt: str | None = None


class BatchOut(Response, kw_only=True):
    """Every credential of a batch, in the order of the request."""

    items: list[IssuedOut]
