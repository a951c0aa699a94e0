"""Full-text index for catalogue search, per dialect, and the indexes search filters lean on.

SQLite: an FTS5 table with two columns (title, document) over module_search, kept in step by
triggers, so bm25 can weigh a title hit above a body hit.
PostgreSQL: a generated tsvector column (Dutch, English and unstemmed; title weighted A, body D)
with a GIN index. The text search configurations run `unaccent` first, so "ventilátie" and
"ventilatie" are the same word, as they are for SQLite's `remove_diacritics`.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

# Both dialects. Search reads module_search through indexes alone (no row lookups: a row carries
# the whole search document, so each lookup is a page read), in title order: a page of a broad
# filter walks an index and stops after 20 hits. Each indexed filter (provider, level, delivery
# mode, competence via version) leads a title-ordered covering index of its own; the plain
# provider and delivery-mode indexes from 0001 would lure the planner into row lookups and a
# sort. The run indexes carry every column the region, start-date and next-start checks read;
# ix_run_search_module serves the per-module checks (a text match's runs, a page's next start).
_FILTERS = [
    "level_value", "level_scheme", "delivery_mode", "provider_id", "sector_tags", "module_id",
    "version_id",
]  # fmt: skip


def _title_ordered(name: str, lead: str | None = None) -> str:
    """A covering index in title order (within one value of `lead`, if given)."""
    columns = [*([lead] if lead else []), "title", "id", *(c for c in _FILTERS if c != lead)]
    return f"CREATE INDEX {name} ON module_search ({', '.join(columns)})"


COMMON_UP = [
    "DROP INDEX ix_module_search_delivery_mode",
    "DROP INDEX ix_module_search_provider_id",
    _title_ordered("ix_module_search_title"),
    _title_ordered("ix_module_search_provider", "provider_id"),
    _title_ordered("ix_module_search_level", "level_value"),
    _title_ordered("ix_module_search_mode", "delivery_mode"),
    _title_ordered("ix_module_search_version_id", "version_id"),
    "CREATE INDEX ix_mvc_search_uri ON module_version_competence (uri, version_id)",
    "CREATE INDEX ix_run_search_postcode ON run (postcode, start_date, status, module_id)",
    "CREATE INDEX ix_run_search_place ON run (lower(place), start_date, status, module_id)",
    "CREATE INDEX ix_run_search_start ON run (start_date, status, module_id)",
    "CREATE INDEX ix_run_search_module ON run (module_id, start_date, status, postcode, place)",
]
COMMON_DOWN = [
    "DROP INDEX ix_run_search_module",
    "DROP INDEX ix_run_search_start",
    "DROP INDEX ix_run_search_place",
    "DROP INDEX ix_run_search_postcode",
    "DROP INDEX ix_mvc_search_uri",
    "DROP INDEX ix_module_search_version_id",
    "DROP INDEX ix_module_search_mode",
    "DROP INDEX ix_module_search_level",
    "DROP INDEX ix_module_search_provider",
    "DROP INDEX ix_module_search_title",
    "CREATE INDEX ix_module_search_provider_id ON module_search (provider_id)",
    "CREATE INDEX ix_module_search_delivery_mode ON module_search (delivery_mode)",
]
SQLITE_UP = [
    """CREATE VIRTUAL TABLE module_fts USING fts5(
        title, document, content='module_search', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')""",
    """CREATE TRIGGER module_search_ai AFTER INSERT ON module_search BEGIN
        INSERT INTO module_fts(rowid, title, document) VALUES (new.id, new.title, new.document);
        END""",
    """CREATE TRIGGER module_search_ad AFTER DELETE ON module_search BEGIN
        INSERT INTO module_fts(module_fts, rowid, title, document)
        VALUES ('delete', old.id, old.title, old.document);
        END""",
    # Only a change of the indexed text needs the index rewritten.
    """CREATE TRIGGER module_search_au AFTER UPDATE OF title, document ON module_search BEGIN
        INSERT INTO module_fts(module_fts, rowid, title, document)
        VALUES ('delete', old.id, old.title, old.document);
        INSERT INTO module_fts(rowid, title, document) VALUES (new.id, new.title, new.document);
        END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER module_search_au",
    "DROP TRIGGER module_search_ad",
    "DROP TRIGGER module_search_ai",
    "DROP TABLE module_fts",
]
CONFIGS = [("llo_dutch", "dutch", "dutch_stem"), ("llo_english", "english", "english_stem")]
CONFIGS += [("llo_simple", "simple", "simple")]


def _vector(column: str) -> str:
    return " || ".join(f"to_tsvector('{name}', {column})" for name, _, _ in CONFIGS)


POSTGRES_UP = [
    # unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for name, parent, stem in CONFIGS
        for statement in (
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{parent})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stem}",
        )
    ),
    f"""ALTER TABLE module_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight({_vector("title")}, 'A') || setweight({_vector("document")}, 'D')) STORED""",
    "CREATE INDEX ix_module_search_tsv ON module_search USING gin (tsv)",
]
POSTGRES_DOWN = [
    "DROP INDEX ix_module_search_tsv",
    "ALTER TABLE module_search DROP COLUMN tsv",
    *(f"DROP TEXT SEARCH CONFIGURATION {name}" for name, _, _ in CONFIGS),
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in [*COMMON_UP, *(SQLITE_UP if sqlite else POSTGRES_UP)]:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in [*(SQLITE_DOWN if sqlite else POSTGRES_DOWN), *COMMON_DOWN]:
        op.execute(statement)
