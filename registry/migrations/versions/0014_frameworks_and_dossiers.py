"""framework versions and trees (framework_node), competence details and place in the tree,
qualifications that require competences (qualification_competence) with a study load

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 06:30:00

Hand-written. Issue 12: an SBB kwalificatiedossier becomes a framework version with its
kerntaken as nodes and its werkprocessen as competences; each profiel a qualification that
requires werkprocessen. CTDL frameworks can use the same tables (0011's competence_parent
keeps their tree until they do).
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

from catalogue.public import folded_labels

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[object]:
    return (
        sa.JSON()
        .with_variant(postgresql.JSONB(astext_type=Text()), "cockroachdb")
        .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
        .with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")
    )


def _details() -> sa.Column[object]:
    return sa.Column("details", _json(), nullable=False, server_default=sa.text("'{}'"))


def _fold_existing_labels() -> None:
    """The search text of the competences there are (new ones get it on every write)."""
    competence = sa.table(
        "competence",
        sa.column("id", advanced_alchemy.types.guid.GUID(length=16)),
        sa.column("labels", _json()),
        sa.column("label", sa.String()),
        sa.column("code", sa.String()),
        sa.column("search_nl", sa.String()),
        sa.column("search_all", sa.Text()),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(competence.c.id, competence.c.labels, competence.c.label, competence.c.code)
    ).all()
    for row_id, labels, label, code in rows:
        search_nl, search_all = folded_labels(labels or {}, label, code)
        bind.execute(
            competence.update()
            .where(competence.c.id == row_id)
            .values(search_nl=search_nl, search_all=search_all)
        )


def upgrade() -> None:
    guid = advanced_alchemy.types.guid.GUID(length=16)
    with op.batch_alter_table("competence_framework", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("source", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("issued_on", sa.Date(), nullable=True))
        batch_op.add_column(_details())
        batch_op.create_index(
            batch_op.f("ix_competence_framework_series"), ["series"], unique=False
        )
    op.create_table(
        "framework_node",
        sa.Column("id", guid, nullable=False),
        sa.Column("framework_id", guid, nullable=False),
        sa.Column("parent_id", guid, nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=True),
        sa.Column("uri", sa.String(length=500), nullable=True),
        sa.Column("labels", _json(), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("details", _json(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["competence_framework.id"],
            name=op.f("fk_framework_node_framework_id_competence_framework"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["framework_node.id"],
            name=op.f("fk_framework_node_parent_id_framework_node"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_node")),
    )
    with op.batch_alter_table("framework_node", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_framework_node_framework_id"), ["framework_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_framework_node_parent_id"), ["parent_id"], unique=False
        )
    with op.batch_alter_table("competence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("node_id", guid, nullable=True))
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=True))
        batch_op.add_column(_details())
        batch_op.add_column(
            sa.Column(
                "search_nl", sa.String(length=500), nullable=False, server_default=sa.text("''")
            )
        )
        batch_op.add_column(
            sa.Column("search_all", sa.Text(), nullable=False, server_default=sa.text("''"))
        )
        batch_op.create_index(batch_op.f("ix_competence_node_id"), ["node_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_competence_node_id_framework_node"),
            "framework_node",
            ["node_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _fold_existing_labels()
    with op.batch_alter_table("qualification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("study_load_hours", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("framework_id", guid, nullable=True))
        batch_op.add_column(_details())
        batch_op.create_foreign_key(
            batch_op.f("fk_qualification_framework_id_competence_framework"),
            "competence_framework",
            ["framework_id"],
            ["id"],
        )
    op.create_table(
        "qualification_competence",
        sa.Column("id", guid, nullable=False),
        sa.Column("qualification_id", guid, nullable=False),
        sa.Column("competence_id", guid, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["competence_id"],
            ["competence.id"],
            name=op.f("fk_qualification_competence_competence_id_competence"),
        ),
        sa.ForeignKeyConstraint(
            ["qualification_id"],
            ["qualification.id"],
            name=op.f("fk_qualification_competence_qualification_id_qualification"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualification_competence")),
        sa.UniqueConstraint(
            "qualification_id",
            "competence_id",
            name=op.f("uq_qualification_competence_qualification_id"),
        ),
    )
    with op.batch_alter_table("qualification_competence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_qualification_competence_competence_id"),
            ["competence_id"],
            unique=False,
        )


def downgrade() -> None:
    op.drop_table("qualification_competence")
    with op.batch_alter_table("qualification", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_qualification_framework_id_competence_framework"), type_="foreignkey"
        )
        batch_op.drop_column("details")
        batch_op.drop_column("framework_id")
        batch_op.drop_column("study_load_hours")
    with op.batch_alter_table("competence", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_competence_node_id_framework_node"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_competence_node_id"))
        batch_op.drop_column("search_all")
        batch_op.drop_column("search_nl")
        batch_op.drop_column("details")
        batch_op.drop_column("position")
        batch_op.drop_column("node_id")
    op.drop_table("framework_node")
    with op.batch_alter_table("competence_framework", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competence_framework_series"))
        batch_op.drop_column("details")
        batch_op.drop_column("issued_on")
        batch_op.drop_column("source")
        batch_op.drop_column("series")
