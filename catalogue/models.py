"""Catalogue tables. Published module versions are immutable snapshots."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from advanced_alchemy.base import BigIntBase, UUIDAuditBase, UUIDBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.folding import folded_labels


class Provider(UUIDAuditBase):
    """A training or EVC provider organisation."""

    __tablename__ = "provider"
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kvk: Mapped[str | None] = mapped_column(String(8), default=None)
    sectors: Mapped[list[str]] = mapped_column(JsonB, default=list)
    website: Mapped[str | None] = mapped_column(String(500), default=None)
    # The provider's org unit id at EDU-DEX (an EDU-DEX document's `orgUnitId`), set by the
    # operator; an import maps `orgUnitId` to the provider by it, else by our slug (what our
    # own export writes). Unique by a unique index: SQLite adds that without rebuilding the
    # table, which the rows of other tables refer to.
    edudex_org_unit_id: Mapped[str | None] = mapped_column(
        String(64), unique=True, index=True, default=None
    )


class CompetenceFramework(UUIDAuditBase):
    """A competence framework such as ESCO skills or a qualification's werkprocessen."""

    __tablename__ = "competence_framework"
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    uri: Mapped[str] = mapped_column(String(500))
    version: Mapped[str] = mapped_column(String(40))
    # One framework across its versions (e.g. "sbb:23189" for every version of a
    # kwalificatiedossier): each version is a row of its own, so credentials keep resolving
    # what they were assessed against after a newer version is imported.
    series: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    # Where it came from ("sbb", "ctdl", ...; None when made by hand) and when this version
    # was established (vastgesteld), so the newest version of a series can be told.
    source: Mapped[str | None] = mapped_column(String(16), default=None)
    issued_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # What the source says about the version beyond our columns (e.g. crebo, prijsfactor).
    details: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


class FrameworkNode(UUIDBase):
    """A node of a framework's tree (a kerntaak, a profiel, a CTDL competency with children):
    nodes nest by `parent_id`; competences hang under a node by `Competence.node_id`. A node
    that is itself a competence (a CTDL competency with children) carries its `uri`."""

    __tablename__ = "framework_node"
    framework_id: Mapped[UUID] = mapped_column(
        ForeignKey("competence_framework.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("framework_node.id", ondelete="CASCADE"), default=None, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    code: Mapped[str | None] = mapped_column(String(80), default=None)
    uri: Mapped[str | None] = mapped_column(String(500), default=None)
    labels: Mapped[dict[str, str]] = mapped_column(JsonB, default=dict)
    label: Mapped[str] = mapped_column(String(500))
    details: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


class Competence(UUIDAuditBase):
    """A competence referenced by URI; labels per language."""

    __tablename__ = "competence"
    framework_id: Mapped[UUID] = mapped_column(ForeignKey("competence_framework.id"), index=True)
    uri: Mapped[str] = mapped_column(String(500), unique=True)
    code: Mapped[str | None] = mapped_column(String(80), default=None)
    labels: Mapped[dict[str, str]] = mapped_column(JsonB, default=dict)
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # Its place in the framework's tree (e.g. the kerntaak of a werkproces) and what the
    # source says about it beyond a label (e.g. SBB's competenties and kennis en vaardigheden).
    node_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("framework_node.id", ondelete="SET NULL"), default=None, index=True
    )
    position: Mapped[int | None] = mapped_column(Integer, default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    # Labels folded for search (no accents, case folded; `catalogue.frameworks.fold`), set on
    # every write: the Dutch one apart so Dutch matches can come first.
    search_nl: Mapped[str] = mapped_column(String(500), default="")
    search_all: Mapped[str] = mapped_column(Text, default="")
    framework: Mapped[CompetenceFramework] = relationship(lazy="joined", innerjoin=True)


class CompetenceMapping(BigIntBase):
    """A SKOS mapping between competences of two frameworks, recorded by the operator:
    `source_uri` `relation` `target_uri` ("A broadMatch B": B is broader). The URIs need not be
    in the catalogue (a crosswalk may name more of a framework than was imported); both
    directions are read (`catalogue.crosswalks`), hence an index on each side."""

    __tablename__ = "competence_mapping"
    __table_args__ = (
        UniqueConstraint("source_uri", "relation", "target_uri"),
        Index("ix_competence_mapping_target_uri", "target_uri"),
    )
    source_uri: Mapped[str] = mapped_column(String(500))
    relation: Mapped[str] = mapped_column(String(16))
    target_uri: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)


def _fold_labels(_mapper: object, _connection: object, target: Competence) -> None:
    # On every write, whoever writes (services, importers), so search never reads stale text.
    target.search_nl, target.search_all = folded_labels(
        target.labels or {}, target.label, target.code
    )


event.listen(Competence, "before_insert", _fold_labels)
event.listen(Competence, "before_update", _fold_labels)


class Module(UUIDAuditBase):
    """A module's stable identity and lifecycle; its content lives in versions."""

    __tablename__ = "module"
    # The newest module in one lookup: the registry's trust list is rebuilt when it changes.
    __table_args__ = (Index("ix_module_created_at", "created_at"),)
    provider_id: Mapped[UUID] = mapped_column(ForeignKey("provider.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    published_version: Mapped[int | None] = mapped_column(Integer, default=None)
    draft_version: Mapped[int | None] = mapped_column(Integer, default=None)
    provider: Mapped[Provider] = relationship(lazy="joined", innerjoin=True)


class ModuleVersion(UUIDAuditBase):
    """The content of one version of a module; frozen once `published_at` is set."""

    __tablename__ = "module_version"
    __table_args__ = (UniqueConstraint("module_id", "number"),)
    module_id: Mapped[UUID] = mapped_column(ForeignKey("module.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="nl")
    level_scheme: Mapped[str | None] = mapped_column(String(8), default=None)
    level_value: Mapped[int | None] = mapped_column(Integer, default=None)
    study_load_hours: Mapped[int] = mapped_column(Integer)
    credit_value: Mapped[float | None] = mapped_column(default=None)
    credit_system: Mapped[str | None] = mapped_column(String(8), default=None)
    duration_days: Mapped[int | None] = mapped_column(Integer, default=None)
    delivery_mode: Mapped[str] = mapped_column(String(16))
    prerequisites: Mapped[str] = mapped_column(String(500), default="")
    sectors: Mapped[list[str]] = mapped_column(JsonB, default=list)
    certificate: Mapped[str] = mapped_column(String(200))
    price_cents: Mapped[int | None] = mapped_column(Integer, default=None)
    competences: Mapped[list[ModuleVersionCompetence]] = relationship(
        lazy="selectin", order_by="ModuleVersionCompetence.position", cascade="all, delete-orphan"
    )


class ModuleVersionCompetence(UUIDBase):
    """A competence taught by a version, with label and framework version as a snapshot."""

    __tablename__ = "module_version_competence"
    __table_args__ = (UniqueConstraint("version_id", "competence_id"),)
    version_id: Mapped[UUID] = mapped_column(ForeignKey("module_version.id", ondelete="CASCADE"))
    competence_id: Mapped[UUID] = mapped_column(ForeignKey("competence.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[str | None] = mapped_column(String(40), default=None)
    uri: Mapped[str] = mapped_column(String(500), index=True)
    code: Mapped[str | None] = mapped_column(String(80), default=None)
    labels: Mapped[dict[str, str]] = mapped_column(JsonB, default=dict)
    label: Mapped[str] = mapped_column(String(200))
    framework: Mapped[str] = mapped_column(String(64))
    framework_version: Mapped[str] = mapped_column(String(40))


# A run someone can still enrol in (when it starts today or later): search's "open runs" and
# the route to a job both mean these.
LIVE_RUN_STATUSES = ("planned", "open")


class Run(UUIDAuditBase):
    """An offering of a module. Not versioned: a cancellation shows everywhere at once."""

    __tablename__ = "run"
    module_id: Mapped[UUID] = mapped_column(ForeignKey("module.id"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(7), index=True)
    seats: Mapped[int] = mapped_column(Integer)
    price_cents: Mapped[int | None] = mapped_column(Integer, default=None)
    status: Mapped[str] = mapped_column(String(16), default="open")


class Qualification(UUIDAuditBase):
    """A qualification or branch profile made up of modules and/or required competences."""

    __tablename__ = "qualification"
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    level_scheme: Mapped[str | None] = mapped_column(String(8), default=None)
    level_value: Mapped[int | None] = mapped_column(Integer, default=None)
    sector: Mapped[str | None] = mapped_column(String(40), default=None)
    owner_provider_id: Mapped[UUID | None] = mapped_column(ForeignKey("provider.id"), default=None)
    # Study load the source sets (an SBB profiel's SBU), and the framework version it was
    # imported from (None for qualifications made of modules by hand).
    study_load_hours: Mapped[int | None] = mapped_column(Integer, default=None)
    framework_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("competence_framework.id"), default=None
    )
    details: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    groups: Mapped[list[QualificationGroup]] = relationship(
        lazy="selectin", order_by="QualificationGroup.position", cascade="all, delete-orphan"
    )
    competences: Mapped[list[QualificationCompetence]] = relationship(
        lazy="selectin", order_by="QualificationCompetence.position", cascade="all, delete-orphan"
    )


class QualificationCompetence(UUIDBase):
    """A competence a qualification requires (e.g. a werkproces of its kwalificatiedossier)."""

    __tablename__ = "qualification_competence"
    __table_args__ = (UniqueConstraint("qualification_id", "competence_id"),)
    qualification_id: Mapped[UUID] = mapped_column(
        ForeignKey("qualification.id", ondelete="CASCADE")
    )
    competence_id: Mapped[UUID] = mapped_column(ForeignKey("competence.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class QualificationGroup(UUIDBase):
    """Required modules (all of them) or an optional group (at least `min_count`)."""

    __tablename__ = "qualification_group"
    qualification_id: Mapped[UUID] = mapped_column(
        ForeignKey("qualification.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean)
    min_count: Mapped[int] = mapped_column(Integer)
    members: Mapped[list[QualificationGroupModule]] = relationship(
        lazy="selectin", order_by="QualificationGroupModule.position", cascade="all, delete-orphan"
    )


class QualificationGroupModule(UUIDBase):
    """A module in a qualification group (by stable module id, not version)."""

    __tablename__ = "qualification_group_module"
    __table_args__ = (UniqueConstraint("group_id", "module_id"),)
    group_id: Mapped[UUID] = mapped_column(ForeignKey("qualification_group.id", ondelete="CASCADE"))
    module_id: Mapped[UUID] = mapped_column(ForeignKey("module.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class ModuleSearch(BigIntBase):
    """One row per searchable (published, not withdrawn) module: the filter columns.

    The full-text index beside it is per dialect (SQLite FTS5, PostgreSQL tsvector); see
    `catalogue.search`.
    """

    __tablename__ = "module_search"
    module_id: Mapped[UUID] = mapped_column(ForeignKey("module.id"), unique=True)
    version_number: Mapped[int] = mapped_column(Integer)
    version_id: Mapped[UUID] = mapped_column(ForeignKey("module_version.id"))
    # Indexes for search are covering indexes declared in migration 0002 (catalogue.search).
    provider_id: Mapped[UUID] = mapped_column(ForeignKey("provider.id"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    level_scheme: Mapped[str | None] = mapped_column(String(8), default=None)
    level_value: Mapped[int | None] = mapped_column(Integer, default=None)
    delivery_mode: Mapped[str] = mapped_column(String(16))
    # "|installatietechniek|bouw|": a LIKE on one column beats a join for a handful of tags.
    sector_tags: Mapped[str] = mapped_column(String(400), default="|")
    study_load_hours: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)


class RouteRun(BigIntBase):
    """A planned or open run of a searchable module, once for each competence URI the module's
    searchable version teaches: derived from `run`, `module_search` and
    `module_version_competence`, and kept in step with them by `catalogue.route_index`.

    The route to a job (`catalogue.routing`) reads a gap's modules, each with its first run
    and whether one is in the region, from one range of `ix_route_run_gap`, instead of probing
    the runs of each of the hundreds of modules that teach a common competence. Dates are
    compared when read, so a row never goes stale as days pass."""

    __tablename__ = "route_run"
    __table_args__ = (
        Index("ix_route_run_gap", "uri", "start_date", "module_id", "postcode", "place_key"),
    )
    uri: Mapped[str] = mapped_column(String(500))
    module_id: Mapped[UUID] = mapped_column(ForeignKey("module.id"), index=True)
    run_id: Mapped[UUID] = mapped_column(ForeignKey("run.id"))
    start_date: Mapped[dt.date] = mapped_column(Date)
    postcode: Mapped[str] = mapped_column(String(7))
    # lower(place), as the database lowers it, so a place filter compares like for like.
    place_key: Mapped[str] = mapped_column(String(200))


class EdudexFeed(UUIDAuditBase):
    """A provider's EDU-DEX directory feed, registered by the operator and read on a schedule;
    what the last read did is kept for the operator to see."""

    __tablename__ = "edudex_feed"
    __table_args__ = (UniqueConstraint("provider_id", "url"),)
    provider_id: Mapped[UUID] = mapped_column(ForeignKey("provider.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    last_read_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    # Programs the directory listed at the last read that went through.
    programs: Mapped[int] = mapped_column(Integer, default=0)


class ImportOrigin(UUIDAuditBase):
    """The provider's own id of an imported module or qualification in a document format (an
    EDU-DEX programId, a CTDL `@id`), so the next import of it finds the same row; and the
    feed it last came through, so a program that leaves the feed can be withdrawn."""

    __tablename__ = "import_origin"
    __table_args__ = (UniqueConstraint("provider_id", "source", "external_id"),)
    provider_id: Mapped[UUID] = mapped_column(ForeignKey("provider.id"))
    source: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(500))
    module_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("module.id"), default=None, index=True
    )
    qualification_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("qualification.id"), default=None, index=True
    )
    feed_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("edudex_feed.id"), default=None, index=True
    )


class Occupation(UUIDAuditBase):
    """An ESCO occupation: labels, alternative labels and descriptions per language, merged
    from ESCO's one-file-per-language CSV downloads by `conceptUri`."""

    __tablename__ = "occupation"
    uri: Mapped[str] = mapped_column(String(500), unique=True)
    # ESCO's own code (ISCO group plus a suffix, e.g. 7411.1.1) and the ISCO-08 unit group.
    code: Mapped[str | None] = mapped_column(String(40), default=None)
    isco_group: Mapped[str | None] = mapped_column(String(8), default=None)
    status: Mapped[str] = mapped_column(String(16), default="released")
    labels: Mapped[dict[str, str]] = mapped_column(JsonB, default=dict)
    label: Mapped[str] = mapped_column(String(200))
    alt_labels: Mapped[dict[str, list[str]]] = mapped_column(JsonB, default=dict)
    descriptions: Mapped[dict[str, str]] = mapped_column(JsonB, default=dict)
    # Every label and alternative label in every language, folded (see
    # `catalogue.occupations.search.fold`), one per line: the column a search reads.
    search_text: Mapped[str] = mapped_column(Text, default="")


class OccupationSkill(UUIDBase):
    """An essential or optional skill of an occupation (ESCO's occupationSkillRelations), by
    the skill's URI: the skill need not be in the catalogue (its label comes from there)."""

    __tablename__ = "occupation_skill"
    __table_args__ = (UniqueConstraint("occupation_id", "skill_uri"),)
    # The unique constraint's index serves lookups by occupation.
    occupation_id: Mapped[UUID] = mapped_column(ForeignKey("occupation.id", ondelete="CASCADE"))
    skill_uri: Mapped[str] = mapped_column(String(500), index=True)
    # "essential" or "optional".
    relation: Mapped[str] = mapped_column(String(16))
    # ESCO's skillType: "skill/competence" or "knowledge".
    skill_type: Mapped[str] = mapped_column(String(32), default="")
    position: Mapped[int] = mapped_column(Integer)
