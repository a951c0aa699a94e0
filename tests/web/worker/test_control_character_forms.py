"""A control character in the worker's forms: the form again (422), with what was typed.

The rule stays (422 `invalid-input`, nothing written); the worker keeps what they typed, with
the control character taken out of what is shown, and reads which field it was by its label.
"""

from __future__ import annotations

from tests.registry.wallet_helpers import World
from tests.web.helpers import assert_form_again, table_counts
from tests.web.worker.test_worker_pages import _worker


async def test_experience_and_share_forms_keep_what_was_typed(world: World) -> None:
    worker = await _worker(world)
    credential = str(await worker.issue())
    before = await table_counts(world.sessionmaker)
    experience = {
        "title": "Monteur\x07 warmte",
        "description": "mijn tekst\r\nover twee regels",
        "start": "2019-02-01",
    }
    answer = await worker.browser.post("/mijn-cv/ervaring", experience)
    assert_form_again(
        answer,
        "title",
        "'Titel'",
        [
            'value="Monteur warmte"',
            ">mijn tekst\r\nover twee regels</textarea>",
            'value="2019-02-01"',
        ],
    )
    share = {"credential": credential, "recipient": "a\x01b@example.nl", "lifetime": "90"}
    answer = await worker.browser.post("/mijn-cv/delen", share)
    assert_form_again(
        answer,
        "recipient",
        "'E-mailadres van de werkgever'",
        [
            'value="ab@example.nl"',
            f'name="credential" value="{credential}" checked',
            '<option value="90" selected>',
        ],
    )
    assert await table_counts(world.sessionmaker) == before


async def test_the_import_form_keeps_what_was_pasted(world: World) -> None:
    worker = await _worker(world)
    before = await table_counts(world.sessionmaker)
    answer = await worker.browser.post("/mijn-cv/toevoegen", {"jws": "eyJhbGciOi\x02JFZERTQSJ9"})
    assert_form_again(answer, "jws", "'Het geplakte bewijs'", ["eyJhbGciOiJFZERTQSJ9</textarea>"])
    assert await table_counts(world.sessionmaker) == before
