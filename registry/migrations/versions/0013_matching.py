"""competence_mapping (SKOS crosswalks between frameworks), job_profile (an employer's job
with its requirements and mandatory certificates) and experience.competences (what the worker
says an experience gave them: shown, never counted)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 07:00:00

Hand-written (issue 15). A crosswalk is read from both sides, so both URIs are indexed (the
unique constraint serves the source side).
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | None = "0012"
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
    guid = advanced_alchemy.types.guid.GUID
    op.create_table(
        "competence_mapping",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source_uri", sa.String(length=500), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("target_uri", sa.String(length=500), nullable=False),
        sa.Column("created_at", utc(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competence_mapping")),
        sa.UniqueConstraint(
            "source_uri",
            "relation",
            "target_uri",
            name=op.f("uq_competence_mapping_source_uri"),
        ),
    )
    op.create_index(
        "ix_competence_mapping_target_uri", "competence_mapping", ["target_uri"], unique=False
    )
    op.create_table(
        "job_profile",
        sa.Column("id", guid(length=16), nullable=False),
        sa.Column("owner_account_id", guid(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("occupation", sa.String(length=500), nullable=True),
        sa.Column("region", sa.String(length=60), nullable=True),
        sa.Column("requirements", _json(), nullable=False),
        sa.Column("certificates", _json(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", utc(timezone=True), nullable=False),
        sa.Column("updated_at", utc(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_account_id"],
            ["account.id"],
            name=op.f("fk_job_profile_owner_account_id_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_profile")),
    )
    op.create_index(
        op.f("ix_job_profile_owner_account_id"), "job_profile", ["owner_account_id"], unique=False
    )
    op.create_index(
        "ix_job_profile_published", "job_profile", ["published", "created_at"], unique=False
    )
    with op.batch_alter_table("experience", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("competences", _json(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("experience", schema=None) as batch_op:
        batch_op.alter_column("competences", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("experience", schema=None) as batch_op:
        batch_op.drop_column("competences")
    op.drop_index("ix_job_profile_published", table_name="job_profile")
    op.drop_index(op.f("ix_job_profile_owner_account_id"), table_name="job_profile")
    op.drop_table("job_profile")
    op.drop_index("ix_competence_mapping_target_uri", table_name="competence_mapping")
    op.drop_table("competence_mapping")
