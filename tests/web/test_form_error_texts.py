"""Every refusal a form can get from a service is shown in words on that form, never a crash.

The forms call services (share, issue, cohort, EVC); a code the form receives without a text
of its own area or a shared one used to end in a KeyError (500). The walk below reads the
codes the called service functions raise from their source, so a new code without a text
fails here rather than on a worker's screen.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterable
from types import ModuleType
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.issuing import batches, issuance
from registry.models import Share
from registry.sharing import shares
from registry.wallet import wallet_content, wallets
from registry.web.assessor.pages import FIELD_OF_ERROR
from registry.web.messages import MESSAGES
from registry.web.worker.imports import IMPORT_REFUSALS
from registry.web.worker.pages import SHARE_ERROR_FIELD
from schemas.errors import DomainError
from tests.registry.wallet_helpers import World
from tests.web.worker.test_worker_pages import _count, _row_id, _worker

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]

# The functions each form reaches: (module, names of functions or methods in it). The forms
# name a holder by e-mail address and name, never by worker id (`_worker_ref`); only a
# module certificate can be held already (`_already_issued`).
ISSUE_ONE = ("issuer_of", "issue_one", "_require_kind", "plan", "_require_accredited")
MODULES = ("_module_plan", "_already_issued")
# A header problem is worded by the cohort page itself, column by column (`header_problem`).
CSV = (batches, ("parse_csv_batch", "decode_csv", "read_csv", "_csv_item", "_check_size"))
HOLDERS = (wallets, ("resolve_holders", "_email_ref", "_create_wallets"))
FORMS: dict[str, tuple[str, list[tuple[ModuleType, Iterable[str]]]]] = {
    "share": ("worker", [(shares, ("create_share", "_own_credentials", "_recipient"))]),
    "issue": ("provider", [(issuance, (*ISSUE_ONE, *MODULES)), HOLDERS]),
    "cohort": (
        "provider",
        [(issuance, (*ISSUE_ONE, *MODULES, "issue_many", "_rejected")), HOLDERS, CSV],
    ),
    "evc": ("assessor", [(issuance, (*ISSUE_ONE, "_evc_plan", "_check_valid_until")), HOLDERS]),
    # A person certificate can be held already, like a module certificate.
    "certificate": (
        "assessor",
        [(issuance, (*ISSUE_ONE, "_check_valid_until", "_already_issued")), HOLDERS],
    ),
    "import": ("worker", [(wallet_content, ("import_credential", "_import_text"))]),
}


def _codes_raised(module: ModuleType, names: Iterable[str]) -> set[str]:
    """The codes of the domain errors these functions make: `SomeError(..., code="x")`, or
    the error class's own `code` (classes are looked up in the module, wherever defined)."""
    tree = ast.parse(inspect.getsource(module))
    wanted = set(names)
    functions = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in wanted
    ]
    assert {f.name for f in functions} == wanted, "a function named here no longer exists"
    codes: set[str] = set()
    for call in (n for f in functions for n in ast.walk(f) if isinstance(n, ast.Call)):
        name = call.func.id if isinstance(call.func, ast.Name) else None
        error = getattr(module, name, None) if name else None
        if not (isinstance(error, type) and issubclass(error, DomainError)):
            continue
        given = [k.value for k in call.keywords if k.arg == "code"]
        if given:
            assert isinstance(given[0], ast.Constant), "a code is written as text"
            codes.add(given[0].value)
        else:
            codes.add(error.code)
    return codes


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_code_a_form_can_get_has_a_text_in_both_languages(form: str) -> None:
    area, reached = FORMS[form]
    codes = set().union(*(_codes_raised(module, names) for module, names in reached))
    assert codes, "the walk found no codes at all"
    without = sorted(
        code
        for code in codes
        if not any(
            all(text.strip() for text in MESSAGES.get(key, ("", ""))) and key in MESSAGES
            for key in (f"{area}.error.{code}", f"error.{code}")
        )
    )
    assert without == []


def test_the_import_form_shows_every_refusal_of_the_import_service() -> None:
    """The import page reads only text, so it never sends an image or both fields."""
    codes = _codes_raised(wallet_content, ("import_credential", "_import_text"))
    shown = {error.code for error in IMPORT_REFUSALS}
    assert codes - shown == {"one-of-required", "bad-image"}


def test_share_form_maps_every_code_of_the_share_service_to_a_field() -> None:
    codes = _codes_raised(shares, ("create_share", "_own_credentials", "_recipient"))
    assert codes <= {error.code for error in SHARE_ERROR_FIELD}
    assert {error.code for error in FIELD_OF_ERROR} <= _codes_raised(*HOLDERS) | _codes_raised(
        issuance, ("_check_valid_until",)
    )


@pytest.mark.parametrize("stop", ["revoke", "suspend"])
async def test_sharing_a_credential_stopped_while_the_form_was_open(
    world: World, stop: str
) -> None:
    worker = await _worker(world)
    issued = await world.issue(worker.person)
    row_id = await _row_id(world.sessionmaker, issued["id"])
    form = await worker.browser.get(f"/mijn-cv/delen?bewijs={row_id}")
    assert form.status_code == 200
    response = await world.client.post(
        f"/api/credentials/{issued['id']}/{stop}", headers=world.provider
    )
    assert response.status_code == 200, response.text

    answer = await worker.browser.post(
        "/mijn-cv/delen", {"credential": str(row_id), "recipient": "hr@example.com"}
    )
    assert answer.status_code == 422, answer.text
    assert "ingetrokken of geschorst" in answer.text
    assert 'class="error-summary"' in answer.text
    assert await _count(world.sessionmaker, Share) == 0
