"""A large, realistic catalogue in a fresh SQLite file, written in bulk with SQLAlchemy Core.

Words come from the ESCO green skills shipped with the catalogue plus Dutch trade words, so the
full-text index sees a real vocabulary with common and rare terms. Seeded: the same size gives
the same data.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, create_engine, insert

from catalogue import route_index
from catalogue.folding import folded_labels
from catalogue.models import (
    Competence,
    CompetenceFramework,
    Module,
    ModuleSearch,
    ModuleVersion,
    ModuleVersionCompetence,
    Provider,
    Run,
)
from catalogue.search import document_text
from registry.migrate import upgrade
from schemas.catalogue import DeliveryMode

ESCO_CSV = Path(__file__).resolve().parents[1] / "catalogue" / "data"
ESCO_CSV /= "esco-green-skills-v1.1.1-en.csv"
TRADES = [
    "warmtepomp", "laadpaal", "zonnepaneel", "ventilatie", "isolatie", "luchtbehandeling",
    "koeltechniek", "elektrotechniek", "domotica", "gebouwbeheer", "zonneboiler", "thuisbatterij",
    "meterkast", "riolering", "sanitair", "dakbedekking", "gevelisolatie", "waterstof",
    "windturbine", "netbeheer", "installatie", "verwarming", "vloerverwarming", "ketel",
    "energieadvies", "bouwkunde", "lasinstallatie", "kabelmontage", "storingsdienst", "inregeling",
]  # fmt: skip
ROLES = ["monteur", "installateur", "technicus", "specialist", "adviseur", "engineer"]
QUALIFIERS = [
    "basis", "gevorderd", "voor zij-instromers", "in de praktijk", "onderhoud en storingen",
    "veilig werken", "ontwerp", "NEN 1010", "inbedrijfstelling", "kwaliteitsborging",
]  # fmt: skip
SECTORS = ["installatietechniek", "bouw", "energie", "elektrotechniek", "klimaattechniek", "infra"]
MODES: list[DeliveryMode] = ["classroom", "online", "blended", "on-the-job"]
PLACES = [
    ("Utrecht", "35"), ("Amersfoort", "38"), ("Amsterdam", "10"), ("Rotterdam", "30"),
    ("Den Haag", "25"), ("Eindhoven", "56"), ("Tilburg", "50"), ("Groningen", "97"),
    ("Zwolle", "80"), ("Arnhem", "68"), ("Nijmegen", "65"), ("Maastricht", "62"),
    ("Leeuwarden", "89"), ("Breda", "48"), ("Almere", "13"), ("Enschede", "75"),
]  # fmt: skip
STATUSES = ["open"] * 6 + ["planned"] * 2 + ["full", "cancelled"]
FRAMEWORK_VERSION = "v1.1.1"


@dataclass(frozen=True)
class Skill:
    """An ESCO skill as the generator uses it."""

    id: UUID
    uri: str
    label: str
    description: str


@dataclass(frozen=True)
class Catalogue:
    """What the benchmark needs to know to ask realistic questions."""

    url: str
    skills: list[Skill]
    provider_slugs: list[str]
    today: dt.date


def load_skills(rng: random.Random) -> list[Skill]:
    with ESCO_CSV.open(encoding="utf-8", newline="") as f:
        return [
            Skill(_uuid(rng), row["conceptUri"], row["preferredLabel"], row["description"])
            for row in csv.DictReader(f)
        ]


def build(path: Path, modules: int, *, seed: int = 8, today: dt.date) -> Catalogue:
    """Migrate a fresh SQLite file at `path` and fill it with `modules` published modules."""
    url = f"sqlite:///{path}"
    upgrade(url)
    rng = random.Random(seed)
    skills = load_skills(rng)
    engine = create_engine(url)
    with engine.begin() as conn:
        # A throwaway file: durability is not worth the time while loading.
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        providers = _base_rows(conn, rng, skills)
        for start in range(0, modules, 5_000):
            chunk = [
                _module(rng, providers, skills, today) for _ in range(min(5_000, modules - start))
            ]
            for table, key in _TABLES:
                rows = [row for generated in chunk for row in generated[key]]
                if rows:
                    conn.execute(insert(table), rows)
        # Bulk rows pass no session, so the route index is built as a migration builds it.
        route_index.rebuild_all(conn)
    engine.dispose()
    slugs = [p["slug"] for p in providers]
    return Catalogue(url=url, skills=skills, provider_slugs=slugs, today=today)


def _uuid(rng: random.Random) -> UUID:
    return UUID(int=rng.getrandbits(128), version=4)


def _base_rows(conn: Connection, rng: random.Random, skills: list[Skill]) -> list[dict[str, Any]]:
    """Providers, the ESCO framework and its competences."""
    providers = [
        {
            "id": _uuid(rng),
            "slug": f"opleider-{i:02d}",
            "name": f"Opleider {i:02d} Techniek",
            "sectors": [],
        }
        for i in range(40)
    ]
    conn.execute(insert(Provider), providers)
    framework = _uuid(rng)
    conn.execute(
        insert(CompetenceFramework),
        [{"id": framework, "slug": "esco", "name": "ESCO", "uri": "http://data.europa.eu/esco",
          "version": FRAMEWORK_VERSION}],
    )  # fmt: skip
    conn.execute(
        insert(Competence),
        [
            {"id": s.id, "framework_id": framework, "uri": s.uri, "labels": {"en": s.label},
             "label": s.label, "description": s.description,
             **dict(zip(("search_nl", "search_all"),
                        folded_labels({"en": s.label}, s.label, None), strict=True))}
            for s in skills
        ],
    )  # fmt: skip
    return providers


_TABLES = [
    (Module, "module"),
    (ModuleVersion, "version"),
    (ModuleVersionCompetence, "competences"),
    (ModuleSearch, "search"),
    (Run, "runs"),
]


def _module(
    rng: random.Random, providers: list[dict[str, Any]], skills: list[Skill], today: dt.date
) -> dict[str, list[dict[str, Any]]]:
    """The rows of one published module with 1-4 competences and 1-4 runs."""
    module_id, version_id = _uuid(rng), _uuid(rng)
    provider = rng.choice(providers)
    trade = rng.choice(TRADES)
    title = f"{trade.capitalize()}{rng.choice(ROLES)} {rng.choice(QUALIFIERS)}"
    taught = rng.sample(skills, rng.randint(1, 4))
    sectors = rng.sample(SECTORS, rng.randint(1, 2))
    scheme, value = _level(rng)
    version: dict[str, Any] = {
        "id": version_id, "module_id": module_id, "number": 1, "title": title,
        "summary": f"{trade.capitalize()} vakkundig {taught[0].label}.",
        "description": " ".join(s.description for s in taught[:2]),
        "level_scheme": scheme, "level_value": value, "study_load_hours": rng.randint(8, 400),
        "delivery_mode": rng.choice(MODES), "sectors": sectors,
        "certificate": f"Deelcertificaat {title}", "published_at": dt.datetime.now(dt.UTC),
    }  # fmt: skip
    document = document_text(
        summary=version["summary"], description=version["description"],
        certificate=version["certificate"], provider_name=provider["name"], sectors=sectors,
        labels=(s.label for s in taught),
    )  # fmt: skip
    search = {
        "module_id": module_id, "version_number": 1, "version_id": version_id,
        "provider_id": provider["id"], "title": title, "summary": version["summary"],
        "level_scheme": scheme, "level_value": value, "delivery_mode": version["delivery_mode"],
        "sector_tags": "|" + "|".join(sectors) + "|",
        "study_load_hours": version["study_load_hours"], "document": document,
    }  # fmt: skip
    return {
        "module": [{"id": module_id, "provider_id": provider["id"], "status": "published",
                    "published_version": 1}],
        "version": [version],
        "competences": list(_competences(rng, version_id, taught)),
        "search": [search],
        "runs": [_run(rng, module_id, today) for _ in range(rng.randint(1, 4))],
    }  # fmt: skip


def _level(rng: random.Random) -> tuple[str | None, int | None]:
    roll = rng.random()
    if roll < 0.7:
        return "mbo", rng.randint(1, 4)
    if roll < 0.9:
        return "nlqf", rng.randint(2, 6)
    return None, None


def _competences(
    rng: random.Random, version_id: UUID, taught: list[Skill]
) -> Iterator[dict[str, Any]]:
    for position, skill in enumerate(taught):
        yield {
            "id": _uuid(rng), "version_id": version_id, "competence_id": skill.id,
            "position": position, "uri": skill.uri, "labels": {"en": skill.label},
            "label": skill.label, "framework": "esco", "framework_version": FRAMEWORK_VERSION,
        }  # fmt: skip


def _run(rng: random.Random, module_id: UUID, today: dt.date) -> dict[str, Any]:
    place, prefix = rng.choice(PLACES)
    start = today + dt.timedelta(days=rng.randint(-60, 365))
    letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    return {
        "id": _uuid(rng), "module_id": module_id, "start_date": start,
        "end_date": start + dt.timedelta(days=rng.randint(0, 30)), "place": place,
        "postcode": f"{prefix}{rng.randint(10, 99)} {letters}", "seats": rng.randint(6, 24),
        "status": rng.choice(STATUSES),
    }  # fmt: skip
