"""No text with control characters gets in: JSON, CSV, forms, XML, query strings (issue 9.10).

PostgreSQL refused NUL with a 500, SQLite stored it and it was signed into credentials."""

from __future__ import annotations

import re
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from catalogue.models import Competence, ModuleVersion
from registry.models import Account, Credential
from registry.web.i18n import translator
from registry.web.labels import field_label
from schemas.text import control_character
from tests.catalogue.helpers import Catalogue
from tests.registry.issuing.test_issuance import accredited_module, certificate
from tests.registry.wallet_helpers import World
from tests.web.helpers import HTML, Browser
from tests.web.provider_helpers import provider

Client = AsyncTestClient[Any]
Sessions = async_sessionmaker[AsyncSession]
__all__ = ["provider"]  # a fixture, used by name


async def count(sessionmaker: Sessions, model: Any) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def test_the_rule_allows_line_breaks_and_tabs_only() -> None:
    for bad in ("\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\x9f"):
        assert control_character(f"a{bad}b") == f"U+{ord(bad):04X}"
    for good in ("regel 1\r\nregel 2", "kolom\tkolom", "Zoë Çelik \u2013 🔌", "\xa0", "\u200b"):
        assert control_character(good) is None


@pytest.mark.parametrize(
    ("raw", "char"),
    [(b"\\u0000", "U+0000"), (b"\\u001b", "U+001B"), (b"\\b", "U+0008"), (b"\x7f", "U+007F")],
)
async def test_a_json_body_with_a_control_character_is_422_naming_the_field(
    client: Client, cat: Catalogue, sessionmaker: Sessions, raw: bytes, char: str
) -> None:
    body = b'{"title": "Laad' + raw + b'paal", "competences": [{"uri": "x\xc2\x85"}]}'
    response = await client.post(
        "/api/catalogue/modules",
        content=body,
        headers={**cat.provider_a, "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "invalid-input"
    assert [(e["key"], e["source"]) for e in problem["errors"]] == [
        ("$.title", "body"),
        ("$.competences[0].uri", "body"),
    ]
    assert char in problem["errors"][0]["message"]
    assert await count(sessionmaker, ModuleVersion) == 0


async def test_multi_line_text_keeps_its_line_breaks(client: Client, cat: Catalogue) -> None:
    description = "Regel een.\r\nRegel twee.\n\tIngesprongen."
    module = await cat.module(description=description)
    response = await client.get(f"/api/catalogue/modules/{module['id']}", headers=cat.provider_a)
    assert response.json()["current"]["description"] == description


async def test_a_holder_name_with_nul_is_not_signed_into_a_credential(
    client: Client, cat: Catalogue, sessionmaker: Sessions
) -> None:
    module = await accredited_module(client, cat)
    response = await client.post(
        "/api/credentials",
        json=certificate(module["id"], "sam@example.nl", "Sam\x00 de Vries"),
        headers=cat.provider_a,
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["key"] == "$.holder.name"
    items = [certificate(module["id"], f"c{n}@example.nl", f"Cursist {n}") for n in range(3)]
    items[2]["holder"]["email"] = "c2@example.nl\x1b"
    response = await client.post(
        "/api/credentials/batch",
        json={"items": items},
        headers=cat.provider_a | {"Idempotency-Key": "nul-json"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["key"] == "$.items[2].holder.email"
    assert await count(sessionmaker, Credential) == 0


async def test_a_csv_row_with_a_control_character_is_named_by_line_and_column(
    client: Client, cat: Catalogue, sessionmaker: Sessions
) -> None:
    module = await accredited_module(client, cat)
    csv_body = (
        "email,name,moduleId\n"
        f"een@example.nl,Een,{module['id']}\n"
        f"twee@example.nl,Tw\x00ee,{module['id']}\n"
    )
    response = await client.post(
        "/api/credentials/batch",
        content=csv_body.encode(),
        headers=cat.provider_a | {"Idempotency-Key": "nul-csv", "Content-Type": "text/csv"},
    )
    assert response.status_code == 422, response.text
    [row] = response.json()["errors"]
    assert (row["line"], row["code"]) == (3, "invalid-input")
    assert row["detail"].startswith("line 3, name: ")
    assert await count(sessionmaker, Credential) == 0


async def test_a_competence_csv_with_a_control_character_is_422(
    client: Client, cat: Catalogue, sessionmaker: Sessions
) -> None:
    before = await count(sessionmaker, Competence)
    body = "uri,label_nl\nhttps://example.nl/c/1,Goed\nhttps://example.nl/c/2,Fo\x85ut\n"
    response = await client.post(
        "/api/catalogue/competences/import?framework=eigen",
        content=body.encode(),
        headers={**cat.operator, "Content-Type": "text/csv"},
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "invalid-input"
    assert problem["errors"] == [
        {
            "message": "text may not contain the control character U+0085",
            "key": "label_nl",
            "source": "csv",
            "row": 3,
        }
    ]
    assert await count(sessionmaker, Competence) == before


@pytest.mark.parametrize(
    "path",
    ["/api/catalogue/modules?q=warmte%00pomp", "/api/catalogue/modules?region=35%1b"],
)
async def test_a_query_parameter_with_a_control_character_is_400(client: Client, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 400, response.text
    problem = response.json()
    assert problem["code"] == "invalid-parameter"
    assert problem["errors"][0]["source"] == "query"


async def test_a_path_with_a_control_character_names_nothing(client: Client) -> None:
    for path in ("/issuers/opleider%00a/did.json", "/s/abc%00def"):
        response = await client.get(path)
        assert (response.status_code, response.json()["code"]) == (404, "not-found")


async def test_a_form_with_a_control_character_is_shown_again_with_a_422(
    client: Client, sessionmaker: Sessions
) -> None:
    """A text form comes back as itself (422 `invalid-input`'s status), everything typed
    kept, the control character taken out of what is shown, the field named by its label;
    nothing is written. (tests/web/<area>/ check each area's forms the same way.)"""
    page = await Browser(client).post(
        "/account-maken",
        {"role": "worker", "name": "Sam\x00", "email": "sam@example.nl", "password": "x" * 12},
    )
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert 'action="/account-maken"' in page.text
    assert 'name="name" type="text" value="Sam"' in page.text
    assert 'value="sam@example.nl"' in page.text
    assert "In &#39;Naam&#39; staat een onzichtbaar stuurteken" in page.text  # the label
    assert "\x00" not in page.text
    assert await count(sessionmaker, Account) == 0
    search = await client.get("/catalogus?q=a%00", headers=HTML)
    assert search.status_code == 400
    assert search.headers["content-type"].startswith("text/html")


async def test_a_button_form_with_a_control_character_is_the_422_error_page(
    client: Client,
) -> None:
    """A form with nothing to type (here: stop notices, one button) has nothing to keep: a
    control character in it can only come from a crafted post and gets the error page."""
    page = await Browser(client).post("/meldingen-uit", {"adres": "a\x01@example.nl", "code": "x"})
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "onzichtbaar stuurteken" in page.text
    assert "invalid-input" in page.text
    assert 'action="/meldingen-uit"' not in page.text


async def test_an_xml_import_with_a_control_character_is_422(
    client: Client, cat: Catalogue
) -> None:
    """XML 1.0 refuses most C0 controls itself but lets DEL and the C1 controls through."""
    module = await cat.module()
    exported = (await client.get("/api/catalogue/export", params={"format": "elm"})).content
    assert b">Laadpaalmonteur<" in exported
    for char in ("\x85", "\x7f"):
        tampered = exported.replace(b">Laadpaalmonteur<", f">Laad{char}paal<".encode())
        response = await client.post(
            "/api/catalogue/import",
            content=tampered,
            headers=cat.provider_a | {"Content-Type": "application/xml"},
        )
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "invalid-input"
        assert f"U+{ord(char):04X}" in response.json()["detail"]
    current = (await client.get(f"/api/catalogue/modules/{module['id']}")).json()
    assert current["current"]["title"] == "Laadpaalmonteur"


async def test_a_cohort_file_with_a_control_character_names_the_row(
    provider: Browser, world: World, sessionmaker: Sessions
) -> None:
    text = "email,name\nanna@example.nl,Anna de Boer\nbram@example.nl,Bram\x1bVisser\n"
    answer = await provider.post(
        "/aanbieder/cohort",
        {"module": world.module["id"]},
        files={"file": ("cohort.csv", text.encode(), "text/csv")},
    )
    assert answer.status_code == 422
    assert re.findall(r'<th scope="row">(\d+)</th>', answer.text) == ["3"]
    assert "In deze rij staat een onzichtbaar stuurteken" in answer.text
    assert await count(sessionmaker, Credential) == 0


def test_a_field_is_named_by_its_label_in_the_visitors_language() -> None:
    assert field_label(translator("nl"), "recipient") == "'E-mailadres van de werkgever'"
    assert field_label(translator("en"), "name") == "'Name'"
    assert field_label(translator("nl"), "not_a_field") == "not_a_field"
    # A numbered row's field (the assessor's werkprocessen) is named with its row.
    assert field_label(translator("nl"), "label_2") == "'Naam van het werkproces' bij werkproces 2"
    assert field_label(translator("en"), "result_3") == "'Result' of work process 3"
