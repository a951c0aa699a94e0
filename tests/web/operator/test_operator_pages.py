"""The operator pages over HTTP: import with a preview and applying exactly the previewed
file, refusals as pages naming the line, frameworks with their competences, occupations."""

from __future__ import annotations

import re
from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.public import import_format_names
from registry.models import OperatorUpload
from registry.web.messages import MESSAGES
from tests.catalogue.helpers import Catalogue
from tests.catalogue.test_ctdl_import import FRAMEWORK as CTDL_FRAMEWORK
from tests.catalogue.test_edudex_import import WARMTEPOMP
from tests.catalogue.test_edudex_runs import without_run
from tests.catalogue.test_occupations import (
    OCCUPATIONS_EN,
    OCCUPATIONS_NL,
    RELATIONS,
    SOLAR_TECHNICIAN,
)
from tests.web.helpers import Browser, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
APPLY = re.compile(r'action="(/beheer/importeren/[0-9a-f-]{36})"')


async def operator(
    client: Client, sessionmaker: Maker, email: str = "beheer@example.nl"
) -> Browser:
    return await signed_in(client, sessionmaker, "operator", email)


async def preview(browser: Browser, body: bytes, fmt: str, language: str = "") -> Any:
    return await browser.post(
        "/beheer/importeren",
        {"format": fmt, "language": language},
        files={"bestand": ("occupations_nl.csv", body, "text/csv")},
    )


async def occupations_total(client: Client) -> int:
    total: int = (await client.get("/api/catalogue/occupations")).json()["total"]
    return total


async def uploads(sessionmaker: Maker) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(OperatorUpload)) or 0)


async def test_the_operator_previews_then_applies_the_same_file(
    client: Client, sessionmaker: Maker
) -> None:
    browser = await operator(client, sessionmaker)
    form = await browser.get("/beheer/importeren")
    assert form.status_code == 200
    assert "ESCO-beroepen (CSV)" in form.text
    assert "Opleidingen (Europass ELM, XML)" in form.text
    assert "Kwalificatiedossiers van SBB (XML)" in form.text

    shown = await preview(browser, OCCUPATIONS_NL, "esco-occupations", "nl")
    assert shown.status_code == 200, shown.text
    assert "Dit verandert er" in shown.text
    assert "<dt>Nieuw</dt>" in shown.text
    assert "32 beroepen" in shown.text
    # A preview keeps nothing in the catalogue; only the file, for applying it.
    assert (await occupations_total(client), await uploads(sessionmaker)) == (0, 1)

    match = APPLY.search(shown.text)
    assert match is not None
    applied = await browser.post(match.group(1))
    assert applied.status_code == 200, applied.text
    assert "Het bestand is ingelezen" in applied.text
    assert "32 beroepen" in applied.text
    assert (await occupations_total(client), await uploads(sessionmaker)) == (32, 0)
    # Applied once: the kept file is gone, so a second press imports nothing again.
    again = await browser.post(match.group(1))
    assert again.status_code == 410
    assert "Kies het bestand opnieuw" in again.text

    # The same file again: the preview says nothing changes.
    same = await preview(browser, OCCUPATIONS_NL, "esco-occupations", "nl")
    assert "Er verandert niets" in same.text
    assert "32 beroepen" in same.text


async def test_a_preview_is_only_its_operators(client: Client, sessionmaker: Maker) -> None:
    first = await operator(client, sessionmaker)
    shown = await preview(first, OCCUPATIONS_EN, "esco-occupations", "en")
    match = APPLY.search(shown.text)
    assert match is not None
    client.cookies.clear()
    second = await operator(client, sessionmaker, "ander-beheer@example.nl")
    refused = await second.post(match.group(1))
    assert refused.status_code == 410
    assert await occupations_total(client) == 0


async def test_a_bad_file_is_a_page_naming_the_line_and_keeps_nothing(
    client: Client, sessionmaker: Maker
) -> None:
    browser = await operator(client, sessionmaker)
    broken = OCCUPATIONS_EN.replace(b"occupation/114e1eff-215e-47df-8e10-45a5b72f8197", b"x", 1)
    refused = await preview(browser, broken, "esco-occupations", "en")
    assert refused.status_code == 422
    assert "Dit bestand kan niet worden ingelezen" in refused.text
    assert "Een regel in het ESCO-bestand klopt niet." in refused.text
    assert "line 24, column conceptUri: " in refused.text
    assert (await occupations_total(client), await uploads(sessionmaker)) == (0, 0)

    unnamed = await preview(browser, OCCUPATIONS_NL, "esco-occupations")
    assert unnamed.status_code == 422
    assert "Kies de taal van het bestand" in unnamed.text

    # A refusal the pages have no words for: its English detail is labelled as English.
    doctype = await browser.post(
        "/beheer/importeren",
        {"format": "elm", "language": ""},
        files={"bestand": ("x.xml", b"<!DOCTYPE x><x/>", "application/xml")},
    )
    assert doctype.status_code == 400
    assert "<p>Het bestand klopt niet.</p>" in doctype.text
    assert "Wat er mis is (in het Engels):" in doctype.text
    assert '<p lang="en"><code>DOCTYPE declarations are not accepted</code></p>' in doctype.text

    empty = await browser.post("/beheer/importeren", {"format": "", "language": ""})
    assert empty.status_code == 400
    assert "Kies wat voor bestand het is." in empty.text
    assert "Kies een bestand." in empty.text


async def test_frameworks_and_occupations_pages(
    client: Client, sessionmaker: Maker, cat: Catalogue
) -> None:
    for body, params in [
        (OCCUPATIONS_EN, {"format": "esco-occupations", "language": "en"}),
        (OCCUPATIONS_NL, {"format": "esco-occupations", "language": "nl"}),
        (RELATIONS, {"format": "esco-occupation-skills"}),
    ]:
        response = await client.post(
            "/api/catalogue/import",
            params=params,
            content=body,
            headers={**cat.operator, "Content-Type": "text/csv"},
        )
        assert response.status_code in {200, 201}, response.text
    browser = await operator(client, sessionmaker)

    frameworks = await browser.get("/beheer/kaders")
    assert frameworks.status_code == 200
    assert 'href="/beheer/kaders/esco"' in frameworks.text
    assert "3 competenties" in frameworks.text
    framework = await browser.get("/beheer/kaders/esco", params={"q": "warmtepomp"})
    assert "warmtepomp installeren" in framework.text
    assert "laadpalen installeren" not in framework.text
    assert (await browser.get("/beheer/kaders/onbekend")).status_code == 404

    found = await browser.get("/beheer/beroepen", params={"q": "PV-monteur"})
    assert "1 beroep gevonden" in found.text  # singular for one
    browser.client.cookies.set("lang", "en")
    english = await browser.get("/beheer/beroepen", params={"q": "PV-monteur"})
    assert "1 occupation found" in english.text
    assert "1 occupations" not in english.text
    browser.client.cookies.delete("lang")
    assert "monteur zonnepanelen" in found.text
    solar = (await client.get("/api/catalogue/occupations", params={"q": "PV-monteur"})).json()
    [item] = solar["items"]
    assert item["uri"] == SOLAR_TECHNICIAN
    detail = await browser.get(f"/beheer/beroepen/{item['id']}")
    assert detail.status_code == 200
    assert "Nodig vanaf het begin (21)" in detail.text
    assert "Kan iemand leren in het werk (67)" in detail.text
    assert "PV-installateur" in detail.text


async def test_only_the_operator_sees_the_operator_pages(
    client: Client, sessionmaker: Maker
) -> None:
    browser = await signed_in(client, sessionmaker, "worker", "werker@example.nl")
    for path in ("/beheer", "/beheer/importeren", "/beheer/kaders", "/beheer/beroepen"):
        assert (await browser.get(path)).status_code == 403, path
    home = await (await operator(client, sessionmaker)).get("/beheer")
    assert 'href="/beheer/importeren"' in home.text
    assert 'aria-current="page"' in home.text


async def test_a_framework_page_shows_its_tree_else_a_list(
    client: Client, sessionmaker: Maker, cat: Catalogue
) -> None:
    response = await client.post(
        "/api/catalogue/import",
        params={"format": "ctdl"},
        content=CTDL_FRAMEWORK,
        headers={**cat.operator, "Content-Type": "application/ld+json"},
    )
    assert response.status_code == 201, response.text
    browser = await operator(client, sessionmaker)
    slug = "ce-5b0c7a3e-3f1d-4f0e-9a51-6d2f0b9e1a01"
    page = (await browser.get(f"/beheer/kaders/{slug}")).text
    assert "De competenties staan in de boom van het kader" in page
    assert "6 competenties" in page
    # WP-A holds its children in its own list, in hasChild order; WP-C1 is outside the tree.
    tree = re.sub(r"\s+", " ", page)
    assert re.search(
        r"<li class=\"node\"><strong>WP-A</strong> Warmtepompsysteem voorbereiden <ul "
        r"class=\"competences\"> <li><strong>WP-A2</strong>[^<]*</li><li><strong>WP-A1</strong>",
        tree,
    ), tree
    assert "Competenties zonder onderdeel" in page
    assert page.index("Competenties zonder onderdeel") < page.index("WP-C1")
    # A search lists what it finds; a framework without a tree is a list.
    found = (await browser.get(f"/beheer/kaders/{slug}", params={"q": "storing"})).text
    assert ("WP-C1" in found, "WP-A2" in found, 'class="node"' in found) == (True, False, False)
    flat = (await browser.get("/beheer/kaders/esco")).text
    assert ("De competenties staan in een lijst" in flat, 'class="node"' in flat) == (True, False)


def test_every_import_format_has_a_dutch_and_an_english_label() -> None:
    for name in import_format_names():
        key = f"operator.format.{name}"
        assert key in MESSAGES, name
        dutch, english = MESSAGES[key]
        assert dutch.strip() != "", name
        assert english.strip() != "", name


async def test_the_preview_names_a_run_an_edudex_import_cancels(
    client: Client, sessionmaker: Maker, cat: Catalogue
) -> None:
    imported = await client.post(
        "/api/catalogue/import",
        params={"format": "edudex", "provider": "opleider-a"},
        content=WARMTEPOMP,
        headers={**cat.operator, "Content-Type": "application/xml"},
    )
    assert imported.status_code == 201, imported.text
    browser = await operator(client, sessionmaker)
    shown = await browser.post(
        "/beheer/importeren",
        {"format": "edudex", "language": "", "provider": "opleider-a"},
        files={"bestand": ("wp.xml", without_run(WARMTEPOMP, "ZWL-2027-06"), "application/xml")},
    )
    assert shown.status_code == 200, shown.text
    assert "<dt>Gewijzigd</dt>" in shown.text
    assert re.search(
        r"<li lang=\"en\">program WP-2027/01: run [0-9a-f-]{36} \(Zwolle, 2027-05-31\) is no "
        r"longer listed and was cancelled</li>",
        shown.text,
    )
    # Without a provider, the document's orgUnitId names none: a page that says so.
    unnamed = await browser.post(
        "/beheer/importeren",
        {"format": "edudex", "language": "", "provider": ""},
        files={"bestand": ("wp.xml", WARMTEPOMP, "application/xml")},
    )
    assert unnamed.status_code == 422
    assert "We kennen de aanbieder in het bestand niet (orgUnitId)." in unnamed.text
