"""route_run: the live runs of searchable modules by competence URI, for the route to a job

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 09:30:00

Hand-written. The table is derived (`catalogue.route_index` keeps it in step with `run`,
`module_search` and `module_version_competence`), so the upgrade fills it from them and the
downgrade just drops it.
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    guid = advanced_alchemy.types.guid.GUID(length=16)
    op.create_table(
        "route_run",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("uri", sa.String(length=500), nullable=False),
        sa.Column("module_id", guid, nullable=False),
        sa.Column("run_id", guid, nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("postcode", sa.String(length=7), nullable=False),
        sa.Column("place_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["module_id"], ["module.id"], name=op.f("fk_route_run_module_id_module")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["run.id"], name=op.f("fk_route_run_run_id_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_run")),
    )
    with op.batch_alter_table("route_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_route_run_module_id"), ["module_id"], unique=False)
        batch_op.create_index(
            "ix_route_run_gap",
            ["uri", "start_date", "module_id", "postcode", "place_key"],
            unique=False,
        )
    op.execute(
        "INSERT INTO route_run (uri, module_id, run_id, start_date, postcode, place_key) "
        "SELECT mvc.uri, run.module_id, run.id, run.start_date, run.postcode, lower(run.place) "
        "FROM run JOIN module_search ms ON ms.module_id = run.module_id "
        "JOIN module_version_competence mvc ON mvc.version_id = ms.version_id "
        "WHERE run.status IN ('planned', 'open')"
    )


def downgrade() -> None:
    with op.batch_alter_table("route_run", schema=None) as batch_op:
        batch_op.drop_index("ix_route_run_gap")
        batch_op.drop_index(batch_op.f("ix_route_run_module_id"))
    op.drop_table("route_run")
