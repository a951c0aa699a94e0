"""credential.holder_email: the address the issuer gave, the only one it may see again

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 00:15:00

Hand-written. An issuer's pages showed a credential's address only while no account owned
the wallet, so the address appearing or vanishing told the issuer whether the person had an
account here. Each credential now keeps the address its issuer gave (NULL when issued to a
worker id). Credentials of before keep what was shown: the address of a wallet no account
owns, which was only ever issued to by that address; for the others nobody can tell which
issuer gave it, so none.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("credential") as batch:
        batch.add_column(sa.Column("holder_email", sa.String(length=254), nullable=True))
    op.execute(
        "UPDATE credential SET holder_email = (SELECT wallet.email FROM wallet "
        "WHERE wallet.id = credential.wallet_id AND wallet.account_id IS NULL) "
        "WHERE source = 'issued'"
    )


def downgrade() -> None:
    with op.batch_alter_table("credential") as batch:
        batch.drop_column("holder_email")
