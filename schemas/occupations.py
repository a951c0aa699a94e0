"""ESCO occupations on the wire: `GET /api/catalogue/occupations` and `.../occupations/{id}`."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from schemas.common import Response

# ESCO's two kinds of occupation-skill relation.
SkillRelation = Literal["essential", "optional"]


class OccupationOut(Response, kw_only=True):
    """An occupation as a search lists it: `label` is Dutch where ESCO has Dutch."""

    id: UUID
    uri: str
    code: str | None
    isco_group: str | None
    label: str
    labels: dict[str, str]
    alt_labels: dict[str, list[str]]


class OccupationList(Response, kw_only=True):
    """A page of occupations."""

    items: list[OccupationOut]
    total: int
    limit: int
    offset: int


class OccupationSkillOut(Response, kw_only=True):
    """A skill of an occupation. `label` and `labels` come from the catalogue's competence of
    that URI; `known` is false (and the labels empty) when the catalogue has no such skill."""

    uri: str
    relation: SkillRelation
    skill_type: str
    known: bool
    label: str | None
    labels: dict[str, str]


class OccupationDetail(OccupationOut, kw_only=True):
    """One occupation with its descriptions and its essential and optional skills."""

    status: str
    descriptions: dict[str, str]
    essential_skills: list[OccupationSkillOut]
    optional_skills: list[OccupationSkillOut]
