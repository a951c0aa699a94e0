"""Schemathesis against our own OpenAPI document, in process, on the demo data.

Every operation is run without a token and with the token of the role it is for. A run passes
when no answer is a 5xx and every answer's status, content type, body and headers are the ones
the document gives. Bounded and seeded: a fixed number of examples per operation, generated
deterministically, so `make test` stays within its time and finds the same things each run.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pytest
import schemathesis
from litestar import Litestar, get
from schemathesis.engine import events, from_schema
from schemathesis.python import asgi
from sqlalchemy import select

from catalogue.models import Competence, Module, ModuleVersion, Qualification
from catalogue.models import Run as CourseRun
from registry.app import create_app
from registry.db import make_engine, make_sessionmaker
from registry.demo import load_demo
from registry.errors import EXCEPTION_HANDLERS
from registry.models import (
    Accreditation,
    Consent,
    Credential,
    Experience,
    IssuerKey,
    Share,
    StatusListRow,
)
from registry.openapi import ApiDocPlugin
from registry.settings import Settings
from schemas.errors import ConflictError
from tests.conftest import empty_database

pytestmark = pytest.mark.schemathesis

SEED = 20261202
MAX_EXAMPLES = 5
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
)
# The role whose token each operation is for, by its path (the patterns do not overlap); the
# operations none names read no token.
ROLES = (
    (r"^/api/catalogue/(providers|frameworks|competences)", "operator"),
    (r"^/api/accreditations", "operator"),
    (r"^/api/catalogue/(modules|qualifications|import|export)", "provider"),
    (r"^/api/credentials", "provider"),
    (r"^/api/me/", "worker"),
    (r"^/api/(shares|verify)|^/s/", "employer"),
)
# Bodies we document as text: send what was generated as it is.
schemathesis.serializer.alias(
    ["text/csv", "application/vc+jwt", "application/vp+jwt", "application/jwt"], "text/plain"
)


@dataclass(frozen=True)
class Finding:
    """One failed check on one answer."""

    operation: str
    check: str
    status: int | None
    title: str
    curl: str
    body: bytes

    @property
    def key(self) -> tuple[str, str, int | None, str]:
        return (self.operation, self.check, self.status, self.title)

    def describe(self) -> str:
        return (
            f"{self.operation}: {self.check} ({self.title}), status {self.status}\n"
            f"    {self.curl}\n    -> {self.body[:300]!r}"
        )


@dataclass(frozen=True)
class Demo:
    """The demo data set: a token per demo account, and ids of what it holds by the path
    parameter that names them (so that some requests reach real modules, shares, ...)."""

    tokens: dict[str, str]
    ids: dict[str, list[str | int]]


ID_QUERIES: dict[str, Any] = {
    "module_id": select(Module.id),
    "competence_id": select(Competence.id).order_by(Competence.uri).limit(20),
    "number": select(ModuleVersion.number).distinct(),
    "run_id": select(CourseRun.id),
    "qualification_id": select(Qualification.id),
    "accreditation_id": select(Accreditation.id),
    "list_id": select(StatusListRow.id),
    "slug": select(IssuerKey.issuer_slug).distinct(),
    "credential_id": select(Credential.credential_id),
    "share_id": select(Share.id),
    "experience_id": select(Experience.id),
    "consent_id": select(Consent.id),
}


@pytest.fixture(scope="module")
async def demo(settings: Settings) -> AsyncIterator[Demo]:
    """The demo data set, committed on the empty database for this module's tests (the apps
    they run have engines of their own), and emptied after them."""
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            tokens = await load_demo(session, settings)
            ids = {
                name: [v if isinstance(v, int) else str(v) for v in await session.scalars(query)]
                for name, query in ID_QUERIES.items()
            }
        yield Demo(tokens=tokens, ids={name: values for name, values in ids.items() if values})
    finally:
        await empty_database(engine)
        await engine.dispose()


@pytest.fixture
def app_under_test(settings: Settings) -> Iterator[Any]:
    app = create_app(settings)
    yield app
    # Schemathesis runs the app's lifespan in a thread of its own; end it (and its engine).
    asgi.shutdown_lifespans()


def config(demo: Demo, *, with_tokens: bool, document: dict[str, Any]) -> schemathesis.Config:
    if with_tokens:
        operations = [
            {
                "include-path-regex": pattern,
                "headers": {"Authorization": f"Bearer {demo.tokens[role]}"},
            }
            for pattern, role in ROLES
        ]
    else:
        # Without a token, what needs one answers 401 before it reads anything: its examples
        # suffice, the coverage phase's hundreds of body variants would only meet the same 401.
        operations = [
            {"include-name": label, "phases": {"coverage": {"enabled": False}}}
            for label, operation in operations_of(document).items()
            if needs_token(operation)
        ]
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "continue-on-failure": True,
            # No example database: a run must not depend on what an earlier one found.
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
            # Other methods on our paths only meet the router's 405; stateful needs links.
            "phases": {"coverage": {"unexpected-methods": []}, "stateful": {"enabled": False}},
            "dictionaries": {name: {"values": values} for name, values in demo.ids.items()},
            "parameters": {
                f"path.{name}": {"dictionary": name, "probability": 0.5} for name in demo.ids
            },
            "operations": operations,
        }
    )


@dataclass
class Outcome:
    """What one run met: its findings, the statuses answered and the checks made, by operation."""

    findings: list[Finding] = field(default_factory=list)
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    checks: Counter[str] = field(default_factory=Counter)


def run(app: Any, config: schemathesis.Config) -> Outcome:
    """Every operation of the document, every finding, and what was answered."""
    schema = schemathesis.openapi.from_asgi("/schema/openapi.json", app, config=config)
    result = Outcome()
    for event in from_schema(schema).execute():
        if isinstance(event, events.FatalError):
            raise event.exception
        if isinstance(event, events.NonFatalError):
            pytest.fail(f"schemathesis could not test {event.label}: {event.value!r}")
        if isinstance(event, events.ScenarioFinished):
            record(result, event.recorder)
    return result


def record(result: Outcome, recorder: Any) -> None:
    label = recorder.label
    for case_id in recorder.cases:
        response = recorder.find_response(case_id=case_id)
        if response is not None:
            result.statuses[label][response.status_code] += 1
        for check in recorder.checks.get(case_id, []):
            result.checks[check.name] += 1
            if check.failure_info is None:
                continue
            result.findings.append(
                Finding(
                    operation=label,
                    check=check.name,
                    status=None if response is None else response.status_code,
                    title=check.failure_info.failure.title,
                    curl=check.failure_info.code_sample,
                    body=b"" if response is None else response.content,
                )
            )


def unexpected(findings: list[Finding]) -> list[str]:
    """Every finding fails the run; one line per kind (operation, check, status, failure)."""
    first: dict[tuple[str, str, int | None, str], Finding] = {}
    for finding in findings:
        first.setdefault(finding.key, finding)
    return [finding.describe() for finding in first.values()]


def needs_token(operation: dict[str, Any]) -> bool:
    return {} not in operation.get("security", [{}])


def operations_of(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }


@pytest.mark.parametrize("with_tokens", [False, True], ids=["anonymous", "role-tokens"])
def test_api_conforms_to_its_document(app_under_test: Any, demo: Demo, with_tokens: bool) -> None:
    document = app_under_test.openapi_schema.to_schema()
    result = run(app_under_test, config(demo, with_tokens=with_tokens, document=document))
    operations = operations_of(document)
    cases = sum(sum(answered.values()) for answered in result.statuses.values())
    print(f"schemathesis, tokens {with_tokens}: {cases} requests, {len(operations)} operations")
    assert set(result.statuses) == set(operations)
    for label in operations:
        path = label.partition(" ")[2]
        assert sum(re.search(pattern, path) is not None for pattern, _ in ROLES) <= 1, label
    assert set(result.checks) == set(CHECKS)
    assert not unexpected(result.findings), "\n".join(unexpected(result.findings))
    # The run did what it says: without a token, what needs one answered 401; with the role's
    # token, it answered something else too.
    for label, operation in operations.items():
        answered = result.statuses[label]
        if needs_token(operation):
            assert (set(answered) - {401}) if with_tokens else (401 in answered), (label, answered)


def test_the_run_fails_a_route_on_a_status_it_does_not_document() -> None:
    @get("/api/things/{thing_id:uuid}", sync_to_thread=False)
    def read_thing(thing_id: UUID) -> dict[str, str]:
        raise ConflictError("this route declares no ConflictError")

    app = Litestar([read_thing], plugins=[ApiDocPlugin()], exception_handlers=EXCEPTION_HANDLERS)
    try:
        document = app.openapi_schema.to_schema()
        outcome = run(app, config(Demo(tokens={}, ids={}), with_tokens=False, document=document))
    finally:
        asgi.shutdown_lifespans()
    assert ("status_code_conformance", 409) in {(f.check, f.status) for f in outcome.findings}
    assert unexpected(outcome.findings)
