"""ESCO occupations and their skills as catalogue imports (the operator's).

`esco-occupations` reads ESCO's occupations CSV (`occupations_nl.csv`, `occupations_en.csv`,
...: one file per language, the language named by the request's `language`). Each import
adds that language's preferred label, alternative labels (`altLabels`, one a line inside a
quoted field) and description to the occupation of the row's `conceptUri`, keeping the other
languages: the Dutch and the English file are two imports, in either order. An occupation
whose `status` is not `released` is withdrawn (no longer found by search); one the file does
not name is left as it is, so a file may be an excerpt.

`esco-occupation-skills` reads ESCO's `occupationSkillRelations.csv` (no language): for every
occupation it names, its essential and optional skills become exactly those of the file. A
skill the catalogue does not have is kept by its URI (a warning says how many): ESCO's 13,000
skills need not all be imported for an occupation to be complete, and an ESCO skills file
imported later gives them their labels. A relation of an occupation the catalogue does not
have is skipped with a warning: import the occupations first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import get_args
from uuid import UUID

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.competences import known_uris, preferred_label
from catalogue.esco import CsvFormatError, read_csv
from catalogue.imports import ImportContext, Tally
from catalogue.models import Occupation, OccupationSkill
from catalogue.occupations import search_text, unique
from schemas.catalogue import Language
from schemas.errors.catalogue import EscoCsvError, ImportLanguageRequiredError

OCCUPATION_URI = re.compile(r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$")
SKILL_URI = re.compile(r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}$")
RELATIONS = ("essential", "optional")
# The C1 control characters: in ESCO's text only as the middle byte of a mis-encoded character.
MIS_ENCODED = re.compile("[\x80-\x9f]")
MAX_LABEL = 200
# How many URIs a warning names before it says "and N more".
NAMED_IN_WARNING = 5
CHUNK = 500


@dataclass(frozen=True)
class OccupationRow:
    """One row of an occupations file, in the file's language."""

    uri: str
    code: str | None
    isco_group: str | None
    status: str
    label: str
    alt_labels: list[str]
    description: str


# ---------------------------------------------------------------- occupations


async def import_esco_occupations(context: ImportContext, body: bytes, tally: Tally) -> None:
    """Create or update occupations from one language's occupations file."""
    language = context.language
    known = get_args(Language)
    if language is None or language not in known:
        # The catalogue's languages only: a label in another one would never be shown.
        raise ImportLanguageRequiredError(
            "an ESCO occupations file holds one language: name it with language="
            + " or ".join(known)
            + ("" if language is None else f" (not {language!r})")
        )
    rows = list(_occupation_rows(body, context.max_bytes, tally))
    existing = await _occupations_by_uri(context.session, [row.uri for row in rows])
    for row in rows:
        occupation = existing.get(row.uri)
        if occupation is None:
            if row.status == "released":
                context.session.add(_new_occupation(row, language))
                tally.add("created", "occupations")
            continue
        was_released = occupation.status == "released"
        if not _merge(occupation, row, language):
            tally.add("unchanged", "occupations")
        elif was_released and row.status != "released":
            tally.add("withdrawn", "occupations")
        else:
            tally.add("updated", "occupations")
    await context.session.flush()


def _occupation_rows(body: bytes, max_bytes: int, tally: Tally) -> Iterator[OccupationRow]:
    header, rows = read_csv(body, max_bytes, repair=partial(_mend, tally))
    _require_columns(header, ("conceptUri", "preferredLabel"))
    seen: dict[str, int] = {}
    for line, row in rows:
        uri = row["conceptUri"]
        if not OCCUPATION_URI.match(uri):
            raise _bad(line, "conceptUri", f"{uri!r} is not an ESCO occupation URI")
        first = seen.setdefault(uri, line)
        if first != line:
            raise _bad(line, "conceptUri", f"{uri} already appears on line {first}")
        label = row["preferredLabel"]
        if not label or len(label) > MAX_LABEL:
            raise _bad(line, "preferredLabel", f"must have 1 to {MAX_LABEL} characters")
        yield OccupationRow(
            uri=uri,
            code=row.get("code") or None,
            isco_group=row.get("iscoGroup") or None,
            status=row.get("status") or "released",
            label=label,
            alt_labels=unique(alt.strip() for alt in row.get("altLabels", "").split("\n")),
            description=row.get("description", ""),
        )


def _new_occupation(row: OccupationRow, language: str) -> Occupation:
    occupation = Occupation(
        uri=row.uri, labels={}, alt_labels={}, descriptions={}, status=row.status
    )
    _merge(occupation, row, language)
    return occupation


def _merge(occupation: Occupation, row: OccupationRow, language: str) -> bool:
    """Put the row's language into the occupation, keeping other languages; True when
    anything changed."""
    labels = {**occupation.labels, language: row.label}
    alt_labels = {**occupation.alt_labels, language: row.alt_labels}
    descriptions = {**occupation.descriptions, language: row.description}
    if not row.description:
        descriptions.pop(language)
    label = preferred_label(labels)
    wanted = {
        "code": row.code,
        "isco_group": row.isco_group,
        "status": row.status,
        "labels": labels,
        "label": label,
        "alt_labels": alt_labels,
        "descriptions": descriptions,
        "search_text": search_text(label, labels, alt_labels),
    }
    changed = [name for name, value in wanted.items() if getattr(occupation, name) != value]
    for name in changed:
        setattr(occupation, name, wanted[name])
    return bool(changed)


async def _occupations_by_uri(session: AsyncSession, uris: list[str]) -> dict[str, Occupation]:
    found: dict[str, Occupation] = {}
    for start in range(0, len(uris), CHUNK):
        chunk = uris[start : start + CHUNK]
        rows = await session.scalars(select(Occupation).where(Occupation.uri.in_(chunk)))
        found.update({occupation.uri: occupation for occupation in rows})
    return found


def _mend(tally: Tally, line: int, row: dict[str, str]) -> dict[str, str]:
    """Undo ESCO's own mis-encoding. ESCO v1.1.1's `occupations_en.csv` has "studentsâ\x80\x99"
    in twelve descriptions: a right single quote's UTF-8 bytes read as Latin-1 and written
    again, which leaves two control characters the text rule refuses. Where reading a cell's
    characters back as those bytes gives valid UTF-8, that is what was meant; anything else
    stays for the rule to refuse."""
    mended = dict(row)
    for column, cell in row.items():
        if not MIS_ENCODED.search(cell):
            continue
        try:
            mended[column] = cell.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        tally.warn(f"line {line}, column {column}: a mis-encoded character was read as meant")
    return mended


# ---------------------------------------------------------------- skill relations

# (skill URI, relation, skill type), in the file's order.
Skills = list[tuple[str, str, str]]


async def import_esco_occupation_skills(context: ImportContext, body: bytes, tally: Tally) -> None:
    """Set the essential and optional skills of every occupation the file names."""
    wanted = _relations(body, context.max_bytes)
    session = context.session
    ids = await _occupation_ids(session, list(wanted))
    missing = [uri for uri in wanted if uri not in ids]
    if missing:
        skipped = sum(len(wanted[uri]) for uri in missing)
        tally.warn(
            f"{len(missing)} occupation(s) of this file are not in the catalogue, so their "
            f"{skipped} skill relation(s) were skipped (import the ESCO occupations file "
            f"first): {_some(missing)}"
        )
    have = await _current_skills(session, list(ids.values()))
    changed = [uri for uri, occupation_id in ids.items() if have.get(occupation_id) != wanted[uri]]
    tally.add("unchanged", "occupations", len(ids) - len(changed))
    tally.add("updated", "occupations", len(changed))
    # One statement per chunk, not per occupation: ESCO's file changes all 3,000 at first.
    for start in range(0, len(changed), CHUNK):
        chunk = [ids[uri] for uri in changed[start : start + CHUNK]]
        await session.execute(
            delete(OccupationSkill).where(OccupationSkill.occupation_id.in_(chunk))
        )
    rows = [row for uri in changed for row in _skill_rows(ids[uri], wanted[uri])]
    if rows:
        await session.execute(insert(OccupationSkill), rows)
    used = unique(skill for uri in ids for skill, _, _ in wanted[uri])
    known = await known_uris(session, used)
    unknown = [skill for skill in used if skill not in known]
    if unknown:
        tally.warn(
            f"{len(unknown)} of the {len(used)} skills are not in the catalogue: they are kept "
            "by their URI, without a label, until an ESCO skills file names them: "
            f"{_some(unknown)}"
        )


def _relations(body: bytes, max_bytes: int) -> dict[str, Skills]:
    """Occupation URI -> its skills, in the file's order; bad rows name their line."""
    header, rows = read_csv(body, max_bytes)
    _require_columns(header, ("occupationUri", "relationType", "skillUri"))
    relations: dict[str, Skills] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows:
        occupation, skill = row["occupationUri"], row["skillUri"]
        if not OCCUPATION_URI.match(occupation):
            raise _bad(line, "occupationUri", f"{occupation!r} is not an ESCO occupation URI")
        if not SKILL_URI.match(skill):
            raise _bad(line, "skillUri", f"{skill!r} is not an ESCO skill URI")
        relation = row["relationType"]
        if relation not in RELATIONS:
            raise _bad(line, "relationType", f"{relation!r} is neither essential nor optional")
        first = seen.setdefault((occupation, skill), line)
        if first != line:
            raise _bad(line, "skillUri", f"this skill of the occupation is on line {first} too")
        relations.setdefault(occupation, []).append((skill, relation, row.get("skillType", "")))
    return relations


async def _occupation_ids(session: AsyncSession, uris: list[str]) -> dict[str, UUID]:
    found: dict[str, UUID] = {}
    for start in range(0, len(uris), CHUNK):
        chunk = uris[start : start + CHUNK]
        rows = await session.execute(
            select(Occupation.uri, Occupation.id).where(Occupation.uri.in_(chunk))
        )
        found.update(dict(rows.tuples().all()))
    return {uri: found[uri] for uri in uris if uri in found}


async def _current_skills(session: AsyncSession, ids: list[UUID]) -> dict[UUID, Skills]:
    current: dict[UUID, Skills] = {}
    for start in range(0, len(ids), CHUNK):
        rows = await session.execute(
            select(
                OccupationSkill.occupation_id,
                OccupationSkill.skill_uri,
                OccupationSkill.relation,
                OccupationSkill.skill_type,
            )
            .where(OccupationSkill.occupation_id.in_(ids[start : start + CHUNK]))
            .order_by(OccupationSkill.occupation_id, OccupationSkill.position)
        )
        for occupation_id, uri, relation, skill_type in rows:
            current.setdefault(occupation_id, []).append((uri, relation, skill_type))
    return current


def _skill_rows(occupation_id: UUID, skills: Skills) -> list[dict[str, object]]:
    return [
        {
            "occupation_id": occupation_id,
            "skill_uri": uri,
            "relation": relation,
            "skill_type": skill_type,
            "position": position,
        }
        for position, (uri, relation, skill_type) in enumerate(skills)
    ]


# ---------------------------------------------------------------- helpers


def _require_columns(header: list[str], required: tuple[str, ...]) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        raise CsvFormatError("csv-missing-column", f"missing column(s): {', '.join(missing)}")


def _bad(line: int, column: str, message: str) -> EscoCsvError:
    return EscoCsvError(f"line {line}, column {column}: {message}", row=line, field=column)


def _some(uris: list[str]) -> str:
    named = ", ".join(uris[:NAMED_IN_WARNING])
    more = len(uris) - NAMED_IN_WARNING
    return named if more <= 0 else f"{named} and {more} more"
