"""Full-text index for catalogue search, per dialect.

SQLite: an FTS5 table over module_search.document, kept in step by triggers.
PostgreSQL: a generated tsvector column (Dutch, English and unstemmed) with a GIN index.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE module_fts USING fts5(
        document, content='module_search', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')""",
    """CREATE TRIGGER module_search_ai AFTER INSERT ON module_search BEGIN
        INSERT INTO module_fts(rowid, document) VALUES (new.id, new.document); END""",
    """CREATE TRIGGER module_search_ad AFTER DELETE ON module_search BEGIN
        INSERT INTO module_fts(module_fts, rowid, document) VALUES ('delete', old.id, old.document);
        END""",
    """CREATE TRIGGER module_search_au AFTER UPDATE ON module_search BEGIN
        INSERT INTO module_fts(module_fts, rowid, document) VALUES ('delete', old.id, old.document);
        INSERT INTO module_fts(rowid, document) VALUES (new.id, new.document); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER module_search_au",
    "DROP TRIGGER module_search_ad",
    "DROP TRIGGER module_search_ai",
    "DROP TABLE module_fts",
]
POSTGRES_UP = [
    """ALTER TABLE module_search ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        to_tsvector('dutch', document) || to_tsvector('english', document)
        || to_tsvector('simple', document)) STORED""",
    "CREATE INDEX ix_module_search_tsv ON module_search USING gin (tsv)",
]
POSTGRES_DOWN = ["DROP INDEX ix_module_search_tsv", "ALTER TABLE module_search DROP COLUMN tsv"]


def upgrade() -> None:
    statements = SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    statements = SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN
    for statement in statements:
        op.execute(statement)
