"""accounts you can trust: proven e-mail addresses, mailed tokens, mail outbox, job runner

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:00:00

Hand-written (autogenerate would drop the full-text search tables).

Existing accounts: every account counts as verified except the ones people made themselves
on /account-maken. Those are recognised as worker or employer accounts with a password and
no API token: `registry demo` and `registry accounts create` always mint a token, sign-up
never does. They become unverified; their next sign-in mails them a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GUID = advanced_alchemy.types.guid.GUID(length=16)
UTC = advanced_alchemy.types.datetime.DateTimeUTC(timezone=True)
JSON = (
    sa.JSON()
    .with_variant(postgresql.JSONB(astext_type=sa.Text()), "cockroachdb")
    .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
    .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
)
BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _audit_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_verified_at", UTC, nullable=True))
    account = sa.table(
        "account",
        sa.column("id", GUID),
        sa.column("role", sa.String()),
        sa.column("password_hash", sa.String()),
        sa.column("email_verified_at", UTC),
    )
    api_token = sa.table("api_token", sa.column("account_id", GUID))
    self_made = sa.and_(
        account.c.role.in_(["worker", "employer"]),
        account.c.password_hash.is_not(None),
        ~sa.exists().where(api_token.c.account_id == account.c.id),
    )
    op.get_bind().execute(
        sa.update(account).where(~self_made).values(email_verified_at=dt.datetime.now(dt.UTC))
    )

    op.create_table(
        "account_token",
        sa.Column("id", GUID, nullable=False),
        sa.Column("account_id", GUID, nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("used_at", UTC, nullable=True),
        *_audit_columns(),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_account_token_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_token_token_hash")),
    )
    with op.batch_alter_table("account_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_token_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "job",
        sa.Column("id", BIGINT, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.Column("run_at", UTC, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_until", UTC, nullable=True),
        sa.Column("leased_by", sa.String(length=100), nullable=True),
        sa.Column("done_at", UTC, nullable=True),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index("ix_job_due", ["done_at", "run_at"], unique=False)

    op.create_table(
        "mail_outbox",
        sa.Column("id", BIGINT, nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("topic", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("sent_at", UTC, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_outbox_recipient"), ["recipient"], unique=False)

    op.create_table(
        "mail_opt_out",
        sa.Column("id", GUID, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        *_audit_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_opt_out")),
        sa.UniqueConstraint("email", name=op.f("uq_mail_opt_out_email")),
    )


def downgrade() -> None:
    op.drop_table("mail_opt_out")
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_outbox_recipient"))
    op.drop_table("mail_outbox")
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index("ix_job_due")
    op.drop_table("job")
    with op.batch_alter_table("account_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_token_account_id"))
    op.drop_table("account_token")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("email_verified_at")
