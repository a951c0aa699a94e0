"""The public catalogue pages over HTTP: home, search with filters, module, qualifications."""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.catalogue.helpers import CHARGER, HEAT_PUMP, SOLAR, Catalogue
from tests.web.helpers import HTML, Browser, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]
CARD_TITLE = re.compile(r'<h3><a href="/catalogus/modules/[^"]+">([^<]+)</a></h3>')


def titles(html: str) -> list[str]:
    """The module titles on a results page, in order."""
    return CARD_TITLE.findall(html)


@pytest.fixture
async def two(cat: Catalogue) -> dict[str, Any]:
    """Two modules that differ in every filter: Laadpaalmonteur matches, Warmtepomp does not."""
    laadpaal = await cat.module(title="Laadpaalmonteur")
    await cat.run(laadpaal["id"], startDate="2031-03-03", endDate="2031-03-07")
    warmtepomp = await cat.module(
        cat.provider_b,
        title="Warmtepompmonteur",
        summary="Warmtepompen plaatsen.",
        description="Je leert warmtepompen plaatsen en inregelen.",
        level={"scheme": "mbo", "value": 2},
        deliveryMode="classroom",
        sectors=["bouw"],
        competences=[{"uri": HEAT_PUMP}],
        studyLoadHours=24,
        certificate="Deelcertificaat Warmtepomp",
    )
    await cat.run(
        warmtepomp["id"],
        cat.provider_b,
        startDate="2031-06-02",
        endDate="2031-06-06",
        place="Arnhem",
        postcode="6811 AA",
    )
    return {"laadpaal": laadpaal, "warmtepomp": warmtepomp}


# ---------------------------------------------------------------- home


async def test_home_page_has_a_labelled_search_box_and_the_ways_in(client: Client) -> None:
    answer = await Browser(client).get("/")
    assert answer.status_code == 200
    html = answer.text
    assert '<html lang="nl">' in html
    assert "Leren voor werk in de energietransitie" in html
    assert '<form method="get" action="/catalogus"' in html
    assert '<label for="home-q">Wat wil je leren?</label>' in html
    assert 'id="home-q" name="q"' in html
    for link in ("/inloggen", "/account-maken", "/controleren", "/catalogus/kwalificaties"):
        assert f'href="{link}"' in html, link


async def test_home_page_says_you_signed_out(client: Client) -> None:
    assert "Je bent uitgelogd." not in (await Browser(client).get("/")).text
    assert "Je bent uitgelogd." in (await Browser(client).get("/?uitgelogd=1")).text


async def test_home_page_in_english_with_the_language_switch(client: Client) -> None:
    switched = await client.get("/taal/en?next=/", headers=HTML, follow_redirects=False)
    assert switched.status_code == 303
    answer = await Browser(client).get("/")
    assert '<html lang="en">' in answer.text
    assert "Learning for work in the energy transition" in answer.text
    assert "What do you want to learn?" in answer.text


# ---------------------------------------------------------------- search


async def test_search_without_words_lists_every_published_module(
    client: Client, cat: Catalogue, two: dict[str, Any]
) -> None:
    await cat.module(title="Concept dat niemand ziet", publish=False)
    answer = await Browser(client).get("/catalogus")
    assert answer.status_code == 200
    assert titles(answer.text) == ["Laadpaalmonteur", "Warmtepompmonteur"]
    assert "2 opleidingen gevonden." in answer.text


async def test_search_by_words_finds_the_module(client: Client, two: dict[str, Any]) -> None:
    answer = await Browser(client).get("/catalogus?q=laadpaal")
    assert titles(answer.text) == ["Laadpaalmonteur"]
    assert "1 opleiding gevonden." in answer.text
    assert 'value="laadpaal"' in answer.text  # the form keeps what was asked


@pytest.mark.parametrize(
    "query",
    [
        "niveau=mbo-3",
        "vorm=blended",
        "sector=installatietechniek",
        "regio=35",
        "regio=utrecht",
        "aanbieder=opleider-a",
        f"competentie={CHARGER}",
        "competentie=laadpalen+installeren",
        "vanaf=2031-03-01&tot=2031-03-31",
        "vanaf=01-03-2031&tot=31-03-2031",
    ],
)
async def test_each_filter_narrows_the_results(
    client: Client, two: dict[str, Any], query: str
) -> None:
    answer = await Browser(client).get(f"/catalogus?{query}")
    assert answer.status_code == 200, answer.text
    assert titles(answer.text) == ["Laadpaalmonteur"]
    assert "1 opleiding gevonden." in answer.text
    assert '<details class="filters" open>' in answer.text  # used filters stay in view


async def test_result_cards_show_the_facts(client: Client, cat: Catalogue) -> None:
    laadpaal = await cat.module(title="Laadpaalmonteur")
    await cat.run(laadpaal["id"], startDate="2031-03-03", endDate="2031-03-07")
    await cat.module(title="Zonnepanelen leggen", competences=[{"uri": SOLAR}])
    html = (await Browser(client).get("/catalogus")).text
    first, second = html.split('<li class="card hit">')[1:]
    for fact in ("Opleider A", "mbo niveau 3", "40 uur", "Deels in een klas, deels online"):
        assert fact in first, fact
    assert "3 maart 2031 · Je kunt je aanmelden" in first
    assert "Nu geen startdatum open" in second


async def test_paging_shows_twenty_a_page_with_next_and_previous_links(
    client: Client, cat: Catalogue
) -> None:
    for number in range(22):
        await cat.module(title=f"Cursus {number:02d}")
    browser = Browser(client)
    first = await browser.get("/catalogus?q=cursus")
    assert "22 opleidingen gevonden." in first.text
    assert titles(first.text) == [f"Cursus {n:02d}" for n in range(20)]
    assert '<a href="/catalogus?q=cursus&amp;pagina=2" rel="next">' in first.text
    assert 'rel="prev"' not in first.text
    second = await browser.get("/catalogus?q=cursus&pagina=2")
    assert titles(second.text) == ["Cursus 20", "Cursus 21"]
    assert '<a href="/catalogus?q=cursus" rel="prev">' in second.text
    assert 'rel="next"' not in second.text


async def test_no_results_gets_a_helpful_message(client: Client, two: dict[str, Any]) -> None:
    answer = await Browser(client).get("/catalogus?q=kernfusie")
    assert answer.status_code == 200
    assert titles(answer.text) == []
    assert "We vonden geen opleiding die hierbij past." in answer.text
    assert "Probeer minder of andere woorden." in answer.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("vanaf=morgen", "Vul een datum in zoals 31-12-2030."),
        ("tot=2031-02-30", "Vul een datum in zoals 31-12-2030."),
        ("vanaf=2031-05-01&tot=2031-04-01", "ligt voor"),
        ("niveau=mbo-7", "Kies een niveau uit de lijst."),
        ("vorm=per-post", "Kies een manier uit de lijst."),
        ("competentie=kernfusie", "We kennen geen vaardigheid met dit woord."),
    ],
)
async def test_wrong_filters_get_a_clear_message_not_an_error(
    client: Client, two: dict[str, Any], query: str, message: str
) -> None:
    answer = await Browser(client).get(f"/catalogus?q=laadpaal&{query}")
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    assert 'class="error-summary" role="alert"' in answer.text
    assert message in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert titles(answer.text) == []


async def test_a_word_that_fits_several_competences_offers_a_choice(
    client: Client, two: dict[str, Any]
) -> None:
    answer = await Browser(client).get("/catalogus?competentie=installeren")
    assert "Welke bedoel je?" in answer.text
    assert titles(answer.text) == []
    choice = re.search(r'<a href="([^"]+)">laadpalen installeren</a>', answer.text)
    assert choice is not None
    chosen = await Browser(client).get(choice.group(1).replace("&amp;", "&"))
    assert titles(chosen.text) == ["Laadpaalmonteur"]


async def test_search_page_in_english(client: Client, two: dict[str, Any]) -> None:
    client.cookies.set("lang", "en")
    answer = await Browser(client).get("/catalogus?q=laadpaal")
    assert '<html lang="en">' in answer.text
    assert "1 course found." in answer.text
    assert "MBO level 3" in answer.text
    wrong = await Browser(client).get("/catalogus?vanaf=tomorrow")
    assert "Fill in a date such as 2030-12-31." in wrong.text


# ---------------------------------------------------------------- module page


async def test_module_page_shows_everything_and_marks_a_cancelled_run(
    client: Client, cat: Catalogue
) -> None:
    module = await cat.module()
    await cat.run(module["id"], startDate="2031-03-03", endDate="2031-03-07")
    await cat.run(
        module["id"],
        startDate="2031-04-07",
        endDate="2031-04-11",
        place="Enschede",
        postcode="7511 JE",
        status="cancelled",
        priceCents=99000,
    )
    html = (await Browser(client).get(f"/catalogus/modules/{module['id']}")).text
    assert "<h1>Laadpaalmonteur</h1>" in html
    for fact in ("Opleider A", "mbo niveau 3", "40 uur", "5 dagen", "installatietechniek"):
        assert fact in html, fact
    assert "Deels in een klas, deels online" in html
    assert "Je leert laadpalen voor elektrische auto" in html  # the description
    assert f'<a href="{CHARGER}" rel="external noopener">laadpalen installeren</a>' in html
    assert '3 maart 2031<br><span class="muted">tot en met 7 maart 2031</span>' in html
    assert "Utrecht" in html
    cancelled = html.split('<tr class="cancelled">')[1].split("</tr>")[0]
    assert "Enschede" in cancelled
    assert '<span class="tag cancelled">' in cancelled
    assert "Vervallen" in cancelled
    assert "Vervallen" not in html.split('<tr class="cancelled">')[0]
    # A run that costs something else than the module gets a price column.
    assert "€ 990" in cancelled
    assert "€ 1.250" in html  # the module's own price, among the facts


async def test_runs_at_the_module_price_need_no_price_column(
    client: Client, cat: Catalogue
) -> None:
    module = await cat.module()
    await cat.run(module["id"])
    html = (await Browser(client).get(f"/catalogus/modules/{module['id']}")).text
    runs = html.split('<table aria-labelledby="runs"')[1].split("</table>")[0]
    assert "Utrecht" in runs
    assert "€" not in runs


async def test_module_page_in_english(client: Client, cat: Catalogue) -> None:
    module = await cat.module()
    await cat.run(module["id"], status="cancelled")
    client.cookies.set("lang", "en")
    html = (await Browser(client).get(f"/catalogus/modules/{module['id']}")).text
    assert "Start dates" in html
    assert "Cancelled" in html
    assert ">install charging stations</a>" in html  # the competence's English label


async def test_module_page_links_its_qualifications(client: Client, cat: Catalogue) -> None:
    module = await cat.module()
    body = {"code": "Q-LAAD", "title": "Monteur laadinfra", "requiredModules": [module["id"]]}
    made = await client.post("/api/catalogue/qualifications", json=body, headers=cat.operator)
    qualification = made.json()
    html = (await Browser(client).get(f"/catalogus/modules/{module['id']}")).text
    assert f'<a href="/catalogus/kwalificaties/{qualification["id"]}">Monteur laadinfra</a>' in html


async def test_withdrawn_module_still_shows_with_a_notice(client: Client, cat: Catalogue) -> None:
    module = await cat.module()
    before = await Browser(client).get(f"/catalogus/modules/{module['id']}")
    assert "Deze opleiding is gestopt." not in before.text
    withdrawn = await client.post(
        f"/api/catalogue/modules/{module['id']}/withdraw", headers=cat.provider_a
    )
    assert withdrawn.status_code == 200
    answer = await Browser(client).get(f"/catalogus/modules/{module['id']}")
    assert answer.status_code == 200
    assert "<h1>Laadpaalmonteur</h1>" in answer.text
    assert "Deze opleiding is gestopt." in answer.text
    assert titles((await Browser(client).get("/catalogus")).text) == []


@pytest.mark.parametrize(
    "path",
    [
        "/catalogus/modules/00000000-0000-0000-0000-000000000000",
        "/catalogus/modules/geen-uuid",
        "/catalogus/kwalificaties/00000000-0000-0000-0000-000000000000",
        "/catalogus/kwalificaties/geen-uuid",
    ],
)
async def test_unknown_ids_get_a_404_page(client: Client, path: str) -> None:
    answer = await Browser(client).get(path)
    assert answer.status_code == 404
    assert "bestaat niet (meer)." in answer.text
    assert 'href="/catalogus"' in answer.text


async def test_a_draft_is_not_public_but_its_provider_sees_it_marked(
    client: Client, cat: Catalogue, sessionmaker: Maker
) -> None:
    draft = await cat.module(publish=False)
    answer = await Browser(client).get(f"/catalogus/modules/{draft['id']}")
    assert answer.status_code == 404
    provider = await signed_in(
        client, sessionmaker, "provider", "a@opleider-a.nl", provider="opleider-a"
    )
    own = await provider.get(f"/catalogus/modules/{draft['id']}")
    assert own.status_code == 200
    assert "Dit is een concept." in own.text


# ---------------------------------------------------------------- qualifications


@pytest.fixture
async def qualification(client: Client, cat: Catalogue) -> dict[str, Any]:
    """Required: Laadpaalmonteur (40 h); choose 1 of Zonnepanelen (32 h), Warmtepomp (24 h)."""
    laadpaal = await cat.module()
    solar = await cat.module(title="Zonnepanelen", studyLoadHours=32)
    heat = await cat.module(title="Warmtepomp", studyLoadHours=24)
    body = {
        "code": "Q-ALLROUND",
        "title": "Allround monteur duurzame installaties",
        "level": {"scheme": "mbo", "value": 3},
        "requiredModules": [laadpaal["id"]],
        "optionalGroups": [
            {"title": "Keuze warmte of zon", "minCount": 1, "modules": [solar["id"], heat["id"]]}
        ],
    }
    made = await client.post("/api/catalogue/qualifications", json=body, headers=cat.operator)
    assert made.status_code == 201, made.text
    result: dict[str, Any] = made.json()
    return result


async def test_qualification_page_shows_how_modules_add_up(
    client: Client, qualification: dict[str, Any]
) -> None:
    answer = await Browser(client).get(f"/catalogus/kwalificaties/{qualification['id']}")
    assert answer.status_code == 200
    html = answer.text
    assert "<h1>Allround monteur duurzame installaties</h1>" in html
    assert "Verplichte opleidingen" in html
    assert "Je hebt deze opleiding nodig." in html
    assert "Keuze warmte of zon" in html
    assert "Kies er minstens 1 uit deze 2. Samen minstens 24 uur." in html
    assert "minstens 64 uur" in html  # 40 required + the lightest choice, 24
    for group in qualification["groups"]:
        for module in group["modules"]:
            assert f'<a href="/catalogus/modules/{module["id"]}">{module["title"]}</a>' in html


async def test_qualification_list_links_each_qualification(
    client: Client, qualification: dict[str, Any]
) -> None:
    html = (await Browser(client).get("/catalogus/kwalificaties")).text
    assert f'href="/catalogus/kwalificaties/{qualification["id"]}"' in html
    assert "1 verplichte opleiding. En 1 groep om uit te kiezen." in html
    assert 'href="/catalogus/kwalificaties"' in (await Browser(client).get("/catalogus")).text
