"""vc_api_status_list and vc_api_credential (status lists of the W3C VC API's own issuers)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 08:10:00

Hand-written. `POST /credentials/issue` gives each credential with an id a
BitstringStatusListEntry on a list of the API issuer that signs it, and
`POST /credentials/status` revokes or suspends it (issue 14). Tables of their own: the
accredited issuers' `status_list` never holds one of these lists.
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _utc() -> advanced_alchemy.types.datetime.DateTimeUTC:
    return advanced_alchemy.types.datetime.DateTimeUTC(timezone=True)


def upgrade() -> None:
    op.create_table(
        "vc_api_status_list",
        sa.Column("id", BIGINT, nullable=False),
        sa.Column("issuer_did", sa.String(length=200), nullable=False),
        sa.Column("revoked", sa.LargeBinary(), nullable=False),
        sa.Column("suspended", sa.LargeBinary(), nullable=False),
        sa.Column("allocated", sa.LargeBinary(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vc_api_status_list")),
    )
    with op.batch_alter_table("vc_api_status_list", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vc_api_status_list_issuer_did"), ["issuer_did"], unique=False
        )
    op.create_table(
        "vc_api_credential",
        sa.Column("id", BIGINT, nullable=False),
        sa.Column("credential_id", sa.String(length=500), nullable=False),
        sa.Column("issuer_did", sa.String(length=200), nullable=False),
        sa.Column("status_list_id", BIGINT, nullable=False),
        sa.Column("status_index", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_at", _utc(), nullable=False),
        sa.Column("status_changed_at", _utc(), nullable=True),
        sa.ForeignKeyConstraint(
            ["status_list_id"],
            ["vc_api_status_list.id"],
            name=op.f("fk_vc_api_credential_status_list_id_vc_api_status_list"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vc_api_credential")),
        sa.UniqueConstraint(
            "credential_id", "issuer_did", name=op.f("uq_vc_api_credential_credential_id")
        ),
        sa.UniqueConstraint(
            "status_list_id", "status_index", name=op.f("uq_vc_api_credential_status_list_id")
        ),
    )
    with op.batch_alter_table("vc_api_credential", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vc_api_credential_credential_id"), ["credential_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("vc_api_credential")
    op.drop_table("vc_api_status_list")
