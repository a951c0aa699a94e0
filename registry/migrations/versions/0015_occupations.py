"""occupation and occupation_skill (ESCO occupations and their essential and optional skills),
and operator_upload (a file the operator previewed, kept until it is applied)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 06:30:00

Hand-written. `POST /api/catalogue/import?format=esco-occupations` and
`format=esco-occupation-skills` (issue 12) fill the first two; the operator's import page
(`/beheer/importeren`) keeps a previewed file in the third, so applying it needs no second
upload and imports exactly what was previewed.
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[object]:
    return (
        sa.JSON()
        .with_variant(postgresql.JSONB(astext_type=Text()), "cockroachdb")
        .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
        .with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")
    )


def _guid() -> advanced_alchemy.types.guid.GUID:
    return advanced_alchemy.types.guid.GUID(length=16)


def upgrade() -> None:
    utc = advanced_alchemy.types.datetime.DateTimeUTC
    op.create_table(
        "occupation",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("uri", sa.String(length=500), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("isco_group", sa.String(length=8), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("labels", _json(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("alt_labels", _json(), nullable=False),
        sa.Column("descriptions", _json(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", utc(timezone=True), nullable=False),
        sa.Column("updated_at", utc(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_occupation")),
        sa.UniqueConstraint("uri", name=op.f("uq_occupation_uri")),
    )
    op.create_table(
        "occupation_skill",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("occupation_id", _guid(), nullable=False),
        sa.Column("skill_uri", sa.String(length=500), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("skill_type", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["occupation_id"],
            ["occupation.id"],
            name=op.f("fk_occupation_skill_occupation_id_occupation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_occupation_skill")),
        sa.UniqueConstraint(
            "occupation_id", "skill_uri", name=op.f("uq_occupation_skill_occupation_id")
        ),
    )
    with op.batch_alter_table("occupation_skill", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_occupation_skill_skill_uri"), ["skill_uri"], unique=False
        )

    op.create_table(
        "operator_upload",
        sa.Column("id", _guid(), nullable=False),
        sa.Column("account_id", _guid(), nullable=False),
        sa.Column("format", sa.String(length=40), nullable=False),
        sa.Column("provider", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", utc(timezone=True), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", utc(timezone=True), nullable=False),
        sa.Column("updated_at", utc(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_operator_upload_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator_upload")),
    )
    with op.batch_alter_table("operator_upload", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_operator_upload_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_operator_upload_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    op.drop_table("operator_upload")
    with op.batch_alter_table("occupation_skill", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_occupation_skill_skill_uri"))
    op.drop_table("occupation_skill")
    op.drop_table("occupation")
