"""The provider's cohort upload over HTTP: all or nothing, per-row results, streamed progress."""

from __future__ import annotations

import json
import re
from typing import Any

from registry.issuing.batches import parse_csv_batch
from registry.models import Credential
from registry.web.provider.cohort import chunk_size
from tests.registry.wallet_helpers import World
from tests.web.helpers import Browser
from tests.web.provider_helpers import Maker, count, provider

NDJSON = {"Accept": "application/x-ndjson"}
__all__ = ["provider"]  # a fixture, used by name


def csv_file(text: str) -> dict[str, Any]:
    return {"file": ("cohort.csv", text.encode(), "text/csv")}


GOOD_CSV = "email,name\nanna@example.nl,Anna de Boer\nbram@example.nl,Bram Visser\n"
BAD_CSV = (
    "email,name\n"
    "anna@example.nl,Anna de Boer\n"
    "geen-adres,Bram Visser\n"
    "chris@example.nl,Chris Jansen\n"
    "dana@example.nl\n"
)


async def test_cohort_form_lists_published_modules(provider: Browser, world: World) -> None:
    page = await provider.get("/aanbieder/cohort")
    assert page.status_code == 200
    assert f'<option value="{world.module["id"]}"' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert "<progress" in page.text
    assert 'aria-live="polite"' in page.text
    example = await provider.get("/aanbieder/cohort/voorbeeld.csv")
    assert example.headers["content-type"].startswith("text/csv")
    assert example.text.splitlines()[0] == "email,name"


async def test_cohort_upload_issues_every_row(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    answer = await provider.post(
        "/aanbieder/cohort", {"module": world.module["id"]}, files=csv_file(GOOD_CSV)
    )
    assert answer.status_code == 200
    assert "Klaar: 2 deelcertificaten uitgegeven" in answer.text
    assert "Anna de Boer" in answer.text
    assert "bram@example.nl" in answer.text
    assert await count(sessionmaker, Credential) == 2


async def test_cohort_upload_with_a_module_column(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    text = f"email,name,moduleId\nanna@example.nl,Anna de Boer,{world.module['id']}\n"
    answer = await provider.post("/aanbieder/cohort", {"module": ""}, files=csv_file(text))
    assert answer.status_code == 200
    assert await count(sessionmaker, Credential) == 1


async def test_cohort_with_bad_rows_issues_nothing_and_lists_each(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    answer = await provider.post(
        "/aanbieder/cohort", {"module": world.module["id"]}, files=csv_file(BAD_CSV)
    )
    assert answer.status_code == 422
    assert "Er is niets uitgegeven" in answer.text
    assert "2 van de 4 rijen hebben een fout" in answer.text
    rows = re.findall(r'<th scope="row">(\d+)</th>', answer.text)
    assert rows == ["3", "5"]
    assert "Het e-mailadres klopt niet" in answer.text
    assert "Deze rij heeft niet evenveel kolommen" in answer.text
    assert "Anna de Boer" not in answer.text  # good rows are not listed as problems
    # Each row is its own chunk here, so Anna was signed before Bram's row failed: all undone.
    assert chunk_size(4) == 1
    assert await count(sessionmaker, Credential) == 0


async def test_cohort_form_errors(provider: Browser, world: World, sessionmaker: Maker) -> None:
    empty = await provider.post(
        "/aanbieder/cohort", {"module": world.module["id"]}, files=csv_file("")
    )
    assert empty.status_code == 400
    assert "Kies een CSV-bestand" in empty.text
    header = await provider.post(
        "/aanbieder/cohort", {"module": ""}, files=csv_file("mail,nom\na@example.nl,A\n")
    )
    assert header.status_code == 400
    assert "In de eerste regel ontbreekt: email, name, moduleId." in header.text
    assert "Deze kolommen kennen we niet: mail, nom." in header.text
    other = await provider.post(
        "/aanbieder/cohort",
        {"module": "00000000-0000-4000-8000-000000000000"},
        files=csv_file(GOOD_CSV),
    )
    assert other.status_code == 400
    assert "Kies een module uit de lijst" in other.text
    assert await count(sessionmaker, Credential) == 0


async def test_cohort_from_dutch_excel_and_once_only(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    """Semicolons in Windows-1252, as Dutch Excel saves "CSV"; the same file again is refused
    by name until "opnieuw uitgeven" is ticked."""
    text = "email;name\r\nzoe@example.nl;Zoë Çelik\r\nbram@example.nl;Bram de Vries\r\n"
    upload = {"file": ("cohort.csv", text.encode("cp1252"), "text/csv")}
    module = {"module": world.module["id"]}
    answer = await provider.post("/aanbieder/cohort", module, files=upload)
    assert answer.status_code == 200, answer.text
    assert "Klaar: 2 deelcertificaten uitgegeven." in answer.text
    assert "Zoë Çelik" in answer.text

    again = await provider.post("/aanbieder/cohort", module, files=upload)
    assert again.status_code == 422
    assert "2 van de 2 rijen hebben een fout." in again.text
    assert again.text.count("Heeft dit deelcertificaat al.") == 2
    assert "Zoë Çelik" in again.text
    assert "Vink dan &#39;Opnieuw uitgeven&#39; aan" in again.text
    assert await count(sessionmaker, Credential) == 2

    ticked = await provider.post("/aanbieder/cohort", module | {"reissue": "ja"}, files=upload)
    assert ticked.status_code == 200, ticked.text
    assert await count(sessionmaker, Credential) == 4


async def test_cohort_counts_in_plain_dutch(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    module = {"module": world.module["id"]}
    one = await provider.post(
        "/aanbieder/cohort", module, files=csv_file("email,name\nanna@example.nl,Anna\n")
    )
    assert "Klaar: 1 deelcertificaat uitgegeven." in one.text
    bad = "email,name\nbram@example.nl,Bram\ngeen-adres,Chris\nanna@example.nl,Anna\n"
    answer = await provider.post("/aanbieder/cohort", module, files=csv_file(bad))
    assert answer.status_code == 422
    assert "2 van de 3 rijen hebben een fout." in answer.text
    answer = await provider.post(
        "/aanbieder/cohort", module, files=csv_file("email,name\ngeen-adres,Chris\n")
    )
    assert "1 van de 1 rijen heeft een fout." in answer.text
    twice = "email,name\ndana@example.nl,Dana\nDana@example.nl,Dana\n"
    answer = await provider.post("/aanbieder/cohort", module, files=csv_file(twice))
    assert "Staat ook op regel 2, met dezelfde module." in answer.text
    assert await count(sessionmaker, Credential) == 1


async def test_cohort_module_per_row_without_the_column(provider: Browser, world: World) -> None:
    answer = await provider.post("/aanbieder/cohort", {"module": ""}, files=csv_file(GOOD_CSV))
    assert answer.status_code == 400
    assert "In de eerste regel ontbreekt: moduleId." in answer.text
    assert "Kies bij Module een module, of zet een kolom moduleId in het bestand." in answer.text
    assert "Gevonden kolommen: email, name." in answer.text


async def post_ndjson(browser: Browser, data: dict[str, str], text: str) -> Any:
    """Post the cohort form as provider.js does: the file, asking for NDJSON."""
    form = {"_csrf_token": await browser.csrf_token(), **data}
    return await browser.client.post(
        "/aanbieder/cohort", data=form, files=csv_file(text), headers=NDJSON
    )


def ndjson_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


async def test_cohort_streams_progress_then_the_result(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    rows = "".join(f"l{n}@example.nl,Leerling {n}\n" for n in range(45))
    answer = await post_ndjson(provider, {"module": world.module["id"]}, "email,name\n" + rows)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/x-ndjson"), answer.headers
    lines = ndjson_lines(answer.text)
    progress = [line for line in lines if "done" in line]
    assert progress[0] == {"done": 0, "total": 45}
    assert progress[-1] == {"done": 45, "total": 45}
    assert [p["done"] for p in progress] == sorted(p["done"] for p in progress)
    assert len(progress) > 3  # more than start and end: it reports while it works
    final = lines[-1]
    assert final["result"] == "issued"
    assert final["message"] == "Klaar: 45 deelcertificaten uitgegeven."
    assert "Leerling 44" in final["html"]
    assert await count(sessionmaker, Credential) == 45


async def test_cohort_stream_with_a_bad_row_issues_nothing(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    answer = await post_ndjson(provider, {"module": world.module["id"]}, BAD_CSV)
    final = ndjson_lines(answer.text)[-1]
    assert final["result"] == "rejected"
    assert "Daarom is er niets uitgegeven" in final["message"]
    assert '<th scope="row">3</th>' in final["html"]
    assert '<th scope="row">5</th>' in final["html"]
    assert await count(sessionmaker, Credential) == 0
    invalid = await post_ndjson(provider, {"module": ""}, "")
    assert invalid.status_code == 400
    assert ndjson_lines(invalid.text)[-1]["result"] == "invalid"


def test_a_chosen_module_keeps_the_files_line_numbers() -> None:
    text = b'email,name\r\na@example.nl,"A\nB"\r\n\r\nc@example.nl,C\r\n'
    module = "00000000-0000-4000-8000-000000000001"
    parsed = parse_csv_batch(text, module_id=module)
    assert parsed.lines == [3, 5]
    assert [str(getattr(item, "module_id", "")) for item in parsed.items] == [module, module]
    assert parsed.cells is not None
    assert parsed.cells[3]["name"] == "A\nB"


# ---------------------------------------------------------------- issued credentials
