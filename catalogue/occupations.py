"""ESCO occupations: search in Dutch (and English, and every alternative label), one
occupation with its essential and optional skills, and what a job profile takes from it.

The occupations and their skills come in through the imports `esco-occupations` and
`esco-occupation-skills` (`catalogue.imports.esco_occupations`). A skill of an occupation is
kept by its URI; its label is the catalogue's competence of that URI, when there is one.

Search reads one column, `occupation.search_text`: every label folded (see `fold`), one a
line, the preferred label first. ESCO has about 3,000 occupations, so a `LIKE` over that
column is a scan of well under a megabyte on either database; it finds a word inside a Dutch
compound ("monteur" in "installatiemonteur"), which a full-text index would not.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Literal
from uuid import UUID

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.competences import labels_by_uri, preferred_label
from catalogue.models import Occupation, OccupationSkill
from schemas.errors.catalogue import OccupationNotFoundError
from schemas.occupations import (
    OccupationDetail,
    OccupationList,
    OccupationOut,
    OccupationSkillOut,
    SkillRelation,
)

Requirement = Literal["at-start", "can-learn"]
# What a job profile asks of each kind of skill: the essential ones from the start, the
# optional ones may be learned on the job.
REQUIREMENT_OF: dict[SkillRelation, Requirement] = {
    "essential": "at-start",
    "optional": "can-learn",
}
# At most this many words of a query count (each one must match).
MAX_WORDS = 6


def fold(text: str) -> str:
    """`text` as search compares it: accents off, case folded, spaces single.
    "Inspiciënt" and "inspicient" fold alike; SQLite's own lower() knows only ASCII."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def search_text(label: str, labels: dict[str, str], alt_labels: dict[str, list[str]]) -> str:
    """The `search_text` of an occupation: its preferred label first (a query that starts it
    ranks first), then every other label and alternative label, each once."""
    lines = [fold(label)]
    for text in [*labels.values(), *(alt for alts in alt_labels.values() for alt in alts)]:
        folded = fold(text)
        if folded and folded not in lines:
            lines.append(folded)
    return "\n".join(lines)


def occupation_out(occupation: Occupation) -> OccupationOut:
    return OccupationOut(
        id=occupation.id,
        uri=occupation.uri,
        code=occupation.code,
        isco_group=occupation.isco_group,
        label=occupation.label,
        labels=dict(occupation.labels),
        alt_labels={lang: list(alts) for lang, alts in occupation.alt_labels.items()},
    )


def _like(needle: str) -> str:
    """A LIKE pattern for a folded word, its own wildcards taken literally."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matches(words: list[str]) -> ColumnElement[bool]:
    return and_(*(Occupation.search_text.like(_like(word), escape="\\") for word in words))


async def search_occupations(
    session: AsyncSession, *, q: str | None, limit: int, offset: int
) -> OccupationList:
    """Released occupations whose labels (any language, alternative ones too) hold every word
    of `q`; those whose preferred label starts with `q` first, then by label."""
    words = fold(q or "").split()[:MAX_WORDS]
    condition = Occupation.status == "released"
    if words:
        condition = and_(condition, _matches(words))
    total = await session.scalar(select(func.count()).where(condition)) or 0
    starts = fold(q or "")
    rank = case(
        (Occupation.search_text.like(_like(starts)[1:], escape="\\"), 0),
        else_=1,
    )
    rows = await session.scalars(
        select(Occupation)
        .where(condition)
        .order_by(rank, Occupation.label, Occupation.uri)
        .limit(limit)
        .offset(offset)
    )
    return OccupationList(
        items=[occupation_out(o) for o in rows], total=total, limit=limit, offset=offset
    )


async def get_occupation(session: AsyncSession, occupation_id: UUID) -> OccupationDetail:
    """One occupation with its skills, essential and optional, labelled from the catalogue."""
    occupation = await session.get(Occupation, occupation_id)
    if occupation is None:
        raise OccupationNotFoundError(f"no occupation {occupation_id}")
    skills = await _skills(session, occupation.id)
    labels = await labels_by_uri(session, (uri for uri, _, _ in skills))
    out = [
        OccupationSkillOut(
            uri=uri,
            relation=relation,
            skill_type=skill_type,
            known=uri in labels,
            label=preferred_label(labels[uri]) if uri in labels else None,
            labels=labels.get(uri, {}),
        )
        for uri, relation, skill_type in skills
    ]
    base = occupation_out(occupation)
    return OccupationDetail(
        **{field: getattr(base, field) for field in base.__struct_fields__},
        status=occupation.status,
        descriptions=dict(occupation.descriptions),
        essential_skills=[skill for skill in out if skill.relation == "essential"],
        optional_skills=[skill for skill in out if skill.relation == "optional"],
    )


async def _skills(
    session: AsyncSession, occupation_id: UUID
) -> list[tuple[str, SkillRelation, str]]:
    rows = await session.execute(
        select(OccupationSkill.skill_uri, OccupationSkill.relation, OccupationSkill.skill_type)
        .where(OccupationSkill.occupation_id == occupation_id)
        .order_by(OccupationSkill.position)
    )
    return [(uri, _relation(relation), skill_type) for uri, relation, skill_type in rows]


def _relation(value: str) -> SkillRelation:
    return "essential" if value == "essential" else "optional"


async def occupation_requirements(
    session: AsyncSession, occupation_uri: str
) -> list[tuple[str, Requirement]]:
    """What a job profile made from this occupation asks: each skill's URI, essential ones
    `at-start`, optional ones `can-learn`, in ESCO's order (essential first). A skill need not
    be in the catalogue (see `OccupationSkillOut.known`). An occupation the catalogue does
    not have is `OccupationNotFoundError`."""
    skills = await _skills(session, (await _by_uri(session, occupation_uri)).id)
    ordered = sorted(skills, key=lambda skill: skill[1] != "essential")
    return [(uri, REQUIREMENT_OF[relation]) for uri, relation, _ in ordered]


async def occupation_label(session: AsyncSession, occupation_uri: str) -> str:
    """The occupation's preferred label (Dutch when there is one), e.g. to title a profile."""
    return (await _by_uri(session, occupation_uri)).label


async def _by_uri(session: AsyncSession, occupation_uri: str) -> Occupation:
    occupation = await session.scalar(select(Occupation).where(Occupation.uri == occupation_uri))
    if occupation is None:
        raise OccupationNotFoundError(f"no occupation {occupation_uri}")
    return occupation


def unique(values: Iterable[str]) -> list[str]:
    """`values` without blanks and repeats, in their order."""
    return list(dict.fromkeys(value for value in values if value))
