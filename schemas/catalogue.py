"""Catalogue wire types: providers, competences, modules, runs, qualifications, search.

`ModuleDocument` is the full, self-contained description of one module version; the API,
the XML exports and (later) credentials all build on it, so there is one shape to keep right.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

from schemas.common import LongText, NonEmpty, Request, Response, ShortText, Slug, Uri
from schemas.levels import LevelScheme, LevelValue, check_level

DeliveryMode = Literal["classroom", "online", "blended", "on-the-job"]
RunStatus = Literal["planned", "open", "full", "cancelled"]
ModuleStatus = Literal["draft", "published", "withdrawn"]
Language = Literal["nl", "en"]
Postcode = Annotated[str, msgspec.Meta(pattern=r"^[1-9][0-9]{3} ?[A-Z]{2}$")]
Sector = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9-]{1,40}$")]
Hours = Annotated[int, msgspec.Meta(ge=1, le=10_000)]
Cents = Annotated[int, msgspec.Meta(ge=0, le=100_000_000)]
# EDU-DEX's orgUnitIdType (program.xsd v1.8): a provider's org unit id there.
EDUDEX_ORG_UNIT_ID = r"[-+a-z0-9_.{}/&]{1,64}"
EdudexOrgUnitId = Annotated[str, msgspec.Meta(pattern=f"^{EDUDEX_ORG_UNIT_ID}$")]


class Level(Request, kw_only=True):
    """A level in a named scheme (`schemas.levels`: mbo 1-4, NLQF 1-8 or EQF 1-8)."""

    scheme: LevelScheme
    value: LevelValue

    def __post_init__(self) -> None:
        check_level(self.scheme, self.value)


class Credits(Request, kw_only=True):
    """Study credits in a credit system such as ECTS."""

    value: Annotated[float, msgspec.Meta(ge=0, le=420)]
    system: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2,6}$")] = "ECTS"


# ---------------------------------------------------------------- providers


class ProviderCreate(Request, kw_only=True):
    """A training or EVC provider organisation."""

    slug: Slug
    name: NonEmpty
    kvk: Annotated[str, msgspec.Meta(pattern=r"^[0-9]{8}$")] | None = None
    sectors: list[Sector] = []
    website: Uri | None = None
    # Its org unit id at EDU-DEX: an EDU-DEX import maps a document's orgUnitId by it.
    edudex_org_unit_id: EdudexOrgUnitId | None = None


class ProviderPatch(Request, kw_only=True):
    """Changes to a provider (operator): its EDU-DEX org unit id, null to clear it. Only that:
    a name or sectors are copied into the search index and issuer documents, which a change
    here would leave behind."""

    edudex_org_unit_id: EdudexOrgUnitId | None


class ProviderOut(Response, kw_only=True):
    """A provider as shown publicly."""

    id: UUID
    slug: str
    name: str
    kvk: str | None
    sectors: list[str]
    website: str | None
    edudex_org_unit_id: str | None = None


# ---------------------------------------------------------------- competences


class FrameworkCreate(Request, kw_only=True):
    """A competence framework (ESCO, a qualification's werkprocessen, a branch standard)."""

    slug: Slug
    name: NonEmpty
    uri: Uri
    version: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]


class FrameworkOut(Response, kw_only=True):
    """A competence framework."""

    id: UUID
    slug: str
    name: str
    uri: str
    version: str
    # The framework across its versions (e.g. "sbb:23189"), where it came from ("sbb", "ctdl";
    # None when made by hand) and when this version was established.
    series: str | None = None
    source: str | None = None
    issued_on: dt.date | None = None


class CompetenceCreate(Request, kw_only=True):
    """One competence, referenced by URI; labels are a snapshot per language."""

    framework: Slug
    uri: Uri
    code: Annotated[str, msgspec.Meta(max_length=80)] | None = None
    labels: dict[Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2}$")], NonEmpty]
    description: LongText = ""

    def __post_init__(self) -> None:
        if not self.labels:
            raise ValueError("at least one label is required")


class CompetenceLabels(Request, kw_only=True):
    """Labels to add or replace, per language (`{"nl": "warmtepompen installeren"}`); the
    languages not named keep theirs. Operator only."""

    labels: dict[Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2}$")], NonEmpty]

    def __post_init__(self) -> None:
        if not self.labels:
            raise ValueError("at least one label is required")


class CompetenceOut(Response, kw_only=True):
    """A competence with its framework snapshot."""

    id: UUID
    uri: str
    code: str | None
    label: str
    labels: dict[str, str]
    framework: str
    framework_version: str
    description: str = ""
    # Where it sits in its framework's tree (e.g. the kerntaak "B1-K1" of a werkproces), and
    # what its source says beyond a label (e.g. SBB's competenties of a werkproces).
    node: str | None = None
    details: dict[str, Any] = {}


class FrameworkNodeOut(Response, kw_only=True):
    """A node of a framework's tree (a kerntaak, a profiel, ...) with what hangs below it."""

    id: UUID
    kind: str
    code: str | None
    label: str
    labels: dict[str, str]
    uri: str | None
    details: dict[str, Any]
    children: list[FrameworkNodeOut]
    competences: list[CompetenceOut]


class FrameworkDetail(Response, kw_only=True):
    """A framework version with its tree; `versions` lists every version of its series."""

    id: UUID
    slug: str
    name: str
    uri: str
    version: str
    series: str | None
    source: str | None
    issued_on: dt.date | None
    details: dict[str, Any]
    versions: list[FrameworkOut]
    nodes: list[FrameworkNodeOut]
    # Competences that hang under no node, the first `TOP_LEVEL_LIMIT` of them (a flat
    # framework such as ESCO skills: page through `GET /api/catalogue/competences?framework=`);
    # `competenceCount` counts every competence of the version.
    competences: list[CompetenceOut]
    competence_count: int


class CompetenceList(Response, kw_only=True):
    """A page of competences."""

    items: list[CompetenceOut]
    total: int
    limit: int
    offset: int


class ImportResult(Response, kw_only=True):
    """Counts of an import."""

    created: int
    updated: int


class ModuleImportResult(Response, kw_only=True):
    """Modules of a catalogue import: created, updated (a new version or changed runs), and
    unchanged (already as the document says: nothing written)."""

    created: int
    updated: int
    unchanged: int


# ---------------------------------------------------------------- modules


class CompetenceRef(Request, kw_only=True):
    """A competence a module teaches, by URI, with an optional level."""

    uri: Uri
    level: Annotated[str, msgspec.Meta(max_length=40)] | None = None


class ModuleCreate(Request, kw_only=True):
    """Fields of a new module; it starts as draft version 1."""

    title: NonEmpty
    summary: ShortText
    description: LongText = ""
    language: Language = "nl"
    level: Level | None = None
    study_load_hours: Hours
    credits: Credits | None = None
    duration_days: Annotated[int, msgspec.Meta(ge=1, le=3650)] | None = None
    delivery_mode: DeliveryMode
    prerequisites: ShortText = ""
    competences: list[CompetenceRef] = []
    sectors: list[Sector] = []
    certificate: NonEmpty
    price_cents: Cents | None = None


class ModulePatch(Request, kw_only=True):
    """Changes to a module; on a published module they start a new draft version."""

    title: NonEmpty | msgspec.UnsetType = msgspec.UNSET
    summary: ShortText | msgspec.UnsetType = msgspec.UNSET
    description: LongText | msgspec.UnsetType = msgspec.UNSET
    language: Language | msgspec.UnsetType = msgspec.UNSET
    level: Level | msgspec.UnsetType | None = msgspec.UNSET
    study_load_hours: Hours | msgspec.UnsetType = msgspec.UNSET
    credits: Credits | msgspec.UnsetType | None = msgspec.UNSET
    duration_days: Annotated[int, msgspec.Meta(ge=1, le=3650)] | msgspec.UnsetType | None = (
        msgspec.UNSET
    )
    delivery_mode: DeliveryMode | msgspec.UnsetType = msgspec.UNSET
    prerequisites: ShortText | msgspec.UnsetType = msgspec.UNSET
    competences: list[CompetenceRef] | msgspec.UnsetType = msgspec.UNSET
    sectors: list[Sector] | msgspec.UnsetType = msgspec.UNSET
    certificate: NonEmpty | msgspec.UnsetType = msgspec.UNSET
    price_cents: Cents | msgspec.UnsetType | None = msgspec.UNSET


class ModuleCompetence(Response, kw_only=True):
    """A competence taught by a module version (snapshot of label and framework version)."""

    uri: str
    label: str
    labels: dict[str, str]
    code: str | None
    framework: str
    framework_version: str
    level: str | None = None


class ProviderRef(Response, kw_only=True):
    """The provider of a module, as embedded in module documents."""

    id: UUID
    slug: str
    name: str
    kvk: str | None = None
    website: str | None = None


class RunDocument(Response, kw_only=True):
    """One offering of a module."""

    id: UUID
    start_date: dt.date
    end_date: dt.date
    place: str
    postcode: str
    seats: int
    price_cents: int | None
    status: RunStatus


class ModuleDocument(Response, kw_only=True):
    """One module version, complete and self-contained (API, XML exports, credentials)."""

    id: UUID
    version: int
    url: str
    status: ModuleStatus
    published_at: dt.datetime | None
    provider: ProviderRef
    title: str
    summary: str
    description: str
    language: str
    level: Level | None
    study_load_hours: int
    credits: Credits | None
    duration_days: int | None
    delivery_mode: DeliveryMode
    prerequisites: str
    competences: list[ModuleCompetence]
    sectors: list[str]
    certificate: str
    price_cents: int | None
    runs: list[RunDocument] = []


class ModuleOut(Response, kw_only=True):
    """A module: its lifecycle and the version a caller should see."""

    id: UUID
    status: ModuleStatus
    published_version: int | None
    draft_version: int | None
    current: ModuleDocument
    qualifications: list[QualificationRef] = []


class RunCreate(Request, kw_only=True):
    """A new offering of a module."""

    start_date: dt.date
    end_date: dt.date
    place: NonEmpty
    postcode: Postcode
    seats: Annotated[int, msgspec.Meta(ge=0, le=10_000)]
    price_cents: Cents | None = None
    status: RunStatus = "open"

    def __post_init__(self) -> None:
        if self.end_date < self.start_date:
            raise ValueError("endDate is before startDate")


class RunPatch(Request, kw_only=True):
    """Changes to a run, e.g. cancelling it."""

    start_date: dt.date | msgspec.UnsetType = msgspec.UNSET
    end_date: dt.date | msgspec.UnsetType = msgspec.UNSET
    place: NonEmpty | msgspec.UnsetType = msgspec.UNSET
    postcode: Postcode | msgspec.UnsetType = msgspec.UNSET
    seats: Annotated[int, msgspec.Meta(ge=0, le=10_000)] | msgspec.UnsetType = msgspec.UNSET
    price_cents: Cents | msgspec.UnsetType | None = msgspec.UNSET
    status: RunStatus | msgspec.UnsetType = msgspec.UNSET


# ---------------------------------------------------------------- qualifications


class QualificationGroupIn(Request, kw_only=True):
    """An optional group: at least `minCount` of these modules."""

    title: NonEmpty
    min_count: Annotated[int, msgspec.Meta(ge=1, le=100)]
    modules: Annotated[list[UUID], msgspec.Meta(min_length=1, max_length=100)]

    def __post_init__(self) -> None:
        if self.min_count > len(self.modules):
            raise ValueError("minCount is larger than the number of modules in the group")


class QualificationCreate(Request, kw_only=True):
    """A qualification or branch profile composed of modules."""

    code: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    title: NonEmpty
    description: LongText = ""
    level: Level | None = None
    sector: Sector | None = None
    required_modules: Annotated[list[UUID], msgspec.Meta(max_length=100)] = []
    optional_groups: Annotated[list[QualificationGroupIn], msgspec.Meta(max_length=20)] = []
    # Competences (by URI, e.g. werkprocessen) the qualification requires besides modules.
    required_competences: Annotated[list[Uri], msgspec.Meta(max_length=200)] = []

    def __post_init__(self) -> None:
        if not (self.required_modules or self.optional_groups or self.required_competences):
            raise ValueError("a qualification needs at least one module or competence")


class QualificationModule(Response, kw_only=True):
    """A module as part of a qualification."""

    id: UUID
    title: str
    provider: str
    status: ModuleStatus
    url: str


class QualificationGroupOut(Response, kw_only=True):
    """A group of a qualification: required (all) or optional (at least minCount)."""

    title: str
    required: bool
    min_count: int
    modules: list[QualificationModule]


class QualificationCompetenceOut(Response, kw_only=True):
    """A competence a qualification requires (e.g. a werkproces of its kwalificatiedossier)."""

    id: UUID
    uri: str
    code: str | None
    label: str
    framework: str
    framework_version: str


class QualificationOut(Response, kw_only=True):
    """A qualification with how its modules add up, and the competences it requires."""

    id: UUID
    code: str
    title: str
    description: str
    level: Level | None
    sector: str | None
    groups: list[QualificationGroupOut]
    url: str
    competences: list[QualificationCompetenceOut] = []
    # The study load its source sets (an SBB profiel's SBU, in hours), and the framework
    # version (slug) it was imported from.
    study_load_hours: int | None = None
    framework: str | None = None


class QualificationRef(Response, kw_only=True):
    """A qualification a module counts towards."""

    id: UUID
    code: str
    title: str


class QualificationList(Response, kw_only=True):
    """A page of qualifications."""

    items: list[QualificationOut]
    total: int
    limit: int
    offset: int


# ---------------------------------------------------------------- search


class SearchHit(Response, kw_only=True):
    """One module in search results."""

    id: UUID
    version: int
    title: str
    summary: str
    provider: ProviderRef
    level: Level | None
    delivery_mode: DeliveryMode
    sectors: list[str]
    study_load_hours: int
    has_open_run: bool
    next_start: dt.date | None
    url: str


class SearchResult(Response, kw_only=True):
    """A page of search hits. `total` stops counting at a cap; `totalIsLowerBound` says so."""

    items: list[SearchHit]
    total: int
    limit: int
    offset: int
    total_is_lower_bound: bool = False
