"""module.created_at index: the newest module in one lookup

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 18:00:00

Hand-written. The registry keeps its trust list until something it is built from changes;
"a module was made" is the newest `module.created_at`, which this index answers without a
scan of every module (`registry.issuers.trust_lists.current_trust_list`).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_module_created_at", "module", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_module_created_at", table_name="module")
