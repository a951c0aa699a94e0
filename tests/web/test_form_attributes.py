"""Extra input attributes of the form macro (maxlength, min/max, inputmode, accept) reach
the browser as real attributes, not as escaped text it ignores."""

from __future__ import annotations

import re

import pytest
from jinja2 import Environment, FileSystemLoader

from registry.web import TEMPLATES
from tests.registry.wallet_helpers import Person, World
from tests.web.helpers import person, signed_in
from tests.web.provider_helpers import Client, Maker

ESCAPED_ATTRIBUTE = re.compile(r"[a-z]+=&#34;")


def macro_input(attrs: object) -> str:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    template = environment.from_string(
        '{% import "_forms.html" as f with context %}{{ f.field("x", "X", attrs=attrs) }}'
    )
    return template.render(attrs=attrs, t=lambda key: key)


def test_macro_escapes_values_and_refuses_odd_names() -> None:
    html = macro_input({"maxlength": 254, "placeholder": '"><script>'})
    assert ' maxlength="254"' in html
    assert "<script>" not in html
    assert "&#34;&gt;&lt;script&gt;" in html
    with pytest.raises(ValueError, match="Invalid character"):
        macro_input({'onclick="x" a': "1"})


async def test_form_pages_render_real_attributes(
    client: Client, sessionmaker: Maker, world: World
) -> None:
    module_id = world.module["id"]
    provider = await signed_in(
        client, sessionmaker, "provider", "p@example.nl", provider="opleider-a"
    )
    expected = {
        "/aanbieder/modules/nieuw": ('min="1" max="10000" inputmode="numeric"',),
        f"/aanbieder/modules/{module_id}/bewerken": ('min="1" max="10000" inputmode="numeric"',),
        f"/aanbieder/modules/{module_id}/uitvoeringen": ('min="0" max="10000"',),
        "/aanbieder/cohort": ('accept=".csv,text/csv"',),
    }
    for path, attributes in expected.items():
        await check(provider.get, path, attributes)
    client.cookies.clear()
    worker = await signed_in(client, sessionmaker, "worker", "w@example.nl")
    account = await person(sessionmaker, "worker", "w@example.nl")
    await world.issue(Person(str(account.id), {}, None))  # the share form needs a credential
    await check(worker.get, "/mijn-cv/delen", (' maxlength="254">',))
    await check(worker.get, "/mijn-cv", ('maxlength="200"',))
    client.cookies.clear()
    assessor = await signed_in(
        client, sessionmaker, "assessor", "b@example.nl", provider="opleider-b"
    )
    await check(assessor.get, "/beoordelaar/evc/nieuw", ('maxlength="254"', 'min="1" max="8"'))


async def check(get: object, path: str, attributes: tuple[str, ...]) -> None:
    answer = await get(path)  # type: ignore[operator]
    assert answer.status_code == 200, path
    assert not ESCAPED_ATTRIBUTE.search(answer.text), path
    for attribute in attributes:
        assert attribute in answer.text, (path, attribute)
