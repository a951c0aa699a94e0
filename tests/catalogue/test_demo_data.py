"""The demo data set: valid Structs, consistent keys, real ESCO competences."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter
from typing import TypeVar

import msgspec
import pytest

from catalogue.demo_data import (
    MODULES,
    PROVIDERS,
    QUALIFICATIONS,
    DemoModule,
    DemoProvider,
    DemoQualification,
    demo_modules,
    qualification_create,
)
from catalogue.esco import ESCO_GREEN_SKILLS_CSV, parse_esco_csv
from schemas.catalogue import (
    Level,
    ModuleCreate,
    ProviderCreate,
    QualificationCreate,
    RunCreate,
)

TODAY = dt.date(2025, 3, 12)  # a Wednesday
T = TypeVar("T")
SECTOR = re.compile(r"^[a-z][a-z0-9-]{1,40}$")


@pytest.fixture(scope="module")
def modules() -> list[DemoModule]:
    return demo_modules(TODAY)


def roundtrip(value: T, kind: type[T]) -> T:
    """Encode to JSON and decode with validation, as the API would."""
    return msgspec.json.decode(msgspec.json.encode(value), type=kind)


def test_providers_construct_and_round_trip() -> None:
    assert len(PROVIDERS) >= 3
    for demo in PROVIDERS:
        assert roundtrip(demo, DemoProvider) == demo
        assert roundtrip(demo.provider, ProviderCreate) == demo.provider
    slugs = [demo.provider.slug for demo in PROVIDERS]
    assert len(set(slugs)) == len(slugs)
    assert len({demo.provider.kvk for demo in PROVIDERS}) == len(PROVIDERS)


def test_modules_construct_and_round_trip(modules: list[DemoModule]) -> None:
    assert len(modules) >= 12
    for demo in modules:
        assert roundtrip(demo, DemoModule) == demo
        assert roundtrip(demo.module, ModuleCreate) == demo.module
        for run in demo.runs:
            assert roundtrip(run, RunCreate) == run


def test_module_keys_unique_and_providers_known(modules: list[DemoModule]) -> None:
    keys = [demo.key for demo in modules]
    assert len(set(keys)) == len(keys)
    slugs = {demo.provider.slug for demo in PROVIDERS}
    assert {demo.provider_slug for demo in modules} == slugs  # every provider offers something


def test_module_variety(modules: list[DemoModule]) -> None:
    assert {demo.module.delivery_mode for demo in modules} == {
        "classroom",
        "online",
        "blended",
        "on-the-job",
    }
    assert {demo.module.language for demo in modules} == {"nl", "en"}
    assert sum(demo.module.language == "nl" for demo in modules) >= len(modules) - 2
    schemes = Counter(demo.module.level.scheme for demo in modules if demo.module.level)
    assert schemes["mbo"] > schemes["nlqf"] > 0
    for demo in modules:
        assert 2 <= len(demo.module.competences) <= 5, demo.key
        assert demo.module.sectors, demo.key
        assert all(SECTOR.match(sector) for sector in demo.module.sectors)
        assert demo.runs, demo.key


def test_required_topics_are_covered(modules: list[DemoModule]) -> None:
    titles = " ".join(demo.module.title.lower() for demo in modules)
    for topic in [
        "laadpaal",
        "warmtepomp",
        "zonnepanelen",
        "vop",
        "(vp)",
        "f-gassen",
        "wtw",
        "thuisbatterij",
        "hybride",
        "isolatie",
        "slimme meter",
        "nen 1010",
        "waterstof",
        "energieadviseur",
    ]:
        assert topic in titles, topic


def test_every_competence_uri_exists_in_the_esco_green_skills_file(
    modules: list[DemoModule],
) -> None:
    known = {c.uri for c in parse_esco_csv(ESCO_GREEN_SKILLS_CSV.read_bytes())}
    used = {ref.uri for demo in modules for ref in demo.module.competences}
    assert used
    assert used <= known, sorted(used - known)


def test_run_statuses(modules: list[DemoModule]) -> None:
    statuses = Counter(run.status for demo in modules for run in demo.runs)
    assert statuses["cancelled"] == 1
    assert statuses["full"] >= 1
    assert statuses["planned"] >= 1
    assert statuses["open"] > statuses["planned"] + statuses["full"] + statuses["cancelled"]


def test_runs_are_relative_to_today(modules: list[DemoModule]) -> None:
    runs = [run for demo in modules for run in demo.runs]
    assert all(run.start_date > TODAY for run in runs)
    assert all(run.end_date >= run.start_date for run in runs)
    assert all(run.start_date.weekday() == 0 for run in runs)  # Mondays
    soon = [run for run in runs if run.start_date <= TODAY + dt.timedelta(weeks=12)]
    later = [run for run in runs if run.start_date > TODAY + dt.timedelta(weeks=12)]
    assert soon
    assert later
    assert min(run.start_date for run in runs) >= TODAY + dt.timedelta(days=8)
    assert all(run.status == "planned" for run in later)
    assert {run.place for run in runs} >= {"Utrecht", "Rotterdam", "Zwolle", "Groningen"}

    shifted = demo_modules(TODAY + dt.timedelta(days=7))
    for before, after in zip(modules, shifted, strict=True):
        for run_before, run_after in zip(before.runs, after.runs, strict=True):
            assert run_after.start_date - run_before.start_date == dt.timedelta(days=7)


def test_module_constant_matches_the_function() -> None:
    assert [demo.key for demo in MODULES] == [demo.key for demo in demo_modules(TODAY)]


def test_qualifications_construct_and_refer_to_existing_modules(
    modules: list[DemoModule],
) -> None:
    assert len(QUALIFICATIONS) >= 2
    keys = {demo.key for demo in modules}
    codes = [q.code for q in QUALIFICATIONS]
    assert len(set(codes)) == len(codes)
    assert len({q.key for q in QUALIFICATIONS}) == len(QUALIFICATIONS)
    for qualification in QUALIFICATIONS:
        assert roundtrip(qualification, DemoQualification) == qualification
        assert set(qualification.required) <= keys
        for title, min_count, group in qualification.optional_groups:
            assert title
            assert set(group) <= keys
            assert 1 <= min_count <= len(group)


def test_allround_monteur_composition() -> None:
    [allround] = [q for q in QUALIFICATIONS if q.code == "Q-ALLROUND-DI"]
    assert allround.level == Level(scheme="mbo", value=3)
    assert {"nen3140-vop", "laadpaalmonteur", "zonnepanelenmonteur"} <= set(allround.required)
    [(_, min_count, group)] = allround.optional_groups
    assert min_count == 2
    assert "warmtepompmonteur" in group


def test_qualification_create_bodies_validate(modules: list[DemoModule]) -> None:
    ids = {demo.key: uuid.uuid4() for demo in modules}
    for qualification in QUALIFICATIONS:
        body = qualification_create(qualification, ids)
        assert roundtrip(body, QualificationCreate) == body
        assert body.required_modules == [ids[key] for key in qualification.required]
