"""Registry tables: accounts, tokens, issuer keys, accreditations, status lists, wallets,
credentials, shares, consents, job profiles and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from advanced_alchemy.base import BigIntBase, UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# The catalogue's tables share this metadata; `ForeignKey("provider.id")` below names one, and a
# row with such a key can only be flushed once the catalogue is imported. Its surface is the
# only part of the catalogue the registry imports: the models behind it come with it.
import catalogue.public  # noqa: F401


class Account(UUIDAuditBase):
    """A person or machine that signs in; a provider account belongs to a provider."""

    __tablename__ = "account"
    role: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), unique=True, default=None)
    provider_id: Mapped[UUID | None] = mapped_column(ForeignKey("provider.id"), default=None)
    # An argon2id hash (PHC string) for people who sign in on the web pages; machines use tokens.
    password_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    # When the owner proved the e-mail address by following a mailed link (or the account was
    # made by an operator: CLI, demo). Until then no wallet and no share is attached to it.
    email_verified_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None


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


class WebSession(UUIDAuditBase):
    """A signed-in browser; the cookie carries a random token, stored here only as a hash."""

    __tablename__ = "web_session"
    account_id: Mapped[UUID] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    account: Mapped[Account] = relationship(lazy="joined", innerjoin=True)


class AccountToken(UUIDAuditBase):
    """A mailed, single-use, expiring link: proves an address, resets a password or confirms
    a new address. Only the token's SHA-256 is stored; `email` is the address it was sent to."""

    __tablename__ = "account_token"
    account_id: Mapped[UUID] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)


class Job(BigIntBase):
    """Background work (mail now; feeds and peer refreshes later), done once across processes:
    a runner claims a due job by setting a lease; a lease that runs out is claimed again."""

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_due", "done_at", "run_at"),)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    run_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    leased_by: Mapped[str | None] = mapped_column(String(100), default=None)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    failed: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)


class MailOutbox(BigIntBase):
    """Every mail the registry made, as the RFC 5322 message; `sent_at` once an SMTP server
    took it (or, without SMTP, once its `.eml` file was written)."""

    __tablename__ = "mail_outbox"
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    topic: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(300))
    message: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)


class SignInFailure(BigIntBase):
    """A wrong password for an address (with an account or not): failures per address are
    limited (`registry.accounts.signin`), whichever client they come from."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (Index("ix_sign_in_failure_email_at", "email", "created_at"),)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)


class MailOptOut(UUIDAuditBase):
    """An address that asked for no optional notices (account mails still come)."""

    __tablename__ = "mail_opt_out"
    email: Mapped[str] = mapped_column(String(254), unique=True)


class IssuerKey(UUIDAuditBase):
    """A signing key of an issuer (an organisation, or the operator for the trust list).

    The private key is stored wrapped with the registry secret; retired keys stay so that
    their public half keeps being published and old credentials keep verifying.
    """

    __tablename__ = "issuer_key"
    issuer_slug: Mapped[str] = mapped_column(String(64), index=True)
    kid: Mapped[str] = mapped_column(String(300), unique=True)
    public_jwk: Mapped[dict[str, Any]] = mapped_column(JsonB)
    wrapped_private: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="current")
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)


class Accreditation(UUIDAuditBase):
    """The operator's decision that an organisation may issue something, for a period."""

    __tablename__ = "accreditation"
    provider_id: Mapped[UUID] = mapped_column(ForeignKey("provider.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    # Module or qualification URLs, or URL prefixes; empty means any achievement of `kind`.
    achievements: Mapped[list[str]] = mapped_column(JsonB, default=list)
    valid_from: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    valid_until: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)


class ForeignAccreditation(UUIDAuditBase):
    """The operator's decision to trust an issuer of another system (a DID or an https:// id)
    for a kind of credential, with the keys of the document the operator supplied."""

    __tablename__ = "foreign_accreditation"
    issuer: Mapped[str] = mapped_column(String(500), index=True)
    name: Mapped[str] = mapped_column(String(200))
    key_document: Mapped[dict[str, Any]] = mapped_column(JsonB)
    kind: Mapped[str] = mapped_column(String(32))
    # Achievement URLs or URL prefixes; empty means any achievement of `kind`.
    achievements: Mapped[list[str]] = mapped_column(JsonB, default=list)
    valid_from: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    valid_until: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)


class StatusBits:
    """The columns of a Bitstring Status List pair: revocation bits, suspension bits (same
    indexes; see `credentials.status.suspension_list_url`) and which indexes are taken."""

    revoked: Mapped[bytes] = mapped_column(LargeBinary)
    suspended: Mapped[bytes] = mapped_column(LargeBinary)
    allocated: Mapped[bytes] = mapped_column(LargeBinary)
    used: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped on every status change: the ETag of the served list credentials.
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)


class StatusListRow(StatusBits, BigIntBase):
    """One status list pair of an accredited issuer (served at `/status/{id}`)."""

    __tablename__ = "status_list"
    issuer_slug: Mapped[str] = mapped_column(String(64), index=True)


class VcApiStatusList(StatusBits, BigIntBase):
    """One status list pair of one of the W3C VC API's own `did:key` issuers (served at
    `/credentials/status-lists/{id}`): a table apart, so it never mixes with the accredited
    issuers' lists, their URLs or their keys."""

    __tablename__ = "vc_api_status_list"
    issuer_did: Mapped[str] = mapped_column(String(200), index=True)


class VcApiCredential(BigIntBase):
    """A credential the VC API issued with a status entry: its id as the caller gave it, the
    API issuer that signed it, and its index on that issuer's lists. The same id issued again
    by the same key shares the entry (it names the same credential)."""

    __tablename__ = "vc_api_credential"
    __table_args__ = (
        UniqueConstraint("credential_id", "issuer_did"),
        UniqueConstraint("status_list_id", "status_index"),
    )
    credential_id: Mapped[str] = mapped_column(String(500), index=True)
    issuer_did: Mapped[str] = mapped_column(String(200))
    status_list_id: Mapped[int] = mapped_column(ForeignKey("vc_api_status_list.id"))
    status_index: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="active")
    issued_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)


class Wallet(UUIDAuditBase):
    """A worker's wallet: the holder key (wrapped) and, once claimed, the owning account.

    Issuance to an e-mail address without an account creates an unclaimed wallet; creating a
    worker account with that address claims it.
    """

    __tablename__ = "wallet"
    account_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("account.id"), unique=True, default=None
    )
    email: Mapped[str | None] = mapped_column(String(254), unique=True, default=None)
    name: Mapped[str] = mapped_column(String(200))
    holder_did: Mapped[str] = mapped_column(String(200), unique=True)
    wrapped_key: Mapped[str] = mapped_column(Text)


class Credential(UUIDAuditBase):
    """An issued (or imported) credential in a wallet; the JWS is the credential itself."""

    __tablename__ = "credential"
    __table_args__ = (UniqueConstraint("status_list_id", "status_index"),)
    credential_id: Mapped[str] = mapped_column(String(100), unique=True)
    wallet_id: Mapped[UUID] = mapped_column(ForeignKey("wallet.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16), default="issued")
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    # No index on issuer or module: nothing looks credentials up by them, and every index
    # costs each row of a 10,000-credential batch.
    issuer_slug: Mapped[str | None] = mapped_column(String(64), default=None)
    issuer_name: Mapped[str] = mapped_column(String(200), default="")
    achievement_id: Mapped[str] = mapped_column(String(500))
    achievement_name: Mapped[str] = mapped_column(String(300))
    module_id: Mapped[UUID | None] = mapped_column(ForeignKey("module.id"), default=None)
    jws: Mapped[str] = mapped_column(Text)
    # The verification report an imported credential got when it came in.
    verification: Mapped[dict[str, Any] | None] = mapped_column(JsonB, default=None)
    status_list_id: Mapped[int | None] = mapped_column(ForeignKey("status_list.id"), default=None)
    status_index: Mapped[int | None] = mapped_column(Integer, default=None)
    status: Mapped[str] = mapped_column(String(16), default="active")
    # Why and when the issuer last changed the status (a code of schemas.issuers.StatusReason,
    # a note for the holder, the moment): the status list itself carries only bits.
    status_reason: Mapped[str | None] = mapped_column(String(32), default=None)
    status_note: Mapped[str | None] = mapped_column(Text, default=None)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    issued_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    valid_until: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    issued_by: Mapped[UUID | None] = mapped_column(ForeignKey("account.id"), default=None)
    # The address the issuer gave (None when issued to a worker id): the one address of the
    # holder its issuer may see again, whether an account owns the wallet or not.
    holder_email: Mapped[str | None] = mapped_column(String(254), default=None)
    # Competence URIs and sectors, denormalised for the CV (grouped by competence and sector).
    competences: Mapped[list[dict[str, str]]] = mapped_column(JsonB, default=list)
    sectors: Mapped[list[str]] = mapped_column(JsonB, default=list)
    # The same deelcertificaat as an SD-JWT VC (credentials.sdjwt_vc), signed at issuance
    # with the JWS, so that a share can leave parts of it out; None for other credentials.
    sd_jwt: Mapped[str | None] = mapped_column(Text, default=None)


class IdempotentRequest(UUIDAuditBase):
    """A batch request already handled: a retry with the same key returns the same answer."""

    __tablename__ = "idempotent_request"
    __table_args__ = (UniqueConstraint("account_id", "key"),)
    account_id: Mapped[UUID] = mapped_column(ForeignKey("account.id"))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[bytes] = mapped_column(LargeBinary)


class Experience(UUIDAuditBase):
    """Self-declared work experience: always shown apart from verified credentials."""

    __tablename__ = "experience"
    wallet_id: Mapped[UUID] = mapped_column(ForeignKey("wallet.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[dt.date | None] = mapped_column(Date, default=None)
    end: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # Competence URIs the worker says this experience gave them: shown, never counted.
    competences: Mapped[list[str]] = mapped_column(JsonB, default=list)


class Share(UUIDAuditBase):
    """Chosen credentials shared with one recipient, until it expires or is withdrawn."""

    __tablename__ = "share"
    wallet_id: Mapped[UUID] = mapped_column(ForeignKey("wallet.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The token sealed with the registry secret (`registry.sharing.share_links.seal_token`), so
    # that its owner can see the link again; None for shares made before links were kept.
    sealed_token: Mapped[str | None] = mapped_column(Text, default=None)
    recipient: Mapped[str] = mapped_column(String(254))
    recipient_account_id: Mapped[UUID | None] = mapped_column(
        ForeignKey("account.id"), default=None
    )
    credential_ids: Mapped[list[str]] = mapped_column(JsonB)
    # Per credential id, the parts the worker left out ("name", "date", "notes"); a credential
    # named here is presented in its SD-JWT VC form (registry.sharing.disclosure).
    withheld: Mapped[dict[str, list[str]] | None] = mapped_column(JsonB, default=None)
    nonce: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)
    created_by: Mapped[UUID] = mapped_column(ForeignKey("account.id"))

    @property
    def names_sharer(self) -> bool:
        """Whether the share's answers (its page, JSON, the recipient's list, the notice mail)
        may name who shared: not when the worker left their name out of every credential
        shared (the sharer's name would give away what they withheld)."""
        withheld = self.withheld or {}
        return not all("name" in withheld.get(cid, ()) for cid in self.credential_ids)


class ShareView(UUIDAuditBase):
    """One opening of a share, visible to the worker."""

    __tablename__ = "share_view"
    share_id: Mapped[UUID] = mapped_column(ForeignKey("share.id"), index=True)
    viewer_account_id: Mapped[UUID | None] = mapped_column(ForeignKey("account.id"), default=None)
    viewer: Mapped[str] = mapped_column(String(300), default="")


class Consent(UUIDAuditBase):
    """A worker's consent that a coach may act for them, until withdrawn."""

    __tablename__ = "consent"
    worker_account_id: Mapped[UUID] = mapped_column(ForeignKey("account.id"), index=True)
    coach_account_id: Mapped[UUID] = mapped_column(ForeignKey("account.id"), index=True)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTimeUTC, default=None)


class JobProfile(UUIDAuditBase):
    """An employer's job profile: competences needed at the start or learnable on the job, and
    mandatory certificates (`registry.matching`). Small lists, so kept as JSON on the row."""

    __tablename__ = "job_profile"
    __table_args__ = (Index("ix_job_profile_published", "published", "created_at"),)
    owner_account_id: Mapped[UUID] = mapped_column(ForeignKey("account.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    occupation: Mapped[str | None] = mapped_column(String(500), default=None)
    region: Mapped[str | None] = mapped_column(String(60), default=None)
    # [{"competence": uri, "when": "at-start" | "can-learn"}]
    requirements: Mapped[list[dict[str, str]]] = mapped_column(JsonB, default=list)
    # [{"name": ..., "competence": uri, "maxAgeMonths": n | None}]
    certificates: Mapped[list[dict[str, Any]]] = mapped_column(JsonB, default=list)
    published: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEvent(BigIntBase):
    """Append-only: issuance, status changes, shares, share views, consents (triggers in the
    migration refuse UPDATE and DELETE)."""

    __tablename__ = "audit_event"
    at: Mapped[dt.datetime] = mapped_column(DateTimeUTC, index=True)
    actor_account_id: Mapped[UUID | None] = mapped_column(ForeignKey("account.id"), default=None)
    on_behalf_of: Mapped[UUID | None] = mapped_column(ForeignKey("account.id"), default=None)
    action: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(String(200), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


class OperatorUpload(UUIDAuditBase):
    """A file the operator previewed on the import page, kept (briefly, for that operator
    only) so that applying it imports exactly what was previewed, without a second upload."""

    __tablename__ = "operator_upload"
    account_id: Mapped[UUID] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    format: Mapped[str] = mapped_column(String(40))
    # The provider (slug) an operator imports a provider's document for, if named.
    provider: Mapped[str | None] = mapped_column(String(64), default=None)
    language: Mapped[str | None] = mapped_column(String(2), default=None)
    filename: Mapped[str] = mapped_column(String(200))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTimeUTC, index=True)
