"""SBB kwalificatiedossier XML (`POST /api/catalogue/import?format=sbb`) on SBB's own files
(tests/catalogue/documents/README.md): the framework version, its werkprocessen and profielen
come out with the exact codes, dates and links; the same file again changes nothing; a newer
version keeps the old one resolvable; broken input changes nothing and names the problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient

from tests.catalogue.helpers import HEAT_PUMP, Catalogue
from tests.conftest import BASE_URL

DOCUMENTS = Path(__file__).parent / "documents"
DIENSTVERLENING = (DOCUMENTS / "sbb-2755-dienstverlening.xml").read_bytes()
SOCIAAL_WERK = (DOCUMENTS / "sbb-2637-sociaal-werk.xml").read_bytes()
DOSSIER = f"{BASE_URL}/api/catalogue/kwalificatiedossiers/23189/2015-11-26"
XML = {"Content-Type": "application/xml"}


async def sbb_import(
    cat: Catalogue, body: bytes, *, dry_run: bool = False, headers: dict[str, str] | None = None
) -> Any:
    params = {"format": "sbb", **({"dryRun": "true"} if dry_run else {})}
    return await cat.client.post(
        "/api/catalogue/import",
        params=params,
        content=body,
        headers={**(cat.operator if headers is None else headers), **XML},
    )


def counts(report: dict[str, Any], outcome: str) -> tuple[int, int, int]:
    part = report[outcome]
    return (part["frameworks"], part["competences"], part["qualifications"])


async def competence(client: AsyncTestClient[Any], uri: str) -> dict[str, Any]:
    response = await client.get("/api/catalogue/competences/by-uri", params={"uri": uri})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_the_documents_are_sbbs_own_form() -> None:
    for body in (DIENSTVERLENING, SOCIAAL_WERK):
        assert body.startswith(b"\xef\xbb\xbf<?xml")
        assert b"\n<sbb>\n" in body[:60]
    assert b'Geldig_vanaf="01-08-2015"' in DIENSTVERLENING
    assert b'prijsfactor="1,30"' in DIENSTVERLENING


async def test_a_dossier_becomes_a_framework_its_werkprocessen_and_profielen(
    cat: Catalogue,
) -> None:
    response = await sbb_import(cat, DIENSTVERLENING)
    assert response.status_code == 201, response.text
    report = response.json()
    # 9 basis werkprocessen and 3 of each of the 3 profielen; each profiel a qualification.
    assert counts(report, "created") == (1, 18, 3)
    assert report["warnings"] == []
    first = await competence(cat.client, f"{DOSSIER}/B1-K1-W1")
    assert (first["code"], first["label"], first["framework"], first["frameworkVersion"]) == (
        "B1-K1-W1",
        "Bereidt werkzaamheden voor en stemt af",
        "sbb-23189-2015-11-26",
        "2015-11-26",
    )
    # Codes follow the hoofdstuk order, not SBB's own numbers (986405 is hoofdstuk 9).
    ninth = await competence(cat.client, f"{DOSSIER}/B1-K1-W9")
    assert ninth["label"] == "Evalueert de werkzaamheden"
    profile = await competence(cat.client, f"{DOSSIER}/P3-K1-W3")
    assert profile["label"] == "Houdt toezicht"
    # The URI itself answers with the competence.
    direct = await cat.client.get(f"{DOSSIER}/P3-K1-W3".removeprefix(BASE_URL))
    assert direct.status_code == 200, direct.text
    assert direct.json() == profile


async def test_a_dry_run_previews_the_dossier_and_keeps_nothing(cat: Catalogue) -> None:
    preview = await sbb_import(cat, DIENSTVERLENING, dry_run=True)
    assert preview.status_code == 200, preview.text
    assert (preview.json()["dryRun"], counts(preview.json(), "created")) == (True, (1, 18, 3))
    missing = await cat.client.get(
        "/api/catalogue/competences/by-uri", params={"uri": f"{DOSSIER}/B1-K1-W1"}
    )
    assert missing.status_code == 404
    applied = await sbb_import(cat, DIENSTVERLENING)
    assert counts(applied.json(), "created") == (1, 18, 3)


async def test_the_same_file_twice_changes_nothing(cat: Catalogue) -> None:
    assert (await sbb_import(cat, DIENSTVERLENING)).status_code == 201
    again = await sbb_import(cat, DIENSTVERLENING)
    assert again.status_code == 200, again.text
    report = again.json()
    assert counts(report, "unchanged") == (1, 18, 3)
    assert counts(report, "created") == counts(report, "updated") == (0, 0, 0)


async def test_only_the_operator_imports_a_dossier(cat: Catalogue) -> None:
    response = await sbb_import(cat, DIENSTVERLENING, headers=cat.provider_a)
    assert response.status_code == 403, response.text


async def test_a_newer_version_keeps_the_old_one_resolvable(cat: Catalogue) -> None:
    assert (await sbb_import(cat, DIENSTVERLENING)).status_code == 201
    newer = DIENSTVERLENING.replace(
        b"<vastgesteldop>26-11-2015</vastgesteldop>", b"<vastgesteldop>01-03-2017</vastgesteldop>"
    ).replace(b'titel="Houdt toezicht"', b'titel="Houdt toezicht en grijpt in"')
    response = await sbb_import(cat, newer)
    assert response.status_code == 201, response.text
    # A new framework version with all its werkprocessen; the profielen move to it.
    assert counts(response.json(), "created") == (1, 18, 0)
    assert counts(response.json(), "updated") == (0, 0, 3)
    old = await competence(cat.client, f"{DOSSIER}/P3-K1-W3")
    new_uri = f"{BASE_URL}/api/catalogue/kwalificatiedossiers/23189/2017-03-01/P3-K1-W3"
    new = await competence(cat.client, new_uri)
    assert (old["label"], old["frameworkVersion"]) == ("Houdt toezicht", "2015-11-26")
    assert (new["label"], new["frameworkVersion"]) == ("Houdt toezicht en grijpt in", "2017-03-01")
    # The older file again moves nothing back.
    older = await sbb_import(cat, DIENSTVERLENING)
    assert counts(older.json(), "unchanged") == (1, 18, 3)
    assert len(older.json()["warnings"]) == 3


async def test_two_dossiers_side_by_side(cat: Catalogue) -> None:
    assert (await sbb_import(cat, DIENSTVERLENING)).status_code == 201
    response = await sbb_import(cat, SOCIAAL_WERK)
    assert response.status_code == 201, response.text
    # Sociaal werk: 10 basis werkprocessen in 2 kerntaken, 2 profielen with 3 each.
    assert counts(response.json(), "created") == (1, 16, 2)
    second = await competence(
        cat.client, f"{BASE_URL}/api/catalogue/kwalificatiedossiers/23185/2015-11-26/B1-K2-W1"
    )
    assert second["code"] == "B1-K2-W1"


async def test_broken_dossiers_change_nothing_and_name_the_problem(cat: Catalogue) -> None:
    cases = [
        (
            DIENSTVERLENING.replace(b'Geldig_vanaf="01-08-2015"', b'Geldig_vanaf="2015-08-01"', 1),
            "'2015-08-01' is not a date dd-mm-yyyy",
        ),
        (
            DIENSTVERLENING.replace(
                b'<competentie referentie="3088" />', b'<competentie referentie="1" />', 1
            ),
            "refers to competentie 1, which the document does not have",
        ),
        (
            DIENSTVERLENING.replace(
                b'titel="Maakt ruimtes gebruiksklaar" hoofdstuk="2"',
                b'titel="Maakt ruimtes gebruiksklaar" hoofdstuk="1"',
            ),
            "hoofdstuk '1' appears twice",
        ),
        (DIENSTVERLENING.replace(b"<sbb>", b"<kd>").replace(b"</sbb>", b"</kd>"), "must be <sbb>"),
    ]
    for body, problem in cases:
        response = await sbb_import(cat, body)
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "sbb-dossier-invalid"
        assert problem in response.json()["detail"]
        assert response.json()["detail"].startswith("line ")
    frameworks = (await cat.client.get("/api/catalogue/frameworks")).json()
    assert [f["slug"] for f in frameworks] == ["esco"]


async def test_the_framework_shows_its_tree(cat: Catalogue) -> None:
    assert (await sbb_import(cat, DIENSTVERLENING)).status_code == 201
    by_slug = await cat.client.get("/api/catalogue/frameworks/sbb-23189-2015-11-26")
    assert by_slug.status_code == 200, by_slug.text
    tree = by_slug.json()
    by_id = await cat.client.get(f"/api/catalogue/frameworks/{tree['id']}")
    assert by_id.json() == tree
    assert (tree["uri"], tree["version"], tree["issuedOn"], tree["series"]) == (
        DOSSIER,
        "2015-11-26",
        "2015-11-26",
        "sbb:23189",
    )
    details = tree["details"]
    assert (details["validFrom"], details["priceFactor"], details["crebo"]) == (
        "2015-08-01",
        "1.10",
        "23189",
    )
    assert [(n["kind"], n["code"]) for n in tree["nodes"]] == [
        ("basis", "B1"),
        ("profiel", "P1"),
        ("profiel", "P2"),
        ("profiel", "P3"),
    ]
    assert tree["nodes"][2]["details"]["crebo"] == "25498"
    kerntaak = tree["nodes"][0]["children"][0]
    assert (kerntaak["code"], kerntaak["label"]) == (
        "B1-K1",
        "Voert dienstverlenende werkzaamheden uit",
    )
    werkprocessen = kerntaak["competences"]
    assert [w["code"] for w in werkprocessen] == [f"B1-K1-W{i}" for i in range(1, 10)]
    first = werkprocessen[0]
    # SBB's competenties and kennis en vaardigheden are details of the werkproces.
    assert [c["code"] for c in first["details"]["competenties"]] == ["E", "K", "Q", "T"]
    assert len(first["details"]["kennisEnVaardigheden"]) == 24
    assert (first["node"], first["details"]["kerntaak"]) == ("B1-K1", "B1-K1")
    assert first["description"].startswith("De beroepsbeoefenaar ontvangt werkopdrachten")
    assert (tree["competences"], tree["competenceCount"]) == ([], 18)
    assert [v["version"] for v in tree["versions"]] == ["2015-11-26"]
    listed = (await cat.client.get("/api/catalogue/frameworks")).json()
    assert [(f["slug"], f["source"], f["series"], f["issuedOn"]) for f in listed] == [
        ("esco", None, None, None),
        ("sbb-23189-2015-11-26", "sbb", "sbb:23189", "2015-11-26"),
    ]


async def test_competences_of_a_framework_by_dutch_label_without_accents(
    cat: Catalogue,
) -> None:
    assert (await sbb_import(cat, DIENSTVERLENING)).status_code == 201
    for framework in ("sbb-23189-2015-11-26", DOSSIER):
        response = await cat.client.get(
            "/api/catalogue/competences", params={"framework": framework, "q": "CLIËNT"}
        )
        assert response.status_code == 200, response.text
        # "Ondersteunt bij persoonlijke zorg en ADL" has no "client" in its label: only the
        # labels are searched.
        assert response.json()["total"] == 0
    found = await cat.client.get(
        "/api/catalogue/competences", params={"framework": DOSSIER, "q": "VOORRAADBEHEER"}
    )
    assert [c["code"] for c in found.json()["items"]] == ["B1-K1-W5"]
    accents = await cat.client.get(
        "/api/catalogue/competences", params={"framework": DOSSIER, "q": "recreatieve"}
    )
    assert [c["code"] for c in accents.json()["items"]] == ["P2-K1-W3"]
    unknown = await cat.client.get("/api/catalogue/competences", params={"framework": "nope"})
    assert unknown.status_code == 404


async def test_hostile_or_oversized_dossiers_are_refused(cat: Catalogue) -> None:
    entity = DIENSTVERLENING.replace(
        b"<sbb>", b'<!DOCTYPE sbb [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<sbb>', 1
    )
    refused = await sbb_import(cat, entity)
    assert (refused.status_code, refused.json()["code"]) == (400, "xml-doctype-forbidden")
    too_large = await sbb_import(cat, DIENSTVERLENING + b" " * 5_000_000)
    assert too_large.status_code == 413, too_large.text
    frameworks = (await cat.client.get("/api/catalogue/frameworks")).json()
    assert [f["slug"] for f in frameworks] == ["esco"]


async def test_a_hand_made_qualification_with_a_profiels_crebo_is_left_alone(
    cat: Catalogue,
) -> None:
    body = {"code": "25498", "title": "Eigen profiel", "requiredCompetences": [HEAT_PUMP]}
    made = await cat.client.post("/api/catalogue/qualifications", json=body, headers=cat.operator)
    assert made.status_code == 201, made.text
    response = await sbb_import(cat, DIENSTVERLENING)
    assert (response.status_code, response.json()["code"]) == (409, "qualification-not-imported")
    frameworks = (await cat.client.get("/api/catalogue/frameworks")).json()
    assert [f["slug"] for f in frameworks] == ["esco"]
    kept = await cat.client.get(f"/api/catalogue/qualifications/{made.json()['id']}")
    assert kept.json()["title"] == "Eigen profiel"


async def test_a_corrected_file_of_the_same_version_updates_it_in_place(
    cat: Catalogue,
) -> None:
    assert (await sbb_import(cat, DIENSTVERLENING)).status_code == 201
    corrected = DIENSTVERLENING.replace(
        b'titel="Houdt toezicht"', b'titel="Houdt toezicht op de veiligheid"'
    )
    response = await sbb_import(cat, corrected)
    assert response.status_code == 200, response.text
    report = response.json()
    assert counts(report, "updated") == (1, 1, 0)
    assert counts(report, "unchanged") == (0, 17, 3)
    fixed = await competence(cat.client, f"{DOSSIER}/P3-K1-W3")
    assert (fixed["label"], fixed["node"]) == ("Houdt toezicht op de veiligheid", "P3-K1")
    tree = (await cat.client.get("/api/catalogue/frameworks/sbb-23189-2015-11-26")).json()
    assert [len(n["children"]) for n in tree["nodes"]] == [1, 1, 1, 1]
    assert tree["competenceCount"] == 18
