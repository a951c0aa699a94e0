"""Sign-in for people: argon2id password hashes and server-side browser sessions.

Machines keep using API tokens (`registry.accounts.accounts`); people sign in on the web pages
with an e-mail address and a password, and get a session cookie that carries a random token.
Only the token's SHA-256 is stored, so a database leak does not hand out sessions, and signing
out (or an expired row) ends the session everywhere at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets

from argon2 import Parameters, PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.accounts.accounts import hash_token
from registry.models import Account, SignInFailure, WebSession
from registry.settings import Argon2Profile, Settings
from schemas.errors import TooManyRequestsError
from schemas.errors.accounts import PasswordLengthError, WrongPasswordError

# argon2id parameters by `Settings.argon2_profile`: RFC 9106's second recommended profile
# (argon2-cffi's default: t=3, 64 MiB, 4 lanes) unless a test's own Settings ask for the cheapest.
PROFILES: dict[Argon2Profile, Parameters] = {
    "rfc-9106-low-memory": profiles.RFC_9106_LOW_MEMORY,
    "cheapest-for-tests": profiles.CHEAPEST,
}
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
SESSION_LIFETIME = dt.timedelta(hours=12)
# Wrong passwords per address (with an account or not, so the limit tells nothing) within a
# sliding window, from any number of clients; the per-client limit is `registry.web`'s.
FAILURES_PER_ADDRESS = 10
FAILURE_WINDOW = dt.timedelta(minutes=15)


@functools.cache
def _hasher(hashing: Argon2Profile) -> PasswordHasher:
    return PasswordHasher.from_parameters(PROFILES[hashing])


def password_hasher(settings: Settings) -> PasswordHasher:
    """Hashes new passwords with the settings' parameters. Verifying reads the parameters
    from the stored hash, so any hasher verifies any hash; `authenticate` then re-hashes one
    made with other parameters."""
    return _hasher(settings.argon2_profile)


@functools.cache
def _dummy_hash(hashing: Argon2Profile) -> str:
    """A hash of a random password, so that an unknown e-mail costs as much as a wrong
    password and response times do not tell which addresses have accounts."""
    return _hasher(hashing).hash(secrets.token_urlsafe(16))


def verify_password(stored: str, password: str) -> None:
    """Raise VerificationError or InvalidHashError unless `password` matches `stored` (with
    the parameters written in `stored`, whatever the settings say)."""
    _hasher("rfc-9106-low-memory").verify(stored, password)


def check_password_rules(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise PasswordLengthError(
            f"a password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters",
            field="password",
        )


def set_password(account: Account, password: str, settings: Settings) -> None:
    check_password_rules(password)
    account.password_hash = password_hasher(settings).hash(password)


async def authenticate(
    session: AsyncSession,
    settings: Settings,
    email: str,
    password: str,
    now: dt.datetime | None = None,
    *,
    known_client: bool = False,
) -> Account:
    """The account with this e-mail and password; one error for every kind of mismatch.

    After FAILURES_PER_ADDRESS wrong passwords for an address within FAILURE_WINDOW its
    sign-in answers 429 until the oldest of them is older than the window, the right
    password too (else the lock would still tell a guesser when a guess was right). Only
    failures count. So that strangers cannot lock a person out by failing on purpose, a
    `known_client` (a browser that signed in to this address before, see
    `registry.web.auth.session`) is not held by the lock; its failures still count.
    """
    now = now or dt.datetime.now(dt.UTC)
    address = email.strip().lower()
    if not known_client:
        await _check_failures(session, address, now)
    account = await session.scalar(select(Account).where(Account.email == address))
    stored = account.password_hash if account is not None else None
    hasher = password_hasher(settings)
    if not _password_matches(settings, stored, password) or account is None or stored is None:
        await _record_failure(session, address, now)
        raise WrongPasswordError("e-mail address or password is wrong")
    await session.execute(delete(SignInFailure).where(SignInFailure.email == address))
    if hasher.check_needs_rehash(stored):
        account.password_hash = hasher.hash(password)
    return account


def _password_matches(settings: Settings, stored: str | None, password: str) -> bool:
    """Checked against a dummy hash when there is none: every miss costs the same time."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        dummy = _dummy_hash(settings.argon2_profile)
        return bool(password_hasher(settings).verify(stored or dummy, password))
    except (VerificationError, InvalidHashError):
        return False


async def _check_failures(session: AsyncSession, address: str, now: dt.datetime) -> None:
    recent = (
        select(SignInFailure.created_at)
        .where(SignInFailure.email == address, SignInFailure.created_at > now - FAILURE_WINDOW)
        .order_by(SignInFailure.created_at.desc())
        .limit(FAILURES_PER_ADDRESS)
    )
    times = list(await session.scalars(recent))
    if len(times) >= FAILURES_PER_ADDRESS:
        # The lock lifts when the oldest of the last FAILURES_PER_ADDRESS leaves the window.
        wait = (min(times) + FAILURE_WINDOW - now).total_seconds()
        raise TooManyRequestsError(
            "too many wrong passwords for this address; wait before trying again",
            retryAfter=max(1, int(wait) + 1),
        )


async def _record_failure(session: AsyncSession, address: str, now: dt.datetime) -> None:
    # Tidy up as we go: failures older than the window count for nothing.
    await session.execute(
        delete(SignInFailure).where(
            SignInFailure.email == address, SignInFailure.created_at <= now - FAILURE_WINDOW
        )
    )
    session.add(SignInFailure(email=address[:254], created_at=now))
    await session.flush()


async def forget_failures(session: AsyncSession, address: str) -> None:
    """A proven new password (a reset) ends the lock of its address."""
    await session.execute(delete(SignInFailure).where(SignInFailure.email == address.lower()))


async def start_session(session: AsyncSession, account: Account, now: dt.datetime) -> str:
    """A new session for this account; returns the cookie value (shown only to the browser)."""
    token = secrets.token_urlsafe(32)
    # Tidy up as we go: this account's expired sessions are of no use to anyone.
    await session.execute(
        delete(WebSession).where(WebSession.account_id == account.id, WebSession.expires_at <= now)
    )
    session.add(
        WebSession(
            account_id=account.id,
            token_hash=hash_token(token),
            expires_at=now + SESSION_LIFETIME,
        )
    )
    await session.flush()
    return token


async def account_for_session(
    session: AsyncSession, token: str, now: dt.datetime
) -> Account | None:
    """The signed-in account, or None for an unknown or expired session."""
    if not 20 <= len(token) <= 100:
        return None
    row = await session.scalar(select(WebSession).where(WebSession.token_hash == hash_token(token)))
    if row is None or row.expires_at <= now:
        return None
    return row.account


async def end_session(session: AsyncSession, token: str) -> None:
    await session.execute(delete(WebSession).where(WebSession.token_hash == hash_token(token)))
