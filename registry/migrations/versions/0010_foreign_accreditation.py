"""foreign_accreditation (issuers of other systems the operator trusts, with their keys) and
credential.verification (the report an imported credential got)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 00:10:00

Hand-written. `POST /api/accreditations` with `issuer` and `keyDocument` (issue 13) keeps the
foreign issuer here; the trust list names it with the keys of that document. An imported
credential is kept with its verification report.
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[object]:
    return (
        sa.JSON()
        .with_variant(postgresql.JSONB(astext_type=Text()), "cockroachdb")
        .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
        .with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")
    )


def upgrade() -> None:
    utc = advanced_alchemy.types.datetime.DateTimeUTC
    op.create_table(
        "foreign_accreditation",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key_document", _json(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("achievements", _json(), nullable=False),
        sa.Column("valid_from", utc(timezone=True), nullable=False),
        sa.Column("valid_until", utc(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", utc(timezone=True), nullable=False),
        sa.Column("updated_at", utc(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_foreign_accreditation")),
    )
    with op.batch_alter_table("foreign_accreditation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_foreign_accreditation_issuer"), ["issuer"], unique=False
        )
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verification", _json(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.drop_column("verification")
    with op.batch_alter_table("foreign_accreditation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_foreign_accreditation_issuer"))
    op.drop_table("foreign_accreditation")
