"""Run Alembic migrations programmatically (used by `registry serve`, `registry db` and the
tests), and the rules autogenerate compares models and database by."""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import Any

from advanced_alchemy.types import GUID
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"

# Made by hand in migration 0002 for catalogue search and absent from the models on purpose:
# SQLite's FTS5 tables, PostgreSQL's computed tsvector column, and covering indexes whose
# expressions the models cannot declare. Autogenerate must neither drop nor re-create them.
SEARCH_TABLE_PREFIX = "module_fts"
SEARCH_INDEX_PREFIXES = ("ix_module_search_", "ix_mvc_search_", "ix_run_search_")
SEARCH_COLUMNS = frozenset({("module_search", "tsv")})
# SQLAlchemy cannot reflect 0002's expression index on lower(place), and says so each time a
# comparison reads the run table; it is one of the indexes left out above.
warnings.filterwarnings(
    "ignore", "Skipped unsupported reflection of expression-based index ix_run_search_place"
)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave out what only the database has because migration 0002 made it by hand; anything
    the models declare is always compared."""
    if not reflected or compare_to is not None or name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE_PREFIX)
    if type_ == "index":
        return not name.startswith(SEARCH_INDEX_PREFIXES)
    if type_ == "column":
        return (obj.table.name, name) not in SEARCH_COLUMNS
    return True


def compare_type(
    context: MigrationContext,
    inspected_column: Any,
    metadata_column: Any,
    inspected_type: Any,
    metadata_type: Any,
) -> bool | None:
    """SQLite reflects advanced-alchemy's GUID (16 bytes) as NUMERIC(16): the same column,
    not a change. Everything else: Alembic's own comparison."""
    if context.dialect.name == "sqlite" and isinstance(metadata_type, GUID):
        return False
    return None


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url)
    return config


def upgrade(database_url: str) -> None:
    """Bring the database to the newest schema."""
    command.upgrade(alembic_config(database_url), "head")


def next_revision_id(config: Config) -> str:
    """Our revisions are numbered 0001, 0002, ...: the next number."""
    heads = ScriptDirectory.from_config(config).get_heads()
    numbers = [int(head) for head in heads if re.fullmatch(r"\d{4}", head)]
    return f"{max(numbers, default=0) + 1:04d}"


def revision(database_url: str, message: str, version_dir: Path | None = None) -> Path:
    """Write a new migration: what the models have that the database (at head) lacks, by
    autogenerate with the rules above. Returns the file, to be read and edited by hand."""
    config = alembic_config(database_url)
    upgrade(database_url)
    if version_dir is not None:  # elsewhere than the package (tests)
        config.set_main_option("path_separator", "os")
        locations = os.pathsep.join([str(MIGRATIONS / "versions"), str(version_dir)])
        config.set_main_option("version_locations", locations)
    script = command.revision(
        config,
        message=message,
        autogenerate=True,
        rev_id=next_revision_id(config),
        version_path=str(version_dir) if version_dir is not None else None,
    )
    assert script is not None
    assert not isinstance(script, list)  # one head, so one script
    return Path(script.path)
