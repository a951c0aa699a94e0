"""ESCO occupations and their skills: the imports `esco-occupations` and
`esco-occupation-skills` on real ESCO v1.1.1 rows (tests/catalogue/documents/README.md), the
search in Dutch, one occupation with its skills, and what a job profile takes from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.esco import ESCO_GREEN_SKILLS_CSV
from catalogue.imports.formats import ESCO_OCCUPATIONS_MAX_BYTES
from catalogue.occupations import occupation_requirements
from schemas.errors.catalogue import OccupationNotFoundError
from tests.catalogue.helpers import Catalogue
from tests.conftest import Accounts

DOCUMENTS = Path(__file__).parent / "documents"
OCCUPATIONS_EN = (DOCUMENTS / "occupations_en.csv").read_bytes()
OCCUPATIONS_NL = (DOCUMENTS / "occupations_nl.csv").read_bytes()
RELATIONS = (DOCUMENTS / "occupationSkillRelations.csv").read_bytes()
ESCO = "http://data.europa.eu/esco"
SOLAR_TECHNICIAN = f"{ESCO}/occupation/75b63949-1b93-4bf2-a777-ccf978dc3e8a"
HEAT_PUMP_TECHNICIAN = f"{ESCO}/occupation/8234eee9-1647-460d-8d62-7fe02cb884b0"
SMART_HOME_INSTALLER = f"{ESCO}/occupation/15a7e87c-f7d5-4a60-bab7-9636b76143fe"
# The first and last relation of the solar energy technician in ESCO's file.
SOLAR_FIRST_SKILL = f"{ESCO}/skill/05e5e14f-ffa6-4106-b311-c6335ccc2bd2"
SOLAR_LAST_SKILL = f"{ESCO}/skill/f5b33464-4df9-4cf3-b468-b0a2d6b3ee85"
# "install heat pump", in the green skills file and in the catalogue fixture.
INSTALL_HEAT_PUMP = f"{ESCO}/skill/00735755-adc6-4ea0-b034-b8caff339c9f"


async def _import(
    client: AsyncTestClient[Any],
    headers: dict[str, str],
    body: bytes,
    fmt: str = "esco-occupations",
    **params: str,
) -> Any:
    return await client.post(
        "/api/catalogue/import",
        params={"format": fmt, **params},
        content=body,
        headers={**headers, "Content-Type": "text/csv"},
    )


def _counts(response: Any, kind: str = "occupations") -> tuple[int, int, int, int]:
    report = response.json()
    return tuple(
        report[outcome][kind] for outcome in ("created", "updated", "withdrawn", "unchanged")
    )  # type: ignore[return-value]


async def _both_languages(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    english = await _import(client, cat.operator, OCCUPATIONS_EN, language="en")
    assert (english.status_code, _counts(english)) == (201, (32, 0, 0, 0)), english.text
    dutch = await _import(client, cat.operator, OCCUPATIONS_NL, language="nl")
    assert (dutch.status_code, _counts(dutch)) == (200, (0, 32, 0, 0)), dutch.text


async def _find(client: AsyncTestClient[Any], q: str) -> dict[str, Any]:
    response = await client.get("/api/catalogue/occupations", params={"q": q, "limit": 100})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def _id_of(client: AsyncTestClient[Any], uri: str) -> str:
    found = await _find(client, "")
    return next(item["id"] for item in found["items"] if item["uri"] == uri)


async def test_the_english_and_the_dutch_file_merge_by_concept_uri(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await _both_languages(client, cat)
    occupation = await client.get(
        f"/api/catalogue/occupations/{await _id_of(client, SOLAR_TECHNICIAN)}"
    )
    body = occupation.json()
    assert (body["uri"], body["code"], body["iscoGroup"], body["status"]) == (
        SOLAR_TECHNICIAN,
        "7411.1.4",
        "7411",
        "released",
    )
    assert body["label"] == "monteur zonnepanelen"
    assert body["labels"] == {"en": "solar energy technician", "nl": "monteur zonnepanelen"}
    # altLabels: one a line inside a quoted field, in ESCO's order.
    assert body["altLabels"]["nl"] == [
        "installateur fotovoltaïsche panelen",
        "plaatser van zonnepanelen",
        "PV-installateur",
        "elektricien zonne-energie",
        "PV-monteur",
        "monteuse zonnepanelen",
        "elektromonteur zonnepanelen",
        "installateur zonnepanelen",
    ]
    assert len(body["altLabels"]["en"]) == 27
    assert body["altLabels"]["en"][:2] == [
        "solar operations and maintenance technician",
        "photovoltaic energy installer",
    ]
    assert body["descriptions"]["en"].startswith("Solar energy technicians install")
    assert set(body["descriptions"]) == {"en", "nl"}
    # ESCO's own label ends in a space; cells are read stripped.
    found = await _find(client, "slimme woning")
    assert [(i["uri"], i["labels"]) for i in found["items"]] == [
        (SMART_HOME_INSTALLER, {"en": "smart home installer", "nl": "monteurs slimme woning"})
    ]


async def test_the_same_file_twice_changes_nothing(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await _both_languages(client, cat)
    for body, language in ((OCCUPATIONS_EN, "en"), (OCCUPATIONS_NL, "nl")):
        again = await _import(client, cat.operator, body, language=language)
        assert (again.status_code, _counts(again)) == (200, (0, 0, 0, 32))


async def test_a_dry_run_previews_and_keeps_nothing(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    preview = await _import(client, cat.operator, OCCUPATIONS_NL, language="nl", dryRun="true")
    assert (preview.status_code, preview.json()["dryRun"], _counts(preview)) == (
        200,
        True,
        (32, 0, 0, 0),
    )
    assert (await _find(client, ""))["total"] == 0


async def test_search_in_dutch_finds_compounds_alt_labels_and_ignores_accents(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await _both_languages(client, cat)
    monteur = await _find(client, "monteur")
    labels = [item["label"] for item in monteur["items"]]
    assert monteur["total"] == 14
    # Preferred labels that start with the query first, then the rest (inside compounds too).
    assert set(labels[:8]) == {
        "monteur elektrische installaties",
        "monteur elektrische installaties gebouwen",
        "monteur elektrische installaties utiliteitsbouw",
        "monteur elektrische installaties woningbouw",
        "monteur openbare verlichting",
        "monteur verwarmings- en ventilatietechniek",
        "monteur zonnepanelen",
        "monteurs slimme woning",
    }
    assert set(labels[8:]) == {
        "elektromechanicus",  # an alternative label has "monteur"
        "gasmonteur",
        "isoleerder",
        "technicus koel-, lucht- en verwarmingstechniek",
        "technicus verwarmings- en airconditioningsinstallaties",
        "verwarmingsmonteur",
    }
    for query, uri in [
        ("PV-monteur", SOLAR_TECHNICIAN),  # a Dutch alternative label
        ("fotovoltaische", SOLAR_TECHNICIAN),  # without the diaeresis of fotovoltaïsche
        ("Monteur  ZON", SOLAR_TECHNICIAN),  # every word, anywhere, any case
        ("warmtepomp", HEAT_PUMP_TECHNICIAN),
        ("heat pump", HEAT_PUMP_TECHNICIAN),  # English labels are searched too
    ]:
        found = await _find(client, query)
        assert [item["uri"] for item in found["items"]] == [uri], query
    assert (await _find(client, "elektricien"))["total"] == 6
    # LIKE wildcards in a query are plain characters.
    assert (await _find(client, "%"))["total"] == 0
    assert (await _find(client, ""))["total"] == 32


async def test_skills_of_occupations_with_and_without_catalogue_labels(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    skills = await client.post(
        "/api/catalogue/competences/import",
        params={"framework": "esco", "format": "esco", "language": "en"},
        content=ESCO_GREEN_SKILLS_CSV.read_bytes(),
        headers=cat.operator,
    )
    assert skills.status_code == 201, skills.text
    await _both_languages(client, cat)
    relations = await _import(client, cat.operator, RELATIONS, "esco-occupation-skills")
    assert (relations.status_code, _counts(relations)) == (200, (0, 32, 0, 0)), relations.text
    # 590 distinct skills, 115 of them green skills; the catalogue fixture adds none of ESCO's
    # others, so 475 are kept by URI only.
    [warning] = relations.json()["warnings"]
    assert warning.startswith("475 of the 590 skills are not in the catalogue")
    again = await _import(client, cat.operator, RELATIONS, "esco-occupation-skills")
    assert (_counts(again), again.json()["warnings"]) == ((0, 0, 0, 32), [warning])

    detail = (
        await client.get(f"/api/catalogue/occupations/{await _id_of(client, SOLAR_TECHNICIAN)}")
    ).json()
    essential, optional = detail["essentialSkills"], detail["optionalSkills"]
    assert (len(essential), len(optional)) == (21, 67)
    assert (essential[0]["uri"], optional[-1]["uri"]) == (SOLAR_FIRST_SKILL, SOLAR_LAST_SKILL)
    assert essential[0]["skillType"] == "knowledge"
    assert sum(skill["known"] for skill in essential + optional) == 13
    unknown = next(skill for skill in essential if not skill["known"])
    assert (unknown["label"], unknown["labels"]) == (None, {})
    heat_pump = (
        await client.get(f"/api/catalogue/occupations/{await _id_of(client, HEAT_PUMP_TECHNICIAN)}")
    ).json()
    installs = [s for s in heat_pump["essentialSkills"] if s["uri"] == INSTALL_HEAT_PUMP]
    # The label is the catalogue's (the fixture's Dutch one; the English file kept it).
    assert [(s["known"], s["label"]) for s in installs] == [(True, "warmtepomp installeren")]


async def test_relations_of_occupations_not_imported_are_skipped_with_a_warning(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    response = await _import(client, cat.operator, RELATIONS, "esco-occupation-skills")
    assert (response.status_code, _counts(response)) == (200, (0, 0, 0, 0))
    assert response.json()["warnings"][0].startswith(
        "32 occupation(s) of this file are not in the catalogue, so their 1562 skill "
        "relation(s) were skipped"
    )


async def test_an_occupation_no_longer_released_is_withdrawn(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await _both_languages(client, cat)
    solar = OCCUPATIONS_NL.index(SOLAR_TECHNICIAN.encode())
    released = OCCUPATIONS_NL.index(b",released,", solar)
    edited = OCCUPATIONS_NL[:released] + b",obsolete," + OCCUPATIONS_NL[released + 10 :]
    response = await _import(client, cat.operator, edited, language="nl")
    assert _counts(response) == (0, 0, 1, 31)
    assert (await _find(client, "zonnepanelen"))["total"] == 0
    assert (await _find(client, ""))["total"] == 31


async def test_bad_files_name_the_line_and_change_nothing(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await _both_languages(client, cat)
    # The third occupation starts on line 24: the ones above span lines (altLabels).
    # The English file named as Dutch: the rows before the broken one would relabel.
    broken = OCCUPATIONS_EN.replace(b"occupation/114e1eff-215e-47df-8e10-45a5b72f8197", b"x", 1)
    response = await _import(client, cat.operator, broken, language="nl")
    problem = response.json()
    assert (response.status_code, problem["code"]) == (422, "invalid-esco-csv")
    assert problem["detail"].startswith("line 24, column conceptUri: ")
    # Had the rows before line 24 been kept, the first would have "nl": "insulation supervisor".
    first = await _find(client, "teamleider isolatie")
    assert [item["labels"]["nl"] for item in first["items"]] == ["teamleider isolatie"]

    lines = RELATIONS.split(b"\r\n")
    lines[100] = lines[100].replace(b",essential,", b",mandatory,")
    response = await _import(client, cat.operator, b"\r\n".join(lines), "esco-occupation-skills")
    assert (response.status_code, response.json()["detail"]) == (
        422,
        "line 101, column relationType: 'mandatory' is neither essential nor optional",
    )
    detail = await client.get(
        f"/api/catalogue/occupations/{await _id_of(client, SOLAR_TECHNICIAN)}"
    )
    assert detail.json()["essentialSkills"] == []

    missing = await _import(client, cat.operator, b"conceptUri,label\r\n", language="nl")
    assert (missing.status_code, missing.json()["code"]) == (400, "csv-missing-column")


async def test_only_the_operator_imports_occupations_in_a_named_language(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    provider = await _import(client, cat.provider_a, OCCUPATIONS_NL, language="nl")
    assert provider.status_code == 403
    unnamed = await _import(client, cat.operator, OCCUPATIONS_NL)
    assert (unnamed.status_code, unnamed.json()["code"]) == (422, "import-language-required")
    other = await _import(client, cat.operator, OCCUPATIONS_NL, language="xx")
    assert (other.status_code, other.json()["code"]) == (422, "import-language-required")
    assert other.json()["detail"] == (
        "an ESCO occupations file holds one language: name it with language=nl or en (not 'xx')"
    )
    too_large = await _import(
        client, cat.operator, b"x" * (ESCO_OCCUPATIONS_MAX_BYTES + 1), language="nl"
    )
    assert (too_large.status_code, too_large.json()["code"]) == (413, "payload-too-large")
    assert too_large.json()["detail"] == (
        f"an import of format esco-occupations is at most {ESCO_OCCUPATIONS_MAX_BYTES} bytes"
    )
    assert (await _find(client, ""))["total"] == 0
    missing = await client.get("/api/catalogue/occupations/00000000-0000-0000-0000-000000000000")
    assert (missing.status_code, missing.json()["code"]) == (404, "occupation-not-found")


async def test_occupation_requirements_for_a_job_profile(
    client: AsyncTestClient[Any],
    cat: Catalogue,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    await _both_languages(client, cat)
    relations = await _import(client, cat.operator, RELATIONS, "esco-occupation-skills")
    assert relations.status_code == 200
    async with sessionmaker() as session:
        requirements = await occupation_requirements(session, SOLAR_TECHNICIAN)
        assert len(requirements) == 88
        assert requirements[0] == (SOLAR_FIRST_SKILL, "at-start")
        assert requirements[-1] == (SOLAR_LAST_SKILL, "can-learn")
        assert [kind for _, kind in requirements] == ["at-start"] * 21 + ["can-learn"] * 67
        with pytest.raises(OccupationNotFoundError):
            await occupation_requirements(session, f"{ESCO}/occupation/not-imported")


async def test_esco_own_mis_encoded_quote_is_read_as_meant(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    # A real row of ESCO v1.1.1's occupations_en.csv (one of twelve teachers' descriptions
    # with "studentsâ\x80\x99": a control character the text rule refuses).
    body = (DOCUMENTS / "occupations_en_ict_teacher.csv").read_bytes()
    assert "students\u00e2\x80\x99 progress" in body.decode()
    response = await _import(client, cat.operator, body, language="en")
    assert (response.status_code, _counts(response)) == (201, (1, 0, 0, 0)), response.text
    assert response.json()["warnings"] == [
        "line 2, column description: a mis-encoded character was read as meant"
    ]
    [found] = (await _find(client, "ICT teacher"))["items"]
    detail = (await client.get(f"/api/catalogue/occupations/{found['id']}")).json()
    assert "monitor the students\u2019 progress" in detail["descriptions"]["en"]
    # Other control characters are still refused, naming the line and column.
    broken = body.replace(b"They prepare", b"They\x01prepare")
    refused = await _import(client, cat.operator, broken, language="nl")
    assert (refused.status_code, refused.json()["detail"]) == (
        422,
        "line 2, description: text may not contain the control character U+0001",
    )


async def test_an_employer_starts_a_job_profile_from_an_occupation(
    client: AsyncTestClient[Any], cat: Catalogue, accounts: Accounts
) -> None:
    await _both_languages(client, cat)
    await _import(client, cat.operator, RELATIONS, "esco-occupation-skills")
    employer = await accounts.headers("employer")
    made = await client.post(
        "/api/job-profiles", json={"fromOccupation": SOLAR_TECHNICIAN}, headers=employer
    )
    assert made.status_code == 201, made.text
    profile = made.json()
    dutch = next(i for i in (await _find(client, "zonne"))["items"] if i["uri"] == SOLAR_TECHNICIAN)
    assert (profile["title"], profile["occupation"]) == (dutch["label"], SOLAR_TECHNICIAN)
    whens = [(r["competence"], r["when"]) for r in profile["requirements"]]
    assert whens[0] == (SOLAR_FIRST_SKILL, "at-start")
    assert [when for _, when in whens] == ["at-start"] * 21 + ["can-learn"] * 67
    unknown = await client.post(
        "/api/job-profiles",
        json={"fromOccupation": f"{ESCO}/occupation/not-imported"},
        headers=employer,
    )
    assert (unknown.status_code, unknown.json()["code"]) == (422, "occupation-unknown")
