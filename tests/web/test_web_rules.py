"""Rules that hold for every page at once: CSRF on every form, complete translations, and
every form deciding what a control character does."""

from __future__ import annotations

import ast
import re
import string
import uuid
from pathlib import Path
from typing import Any

from litestar.testing import AsyncTestClient

import registry.web
from registry.web.errors import MACHINE_PREFIXES
from registry.web.messages import MESSAGES
from tests.web.helpers import HTML

PATH_PARAMETER = re.compile(r"\{(\w+):(\w+)\}")


def _fill(path: str) -> str:
    return PATH_PARAMETER.sub(lambda m: str(uuid.uuid4()) if m.group(2) == "uuid" else "x", path)


def _form_posts(app: Any) -> list[str]:
    paths = []
    for route in app.routes:
        if route.path.startswith(MACHINE_PREFIXES):
            continue
        methods = getattr(route, "methods", set())
        if methods & {"POST", "PUT", "PATCH", "DELETE"}:
            paths.append(_fill(route.path))
    return sorted(paths)


async def test_every_form_post_needs_the_csrf_token(client: AsyncTestClient[Any]) -> None:
    posts = _form_posts(client.app)
    assert len(posts) >= 15, posts  # the web pages' forms, not an empty list by mistake
    for path in posts:
        answer = await client.post(path, data={"x": "1"}, headers=HTML)
        assert answer.status_code == 403, path
        assert "Het formulier is verlopen" in answer.text, path


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_dutch_and_english_with_the_same_fields() -> None:
    wrong = [
        key
        for key, (dutch, english) in MESSAGES.items()
        if not dutch.strip() or not english.strip() or _fields(dutch) != _fields(english)
    ]
    assert wrong == []


async def test_every_page_has_an_icon_and_favicon_ico_finds_it(
    client: AsyncTestClient[Any],
) -> None:
    home = await client.get("/", headers=HTML)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in home.text
    icon = await client.get("/favicon.ico", follow_redirects=True)
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")


async def test_a_page_that_is_not_there_says_not_found(client: AsyncTestClient[Any]) -> None:
    answer = await client.get("/bestaat-niet", headers=HTML)
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "404 · not-found" in answer.text


def _form_readers() -> dict[str, set[str]]:
    """Each function in registry/web that reads a form, with the attributes it uses."""
    found: dict[str, set[str]] = {}
    web = Path(registry.web.__file__).parent
    for source in web.rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            calls = {
                node.func.id
                for node in ast.walk(function)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            }
            if "read_form" in calls:
                attributes = {n.attr for n in ast.walk(function) if isinstance(n, ast.Attribute)}
                found[f"{source.relative_to(web)}:{function.name}"] = attributes
    return found


def test_every_form_decides_what_a_control_character_does() -> None:
    """`read_form` hands over a form whose refused fields are already cleaned for showing
    again: a handler that read it but looked at neither `refused` (show the form again) nor
    `require_clean` (the error page, for a button) would store text it must refuse."""
    readers = _form_readers()
    assert len(readers) >= 19, sorted(readers)  # every form, not an empty list by mistake
    careless = [name for name, used in readers.items() if not used & {"refused", "require_clean"}]
    assert careless == []
