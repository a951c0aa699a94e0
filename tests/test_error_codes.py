"""The vocabulary of error codes (`schemas.errors`): one class per code, one status per code,
no raise site that names a code itself, and a Dutch and an English text for the codes that
pages show."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import catalogue
import credentials
import registry
import schemas
from registry.errors import status_of_type
from registry.web.messages import MESSAGES
from schemas.errors import CODES, DomainError, InvalidInputError
from schemas.errors import accounts as account_errors

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (schemas, catalogue, credentials, registry)
# The codes whose text the pages show as they are: those of the account and sign-in forms.
PAGE_AREAS = (account_errors,)


def every_module() -> None:
    for package in PACKAGES:
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" not in info.name:
                importlib.import_module(info.name)


def subclasses(kind: type[DomainError]) -> list[type[DomainError]]:
    found = [kind]
    for sub in kind.__subclasses__():
        found += subclasses(sub)
    return found


def test_every_code_has_one_class() -> None:
    every_module()
    named = [cls for cls in subclasses(DomainError)[1:] if "code" in cls.__dict__]
    codes = [cls.code for cls in named]
    assert sorted(codes) == sorted(set(codes)), "a code named by two classes"
    assert {cls.code: cls for cls in named} == CODES
    assert len(CODES) > 150


def test_a_second_class_for_a_code_is_refused() -> None:
    with pytest.raises(TypeError, match="has a class already"):
        type("Twin", (InvalidInputError,), {"code": "already-issued"})


def test_a_raise_site_cannot_name_a_code() -> None:
    with pytest.raises(TypeError, match="raise the class"):
        InvalidInputError("no", code="made-up")


def test_no_source_passes_a_code_to_an_error() -> None:
    """`SomeError(..., code="...")` is gone: the class is the code."""
    paths = [
        path
        for package in ("schemas", "catalogue", "credentials", "registry", "bench")
        for path in (ROOT / package).rglob("*.py")
    ]
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in paths
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.endswith("Error")
        and any(keyword.arg == "code" for keyword in node.keywords)
    ]
    assert found == []


def test_the_same_code_always_has_the_same_status() -> None:
    every_module()
    statuses = {code: status_of_type(cls) for code, cls in CODES.items()}
    assert statuses["unsupported-media-type"] == 415
    assert statuses["not-module-owner"] == 403
    # Subclasses that keep their family's code keep its status too.
    for cls in subclasses(DomainError):
        if cls is not DomainError and "code" in cls.__dict__:
            assert status_of_type(cls) == statuses[cls.code], cls


def test_codes_pages_show_have_a_dutch_and_an_english_text() -> None:
    missing = []
    for area in PAGE_AREAS:
        for cls in vars(area).values():
            if isinstance(cls, type) and cls.__module__ == area.__name__:
                texts = MESSAGES.get(f"error.{cls.code}")
                if texts is None or not all(texts):
                    missing.append(cls.code)
    assert missing == []
