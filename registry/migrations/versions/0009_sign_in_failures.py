"""sign_in_failure: wrong passwords per address, for the per-account sign-in limit

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 00:20:00

Hand-written. The per-client limit alone let 20 addresses guess 20 passwords each for one
account; failures are now counted per address typed (`registry.accounts.signin`), in the
database so that every server process counts the same failures.
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = advanced_alchemy.types.datetime.DateTimeUTC(timezone=True)
BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "sign_in_failure",
        sa.Column("id", BIGINT, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failure")),
    )
    op.create_index("ix_sign_in_failure_email_at", "sign_in_failure", ["email", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_failure_email_at", table_name="sign_in_failure")
    op.drop_table("sign_in_failure")
