"""provider.edudex_org_unit_id: the provider's org unit id at EDU-DEX

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 10:00:00

Hand-written. An EDU-DEX document names its provider by EDU-DEX's own `orgUnitId`; the operator
records it on the provider, and the EDU-DEX import maps `orgUnitId` to the provider by it
(falling back to our slug, which our own export writes). Unique: one org unit, one provider.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A unique index, not a constraint: SQLite adds it without rebuilding `provider`, which
    # the rows of other tables refer to (a rebuild fails on a filled database).
    op.add_column("provider", sa.Column("edudex_org_unit_id", sa.String(length=64), nullable=True))
    op.create_index(
        op.f("ix_provider_edudex_org_unit_id"), "provider", ["edudex_org_unit_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_provider_edudex_org_unit_id"), table_name="provider")
    op.drop_column("provider", "edudex_org_unit_id")
