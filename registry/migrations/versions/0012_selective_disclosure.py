"""credential.sd_jwt (a deelcertificaat's SD-JWT VC form) and share.withheld (the parts a
worker left out of each shared credential)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 06:30:00

Hand-written (issue 14, item 3); 0012 because main already holds a 0011 (EDU-DEX and CTDL imports). Both columns are nullable: credentials issued before have no
SD-JWT VC form and are shared as their JWS, and shares made before leave nothing out.
"""

from __future__ import annotations

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision: str = "0012"
down_revision: str | None = "0011"
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
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sd_jwt", sa.Text(), nullable=True))
    with op.batch_alter_table("share", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withheld", _json(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("share", schema=None) as batch_op:
        batch_op.drop_column("withheld")
    with op.batch_alter_table("credential", schema=None) as batch_op:
        batch_op.drop_column("sd_jwt")
