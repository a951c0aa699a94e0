"""Batch input as people make it, and re-issue: CSV files saved by Dutch Excel (semicolons,
Windows-1252 or UTF-8 with a byte order mark), header problems named by column, and an exact
re-issue (same module version, same holder, still valid) refused unless `reissue=true`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import update

from registry.issuing.batches import parse_csv_batch
from registry.models import Credential, IdempotentRequest
from schemas.errors import DomainError
from tests.catalogue.helpers import Catalogue
from tests.registry.issuing.test_issuance import Sessions, accredited_module, certificate, count

Client = AsyncTestClient[Any]
BATCH = "/api/credentials/batch"


async def post_csv(client: Client, cat: Catalogue, body: bytes, key: str, query: str = "") -> Any:
    headers = cat.provider_a | {"Idempotency-Key": key, "Content-Type": "text/csv"}
    return await client.post(BATCH + query, content=body, headers=headers)


async def post_json(
    client: Client, cat: Catalogue, items: list[dict[str, Any]], key: str, query: str = ""
) -> Any:
    headers = cat.provider_a | {"Idempotency-Key": key}
    return await client.post(BATCH + query, json={"items": items}, headers=headers)


async def test_csv_as_dutch_excel_saves_it(client: Client, cat: Catalogue) -> None:
    module = (await accredited_module(client, cat))["id"]
    rows = f"email;name;moduleId\r\nzoe@example.nl;Zoë Çelik;{module}\r\n"
    # "CSV (gescheiden door lijstscheidingsteken)": semicolons in Windows-1252.
    plain = await post_csv(client, cat, rows.encode("cp1252"), "excel-plain")
    assert plain.status_code == 201, plain.text
    assert plain.json()["items"][0]["holder"]["name"] == "Zoë Çelik"
    # "CSV UTF-8": semicolons after a byte order mark.
    rows = f"Email;Name;ModuleId\r\nbram@example.nl;Bram Öztürk;{module}\r\n"
    utf8 = await post_csv(client, cat, b"\xef\xbb\xbf" + rows.encode(), "excel-utf8")
    assert utf8.status_code == 201, utf8.text
    assert utf8.json()["items"][0]["holder"]["name"] == "Bram Öztürk"
    # Tabs, and a comma inside a name that is not a separator here.
    rows = f"email\tname\tmoduleId\nchris@example.nl\tJansen, Chris\t{module}\n"
    tabs = await post_csv(client, cat, rows.encode(), "tabs")
    assert tabs.status_code == 201, tabs.text
    assert tabs.json()["items"][0]["holder"]["name"] == "Jansen, Chris"


def test_the_separator_follows_the_header() -> None:
    # A semicolon inside a quoted name does not make the comma file a semicolon file.
    module = "00000000-0000-4000-8000-000000000001"
    parsed = parse_csv_batch(b'email,name\na@example.nl,"A; B"\n', module_id=module)
    assert parsed.cells == {2: {"email": "a@example.nl", "name": "A; B"}}
    parsed = parse_csv_batch(b"name;email\nA, B;a@example.nl\n", module_id=module)
    assert parsed.cells == {2: {"name": "A, B", "email": "a@example.nl"}}


@pytest.mark.parametrize(
    "header",
    [b"E-mailadres;Naam;Module", b"e-mail;naam;module-id", b"Email;Name;moduleId"],
)
def test_dutch_and_english_column_names(header: bytes) -> None:
    module = "00000000-0000-4000-8000-000000000001"
    parsed = parse_csv_batch(header + f"\na@example.nl;Anna;{module}\n".encode())
    assert parsed.cells == {2: {"email": "a@example.nl", "name": "Anna", "moduleid": module}}
    assert not any(isinstance(item, DomainError) for item in parsed.items)


def test_a_column_given_in_both_languages_counts_twice() -> None:
    with pytest.raises(DomainError) as refused:
        parse_csv_batch(b"email;e-mailadres;naam\na@example.nl;a@example.nl;A\n", module_id="m")
    assert refused.value.extra["twice"] == ["e-mailadres", "email"]


async def test_a_header_problem_names_the_columns(client: Client, cat: Catalogue) -> None:
    wrong = await post_csv(client, cat, b"mail;nom\r\na@example.nl;A\r\n", "h1")
    assert wrong.status_code == 422
    problem = wrong.json()
    assert problem["code"] == "bad-csv-header"
    assert problem["found"] == ["mail", "nom"]
    assert problem["unknown"] == ["mail", "nom"]
    assert problem["missing"] == ["email", "name", "moduleId"]
    # A file without a moduleId column says exactly that, not "email and name".
    no_module = await post_csv(client, cat, b"email;name\r\na@example.nl;A\r\n", "h2")
    assert no_module.status_code == 422
    problem = no_module.json()
    assert (problem["found"], problem["missing"], problem["unknown"]) == (
        ["email", "name"],
        ["moduleId"],
        [],
    )
    assert "missing: moduleId" in problem["detail"]
    with pytest.raises(DomainError) as raised:
        parse_csv_batch(b"email,name,email\nx,y,z\n", module_id="m")
    assert raised.value.extra["twice"] == ["email"]


async def test_an_exact_reissue_is_refused_unless_asked(
    client: Client, cat: Catalogue, sessionmaker: Sessions
) -> None:
    module = (await accredited_module(client, cat))["id"]
    items = [certificate(module, f"c{n}@example.nl", f"Cursist {n}") for n in range(3)]
    first = await post_json(client, cat, items, "first")
    assert first.status_code == 201, first.text
    issued = [item["id"] for item in first.json()["items"]]

    # The same cohort again, as a CSV file: every row named, nothing issued.
    csv_body = "email,name,moduleId\n" + "".join(
        f"c{n}@example.nl,Cursist {n},{module}\n" for n in range(3)
    )
    again = await post_csv(client, cat, csv_body.encode(), "again")
    assert again.status_code == 422, again.text
    problem = again.json()
    assert problem["code"] == "already-issued"
    assert [(e["line"], e["code"], e["credentialId"]) for e in problem["errors"]] == [
        (2, "already-issued", issued[0]),
        (3, "already-issued", issued[1]),
        (4, "already-issued", issued[2]),
    ]
    assert await count(sessionmaker, Credential) == 3
    assert await count(sessionmaker, IdempotentRequest) == 1

    # A revoked one, an expired one and a new learner do not count; a suspended one does.
    await client.post(f"/api/credentials/{issued[0]}/revoke", headers=cat.provider_a)
    await client.post(f"/api/credentials/{issued[1]}/suspend", headers=cat.provider_a)
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Credential)
            .where(Credential.credential_id == issued[2])
            .values(valid_until=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
        )
    mixed = [*items, certificate(module, "nieuw@example.nl", "Nieuw")]
    response = await post_json(client, cat, mixed, "mixed")
    assert response.status_code == 422, response.text
    assert [(e["index"], e["code"]) for e in response.json()["errors"]] == [(1, "already-issued")]
    assert response.json()["errors"][0]["credentialStatus"] == "suspended"

    # With other bad rows the batch is rejected as a whole, every row listed.
    bad = [items[1], certificate(module, "geen-adres", "X")]
    response = await post_json(client, cat, bad, "bad")
    assert response.json()["code"] == "batch-rejected"
    assert [e["code"] for e in response.json()["errors"]] == ["already-issued", "invalid-item"]

    # Asked for: issued again.
    response = await post_json(client, cat, mixed, "mixed", "?reissue=true")
    assert response.status_code == 201, response.text
    assert await count(sessionmaker, Credential) == 7
    # The re-issue switch is part of the request: the key cannot replay it without it.
    replay = await post_json(client, cat, mixed, "mixed")
    assert (replay.status_code, replay.json()["code"]) == (409, "idempotency-key-reused")


async def test_a_new_module_version_is_not_a_reissue(client: Client, cat: Catalogue) -> None:
    module = (await accredited_module(client, cat))["id"]
    body = certificate(module, "sam@example.nl")
    assert (await client.post("/api/credentials", json=body, headers=cat.provider_a)).is_success
    changed = await client.patch(
        f"/api/catalogue/modules/{module}",
        json={"title": "Laadpaalmonteur 2032"},
        headers=cat.provider_a,
    )
    assert changed.status_code == 200, changed.text
    published = await client.post(
        f"/api/catalogue/modules/{module}/publish", headers=cat.provider_a
    )
    assert published.status_code == 200, published.text
    response = await client.post("/api/credentials", json=body, headers=cat.provider_a)
    assert response.status_code == 201, response.text
    assert response.json()["achievement"].endswith("/versions/2")


async def test_the_same_learner_twice_in_one_batch(
    client: Client, cat: Catalogue, sessionmaker: Sessions
) -> None:
    module = (await accredited_module(client, cat))["id"]
    items = [
        certificate(module, "anna@example.nl", "Anna"),
        certificate(module, "bram@example.nl", "Bram"),
        certificate(module, "Anna@Example.nl", "Anna de Boer"),
    ]
    for query in ("", "?reissue=true"):
        response = await post_json(client, cat, items, f"twice{query}", query)
        assert response.status_code == 422, response.text
        errors = response.json()["errors"]
        assert [(e["index"], e["code"], e["firstIndex"]) for e in errors] == [
            (2, "duplicate-row", 0)
        ]
    csv_body = f"email,name,moduleId\nanna@example.nl,A,{module}\nanna@example.nl,A,{module}\n"
    response = await post_csv(client, cat, csv_body.encode(), "twice-csv")
    assert [(e["line"], e["firstLine"]) for e in response.json()["errors"]] == [(3, 2)]
    assert await count(sessionmaker, Credential) == 0
