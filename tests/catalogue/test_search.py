"""Catalogue search over HTTP: full text, every filter, ranking, paging and the index lifecycle.

Each test builds modules that the filter under test must tell apart, so it fails without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

import catalogue.search as catalogue_search
from tests.catalogue.helpers import CHARGER, HEAT_PUMP, SOLAR, Catalogue

URL = "/api/catalogue/modules"


# Text that shares no word with the default module body (laadpalen, Laadpaalmonteur).
ROOFER = {
    "title": "Dakdekker",
    "summary": "Daken dekken.",
    "description": "Pannen en bitumen.",
    "certificate": "Deelcertificaat Dakdekker",
    "competences": [{"uri": SOLAR}],
}


async def search(client: AsyncTestClient[Any], **params: Any) -> dict[str, Any]:
    response = await client.get(URL, params=params)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def titles(client: AsyncTestClient[Any], **params: Any) -> list[str]:
    return [hit["title"] for hit in (await search(client, **params))["items"]]


async def test_full_text_dutch(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module()
    await cat.module(
        title="Zonnepanelen leggen",
        summary="Zonnepanelen op een schuin dak leggen.",
        description="Montage van panelen en omvormer.",
        competences=[{"uri": SOLAR}],
    )
    assert await titles(client, q="zonnepanelen") == ["Zonnepanelen leggen"]
    assert await titles(client, q="laadpalen aansluiten") == ["Laadpaalmonteur"]
    assert await titles(client, q="laadpalen omvormer") == []


async def test_full_text_english_via_competence_label(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await cat.module()
    await cat.module(
        title="Warmtepompmonteur",
        summary="Warmtepompen plaatsen.",
        description="Lucht-water systemen in bestaande woningen.",
        competences=[{"uri": HEAT_PUMP}],
    )
    assert await titles(client, q="heat pump") == ["Warmtepompmonteur"]
    assert await titles(client, q="charging stations") == ["Laadpaalmonteur"]


async def test_prefix_finds_dutch_compounds(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    # The competence label says "laadpalen", not "warmtepomp": only the title compound can match.
    await cat.module(title="Warmtepompmonteur", summary="Installeren en onderhouden.")
    await cat.module(**ROOFER)
    assert await titles(client, q="warmtepomp") == ["Warmtepompmonteur"]
    assert await titles(client, q="WARMTEPOMP installeren") == ["Warmtepompmonteur"]


async def test_diacritics_do_not_matter(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module(title="Ventilátiesystemen", summary="Balansventilatie inregelen.")
    await cat.module(**ROOFER)
    assert await titles(client, q="ventilatiesystemen") == ["Ventilátiesystemen"]
    assert await titles(client, q="balansventilátie") == ["Ventilátiesystemen"]


async def test_title_hit_ranks_above_body_hit(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    # In title order "Aardgasvrij wonen" comes first; relevance must put the title hit first.
    await cat.module(
        title="Aardgasvrij wonen",
        summary="Van gasketel naar warmtepomp, ook met zonnepanelen.",
    )
    await cat.module(title="Zonnepanelen installeren", summary="Panelen op het dak.")
    assert await titles(client, q="zonnepanelen") == [
        "Zonnepanelen installeren",
        "Aardgasvrij wonen",
    ]


async def test_filter_by_competence_uri(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module()
    await cat.module(title="Warmtepompmonteur", competences=[{"uri": HEAT_PUMP}])
    await cat.module(
        title="Allround installateur", competences=[{"uri": HEAT_PUMP}, {"uri": SOLAR}]
    )
    assert await titles(client, competence=HEAT_PUMP) == [
        "Allround installateur",
        "Warmtepompmonteur",
    ]
    assert await titles(client, competence=CHARGER) == ["Laadpaalmonteur"]


async def test_filter_by_level_and_scheme(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module(title="A mbo 2", level={"scheme": "mbo", "value": 2})
    await cat.module(title="B mbo 3", level={"scheme": "mbo", "value": 3})
    await cat.module(title="C nlqf 3", level={"scheme": "nlqf", "value": 3})
    assert await titles(client, level=3) == ["B mbo 3", "C nlqf 3"]
    assert await titles(client, level=3, levelScheme="nlqf") == ["C nlqf 3"]
    assert await titles(client, levelScheme="mbo") == ["A mbo 2", "B mbo 3"]


async def test_filter_by_sector(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module(title="Installatie", sectors=["installatietechniek"])
    await cat.module(title="Bouw", sectors=["bouw", "installatietechniek"])
    await cat.module(title="Woningbouw", sectors=["woningbouw"])
    assert await titles(client, sector="bouw") == ["Bouw"]
    assert await titles(client, sector="installatietechniek") == ["Bouw", "Installatie"]


async def _modules_in_places(cat: Catalogue) -> None:
    for title, place, postcode in [
        ("Centrum", "Utrecht", "3511 AB"),
        ("Uithof", "Utrecht", "3584 CS"),
        ("Amersfoort", "Amersfoort", "3811 LW"),
        ("Amsterdam", "Amsterdam", "1011 AB"),
    ]:
        module = await cat.module(title=title)
        await cat.run(module["id"], place=place, postcode=postcode)


async def test_filter_by_region_postcode_prefix(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await _modules_in_places(cat)
    assert await titles(client, region="35") == ["Centrum", "Uithof"]
    assert await titles(client, region="3511") == ["Centrum"]
    assert await titles(client, region="3511 AB") == ["Centrum"]
    assert await titles(client, region="3") == ["Amersfoort", "Centrum", "Uithof"]


async def test_filter_by_region_place_name(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await _modules_in_places(cat)
    assert await titles(client, region="utrecht") == ["Centrum", "Uithof"]
    assert await titles(client, region=" AMSTERDAM ") == ["Amsterdam"]
    assert await titles(client, region="Zwolle") == []


async def test_region_ignores_cancelled_runs(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    module = await cat.module()
    run = await cat.run(module["id"])
    assert await titles(client, region="3511") == ["Laadpaalmonteur"]
    await client.patch(
        f"{URL}/{module['id']}/runs/{run['id']}",
        json={"status": "cancelled"},
        headers=cat.provider_a,
    )
    assert await titles(client, region="3511") == []
    assert await titles(client, region="utrecht") == []
    assert await titles(client) == ["Laadpaalmonteur"]


async def test_filter_by_delivery_mode(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module(title="Online", deliveryMode="online")
    await cat.module(title="Klas", deliveryMode="classroom")
    await cat.module(title="Werkplek", deliveryMode="on-the-job")
    assert await titles(client, mode="online") == ["Online"]
    assert await titles(client, mode="on-the-job") == ["Werkplek"]


async def test_filter_by_start_window(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    march = await cat.module(title="Maart")
    await cat.run(march["id"], startDate="2031-03-02", endDate="2031-03-06")
    june = await cat.module(title="Juni")
    await cat.run(june["id"], startDate="2031-06-01", endDate="2031-06-05")
    await cat.module(title="Zonder uitvoering")
    assert await titles(client, startFrom="2031-05-01") == ["Juni"]
    assert await titles(client, startTo="2031-04-01") == ["Maart"]
    assert await titles(client, startFrom="2031-03-02", startTo="2031-06-01") == ["Juni", "Maart"]
    assert await titles(client, startFrom="2031-03-03", startTo="2031-05-31") == []


async def test_region_and_window_need_the_same_run(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    # Utrecht in March and Amsterdam in June: no single run is in Utrecht in June.
    split = await cat.module(title="Gesplitst")
    await cat.run(split["id"], startDate="2031-03-02", endDate="2031-03-06")
    await cat.run(
        split["id"],
        startDate="2031-06-01",
        endDate="2031-06-05",
        place="Amsterdam",
        postcode="1011 AB",
    )
    together = await cat.module(title="Samen")
    await cat.run(together["id"], startDate="2031-06-01", endDate="2031-06-05")
    assert await titles(client, region="utrecht", startFrom="2031-05-01") == ["Samen"]
    assert await titles(client, region="35", startFrom="2031-05-01") == ["Samen"]
    assert await titles(client, region="10", startTo="2031-04-01") == []


async def test_filter_by_provider(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module(title="Van A")
    await cat.module(cat.provider_b, title="Van B")
    assert await titles(client, provider="opleider-b") == ["Van B"]
    assert await titles(client, provider="opleider-a") == ["Van A"]
    assert await titles(client, provider="onbekend") == []


async def test_pagination_is_stable(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    # Equal titles leave the order to the tie-breaker, which must not change between pages.
    ids = {(await cat.module(title=f"Module {i % 3}"))["id"] for i in range(7)}
    for params in ({}, {"q": "module"}):
        pages = [await search(client, limit=3, offset=offset, **params) for offset in (0, 3, 6)]
        assert [page["total"] for page in pages] == [7, 7, 7]
        assert [(page["limit"], page["offset"]) for page in pages] == [(3, 0), (3, 3), (3, 6)]
        assert [len(page["items"]) for page in pages] == [3, 3, 1]
        seen = [hit["id"] for page in pages for hit in page["items"]]
        assert set(seen) == ids
        again = [await search(client, limit=3, offset=offset, **params) for offset in (0, 3, 6)]
        assert [hit["id"] for page in again for hit in page["items"]] == seen
    beyond = await search(client, limit=3, offset=9)
    assert (beyond["total"], beyond["items"]) == (7, [])


async def test_withdrawn_module_vanishes(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    module = await cat.module()
    await cat.run(module["id"])
    await cat.module(**ROOFER)
    response = await client.post(f"{URL}/{module['id']}/withdraw", headers=cat.provider_a)
    assert response.status_code == 200
    assert await titles(client) == ["Dakdekker"]
    assert await titles(client, q="laadpaalmonteur") == []
    assert await titles(client, region="3511") == []
    assert await titles(client, competence=SOLAR) == ["Dakdekker"]
    assert await titles(client, competence=CHARGER) == []


async def test_new_version_replaces_old_text(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    module = await cat.module()
    url = f"{URL}/{module['id']}"
    edited = await client.patch(
        url,
        json={
            "title": "Zonneveldmonteur",
            "summary": "Zonnevelden bouwen.",
            "description": "Grote installaties op land.",
            "certificate": "Deelcertificaat Zonneveldmonteur",
            "competences": [{"uri": SOLAR}],
        },
        headers=cat.provider_a,
    )
    assert edited.status_code == 200, edited.text
    # A draft is not searchable: the published version 1 still is.
    assert await titles(client, q="zonneveld") == []
    assert await titles(client, q="laadpaalmonteur") == ["Laadpaalmonteur"]
    assert (await client.post(f"{url}/publish", headers=cat.provider_a)).status_code == 200
    assert await titles(client, q="laadpaalmonteur") == []
    assert await titles(client, q="charging") == []
    assert await titles(client, competence=CHARGER) == []
    hits = (await search(client, q="zonneveld solar"))["items"]
    assert [(hit["title"], hit["version"]) for hit in hits] == [("Zonneveldmonteur", 2)]
    assert hits[0]["url"].endswith(f"{url}/versions/2")
    assert await titles(client, competence=SOLAR) == ["Zonneveldmonteur"]


async def test_open_run_and_next_start(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    live = await cat.module(title="A live")
    for start, status in [
        ("2031-01-10", "cancelled"),
        ("2031-02-01", "full"),
        ("2031-05-01", "planned"),
        ("2031-03-02", "open"),
        ("2020-01-06", "open"),
    ]:
        await cat.run(live["id"], startDate=start, endDate="2031-06-30", status=status)
    past = await cat.module(title="B past")
    await cat.run(past["id"], startDate="2020-01-06", endDate="2020-01-10")
    full = await cat.module(title="C full")
    await cat.run(full["id"], status="full")
    await cat.module(title="D none")
    hits = (await search(client))["items"]
    assert [(h["title"], h["hasOpenRun"], h["nextStart"]) for h in hits] == [
        ("A live", True, "2031-03-02"),
        ("B past", False, None),
        ("C full", False, None),
        ("D none", False, None),
    ]


async def test_hit_shape(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    module = await cat.module()
    hit = (await search(client, q="laadpaal"))["items"][0]
    assert hit == {
        "id": module["id"],
        "version": 1,
        "title": "Laadpaalmonteur",
        "summary": "Laadpalen veilig installeren en aansluiten.",
        "provider": hit["provider"] | {"slug": "opleider-a"},
        "level": {"scheme": "mbo", "value": 3},
        "deliveryMode": "blended",
        "sectors": ["installatietechniek"],
        "studyLoadHours": 40,
        "hasOpenRun": False,
        "nextStart": None,
        "url": f"http://testserver.local{URL}/{module['id']}/versions/1",
    }


async def test_punctuation_never_reaches_the_index(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    await cat.module()
    for q in ['"laadpaal', "laadpaal*", "laadpaal AND OR", "(laadpaal", "laad:paal", "'; --"]:
        response = await client.get(URL, params={"q": q})
        assert response.status_code == 200, q
    assert await titles(client, q="  ") == ["Laadpaalmonteur"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"level": 9},
        {"level": "drie"},
        {"levelScheme": "hbo"},
        {"mode": "by-post"},
        {"startFrom": "not-a-date"},
        {"startTo": "2031-13-01"},
        {"q": "x" * 201},
    ],
)
async def test_bad_parameters_are_400(
    client: AsyncTestClient[Any], cat: Catalogue, params: dict[str, Any]
) -> None:
    response = await client.get(URL, params=params)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["code"] == "invalid-parameter"


async def test_words_with_region_and_window(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    # Words and runs together: each text match is checked against its own runs.
    split = await cat.module(title="Laadpaal gesplitst")
    await cat.run(split["id"], startDate="2031-03-02", endDate="2031-03-06")
    await cat.run(
        split["id"],
        startDate="2031-06-01",
        endDate="2031-06-05",
        place="Amsterdam",
        postcode="1011 AB",
    )
    together = await cat.module(title="Laadpaal samen")
    await cat.run(together["id"], startDate="2031-06-01", endDate="2031-06-05")
    cancelled = await cat.module(title="Laadpaal afgelast")
    run = await cat.run(cancelled["id"], startDate="2031-06-01", endDate="2031-06-05")
    await client.patch(
        f"{URL}/{cancelled['id']}/runs/{run['id']}",
        json={"status": "cancelled"},
        headers=cat.provider_a,
    )
    await cat.module(**ROOFER)
    window = {"startFrom": "2031-05-01"}
    assert await titles(client, q="laadpaal", region="utrecht", **window) == ["Laadpaal samen"]
    assert await titles(client, q="laadpaal", region="35", **window) == ["Laadpaal samen"]
    assert await titles(client, q="laadpaal", region="3511 AB", **window) == ["Laadpaal samen"]
    assert await titles(client, q="laadpaal", region="10") == ["Laadpaal gesplitst"]
    assert await titles(client, q="dakdekker", region="35") == []


async def test_competence_with_other_filters(client: AsyncTestClient[Any], cat: Catalogue) -> None:
    await cat.module(title="A warmtepomp mbo 3", competences=[{"uri": HEAT_PUMP}])
    await cat.module(
        title="B warmtepomp mbo 2",
        competences=[{"uri": HEAT_PUMP}],
        level={"scheme": "mbo", "value": 2},
    )
    await cat.module(cat.provider_b, title="C warmtepomp van B", competences=[{"uri": HEAT_PUMP}])
    await cat.module(title="D zon mbo 3", competences=[{"uri": SOLAR}])
    assert await titles(client, competence=HEAT_PUMP, level=3) == [
        "A warmtepomp mbo 3",
        "C warmtepomp van B",
    ]
    assert await titles(client, competence=HEAT_PUMP, provider="opleider-b") == [
        "C warmtepomp van B"
    ]
    assert await titles(client, provider="opleider-a", level=3) == [
        "A warmtepomp mbo 3",
        "D zon mbo 3",
    ]


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Caps of 3, so that a handful of modules reaches them (statements are rebuilt for it)."""
    monkeypatch.setattr(catalogue_search, "COUNT_CAP", 3)
    monkeypatch.setattr(catalogue_search, "RANK_CAP", 3)
    catalogue_search._statement.cache_clear()
    yield
    catalogue_search._statement.cache_clear()


@pytest.mark.usefixtures("small_caps")
async def test_total_is_a_lower_bound_at_the_cap(
    client: AsyncTestClient[Any], cat: Catalogue, database_url: str
) -> None:
    for i in range(4):
        await cat.module(title=f"Module {i}", level={"scheme": "mbo", "value": 1 + i % 2})
    await cat.module(**ROOFER)

    async def total(**params: Any) -> tuple[int, bool]:
        result = await search(client, **params)
        return result["total"], result["totalIsLowerBound"]

    # Filters alone: counting stops at the cap, and says so; the page is not cut short.
    assert await total() == (3, True)
    assert len((await search(client))["items"]) == 5
    assert await total(level=2) == (2, False)
    assert await total(levelScheme="mbo", limit=2, offset=2) == (3, True)
    # Words: the count stops at the cap too.
    assert await total(q="module") == (3, True)
    assert await total(q="dakdekker") == (1, False)
    assert await total(q="nergens") == (0, False)
    if database_url.startswith("sqlite"):
        # SQLite ranks at most RANK_CAP matches (the first in index order); reaching that cap
        # makes any total a lower bound, even when the filters then leave fewer.
        assert await total(q="module", level=2) == (1, True)
    # Past the last hit the total still comes back.
    assert await total(level=2, offset=5) == (2, False)
    assert (await search(client, level=2, offset=5))["items"] == []


async def test_equal_matches_go_by_title_across_pages(
    client: AsyncTestClient[Any], cat: Catalogue
) -> None:
    # Same text but the title's last word: equal relevance, so title order decides, also where
    # a page boundary falls inside a run of ties.
    for name in ["Module d", "Module b", "Module e", "Module a", "Module c"]:
        await cat.module(title=name)
    pages = [await titles(client, q="module", limit=2, offset=offset) for offset in (0, 2, 4)]
    assert pages == [["Module a", "Module b"], ["Module c", "Module d"], ["Module e"]]
