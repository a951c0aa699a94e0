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
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edudex_org_unit_id", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_provider_edudex_org_unit_id"), ["edudex_org_unit_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_provider_edudex_org_unit_id"), type_="unique")
        batch_op.drop_column("edudex_org_unit_id")
