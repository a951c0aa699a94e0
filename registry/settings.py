"""Settings: one frozen Struct built from the environment by one function."""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

DEFAULT_VAR_DIR = Path("var")
# The argon2id parameters passwords are hashed with (`registry.accounts.signin`): RFC 9106's
# second recommended profile (t=3, 64 MiB, 4 lanes), or argon2-cffi's cheapest, for test runs
# only, where a hash then costs microseconds instead of most of a second.
Argon2Profile = Literal["rfc-9106-low-memory", "cheapest-for-tests"]


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the service needs to know about its environment."""

    database_url: str
    base_url: str = "http://127.0.0.1:8000"
    secret_key: str
    max_body_bytes: int = 1_000_000
    # Sign-in and account forms posted per minute from one address: slows password guessing.
    sign_in_per_minute: int = 20
    # Forms that send a mail (sign-up, password reset, a new confirmation link) per hour from
    # one client address: nobody uses the registry to flood someone's mailbox.
    mail_forms_per_hour: int = 30
    # Where `.eml` files go when no SMTP server is set (`<var_dir>/outbox/`).
    var_dir: str = str(DEFAULT_VAR_DIR)
    # `smtp://[user:password@]host:port[?starttls=1]`; None writes every mail as a file.
    smtp_url: str | None = None
    mail_from: str = "LLO registry <no-reply@localhost>"
    # The in-process job runner (mail, later feeds and peers). `settings_from_env` turns it on
    # unless REGISTRY_RUN_JOBS=0; a Settings built in code leaves it off, so tests and scripts
    # run jobs when they choose (`registry.jobs.run_due`).
    run_jobs: bool = False
    job_poll_seconds: float = 1.0
    # Reverse proxies (IP addresses or CIDR networks) whose X-Forwarded-For is believed; from
    # anyone else the header is ignored, so it cannot dodge the sign-in limit. Default: none.
    trusted_proxies: tuple[str, ...] = ()
    # "cheapest-for-tests" protects a leaked hash next to nothing: only a Settings built in a
    # test's code asks for it. `settings_from_env` has no variable for it, so a deployment
    # cannot choose it.
    argon2_profile: Argon2Profile = "rfc-9106-low-memory"
    # The W3C VC API (`registry.vcapi`): off unless REGISTRY_VC_API=on; off, its paths are 404.
    vc_api: bool = False
    # Feeds and directory imports may fetch from loopback addresses (never from other private
    # ones): off unless REGISTRY_FETCH_ALLOW_LOOPBACK=on (tests: their servers are on 127.0.0.1).
    fetch_allow_loopback: bool = False

    @property
    def is_https(self) -> bool:
        """Served over https: cookies are then marked Secure."""
        return self.base_url.startswith("https://")

    @property
    def host(self) -> str:
        """The host part used in `did:web` identifiers."""
        return self.base_url.split("://", 1)[-1].rstrip("/")

    @property
    def outbox_dir(self) -> Path:
        return Path(self.var_dir) / "outbox"


def _secret_from_file(var_dir: Path) -> str:
    """Read the key-encryption secret from `var/`, creating it on first run."""
    path = var_dir / "secret.key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(32)
    path.write_text(secret + "\n")
    path.chmod(0o600)
    return secret


def configured_database_url(env: Mapping[str, str] | None = None) -> str | None:
    """`REGISTRY_DATABASE_URL` when it is set; None when the default would apply."""
    env = os.environ if env is None else env
    return env.get("REGISTRY_DATABASE_URL") or None


def settings_from_env(env: Mapping[str, str] | None = None) -> Settings:
    """Build Settings from `REGISTRY_*` environment variables (DESIGN section 6)."""
    env = os.environ if env is None else env
    var_dir = Path(env.get("REGISTRY_VAR_DIR", str(DEFAULT_VAR_DIR)))
    database_url = configured_database_url(env) or f"sqlite:///{var_dir / 'registry.sqlite3'}"
    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    base_url = env.get("REGISTRY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return Settings(
        database_url=database_url,
        base_url=base_url,
        secret_key=env.get("REGISTRY_SECRET_KEY") or _secret_from_file(var_dir),
        sign_in_per_minute=int(env.get("REGISTRY_SIGN_IN_PER_MINUTE", "20")),
        mail_forms_per_hour=int(env.get("REGISTRY_MAIL_FORMS_PER_HOUR", "30")),
        var_dir=str(var_dir),
        smtp_url=env.get("REGISTRY_SMTP_URL") or None,
        mail_from=env.get("REGISTRY_MAIL_FROM")
        or f"LLO registry <no-reply@{_mail_host(base_url)}>",
        run_jobs=env.get("REGISTRY_RUN_JOBS", "1") not in {"0", "false", "no"},
        trusted_proxies=_networks(env.get("REGISTRY_TRUSTED_PROXIES", "")),
        vc_api=env.get("REGISTRY_VC_API", "off") == "on",
        fetch_allow_loopback=env.get("REGISTRY_FETCH_ALLOW_LOOPBACK", "off") == "on",
    )


def _networks(spec: str) -> tuple[str, ...]:
    """`REGISTRY_TRUSTED_PROXIES`: comma-separated addresses or networks ("10.0.0.0/8");
    a value that is neither stops the service at start rather than trusting too much."""
    return tuple(
        str(ipaddress.ip_network(item.strip(), strict=False))
        for item in spec.split(",")
        if item.strip()
    )


def _mail_host(base_url: str) -> str:
    """The site's host name for the default sender address (no port, no path)."""
    host = base_url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    named = "." in host and any(c.isalpha() for c in host)  # not an IP address
    return host if named else "localhost"
