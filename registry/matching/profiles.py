"""Job profiles: an employer's job with the competences it needs at the start or lets people
learn after starting, and its mandatory certificates. Anyone sees published profiles; the
employer who made one sees, changes, matches against and deletes it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import msgspec
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import labels_by_uri, occupation_label, occupation_requirements
from registry.models import Account, JobProfile
from schemas.common import Actor
from schemas.errors import InvalidInputError
from schemas.errors.catalogue import OccupationNotFoundError
from schemas.errors.matching import (
    JobProfileNotFoundError,
    NotYourJobProfileError,
    OccupationMismatchError,
    OccupationUnknownError,
    RequirementConflictError,
)
from schemas.matching import (
    Certificate,
    CertificateIn,
    JobProfileCreate,
    JobProfileOut,
    JobProfilePatch,
    Requirement,
    RequirementIn,
)

LIST_LIMIT = 200


def label_of(labels: dict[str, str] | None, uri: str) -> str:
    """Dutch first, then English, then any; the URI when the catalogue has no label."""
    labels = labels or {}
    return labels.get("nl") or labels.get("en") or next(iter(labels.values()), uri)


def _trimmed(data: JobProfileCreate | JobProfilePatch) -> dict[str, Any]:
    """The given fields with their text trimmed, the one place for both create and change
    (pages and API): a blank title is refused as an empty one is, a blank region is no region
    (a blank one would be "near" every place), certificate names are trimmed too."""
    given = {k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET}
    for name in ("title", "description", "region"):
        if isinstance(given.get(name), str):
            given[name] = given[name].strip()
    if given.get("title") == "":
        raise InvalidInputError("a job profile's title may not be blank", field="title")
    if given.get("region") == "":
        given["region"] = None
    for n, item in enumerate(given.get("mandatory_certificates", [])):
        if not item.name.strip():
            field = f"mandatoryCertificates[{n}].name"
            raise InvalidInputError("a certificate's name may not be blank", field=field)
        item.name = item.name.strip()
    return given


async def _known_occupation(session: AsyncSession, uri: str) -> str:
    """The label of an occupation the catalogue has; any other is the caller's input error."""
    try:
        return await occupation_label(session, uri)
    except OccupationNotFoundError as exc:
        raise OccupationUnknownError(f"no occupation {uri} in the catalogue") from exc


async def _from_occupation(session: AsyncSession, uri: str) -> tuple[str, list[RequirementIn]]:
    """An ESCO occupation's label, and its essential skills as `at-start`, its optional ones as
    `can-learn`. An occupation the catalogue does not have is the caller's input error."""
    label = await _known_occupation(session, uri)
    skills = await occupation_requirements(session, uri)
    return label, [RequirementIn(competence=skill, when=when) for skill, when in skills]


def _requirements(
    given: Sequence[RequirementIn], copied: Sequence[RequirementIn] = ()
) -> list[dict[str, str]]:
    """Each competence once. What the employer gives replaces what an occupation copied; the
    same competence given twice with different `when` is refused, naming it."""
    given_when: dict[str, str] = {}
    for item in given:
        if given_when.setdefault(item.competence, item.when) != item.when:
            raise RequirementConflictError(
                f"{item.competence} is listed as both at-start and can-learn; keep one",
                field="requirements",
            )
    found = {item.competence: item.when for item in copied} | given_when
    return [{"competence": uri, "when": when} for uri, when in found.items()]


def _certificates(items: Sequence[CertificateIn]) -> list[dict[str, Any]]:
    return [msgspec.to_builtins(item) for item in items]


async def create_profile(
    session: AsyncSession, actor: Actor, data: JobProfileCreate
) -> JobProfileOut:
    """A new job profile of the employer."""
    given = _trimmed(data)
    copied: list[RequirementIn] = []
    occupation, title = given["occupation"], given["title"]
    if data.from_occupation is not None:
        if occupation not in (None, data.from_occupation):
            raise OccupationMismatchError(
                "occupation and fromOccupation name different occupations; give one",
                field="occupation",
            )
        label, copied = await _from_occupation(session, data.from_occupation)
        occupation = data.from_occupation
        title = title or label
    elif occupation is not None:
        await _known_occupation(session, occupation)
    if title is None:
        raise InvalidInputError("a job profile needs a title", field="title")
    requirements = _requirements(data.requirements, copied)
    row = JobProfile(
        owner_account_id=actor.account_id,
        title=title,
        description=given["description"],
        occupation=occupation,
        region=given["region"],
        requirements=requirements,
        certificates=_certificates(data.mandatory_certificates),
        published=data.published,
    )
    session.add(row)
    await session.flush()
    return (await profiles_out(session, [row], actor))[0]


async def visible_profile(
    session: AsyncSession, viewer: Actor | None, profile_id: UUID
) -> JobProfile:
    """A profile the viewer may see: published, or their own."""
    row = await session.get(JobProfile, profile_id)
    if row is None or not (row.published or _owns(viewer, row)):
        raise JobProfileNotFoundError("no such job profile")
    return row


async def own_profile(session: AsyncSession, actor: Actor, profile_id: UUID) -> JobProfile:
    """A profile the caller made (a published one of another employer is 403)."""
    row = await visible_profile(session, actor, profile_id)
    if not _owns(actor, row):
        raise NotYourJobProfileError("only the employer who made this job profile may do this")
    return row


def _owns(viewer: Actor | None, row: JobProfile) -> bool:
    return viewer is not None and viewer.account_id == row.owner_account_id


async def list_profiles(
    session: AsyncSession, viewer: Actor | None, *, mine: bool = False
) -> list[JobProfileOut]:
    """Published profiles and the viewer's own, newest first (`mine`: own ones only)."""
    own = JobProfile.owner_account_id == (viewer.account_id if viewer else None)
    condition = own if mine else or_(JobProfile.published.is_(True), own)
    rows = await session.scalars(
        select(JobProfile).where(condition).order_by(JobProfile.created_at.desc()).limit(LIST_LIMIT)
    )
    return await profiles_out(session, list(rows), viewer)


async def patch_profile(
    session: AsyncSession, actor: Actor, profile_id: UUID, data: JobProfilePatch
) -> JobProfileOut:
    """Change the employer's own profile; lists given replace the old ones whole."""
    row = await own_profile(session, actor, profile_id)
    changes = _trimmed(data)
    if changes.get("occupation") is not None:
        await _known_occupation(session, changes["occupation"])
    for name in ("title", "description", "occupation", "region", "published"):
        if name in changes:
            setattr(row, name, changes[name])
    if "requirements" in changes:
        row.requirements = _requirements(changes["requirements"])
    if "mandatory_certificates" in changes:
        row.certificates = _certificates(changes["mandatory_certificates"])
    await session.flush()
    return (await profiles_out(session, [row], actor))[0]


async def delete_profile(session: AsyncSession, actor: Actor, profile_id: UUID) -> None:
    row = await own_profile(session, actor, profile_id)
    await session.delete(row)
    await session.flush()


async def profiles_out(
    session: AsyncSession, rows: Sequence[JobProfile], viewer: Actor | None
) -> list[JobProfileOut]:
    labels = await labels_by_uri(
        session, {r["competence"] for row in rows for r in row.requirements}
    )
    owners = {row.owner_account_id for row in rows}
    names: dict[UUID, str] = {}
    if owners:
        rows_ = await session.execute(
            select(Account.id, Account.name).where(Account.id.in_(owners))
        )
        names = dict(rows_.tuples().all())
    return [
        JobProfileOut(
            id=row.id,
            title=row.title,
            description=row.description,
            occupation=row.occupation,
            region=row.region,
            requirements=[
                Requirement(
                    competence=r["competence"],
                    when=r["when"],  # type: ignore[arg-type]
                    label=label_of(labels.get(r["competence"]), r["competence"]),
                )
                for r in row.requirements
            ],
            mandatory_certificates=[msgspec.convert(c, Certificate) for c in row.certificates],
            published=row.published,
            employer=names.get(row.owner_account_id, ""),
            mine=_owns(viewer, row),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        for row in rows
    ]
