"""Registry tables: accounts and API tokens (credentials and wallets follow)."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.models import Provider


class Account(UUIDAuditBase):
    """A person or machine that signs in; a provider account belongs to a provider."""

    __tablename__ = "account"
    role: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), unique=True, default=None)
    provider_id: Mapped[UUID | None] = mapped_column(ForeignKey("provider.id"), default=None)
    provider: Mapped[Provider | None] = relationship(lazy="joined")


class ApiToken(UUIDAuditBase):
    """An API token, stored only as a SHA-256 hash; the token itself is shown once."""

    __tablename__ = "api_token"
    account_id: Mapped[UUID] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    account: Mapped[Account] = relationship(lazy="joined")
