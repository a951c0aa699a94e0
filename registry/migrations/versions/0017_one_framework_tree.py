"""drop competence_parent: a CTDL framework's tree is kept in framework_node and
competence.node_id/position, the one tree every framework has (0014)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 08:10:00

Hand-written. The table is dropped, not moved: it held only a tree derived from CTDL
documents, 0011 to 0015 came in the same unreleased cycle, and importing the framework's
document again (`POST /api/catalogue/import?format=ctdl`) rebuilds the tree in its new place
while its competences, and every credential aligned to them, stay as they are. Downgrading
makes the table again, empty.
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("competence_parent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competence_parent_framework_id"))
    op.drop_table("competence_parent")


def downgrade() -> None:
    guid = advanced_alchemy.types.guid.GUID(length=16)
    op.create_table(
        "competence_parent",
        sa.Column("id", guid, nullable=False),
        sa.Column("competence_id", guid, nullable=False),
        sa.Column("framework_id", guid, nullable=False),
        sa.Column("parent_id", guid, nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competence.id"],
            name=op.f("fk_competence_parent_competence_id_competence"),
        ),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["competence_framework.id"],
            name=op.f("fk_competence_parent_framework_id_competence_framework"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["competence.id"], name=op.f("fk_competence_parent_parent_id_competence")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competence_parent")),
        sa.UniqueConstraint("competence_id", name=op.f("uq_competence_parent_competence_id")),
    )
    with op.batch_alter_table("competence_parent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_competence_parent_framework_id"), ["framework_id"], unique=False
        )
