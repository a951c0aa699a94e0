"""A control character in the EVC form: the form again (422), with what was typed.

The rule stays (422 `invalid-input`, nothing written); the assessor keeps the whole form (a
long one: candidate, standard, werkprocessen, evidence), with the control character taken out
of what is shown, and reads which field it was by its label (a werkproces field with its row).
"""

from __future__ import annotations

from markupsafe import escape

from tests.registry.wallet_helpers import World
from tests.web.assessor.test_assessor_pages import Client, Maker, assessor, evc_form
from tests.web.helpers import assert_form_again, table_counts


async def test_the_evc_form_keeps_what_was_typed(
    client: Client, sessionmaker: Maker, world: World
) -> None:
    browser = await assessor(client, sessionmaker)
    before = await table_counts(sessionmaker)
    form = evc_form(candidate_name="Fatima\x1b El Amrani", label_2="Installeert\x85 systemen")
    answer = await browser.post("/beoordelaar/evc/nieuw", form)
    assert_form_again(
        answer,
        "candidate_name",
        "'Naam van de kandidaat'",
        [
            'value="Fatima El Amrani"',
            'value="kandidaat@example.nl"',
            'value="B1-K1-W1"',
            'value="Bereidt de werkzaamheden voor"',
            'value="Installeert systemen"',
            'name="method" value="interview" checked',
            ">Gesprek over vijf jaar werk als elektricien.</textarea>",
        ],
    )
    assert escape("In 'Naam van het werkproces' bij werkproces 2 staat") in answer.text
    assert await table_counts(sessionmaker) == before
