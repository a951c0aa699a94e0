"""A control character in the public check form: the form again (422), with what was pasted.

The rule stays (422 `invalid-input`, nothing checked, nothing written); what was pasted comes
back without the control character, and the error names the field by its label.
"""

from __future__ import annotations

from typing import Any

from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.web.helpers import Browser, assert_form_again, table_counts


async def test_the_check_form_keeps_what_was_pasted(
    client: AsyncTestClient[Any], sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    before = await table_counts(sessionmaker)
    pasted = "eyJhbGciOiJFZERTQSJ9.\x01eyJpc3MiOiJkaWQ6d2ViOngifQ.c2lnbmF0dXJl"
    answer = await Browser(client).post("/controleren", {"jws": pasted})
    assert_form_again(
        answer,
        "jws",
        "'Het geplakte bewijs'",
        [">eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6d2ViOngifQ.c2lnbmF0dXJl</textarea>"],
    )
    assert 'name="bestand"' in answer.text  # the whole form, the file field too
    assert await table_counts(sessionmaker) == before
