"""A control character in the provider's forms: the form again (422), with what was typed.

Two families: issuing and status changes, and the catalogue's edit forms (module, run). The
rule stays (422 `invalid-input`, nothing written); the provider keeps what they typed, with
the control character taken out of what is shown, and reads which field it was by its label.
"""

from __future__ import annotations

from tests.registry.wallet_helpers import World
from tests.web.helpers import Browser, assert_form_again, table_counts
from tests.web.provider.test_provider_pages import module_form
from tests.web.provider_helpers import Maker, provider

__all__ = ["provider"]  # a fixture, used by name


async def test_issue_status_and_cohort_forms_keep_what_was_typed(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    worker = await world.person("worker", "sam@example.nl", "Sam de Vries")
    issued = await world.issue(worker)
    before = await table_counts(sessionmaker)
    answer = await provider.post(
        f"/aanbieder/modules/{world.module['id']}/uitgeven",
        {"email": "noor@example.nl", "name": "Noor\x1b Bakker", "reissue": "ja"},
    )
    assert_form_again(answer, "name", "'Naam'", ['value="Noor Bakker"', 'value="noor@example.nl"'])
    answer = await provider.post(
        f"/aanbieder/bewijzen/{issued['id']}/schorsen",
        {"reason": "under-investigation", "note": "Wordt\x0c onderzocht.", "back": ""},
    )
    assert_form_again(
        answer,
        "note",
        "'Uitleg'",
        [
            '<option value="under-investigation" selected>',
            ">Wordt onderzocht.</textarea>",
            'id="suspend-note-error"',  # at the note of the form that was sent
        ],
    )
    answer = await provider.post(
        "/aanbieder/cohort",
        {"module": f"{world.module['id']}\x00"},
        files={"file": ("cohort.csv", b"email,name\nanna@example.nl,Anna\n", "text/csv")},
    )
    assert_form_again(answer, "module", "'Module'", [f'value="{world.module["id"]}" selected'])
    assert await table_counts(sessionmaker) == before


async def test_module_and_run_forms_keep_what_was_typed(
    provider: Browser, world: World, sessionmaker: Maker
) -> None:
    """The catalogue's edit forms: a new module, a change to one, a new run."""
    before = await table_counts(sessionmaker)
    typed = module_form(description="Regel 1\r\nRegel\x7f 2")
    answer = await provider.post("/aanbieder/modules/nieuw", typed)
    assert_form_again(
        answer,
        "description",
        "'Beschrijving'",
        [
            ">Regel 1\r\nRegel 2</textarea>",
            'value="Warmtepomp onderhoud"',
            'value="installatietechniek, energie"',
            'value="blended" checked',
        ],
    )
    module_id = world.module["id"]
    typed = module_form(title="Laadpaalmonteur\x9f (nieuw)")
    answer = await provider.post(f"/aanbieder/modules/{module_id}/bewerken", typed)
    assert_form_again(answer, "title", "'Titel'", ['value="Laadpaalmonteur (nieuw)"', 'value="24"'])
    run = {
        "start_date": "2031-05-05",
        "end_date": "2031-05-09",
        "place": "Zwol\x01le",
        "postcode": "8011 AB",
        "seats": "10",
        "status": "planned",
    }
    answer = await provider.post(f"/aanbieder/modules/{module_id}/uitvoeringen", run)
    assert_form_again(
        answer,
        "place",
        "'Plaats'",
        ['value="Zwolle"', 'value="2031-05-05"', 'value="8011 AB"', 'value="10"'],
    )
    assert await table_counts(sessionmaker) == before
